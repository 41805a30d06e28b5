"""What ``import toggl_sync`` loads: nothing that only some calls need."""

from __future__ import annotations

import subprocess
import sys

# Loaded when used: html for HTML error pages, difflib for a misspelt field's hint, the
# CLI for the `toggl` command.
LOADED_WHEN_USED = ("html", "difflib", "toggl_sync._cli")


def test_import_leaves_out_what_only_some_calls_need() -> None:
    probe = "import sys, toggl_sync; print('\\n'.join(sorted(sys.modules)))"
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.split()
    assert "toggl_sync" in loaded
    assert [m for m in loaded if m.startswith(LOADED_WHEN_USED)] == []
