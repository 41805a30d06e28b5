"""The /me/preferences endpoints."""

from __future__ import annotations

from typing import Any, Literal

from .. import _params as p
from ..models import Preferences, PreferencesUpdate
from ._base import Resource

PreferencesClient = Literal["desktop", "web"]
CLIENTS: tuple[PreferencesClient, ...] = ("desktop", "web")


class PreferencesResource(Resource):
    """``toggl.preferences``: the user's preferences, overall or for one client app."""

    __slots__ = ()

    async def get(
        self, client: PreferencesClient | None = None, *, since: p.Since = None
    ) -> Preferences:
        """GET /me/preferences[/{client}]: the preferences and alpha features, overall or
        those of the ``"desktop"`` or ``"web"`` client."""
        params = p.query(since=p.since(since))
        return await self._transport.request("GET", _path(client), Preferences, params=params)

    async def update(self, client: PreferencesClient | None = None, **fields: Any) -> None:
        """POST /me/preferences[/{client}]: set the named preferences, and only those.

        Fields are ``Preferences`` attribute names (``collapse_time_entries=True``);
        ``alpha_features=[{"code": ..., "enabled": ...}]`` switches alpha features.
        """
        body = p.encode_update(
            PreferencesUpdate, fields, call="preferences.update()",
            read_only={"tos_accept_needed": "the service sets it"},
        )
        await self._transport.request("POST", _path(client), None, body=body)


def _path(client: PreferencesClient | None) -> str:
    if client is None:
        return "/me/preferences"
    return "/me/preferences/" + p.choice(client, "client", CLIENTS)
