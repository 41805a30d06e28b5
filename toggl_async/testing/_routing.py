"""The fake's routing table: every resource's paths, matched against a request's path.

Each resource's endpoints live in a module of their own (``_endpoints`` has /me and the
preferences), which exports ``PATHS``: (path pattern, {method: endpoint}) rows, relative to
its ``BASE_PATH`` (``/api/v9`` when the module names none; the reports' is
``/reports/api/v3``).
"""

from __future__ import annotations

import re

from . import _clients, _endpoints, _projects, _reports, _tags, _tasks, _time_entries, _workspaces
from ._endpoints import ApiError, Endpoint

API_PATH = "/api/v9"

ROUTES = tuple(
    (getattr(module, "BASE_PATH", API_PATH), re.compile(pattern), methods)
    for module in (
        _endpoints, _time_entries, _workspaces, _projects, _clients, _tags, _tasks, _reports
    )
    for pattern, methods in module.PATHS
)
BASE_PATHS = tuple(sorted({base for base, _, _ in ROUTES}))


def split_path(path: str) -> tuple[str, str] | None:
    """The API root ``path`` lies under and the path relative to it; None: under none."""
    for base in BASE_PATHS:
        if path.startswith(base + "/"):
            return base, path[len(base) :]
    return None


def resolve(method: str, located: tuple[str, str] | None) -> tuple[Endpoint, dict[str, str]]:
    """The endpoint for a (root, relative path) from ``split_path``, or an ApiError."""
    for base, pattern, methods in ROUTES:
        match = pattern.fullmatch(located[1]) if located and located[0] == base else None
        if match is not None:
            if method not in methods:
                raise ApiError(405, "Method Not Allowed", {"Allow": ", ".join(methods)})
            return methods[method], match.groupdict()
    raise ApiError(404, "Resource can not be found")
