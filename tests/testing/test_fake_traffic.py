"""Auth, quota, rate limit, random faults, scripted injections and traffic statistics."""

from __future__ import annotations

import asyncio
import re
import time

import aiohttp
import pytest

REQUEST_ID = re.compile(r"[0-9a-f]{32}")

# -- auth -----------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_token_and_email_password_auth(api):
    for index, account in enumerate(api.fake.accounts):
        by_token = await api.get("/me", account=index)
        by_password = await api.get(
            "/me", account=None, headers=api.basic(account.email.upper(), account.password)
        )
        assert by_token.status == by_password.status == 200
        assert by_token.json()["id"] == by_password.json()["id"] == account.user_id
    assert api.fake.tokens == [account.token for account in api.fake.accounts]


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "authorization",
    [
        "Basic " + "bm9ib2R5OmFwaV90b2tlbg==",  # nobody:api_token
        "Basic !!!not-base64!!!",
        "Bearer 0123456789abcdef",
        "",
    ],
)
async def test_wrong_credentials_answer_403(api, authorization):
    reply = await api.get("/me", account=None, headers={"Authorization": authorization})
    assert reply.status == 403
    assert reply.headers["Content-Type"] == "application/json; charset=utf-8"
    assert reply.json() == "Incorrect username and/or password"


@pytest.mark.asyncio
async def test_wrong_password_or_token_password_answer_403(api):
    account = api.fake.accounts[0]
    for user, password in ((account.email, "wrong"), (account.token, "x"), ("", "api_token")):
        reply = await api.get("/me", account=None, headers=api.basic(user, password))
        assert reply.status == 403


@pytest.mark.asyncio
async def test_missing_authorization_answers_401_with_empty_body(api):
    reply = await api.get("/me/projects", account=None)
    assert reply.status == 401
    assert reply.body == b""
    assert reply.headers["X-Authorization-Missing"] == "true"


@pytest.mark.asyncio
async def test_every_answer_has_a_request_id(api):
    replies = [
        await api.get("/me"),
        await api.get("/me", account=None),
        await api.get("/nowhere"),
        await api.get("/me/logged"),
    ]
    ids = [reply.headers["X-Toggl-Request-Id"] for reply in replies]
    assert all(REQUEST_ID.fullmatch(request_id) for request_id in ids)
    assert len(set(ids)) == len(ids)


@pytest.mark.asyncio
async def test_requests_are_recorded_without_credentials(api):
    account = api.fake.accounts[1]
    await api.put("/me", account=1, params={"x": "1"}, json={"fullname": "G. Hopper"})
    await api.get("/me", account=None, headers=api.basic(account.email, account.password))
    await api.get("/me", account=None)
    put, by_password, anonymous = api.fake.requests
    assert (put.method, put.path, put.query, put.status) == ("PUT", "/me", {"x": "1"}, 200)
    assert put.json == {"fullname": "G. Hopper"}
    assert put.body == b'{"fullname": "G. Hopper"}'
    assert (put.token, put.email) == (account.token, account.email)
    assert (by_password.token, by_password.email) == (account.token, account.email)
    assert (anonymous.token, anonymous.email, anonymous.status) == (None, None, 401)
    for record in api.fake.requests:
        assert account.password not in repr(record)
        assert "Basic" not in repr(record)


# -- quota and rate limit -------------------------------------------------------------------


@pytest.mark.asyncio
async def test_hourly_quota(serve):
    async with serve(quota=3) as api:
        replies = [await api.get("/me") for _ in range(3)]
        assert [r.headers["X-Toggl-Quota-Remaining"] for r in replies] == ["2", "1", "0"]
        assert all(3590 <= int(r.headers["X-Toggl-Quota-Resets-In"]) <= 3600 for r in replies)
        over = await api.get("/me/logged")
        assert over.status == 402
        assert over.headers["X-Toggl-Quota-Remaining"] == "0"
        assert 0 < int(over.headers["X-Toggl-Quota-Resets-In"]) <= 3600
        assert "hourly limit" in over.json()
        # Other accounts have their own quota; failed auth has no account to report on.
        assert (await api.get("/me", account=1)).headers["X-Toggl-Quota-Remaining"] == "2"
        assert "X-Toggl-Quota-Remaining" not in (await api.get("/me", account=None)).headers


