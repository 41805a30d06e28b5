"""examples/many_workers.py runs to completion on the fake with a real redis-server (it is
checked here rather than in tests/test_examples.py, which has no Redis)."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.test_examples import EXAMPLES

from .redis_server import RedisServer


def test_many_workers_share_one_accounts_pace_and_quota(redis_server: RedisServer) -> None:
    env = {key: value for key, value in os.environ.items() if key != "TOGGL_API_TOKEN"}
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / "many_workers.py")], capture_output=True, timeout=120,
        env={**env, "TOGGL_STATE_URL": redis_server.url, "PYTHONIOENCODING": "utf-8"},
        encoding="utf-8",
    )

    lines = done.stdout.splitlines()
    assert (done.returncode, done.stderr) == (0, ""), done.stdout
    assert sum("answered (quota left:" in line for line in lines) == 6
    assert sum("refused before sending" in line for line in lines) == 3
    assert lines[-1] == (
        "The fake received 6 requests, 0 of them too fast (429), 0 over the quota (402)."
    )
