"""The time-entry endpoints: list, read, create, start, update, bulk-edit, stop, delete."""

from __future__ import annotations

import builtins
from collections.abc import AsyncIterator, Sequence
from datetime import date, datetime, timedelta, timezone
from typing import Any, Literal

from msgspec import UNSET, UnsetType

from .. import _params as p
from .._constants import CREATED_WITH
from .._errors import (
    ConflictError,
    InvalidTypeError,
    InvalidValueError,
    NotFoundError,
    TogglError,
)
from ..models import BulkEditFailure, BulkEditOperation, BulkEditResult, TimeEntry
from ..models.time_entries import TimeEntryWrite
from ._base import BULK_EDIT_OPS, Resource

LIST_CAP = 1000
"""The most entries GET /me/time_entries returns; more in the range are left out."""
BULK_EDIT_CAP = 100
"""The most IDs one bulk edit (PATCH) takes."""


class TimeEntriesResource(Resource):
    """``toggl.time_entries``: track time, and read and edit what was tracked."""

    __slots__ = ()

    async def list(
        self,
        *,
        since: int | datetime | date | None = None,
        before: date | datetime | None = None,
        start_date: date | datetime | None = None,
        end_date: date | datetime | None = None,
        meta: bool | None = None,
        include_sharing: bool | None = None,
    ) -> builtins.list[TimeEntry]:
        """GET /me/time_entries: the user's entries, newest first, at most 1000.

        ``since``: those changed since then, deleted ones included (``server_deleted_at``
        set). ``before``: those starting before it. ``start_date``/``end_date``: those
        starting in that range; the service refuses a ``start_date`` older than about three
        months, and a date-only ``end_date`` means midnight, leaving that day out.
        ``iter`` walks a range of any size. ``meta``: with project, client and user names.
        ``include_sharing``: with ``shared_with``.
        """
        if since is not None and before is not None:
            raise InvalidValueError("time_entries.list(): give since or before, not both "
                             "(the service refuses the two together)")
        params = p.query(
            since=p.since(since),
            before=p.day_or_moment(before, "before"),
            start_date=p.day_or_moment(start_date, "start_date"),
            end_date=p.day_or_moment(end_date, "end_date"),
            meta=p.flag(meta, "meta"),
            include_sharing=p.flag(include_sharing, "include_sharing"),
        )
        return await self._list(params)

    async def _list(self, params: dict[str, str]) -> builtins.list[TimeEntry]:
        return await self._transport.request(
            "GET", "/me/time_entries", builtins.list[TimeEntry], params=params
        )

    def iter(
        self,
        *,
        start_date: date | datetime,
        end_date: date | datetime | None = None,
        meta: bool | None = None,
    ) -> AsyncIterator[TimeEntry]:
        """Every entry starting in the range, newest first, however many there are: each
        request returns at most 1000, so the range is walked back in windows ending where
        the previous answer's earliest entry starts, fetched as the iteration reaches
        them. No entry comes twice.

        ``end_date=None``: through the end of today (UTC). The service keeps this endpoint
        to about the last three months: a ``start_date`` older than that raises
        ``BadRequestError`` at the first request (the Reports API reaches further back).
        """
        if start_date is None:
            raise InvalidTypeError("time_entries.iter(): start_date is required")
        start = p.day_or_moment(start_date, "start_date")
        if end_date is None:
            end_date = datetime.now(timezone.utc).date() + timedelta(days=1)
        params = p.query(
            start_date=start,
            end_date=p.day_or_moment(end_date, "end_date"),
            meta=p.flag(meta, "meta"),
        )
        return self._windows(params)

    async def _windows(self, params: dict[str, str]) -> AsyncIterator[TimeEntry]:
        seen: set[int] = set()
        while True:
            page = await self._list(params)
            fresh = [entry for entry in page if entry.id not in seen]
            for entry in fresh:
                yield entry
            if len(page) < LIST_CAP:
                return
            if not fresh:
                raise TogglError(
                    f"more than {LIST_CAP} time entries start within one second before "
                    f"{params['end_date']}: the list endpoint cannot page past them"
                )
            seen.update(entry.id for entry in fresh)
            # The next window ends just after the earliest start seen, so entries sharing
            # that second are not lost whether the service's end is inclusive or not.
            earliest = min(entry.start for entry in page)
            params = {**params, "end_date": p.moment(earliest + timedelta(seconds=1), "start")}

    async def current(self) -> TimeEntry | None:
        """GET /me/time_entries/current: the running entry, or None when nothing runs."""
        try:
            entry: TimeEntry | None = await self._transport.request(
                "GET", "/me/time_entries/current", TimeEntry | None  # type: ignore[arg-type]
            )
        except NotFoundError:  # what the docs promise; the service answers null
            return None
        return entry

    async def get(
        self,
        time_entry_id: int,
        *,
        meta: bool | None = None,
        include_sharing: bool | None = None,
    ) -> TimeEntry:
        """GET /me/time_entries/{time_entry_id}: one entry the user can see."""
        path = f"/me/time_entries/{p.identifier(time_entry_id, 'time_entry_id')}"
        params = p.query(
            meta=p.flag(meta, "meta"), include_sharing=p.flag(include_sharing, "include_sharing")
        )
        return await self._transport.request("GET", path, TimeEntry, params=params)

    async def create(
        self,
        workspace_id: int,
        *,
        start: datetime,
        stop: datetime | UnsetType = UNSET,
        duration: int | UnsetType = UNSET,
        description: str | UnsetType | None = UNSET,
        project_id: int | UnsetType | None = UNSET,
        task_id: int | UnsetType | None = UNSET,
        tags: Sequence[str] | UnsetType = UNSET,
        tag_ids: Sequence[int] | UnsetType = UNSET,
        billable: bool | UnsetType = UNSET,
        user_id: int | UnsetType = UNSET,
        shared_with_user_ids: Sequence[int] | UnsetType = UNSET,
        created_with: str = CREATED_WITH,
        meta: bool | None = None,
    ) -> TimeEntry:
        """POST /workspaces/{workspace_id}/time_entries: a new entry from ``start`` (an
        aware datetime) to ``stop``, or lasting ``duration`` seconds (a negative one makes it
        run: see ``start()``). Given neither, the service makes it zero seconds long. Tag
        names the workspace lacks are created. Sent once: if its answer is lost the error
        says the outcome is unknown, and only a look at the entries can tell.
        """
        if stop is not UNSET and duration is not UNSET and duration >= 0:
            p.moment(start, "start"), p.moment(stop, "stop")  # type checks first
            # In whole seconds, as they are sent.
            lasts = (stop.replace(microsecond=0) - start.replace(microsecond=0)).total_seconds()
            if int(lasts) != duration:
                raise InvalidValueError(
                    f"time_entries.create(): stop is {lasts:g} s after start but duration is "
                    f"{duration} s; give one of them, or both agreeing"
                )
        return await self._write(
            "POST", _entries_path(workspace_id), "time_entries.create()", meta, None,
            workspace_id=workspace_id, created_with=created_with, start=start, stop=stop,
            duration=duration, description=description, project_id=project_id,
            task_id=task_id, tags=tags, tag_ids=tag_ids, billable=billable, user_id=user_id,
            shared_with_user_ids=shared_with_user_ids,
        )

    async def start(
        self,
        workspace_id: int,
        *,
        description: str | UnsetType | None = UNSET,
        project_id: int | UnsetType | None = UNSET,
        task_id: int | UnsetType | None = UNSET,
        tags: Sequence[str] | UnsetType = UNSET,
        billable: bool | UnsetType = UNSET,
        start: datetime | None = None,
    ) -> TimeEntry:
        """Start the timer: a running entry from now (or ``start``), created as the
        service expects one (``duration: -1``, no stop). ``stop()`` ends it.

        The service keeps one entry running per user: starting another stops it.
        """
        return await self.create(
            workspace_id, start=start or datetime.now(timezone.utc), duration=-1,
            description=description, project_id=project_id, task_id=task_id, tags=tags,
            billable=billable,
        )

    async def update(
        self,
        workspace_id: int,
        time_entry_id: int,
        *,
        description: str | UnsetType | None = UNSET,
        project_id: int | UnsetType | None = UNSET,
        task_id: int | UnsetType | None = UNSET,
        tags: Sequence[str] | UnsetType = UNSET,
        tag_ids: Sequence[int] | UnsetType = UNSET,
        tag_action: Literal["add", "delete"] | UnsetType = UNSET,
        billable: bool | UnsetType = UNSET,
        start: datetime | UnsetType = UNSET,
        stop: datetime | UnsetType = UNSET,
        duration: int | UnsetType = UNSET,
        user_id: int | UnsetType = UNSET,
        shared_with_user_ids: Sequence[int] | UnsetType = UNSET,
        meta: bool | None = None,
        include_sharing: bool | None = None,
    ) -> TimeEntry:
        """PUT /workspaces/{workspace_id}/time_entries/{time_entry_id}: change the named
        fields, and only those (``None`` clears a description, project or task).

        ``tags``/``tag_ids`` replace the entry's tags, or with ``tag_action="add"`` or
        ``"delete"`` add or remove those listed.
        """
        if tag_action is not UNSET and tags is UNSET and tag_ids is UNSET:
            raise InvalidValueError(
                "time_entries.update(): tag_action needs tags or tag_ids to act on"
            )
        path = f"{_entries_path(workspace_id)}/{p.identifier(time_entry_id, 'time_entry_id')}"
        return await self._write(
            "PUT", path, "time_entries.update()", meta, include_sharing,
            description=description, project_id=project_id, task_id=task_id, tags=tags,
            tag_ids=tag_ids, tag_action=tag_action, billable=billable, start=start, stop=stop,
            duration=duration, user_id=user_id, shared_with_user_ids=shared_with_user_ids,
        )

    async def _write(
        self,
        method: str,
        path: str,
        call: str,
        meta: bool | None,
        include_sharing: bool | None,
        **fields: Any,
    ) -> TimeEntry:
        """Send the fields given (times as RFC 3339 UTC, sequences as lists) as the body."""
        named = {key: value for key, value in fields.items() if value is not UNSET}
        for key in ("start", "stop"):
            if key in named:
                named[key] = p.moment(named[key], key)
        for key, value in named.items():
            if isinstance(value, Sequence) and not isinstance(value, (str, bytes)):
                named[key] = builtins.list(value)
        body = p.encode_update(TimeEntryWrite, named, call=call)
        params = p.query(
            meta=p.flag(meta, "meta"), include_sharing=p.flag(include_sharing, "include_sharing")
        )
        return await self._transport.request(method, path, TimeEntry, params=params, body=body)

    async def patch(
        self,
        workspace_id: int,
        time_entry_ids: Sequence[int],
        operations: Sequence[BulkEditOperation],
    ) -> BulkEditResult:
        """PATCH /workspaces/{workspace_id}/time_entries/{ids}: apply JSON-Patch
        ``operations`` to many entries, e.g.
        ``[{"op": "replace", "path": "/project_id", "value": 201899518}]``
        (``op``: ``add``, ``remove`` or ``replace``; ``add``/``remove`` on ``/tags`` take a
        list of names).

        IDs go 100 to a request, one request after another, and the results are merged. The
        service applies each ID on its own: IDs it refused are in ``failure`` with its
        reason, not raised. If a request after the first fails, its IDs and those of the
        requests not yet sent are reported in ``failure`` with the error, since the earlier
        ones are already applied.
        """
        ids = [p.identifier(entry_id, "time_entry_ids[]") for entry_id in time_entry_ids]
        if not ids:
            raise InvalidValueError("time_entries.patch(): no time_entry_ids given")
        body = p.encode_patch(operations, BULK_EDIT_OPS, call="time_entries.patch()")
        chunks = [ids[at : at + BULK_EDIT_CAP] for at in range(0, len(ids), BULK_EDIT_CAP)]
        merged = BulkEditResult()
        for done, chunk in enumerate(chunks):
            path = f"{_entries_path(workspace_id)}/{','.join(map(str, chunk))}"
            try:
                result = await self._transport.request("PATCH", path, BulkEditResult, body=body)
            except TogglError as error:
                if not done:
                    raise
                merged.failure += [
                    BulkEditFailure(id=entry_id, message=str(error))
                    for entry_id in chunk
                ] + [
                    BulkEditFailure(id=entry_id, message="not sent: an earlier request failed")
                    for later in chunks[done + 1 :]
                    for entry_id in later
                ]
                return merged
            merged.success += result.success
            merged.failure += result.failure
        return merged

    async def stop(self, workspace_id: int, time_entry_id: int) -> TimeEntry:
        """PATCH /workspaces/{workspace_id}/time_entries/{time_entry_id}/stop: stop a
        running entry now. Raises ``ConflictError`` if it is already stopped."""
        entry_id = p.identifier(time_entry_id, "time_entry_id")
        path = f"{_entries_path(workspace_id)}/{entry_id}/stop"
        try:
            return await self._transport.request("PATCH", path, TimeEntry)
        except ConflictError as error:
            raise ConflictError(
                f"time entry {entry_id}: {error.message or 'already stopped'}",
                status=error.status, method=error.method, url=error.url,
                request_id=error.request_id, attempts=error.attempts,
            ) from None

    async def delete(self, workspace_id: int, time_entry_id: int) -> None:
        """DELETE /workspaces/{workspace_id}/time_entries/{time_entry_id}. The entry then
        shows in ``list(since=...)`` with ``server_deleted_at`` set."""
        path = f"{_entries_path(workspace_id)}/{p.identifier(time_entry_id, 'time_entry_id')}"
        await self._transport.request("DELETE", path, None)


def _entries_path(workspace_id: int) -> str:
    return f"/workspaces/{p.identifier(workspace_id, 'workspace_id')}/time_entries"
