"""Benchmarks of toggl_async and toggl_sync: ``python -m benchmarks [--quick]``.

Not part of the installed package and not run by CI; see benchmarks/README.md.
"""
