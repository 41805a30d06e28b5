"""Blocking client for the Toggl Track API v9: ``Toggl`` is ``toggl_async.AsyncToggl``
without ``await``, for scripts, threads and notebooks; ``fan_out`` and ``iter_fan_out``
are the blocking forms of their async namesakes.

Each ``Toggl`` runs its ``AsyncToggl`` on an event loop in a thread of its own. Everything
else ``toggl_async`` exports (errors, models, ``Credentials``...) is re-exported as the
very same objects.
"""

from typing import TYPE_CHECKING

from toggl_async._lazy import lazy_exports

from ._generated import __all__ as __all__

if TYPE_CHECKING:
    from ._generated import *  # noqa: F403
else:
    # Like toggl_async's, the re-exported names load on first use.
    __getattr__, __dir__ = lazy_exports(__name__, {"._generated": __all__})
