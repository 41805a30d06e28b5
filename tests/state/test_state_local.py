"""The in-process state (the default): a quota known to be spent stops the next request
before it is sent, until the reset."""

from __future__ import annotations

import pytest

from toggl_async import AsyncToggl, QuotaExceededError
from toggl_async.testing import FakeToggl


async def test_a_spent_quota_raises_without_sending_until_it_resets() -> None:
    async with FakeToggl(accounts=1, quota=2, quota_window=1.0) as fake, AsyncToggl(
        fake.token, base_url=fake.url, rate_limit=None
    ) as toggl:
        await toggl.me.get()
        await toggl.me.get()
        assert toggl.quota.remaining == 0

        with pytest.raises(QuotaExceededError, match="not sent") as refused:
            await toggl.me.get()
        assert fake.request_count == 2
        assert refused.value.resets_in is not None and 0 < refused.value.resets_in <= 1.0

        await toggl.with_options(quota_wait=2).me.get()  # waits for the reset, then sends
        assert fake.request_count == 3
