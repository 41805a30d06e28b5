from .me import MeResource
from .preferences import PreferencesClient, PreferencesResource
from .reports import ReportsResource
from .workspaces import WorkspacesResource

__all__ = ["MeResource", "PreferencesClient", "PreferencesResource", "ReportsResource",
           "WorkspacesResource"]
