"""The current user (GET/PUT /me) and their location."""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
from msgspec import UNSET, UnsetType

from ._base import SECRET_MASK, HasApiToken, Timestamp, TogglModel
from .projects import Client, Project, Tag, Task
from .time_entries import TimeEntry
from .workspaces import Workspace


class Me(HasApiToken, kw_only=True):
    """The current user. ``api_token`` is masked in the repr.

    The related lists (``clients`` ... ``workspaces``) are filled only by
    ``me.get(with_related_data=True)``, and stay ``None`` when the user has none.
    """

    # Every recorded /me body has these six, non-null: a body without one is a DecodeError.
    id: int
    email: str
    fullname: str
    timezone: str
    default_workspace_id: int
    beginning_of_week: int
    """0 is Sunday, 1 Monday, ..."""
    country_id: int | None = None
    image_url: str | None = None
    has_password: bool | None = None
    openid_enabled: bool | None = None
    openid_email: str | None = None
    oauth_providers: list[str] | None = None
    intercom_hash: str | None = None
    toggl_accounts_id: str | None = None
    options: dict[str, Any] | list[Any] | None = None
    """Documented as an object; seen as ``[]`` too."""
    created_at: Timestamp | None = None
    updated_at: Timestamp | None = None
    at: Timestamp | None = None
    authorization_updated_at: Timestamp | None = None
    toggl_accounts_updated_at: Timestamp | None = None
    clients: list[Client] | None = None
    projects: list[Project] | None = None
    tags: list[Tag] | None = None
    tasks: list[Task] | None = None
    time_entries: list[TimeEntry] | None = None
    workspaces: list[Workspace] | None = None


class Location(TogglModel):
    """GET /me/location: the client's IP-based location."""

    city: str | None = None
    city_lat_long: str | None = None
    country_code: str | None = None
    country_name: str | None = None
    state: str | None = None


_Text = Annotated[str, msgspec.Meta(min_length=1)]
_Id = Annotated[int, msgspec.Meta(gt=0)]


class MeUpdate(msgspec.Struct, kw_only=True, omit_defaults=True, gc=False):
    """The body of PUT /me: only the fields that were set are sent."""

    fullname: _Text | UnsetType = UNSET
    email: _Text | UnsetType = UNSET
    timezone: _Text | UnsetType = UNSET
    beginning_of_week: Annotated[int, msgspec.Meta(ge=0, le=6)] | UnsetType = UNSET
    country_id: _Id | UnsetType = UNSET
    default_workspace_id: _Id | UnsetType = UNSET
    password: _Text | UnsetType = UNSET
    current_password: _Text | UnsetType = UNSET

    def __repr__(self) -> str:
        fields = (
            f"{name}={SECRET_MASK if 'password' in name else value!r}"
            for name, value in msgspec.structs.asdict(self).items()
            if value is not UNSET
        )
        return f"MeUpdate({', '.join(fields)})"