@pytest.mark.asyncio
async def test_quota_window_resets(serve):
    async with serve(quota=1, quota_window=0.1) as api:
        assert (await api.get("/me")).status == 200
        assert (await api.get("/me")).status == 402
        await asyncio.sleep(0.12)
        reply = await api.get("/me")
        assert (reply.status, reply.headers["X-Toggl-Quota-Remaining"]) == (200, "0")


@pytest.mark.asyncio
async def test_rate_limit_is_per_account(serve):
    async with serve(rate_limit=10, quota=10) as api:
        assert (await api.get("/me")).status == 200
        throttled = await api.get("/me")
        assert throttled.status == 429
        assert throttled.headers["Retry-After"] == "1"
        assert throttled.headers["Content-Type"].startswith("text/plain")
        assert throttled.body == b"Too Many Requests"
        # A refused request is not charged to the quota.
        assert throttled.headers["X-Toggl-Quota-Remaining"] == "9"
        assert (await api.get("/me", account=1)).status == 200
        await asyncio.sleep(0.1)
        assert (await api.get("/me")).status == 200


@pytest.mark.asyncio
async def test_rate_limit_html_page(serve):
    async with serve(rate_limit=1, rate_limit_html=True) as api:
        await api.get("/me")
        throttled = await api.get("/me")
        assert throttled.status == 429
        assert throttled.headers["Content-Type"] == "text/html"
        assert b"<center><h1>429 Too Many Requests</h1></center>" in throttled.body
        assert b"nginx" in throttled.body
        assert int(throttled.headers["Retry-After"]) >= 1


@pytest.mark.asyncio
async def test_paced_client_is_never_throttled(serve):
    async with serve(rate_limit=20) as api:
        statuses = []
        for _ in range(4):
            statuses.append((await api.get("/me/logged")).status)
            await asyncio.sleep(0.05)
        assert statuses == [200] * 4


# -- random faults and latency --------------------------------------------------------------


async def _statuses(serve, count, **options):
    async with serve(**options) as api:
        return [(await api.get("/me/logged")).status for _ in range(count)]


@pytest.mark.asyncio
async def test_fail_rate_is_seeded(serve):
    always = await _statuses(serve, 20, fail_rate=1.0, accounts=1)
    assert set(always) == {500, 502, 503}
    half = await _statuses(serve, 20, fail_rate=0.5, seed=7, accounts=1)
    assert 200 in half
    assert set(half) > {200}
    assert await _statuses(serve, 20, fail_rate=0.5, seed=7, accounts=1) == half
    assert await _statuses(serve, 20, fail_rate=0.5, seed=8, accounts=1) != half


@pytest.mark.asyncio
async def test_server_error_bodies(serve):
    async with serve(fail_rate=1.0) as api:
        seen = {}
        while len(seen) < 3:
            reply = await api.get("/me")
            seen[reply.status] = reply
        assert seen[500].json() == "Internal Server Error"
        assert b"502 Bad Gateway" in seen[502].body
        assert seen[503].headers["Content-Type"].startswith("text/plain")


@pytest.mark.asyncio
async def test_drop_rate_closes_connections(serve):
    async with serve(drop_rate=1.0) as api:
        with pytest.raises(aiohttp.ServerDisconnectedError):
            await api.get("/me")
        assert api.fake.requests[-1].status is None


@pytest.mark.asyncio
async def test_latency(serve):
    async with serve(latency=0.1) as api:
        started = time.perf_counter()
        await asyncio.gather(*(api.get("/me/logged") for _ in range(5)))
        assert 0.1 <= time.perf_counter() - started < 0.3
        assert api.fake.peak_in_flight == 5
        assert api.fake.in_flight == 0


# -- injections -----------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_inject_status_matches_method_and_path(api):
    injection = api.fake.inject(method="get", path="/me", status=503, times=2)
    assert (await api.get("/me/tags")).status == 200
    assert (await api.put("/me", json={})).status == 200
    first = await api.get("/me")
    assert injection.remaining == 1
    assert api.fake.pending_injections == [injection]
    second = await api.get("/me", params={"with_related_data": "true"})
    assert [first.status, second.status] == [503, 503]
    assert first.json() == "Service Unavailable"
    assert REQUEST_ID.fullmatch(first.headers["X-Toggl-Request-Id"])
    assert (await api.get("/me")).status == 200
    assert api.fake.pending_injections == []


