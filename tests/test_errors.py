"""Error answers become typed errors carrying the server's message."""

from __future__ import annotations

import asyncio
import multiprocessing
import pickle
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import aiohttp
import msgspec
import pytest
from multidict import CIMultiDict, CIMultiDictProxy
from yarl import URL

from tests import bodies
from tests.bodies import NGINX_429
from tests.conftest import BASE_URL, TOKEN, MockAPI, invoke
from toggl_async import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ClientClosedError,
    ConflictError,
    DecodeError,
    InvalidArgumentError,
    InvalidTypeError,
    InvalidValueError,
    Me,
    MissingCredentialsError,
    NotFoundError,
    PaymentRequiredError,
    PermissionDeniedError,
    QuotaExceededError,
    RateLimitError,
    ResponseTooLargeError,
    ServerError,
    TogglError,
)


@pytest.mark.parametrize(
    ("status", "body", "headers", "error", "message"),
    [
        (400, '"Invalid beginning_of_week"', {}, BadRequestError, "Invalid beginning_of_week"),
        (400, "Invalid include_archived", {}, BadRequestError, "Invalid include_archived"),
        (401, "", {"X-Authorization-Missing": "true"}, AuthenticationError,
         "credentials missing from the request"),
        (403, '"Incorrect username and/or password"', {}, PermissionDeniedError,
         "Incorrect username and/or password"),
        (402, '"Request tried to utilized Premium functionality on workspace which is not '
              'Premium!"', {}, PaymentRequiredError,
         "Request tried to utilized Premium functionality on workspace which is not Premium!"),
        (404, '"could not load user data"', {}, NotFoundError, "could not load user data"),
        (409, '{"message": "conflict on save"}', {}, ConflictError, "conflict on save"),
        (429, NGINX_429, {}, RateLimitError, "429 Too Many Requests"),
        (500, "", {}, ServerError, "Internal Server Error"),
        (502, "<html><body><h1>Bad gateway</h1> upstream &amp; down</body></html>", {},
         ServerError, "Bad gateway"),
        (503, '"Service is down"', {}, ServerError, "Service is down"),
        (418, "short and stout", {}, APIStatusError, "short and stout"),
    ],
)
async def test_error_statuses_map_to_their_class_with_the_server_message(
    status: int, body: str, headers: dict[str, str], error: type[APIStatusError], message: str,
    api: MockAPI, client: Any,
) -> None:
    api.add("GET", "/me", status=status, body=body,
            headers={"X-Toggl-Request-Id": "f0e1d2c3", **headers})

    with pytest.raises(error) as caught:
        await invoke(client, "me.get")

    exc = caught.value
    assert type(exc) is error
    assert (exc.status, exc.message, exc.method, exc.url) == (status, message, "GET",
                                                              BASE_URL + "/me")
    assert exc.request_id == "f0e1d2c3"
    assert message in str(exc) and "f0e1d2c3" in str(exc) and BASE_URL + "/me" in str(exc)
    assert exc.attempts == 1


def test_the_hierarchy_lets_callers_catch_broadly() -> None:
    assert issubclass(PermissionDeniedError, AuthenticationError)
    assert issubclass(QuotaExceededError, PaymentRequiredError)
    assert issubclass(APITimeoutError, APIConnectionError)
    for cls in (APIStatusError, APIConnectionError, DecodeError):
        assert issubclass(cls, TogglError)


async def test_a_quota_402_is_told_apart_from_a_premium_402(api: MockAPI, client: Any) -> None:
    api.add("GET", "/me", status=402,
            body='"You have hit your hourly limit for API calls. The quota will reset in 133 '
                 'seconds."',
            headers={"X-Toggl-Quota-Remaining": "0", "X-Toggl-Quota-Resets-In": "133"})

    with pytest.raises(QuotaExceededError) as caught:
        await invoke(client, "me.get")

    assert caught.value.resets_in == 133
    assert "resets in 133 s" in str(caught.value)


async def test_a_429_carries_retry_after(api: MockAPI, client: Any) -> None:
    api.add("GET", "/me", status=429, body="Too Many Requests", headers={"Retry-After": "7"})

    with pytest.raises(RateLimitError) as caught:
        await invoke(client, "me.get")

    assert caught.value.retry_after == 7


@pytest.mark.parametrize(
    ("body", "headers", "words", "path"),
    [
        (b'{"id": "forty-two"}', {}, r"\$\.id.*Expected `int`, got `str`", "$.id"),
        (b'{"id": 42, "workspaces": [{"id": 1, "te_constraints": {"tag_present": 3}}]}', {},
         r"\$\.workspaces\[0\]\.te_constraints\.tag_present",
         "$.workspaces[0].te_constraints.tag_present"),
        (b'{"id": 42, "fullname": "Ada', {}, "not valid JSON", None),
        (b"<html><body>Maintenance</body></html>", {"Content-Type": "text/html"},
         "an HTML page", None),
        (b"", {}, "empty body where Me was expected", None),
        (b"[]", {}, "Expected `object`, got `array`", "$"),
        (b"null", {}, "Expected `object`, got `null`", "$"),
    ],
)
async def test_bodies_that_do_not_decode_raise_decode_error(
    body: bytes, headers: dict[str, str], words: str, path: str | None, api: MockAPI,
    client: Any,
) -> None:
    api.add("GET", "/me", body=body, headers=headers)

    with pytest.raises(DecodeError, match=words) as caught:
        await invoke(client, "me.get")

    assert caught.value.path == path and caught.value.status == 200
    assert "GET " + BASE_URL + "/me" in str(caught.value)
    assert caught.value.__cause__ is None and caught.value.__context__ is None


