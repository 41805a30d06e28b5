from .clients import ClientsResource
from .me import MeResource
from .preferences import PreferencesClient, PreferencesResource
from .projects import ProjectsResource
from .tags import TagsResource
from .tasks import TasksResource
from .workspaces import WorkspacesResource

__all__ = [
    "ClientsResource",
    "MeResource",
    "PreferencesClient",
    "PreferencesResource",
    "ProjectsResource",
    "TagsResource",
    "TasksResource",
    "WorkspacesResource",
]