@pytest.mark.asyncio
async def test_injections_are_fifo(api):
    api.fake.inject(status=500)
    api.fake.inject(status=502)
    api.fake.inject(path="me/logged", status=504)  # the leading slash is optional
    api.fake.inject(path="/api/v9/me/logged?x=1", status=404)
    assert (await api.get("/me/logged")).status == 500
    assert (await api.get("/me/logged")).status == 502
    assert (await api.get("/me/logged")).status == 504
    assert (await api.get("/me/logged")).status == 404
    api.fake.inject(status=500)
    api.fake.clear_injections()
    assert (await api.get("/me/logged")).status == 200


@pytest.mark.asyncio
async def test_inject_custom_answer(api):
    page = "<html><body>slow down</body></html>"
    api.fake.inject(status=429, headers={"Retry-After": "1"}, body=page, content_type="text/html")
    reply = await api.get("/me")
    assert reply.status == 429
    assert reply.headers["Retry-After"] == "1"
    assert reply.headers["Content-Type"] == "text/html"
    assert reply.body == page.encode()


@pytest.mark.asyncio
async def test_inject_raw_body_answers_200(api):
    api.fake.inject(body=b'{"id": 1, "broken": ')
    reply = await api.get("/me")
    assert (reply.status, reply.body) == (200, b'{"id": 1, "broken": ')


@pytest.mark.asyncio
async def test_inject_headers_only_keeps_the_real_answer(api):
    api.fake.inject(headers={"X-Extra": "yes"})
    reply = await api.get("/me")
    assert (reply.status, reply.headers["X-Extra"]) == (200, "yes")
    assert reply.json()["id"] == api.fake.accounts[0].user_id


@pytest.mark.asyncio
async def test_inject_drop(api):
    # aiohttp quietly retries an idempotent request once after a dropped connection.
    api.fake.inject(drop=True)
    assert (await api.get("/me")).status == 200
    assert [record.status for record in api.fake.requests] == [None, 200]
    api.fake.inject(drop=True, times=2)
    with pytest.raises(aiohttp.ServerDisconnectedError):
        await api.get("/me")
    api.fake.inject(method="POST", drop=True)
    with pytest.raises(aiohttp.ServerDisconnectedError):
        await api.post("/me/preferences", json={"theme": "light"})
    assert [record.status for record in api.fake.requests] == [None, 200, None, None, None]


@pytest.mark.asyncio
@pytest.mark.parametrize("path", ["/me/projects", "/me/logged"])
async def test_inject_truncate(api, path):
    api.fake.inject(truncate=True)
    async with api.session.get(
        api.fake.url + path, headers={"Authorization": api.fake.accounts[0].authorization}
    ) as response:
        assert response.status == 200
        promised = int(response.headers["Content-Length"])
        assert promised > 0
        with pytest.raises(aiohttp.ClientPayloadError):
            await response.read()
    assert api.fake.requests[-1].status == 200


@pytest.mark.asyncio
async def test_inject_delay_and_in_flight(api, until):
    api.fake.inject(delay=0.1)
    started = time.perf_counter()
    slow = asyncio.ensure_future(api.get("/me/logged"))
    await until(lambda: api.fake.in_flight == 1)
    assert (await slow).status == 200
    assert time.perf_counter() - started >= 0.1
    assert api.fake.in_flight == 0


@pytest.mark.asyncio
async def test_injection_argument_checks(api):
    with pytest.raises(ValueError, match="times"):
        api.fake.inject(status=500, times=0)
    with pytest.raises(ValueError, match="delay"):
        api.fake.inject(delay=-1)


# -- statistics -----------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_connections_and_reset(api):
    for _ in range(3):
        await api.get("/me/logged")
    assert (api.fake.request_count, api.fake.connections) == (3, 1)  # one kept-alive connection
    api.fake.reset_stats()
    assert (api.fake.request_count, api.fake.connections, api.fake.peak_in_flight) == (0, 0, 0)
    assert api.fake.requests == []
    connector = aiohttp.TCPConnector(force_close=True)
    async with aiohttp.ClientSession(connector=connector) as session:
        for _ in range(3):
            async with session.get(api.fake.url + "/me/logged") as response:
                await response.read()
    assert (api.fake.request_count, api.fake.connections) == (3, 3)
