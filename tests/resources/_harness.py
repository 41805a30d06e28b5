"""The endpoint-case harness: one ``Case`` per call, run by every resource's test module
against the mocked service and against the embedded fake, in both client styles.

A resource's module (``test_<resource>.py``) lists its ``CASES`` and parametrises two
tests over them that call ``run_mocked`` and ``run_on_fake``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from types import UnionType
from typing import Any, get_args, get_origin

import msgspec

from tests.conftest import TOKEN_AUTH, MockAPI, invoke
from toggl_async.testing import BlockingFakeToggl


@dataclass(frozen=True)
class Ref:
    """A value that differs between the mocked service and the fake (ids, a password)."""

    name: str


WORKSPACE_ID = Ref("workspace_id")
PASSWORD = Ref("password")
ALPHA_CODE = Ref("alpha_code")

MOCK_VALUES = {"workspace_id": 1234567, "password": "old-secret", "alpha_code": "new_timer"}


def resolve(value: Any, values: dict[str, Any]) -> Any:
    """``value`` with every Ref replaced, looking into tuples, lists and dicts."""
    if isinstance(value, Ref):
        return values[value.name]
    if isinstance(value, (list, tuple)):
        return type(value)(resolve(item, values) for item in value)
    if isinstance(value, dict):
        return {key: resolve(item, values) for key, item in value.items()}
    if isinstance(value, msgspec.Struct):
        fields = msgspec.structs.asdict(value)
        return msgspec.structs.replace(value, **resolve(fields, values))
    return value


def resolve_query(query: dict[str, Any], values: dict[str, Any]) -> dict[str, str]:
    """The query string ``query`` stands for: Refs resolved, a tuple or list of values
    written comma-separated (how the service reads several ids)."""
    return {
        key: ",".join(map(str, value)) if isinstance(value, (list, tuple)) else str(value)
        for key, value in resolve(query, values).items()
    }


@dataclass
class Case:
    call: str
    method: str
    path: str
    returns: Any
    """The declared return type: every answer, mocked or from the fake, must conform."""
    answer: Any = b""
    """The mocked answer."""
    check: Callable[[Any], bool | None] = lambda result: None
    """Asserts on the decoded mocked answer, or returns False when it is wrong."""
    args: tuple[Any, ...] = ()
    kwargs: dict[str, Any] = field(default_factory=dict)
    query: dict[str, Any] = field(default_factory=dict)
    sent_json: Any = None

    def __str__(self) -> str:
        return f"{self.call}{self.args or ''}{sorted(self.kwargs) or ''}"


def conforms(value: Any, expected: Any) -> bool:
    """Whether ``value`` is an instance of the type expression ``expected``."""
    if expected is None:
        return value is None
    if isinstance(expected, UnionType):
        return any(conforms(value, option) for option in get_args(expected))
    if get_origin(expected) is list:
        [item] = get_args(expected)
        return type(value) is list and all(conforms(v, item) for v in value)
    return type(value) is expected


def is_list_of(cls: type, count: int) -> Callable[[Any], None]:
    """A check that the result is a list of ``count`` ``cls`` (returns None: chain with or)."""
    def check(result: Any) -> None:
        assert isinstance(result, list) and len(result) == count
        assert all(type(item) is cls for item in result)

    return check


async def run_mocked(case: Case, api: MockAPI, client: Any, values: dict[str, Any]) -> None:
    """Answer ``case`` from a mock; check the request sent and the value returned."""
    path = case.path.format(**values)
    api.add(case.method, path, body=case.answer)

    result = await invoke(client, case.call, *resolve(case.args, values),
                          **resolve(case.kwargs, values))

    assert conforms(result, case.returns)
    assert case.check(result) is not False
    [sent] = api.sent
    assert (sent.method, sent.path, sent.query) == (
        case.method, path, resolve_query(case.query, values)
    )
    assert sent.headers["Authorization"] == TOKEN_AUTH
    assert sent.json == resolve(case.sent_json, values)
    if case.sent_json is not None:
        assert sent.headers["Content-Type"] == "application/json"


async def run_on_fake(
    case: Case, fake: BlockingFakeToggl, make_client: Any, values: dict[str, Any]
) -> None:
    """The same case against the embedded fake service: the request it received, and an
    answer of the declared type. ``values`` resolve the case's ``Ref``s for this fake."""
    account = fake.accounts[0]
    client = make_client(account.token, base_url=fake.url)
    fake.reset_stats()

    result = await invoke(client, case.call, *resolve(case.args, values),
                          **resolve(case.kwargs, values))

    assert conforms(result, case.returns)
    [sent] = fake.requests
    assert (sent.method, sent.path, sent.query) == (
        case.method, case.path.format(**values), resolve_query(case.query, values)
    )
    assert sent.token == account.token
    assert sent.json == resolve(case.sent_json, values)
