"""The /me endpoints: the current user and everything they can see."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date, datetime

from msgspec import UNSET, UnsetType

from .. import _params as p
from .._auth import Secret, reveal
from .._constants import TASKS_PAGE_SIZE
from .._errors import AuthenticationError, DecodeError, InvalidValueError
from ..models import (
    Client,
    Location,
    Me,
    MeUpdate,
    Organization,
    Project,
    Tag,
    Task,
    TrackReminder,
    WebTimer,
    Workspace,
    WorkspaceFeatures,
)
from ._base import Resource

# The service's page size for /me/projects/paginated when none is asked for.
PROJECTS_PAGE_SIZE = 201


class MeResource(Resource):
    """``toggl.me``: the current user and what they can see."""

    __slots__ = ()

    async def get(self, *, with_related_data: bool = False) -> Me:
        """GET /me: the current user. With ``with_related_data=True`` the answer also lists
        their clients, projects, tags, tasks, time entries and workspaces."""
        related = p.flag(with_related_data, "with_related_data")
        params = p.query(with_related_data=related if with_related_data else None)
        return await self._transport.request("GET", "/me", Me, params=params)

    async def update(
        self,
        *,
        fullname: str | UnsetType = UNSET,
        email: str | UnsetType = UNSET,
        timezone: str | UnsetType = UNSET,
        beginning_of_week: int | UnsetType = UNSET,
        country_id: int | UnsetType = UNSET,
        default_workspace_id: int | UnsetType = UNSET,
        password: str | Secret[str] | UnsetType = UNSET,
        current_password: str | Secret[str] | UnsetType = UNSET,
    ) -> Me:
        """PUT /me: change the named fields of the current user, and only those.

        ``beginning_of_week``: 0 is Sunday, 1 Monday, ... A new ``password`` needs the
        ``current_password`` (either may come as a ``Secret``).
        """
        try:
            if password is not UNSET and current_password is UNSET:
                raise InvalidValueError(
                    "me.update(): changing password needs current_password too"
                )
            # Masked, and the passwords dropped from this frame, while the request runs.
            body = Secret(p.encode_update(MeUpdate, {k: v for k, v in {
                "fullname": fullname, "email": email, "timezone": timezone,
                "beginning_of_week": beginning_of_week, "country_id": country_id,
                "default_workspace_id": default_workspace_id, "password": reveal(password),
                "current_password": reveal(current_password),
            }.items() if v is not UNSET}, call="me.update()"))
        finally:
            del password, current_password
        return await self._transport.request("PUT", "/me", Me, body=body)

    async def clients(self, *, since: int | datetime | date | None = None) -> list[Client]:
        """GET /me/clients: the user's clients (changed since ``since``, deleted ones too)."""
        params = p.query(since=p.since(since))
        return await self._transport.request("GET", "/me/clients", list[Client], params=params)

    async def features(self) -> list[WorkspaceFeatures]:
        """GET /me/features: the features of each of the user's workspaces."""
        return await self._transport.request("GET", "/me/features", list[WorkspaceFeatures])

    async def location(self) -> Location | None:
        """GET /me/location: the client's IP-based location, or None when unknown."""
        location: Location | None = await self._transport.request(
            "GET", "/me/location", Location | None  # type: ignore[arg-type]
        )
        return location

    async def logged(self) -> bool:
        """GET /me/logged: whether the credentials work (True), or are refused (False)."""
        try:
            await self._transport.request("GET", "/me/logged", None)
        except AuthenticationError:
            return False
        return True

    async def organizations(self) -> list[Organization]:
        """GET /me/organizations: the organizations the user is part of."""
        return await self._transport.request("GET", "/me/organizations", list[Organization])

    async def projects(
        self, *, include_archived: bool | None = None, since: int | datetime | date | None = None
    ) -> list[Project]:
        """GET /me/projects: the user's projects (changed since ``since``, deleted ones too)."""
        params = p.query(
            include_archived=p.flag(include_archived, "include_archived"), since=p.since(since)
        )
        return await self._transport.request("GET", "/me/projects", list[Project], params=params)

    async def projects_page(
        self,
        *,
        start_project_id: int | None = None,
        since: int | datetime | date | None = None,
        per_page: int | None = None,
    ) -> list[Project]:
        """GET /me/projects/paginated: one page of projects, from ``start_project_id`` on
        (``per_page`` defaults to 201 on the service). ``iter_projects`` walks them all."""
        params = p.query(
            start_project_id=p.optional_id(start_project_id, "start_project_id"),
            since=p.since(since),
            per_page=p.optional_id(per_page, "per_page"),
        )
        return await self._transport.request(
            "GET", "/me/projects/paginated", list[Project], params=params
        )

    def iter_projects(
        self, *, since: int | datetime | date | None = None, per_page: int | None = None
    ) -> AsyncIterator[Project]:
        """Every project, fetched page by page from GET /me/projects/paginated as the
        iteration reaches it; stopping early fetches nothing more."""
        p.since(since)
        p.optional_id(per_page, "per_page")
        return self._project_pages(since, per_page)

    async def _project_pages(
        self, since: int | datetime | date | None, per_page: int | None
    ) -> AsyncIterator[Project]:
        start: int | None = None
        while True:
            page = await self.projects_page(start_project_id=start, since=since, per_page=per_page)
            for project in page:
                yield project
            if len(page) < (per_page or PROJECTS_PAGE_SIZE):
                return
            last = page[-1].id
            if last is None:
                raise DecodeError(
                    "a project without an id ends the page; cannot ask for the next one",
                    method="GET", url=self._transport.base_url + "/me/projects/paginated",
                    status=200,
                )
            start = last + 1

    async def tags(self, *, since: int | datetime | date | None = None) -> list[Tag]:
        """GET /me/tags: the user's tags (changed since ``since``, deleted ones too)."""
        params = p.query(since=p.since(since))
        return await self._transport.request("GET", "/me/tags", list[Tag], params=params)

    async def tasks(
        self,
        *,
        since: int | datetime | date | None = None,
        include_not_active: bool | None = None,
        offset: int | None = None,
        per_page: int | None = None,
        search: str | None = None,
        meta: bool | None = None,
        inbox: bool | None = None,
        include_hidden: bool | None = None,
    ) -> list[Task]:
        """GET /me/tasks: tasks of the projects the user takes part in (all of them unless
        ``per_page`` is given; ``offset`` counts items). ``iter_tasks`` walks the pages."""
        params = p.query(
            since=p.since(since),
            include_not_active=p.flag(include_not_active, "include_not_active"),
            offset=p.optional_count(offset, "offset"),
            per_page=p.optional_id(per_page, "per_page"),
            search=p.text(search, "search"),
            meta=p.flag(meta, "meta"),
            inbox=p.flag(inbox, "inbox"),
            include_hidden=p.flag(include_hidden, "include_hidden"),
        )
        return await self._transport.request("GET", "/me/tasks", list[Task], params=params)

    def iter_tasks(
        self,
        *,
        since: int | datetime | date | None = None,
        include_not_active: bool | None = None,
        per_page: int = TASKS_PAGE_SIZE,
        search: str | None = None,
    ) -> AsyncIterator[Task]:
        """Every task, fetched ``per_page`` at a time from GET /me/tasks as the iteration
        reaches them; stopping early fetches nothing more."""
        p.since(since)
        p.flag(include_not_active, "include_not_active")
        p.identifier(per_page, "per_page")
        p.text(search, "search")
        return self._task_pages(since, include_not_active, per_page, search)

    async def _task_pages(
        self,
        since: int | datetime | date | None,
        include_not_active: bool | None,
        per_page: int,
        search: str | None,
    ) -> AsyncIterator[Task]:
        offset = 0
        while True:
            page = await self.tasks(
                since=since, include_not_active=include_not_active, offset=offset,
                per_page=per_page, search=search,
            )
            for task in page:
                yield task
            if len(page) < per_page:
                return
            offset += per_page

    async def track_reminders(self) -> list[TrackReminder]:
        """GET /me/track_reminders: the reminders to track time."""
        return await self._transport.request("GET", "/me/track_reminders", list[TrackReminder])

    async def web_timer(self) -> WebTimer:
        """GET /me/web-timer: the web timer's time entries and what they refer to."""
        return await self._transport.request("GET", "/me/web-timer", WebTimer)

    async def workspaces(self, *, since: int | datetime | date | None = None) -> list[Workspace]:
        """GET /me/workspaces: the user's workspaces (changed since ``since``)."""
        params = p.query(since=p.since(since))
        return await self._transport.request(
            "GET", "/me/workspaces", list[Workspace], params=params
        )
