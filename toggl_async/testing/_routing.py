"""The fake's routing table: every resource's paths, matched against a request's path.

Each resource's endpoints live in a module of their own (``_endpoints`` has /me and the
preferences), which exports ``PATHS``: (path pattern, {method: endpoint}) rows.
"""

from __future__ import annotations

import re

from . import _clients, _endpoints, _projects, _tags, _tasks, _time_entries, _workspaces
from ._endpoints import ApiError, Endpoint

ROUTES = tuple(
    (re.compile(pattern), methods)
    for module in (
        _endpoints, _time_entries, _workspaces, _projects, _clients, _tags, _tasks
    )
    for pattern, methods in module.PATHS
)


def resolve(method: str, path: str | None) -> tuple[Endpoint, dict[str, str]]:
    """The endpoint for a path relative to /api/v9 (None: outside it), or an ApiError."""
    for pattern, methods in ROUTES:
        match = pattern.fullmatch(path or "")
        if path is not None and match is not None:
            if method not in methods:
                raise ApiError(405, "Method Not Allowed", {"Allow": ", ".join(methods)})
            return methods[method], match.groupdict()
    raise ApiError(404, "Resource can not be found")
