"""The /me/preferences endpoints."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any, Literal

from .. import _params as p
from .._typing import Unpack
from ..models import Preferences, PreferencesFields, PreferencesUpdate
from ._base import Resource

PreferencesClient = Literal["desktop", "web"]
CLIENTS: tuple[PreferencesClient, ...] = ("desktop", "web")


class PreferencesResource(Resource):
    """``toggl.preferences``: the user's preferences, overall or for one client app."""

    __slots__ = ()

    async def get(
        self, client: PreferencesClient | None = None, *, since: int | datetime | date | None = None
    ) -> Preferences:
        """GET /me/preferences[/{client}]: the preferences and alpha features, overall or
        those of the ``"desktop"`` or ``"web"`` client."""
        params = p.query(since=p.since(since))
        return await self._transport.request("GET", _path(client), Preferences, params=params)

    async def update(
        self,
        client: PreferencesClient | None = None,
        *,
        extra: Mapping[str, Any] | None = None,
        **fields: Unpack[PreferencesFields],
    ) -> None:
        """POST /me/preferences[/{client}]: set the named preferences, and only those.

        Fields are ``Preferences`` attribute names (``collapse_time_entries=True``), or
        their documented wire keys (``collapseTimeEntries=True``);
        ``alpha_features=[{"code": ..., "enabled": ...}]`` switches alpha features. A key
        the SDK does not know yet goes in ``extra`` under its wire name
        (``extra={"newPreference": True}``), sent as given.
        """
        body = p.encode_update(
            PreferencesUpdate, fields, call="preferences.update()",
            read_only={"tos_accept_needed": "the service sets it"}, extra=extra,
        )
        await self._transport.request("POST", _path(client), None, body=body)


def _path(client: PreferencesClient | None) -> str:
    if client is None:
        return "/me/preferences"
    return "/me/preferences/" + p.choice(client, "client", CLIENTS)
