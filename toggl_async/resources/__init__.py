from typing import TYPE_CHECKING

from .._lazy import lazy_exports

if TYPE_CHECKING:
    from .clients import ClientsResource
    from .me import MeResource
    from .preferences import PreferencesClient, PreferencesResource
    from .projects import ProjectsResource
    from .reports import ReportsResource
    from .tags import TagsResource
    from .tasks import TasksResource
    from .time_entries import TimeEntriesResource
    from .workspaces import WorkspacesResource
else:
    __getattr__, __dir__ = lazy_exports(__name__, {
        ".clients": ("ClientsResource",),
        ".me": ("MeResource",),
        ".preferences": ("PreferencesClient", "PreferencesResource"),
        ".projects": ("ProjectsResource",),
        ".reports": ("ReportsResource",),
        ".tags": ("TagsResource",),
        ".tasks": ("TasksResource",),
        ".time_entries": ("TimeEntriesResource",),
        ".workspaces": ("WorkspacesResource",),
    })

__all__ = [
    "ClientsResource",
    "MeResource",
    "PreferencesClient",
    "PreferencesResource",
    "ProjectsResource",
    "ReportsResource",
    "TagsResource",
    "TasksResource",
    "TimeEntriesResource",
    "WorkspacesResource",
]
