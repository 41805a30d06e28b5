from .me import MeResource
from .preferences import PreferencesClient, PreferencesResource
from .workspaces import WorkspacesResource

__all__ = ["MeResource", "PreferencesClient", "PreferencesResource", "WorkspacesResource"]
