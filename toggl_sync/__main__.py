"""``python -m toggl_sync``: the ``toggl`` command line."""

from toggl_sync._cli import main

raise SystemExit(main())
