"""The suite asserts behaviour, not only that calls return: break the client on purpose and
the endpoint tests must fail."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec
import pytest

from toggl_async import _auth, _params, _transport

pytest_plugins = ["pytester"]

ENDPOINT_TESTS = str(Path(__file__).parent / "resources")


def drop_last_query_parameter(original: Callable[..., dict[str, str]]) -> Any:
    def query(**params: str | None) -> dict[str, str]:
        return dict(list(original(**params).items())[:-1])

    return query


def decode_untyped(original: Callable[[Any], Any]) -> Any:
    def decoder_for(response_type: Any) -> Any:
        return msgspec.json.Decoder()

    return decoder_for


def send_one_more_field(original: Callable[..., bytes]) -> Any:
    def encode_update(*args: Any, **kwargs: Any) -> bytes:
        return original(*args, **kwargs)[:-1] + b',"fullname":null}'

    return encode_update


def sign_in_as_nobody(original: Any) -> Any:
    return property(lambda self: _auth.Secret("Basic eA=="))


MUTATIONS = {
    "query parameters lost": (_params, "query", drop_last_query_parameter),
    "answers left untyped": (_transport, "decoder_for", decode_untyped),
    "updates send extra nulls": (_params, "encode_update", send_one_more_field),
    "wrong Authorization header": (_auth.Credentials, "authorization", sign_in_as_nobody),
}


def run_endpoint_tests(pytester: pytest.Pytester, *options: str) -> dict[str, int]:
    result = pytester.runpytest_inprocess(
        ENDPOINT_TESTS, "-q", "-p", "no:cacheprovider", "-k", "test_endpoint and async",
        *options,
    )
    return result.parseoutcomes()


@pytest.mark.parametrize("mutation", sorted(MUTATIONS))
def test_a_broken_client_fails_the_endpoint_tests(
    mutation: str, pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    target, name, breaker = MUTATIONS[mutation]
    monkeypatch.setattr(target, name, breaker(vars(target)[name] if isinstance(target, type)
                                               else getattr(target, name)))

    outcomes = run_endpoint_tests(pytester, "--maxfail=1")

    assert outcomes.get("failed", 0) == 1, f"{mutation}: no endpoint test noticed"


def test_the_unbroken_client_passes_them(pytester: pytest.Pytester) -> None:
    outcomes = run_endpoint_tests(pytester)

    assert outcomes.get("passed", 0) > 50 and outcomes.get("failed", 0) == 0
