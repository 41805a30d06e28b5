"""The pytest plugin's former home, for ``pytest_plugins = [...]`` lines naming it and for
environments installed before it moved: the plugin is :mod:`pytest_toggl_async`."""

from pytest_toggl_async import MARKER, pytest_configure, toggl_fake

__all__ = ["MARKER", "pytest_configure", "toggl_fake"]