@pytest.mark.parametrize(
    ("exception", "error"),
    [
        (aiohttp.ClientConnectionError("Connection refused"), APIConnectionError),
        (aiohttp.ServerDisconnectedError(), APIConnectionError),
        (aiohttp.ClientPayloadError("Response payload is not completed"), APIConnectionError),
        (asyncio.TimeoutError(), APITimeoutError),
        (aiohttp.ConnectionTimeoutError(), APITimeoutError),
        (ConnectionResetError(104, "Connection reset by peer"), APIConnectionError),
    ],
)
async def test_transport_failures_are_wrapped(
    exception: BaseException, error: type[Exception], api: MockAPI, client: Any
) -> None:
    api.add("GET", "/me", exception=exception)

    with pytest.raises(error) as caught:
        await invoke(client, "me.get")

    assert type(caught.value) is error
    assert caught.value.__cause__ is exception


async def test_response_errors_holding_request_headers_are_not_chained(
    api: MockAPI, client: Any
) -> None:
    headers = CIMultiDictProxy(CIMultiDict({"Authorization": "Basic " + TOKEN}))
    info = aiohttp.RequestInfo(URL(BASE_URL), "GET", headers, URL(BASE_URL))
    api.add("GET", "/me", exception=aiohttp.ClientResponseError(info, (), status=400))

    with pytest.raises(APIConnectionError) as caught:
        await invoke(client, "me.get")

    assert caught.value.__cause__ is None and caught.value.__context__ is None
    assert TOKEN not in repr(caught.value) + str(caught.value)


async def test_the_answer_of_a_successful_update_is_decoded_too(
    api: MockAPI, client: Any
) -> None:
    api.add("PUT", "/me", body={**bodies.ME, "id": "oops"})

    with pytest.raises(DecodeError, match=r"\$\.id"):
        await invoke(client, "me.update", fullname="X")


def every_error_kind() -> list[TogglError]:
    request = {"method": "PUT", "url": BASE_URL + "/me", "attempts": 3}
    status_errors = [
        cls("server text", status=cls.status_code or 418, request_id="f0e1", **request)
        for cls in (APIStatusError, BadRequestError, AuthenticationError, PermissionDeniedError,
                    PaymentRequiredError, NotFoundError, ConflictError)
    ]
    return [
        TogglError("plain"),
        InvalidArgumentError("bad argument"),
        InvalidTypeError("since must be an int"),
        InvalidValueError("per_page must be positive"),
        ClientClosedError("closed"),
        MissingCredentialsError("no credentials"),
        APIConnectionError("reset", may_have_been_applied=True, **request),
        APITimeoutError("timed out", may_have_been_applied=True, **request),
        DecodeError("bad value", status=200, path="$.id", **request),
        ResponseTooLargeError(limit=1000, status=200, **request),
        QuotaExceededError("quota", resets_in=12.5, request_id="f0e1", **request),
        RateLimitError("slow down", retry_after=3.0, request_id="f0e1", **request),
        ServerError("down", status=503, request_id="f0e1", may_have_been_applied=True,
                    **request),
        *status_errors,
    ]


def subclasses(cls: type) -> set[type]:
    found = set()
    for sub in cls.__subclasses__():
        if sub.__module__.startswith("toggl_async"):
            found |= {sub} | subclasses(sub)
    return found


def test_every_error_kind_pickles_to_the_same_class_and_fields() -> None:
    errors = every_error_kind()
    assert subclasses(TogglError) - {type(e) for e in errors} <= {
        cls for cls in subclasses(TogglError) if cls.__name__.startswith("_")
    }

    for error in errors:
        copy = pickle.loads(pickle.dumps(error))

        assert type(copy) is type(error)
        assert vars(copy) == vars(error) and copy.args == error.args
        assert str(copy) == str(error)


async def test_an_error_from_a_call_pickles_without_its_secret_cause(
    api: MockAPI, client: Any
) -> None:
    api.add("GET", "/me", exception=ConnectionResetError(104, "Connection reset by peer"))

    with pytest.raises(APIConnectionError) as caught:
        await invoke(client, "me.get")

    pickled = pickle.dumps(caught.value)
    assert TOKEN.encode() not in pickled
    assert pickle.loads(pickled).__cause__ is None


def raise_quota_error() -> None:
    raise QuotaExceededError("quota", resets_in=12.5, method="GET", url=BASE_URL, attempts=2)


def test_an_error_raised_in_a_worker_process_reaches_the_parent_whole() -> None:
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(1, mp_context=context) as pool, pytest.raises(
        QuotaExceededError
    ) as caught:
        pool.submit(raise_quota_error).result(timeout=60)

    assert caught.value.resets_in == 12.5 and caught.value.attempts == 2


def test_models_still_pickle() -> None:
    me = msgspec.json.decode(msgspec.json.encode(bodies.ME), type=Me)

    assert pickle.loads(pickle.dumps(me)) == me
