"""The fake's behaviour knobs as command-line options, shared by ``toggl --demo`` and the
standalone server (``python -m toggl_async.testing``). Only argparse here: loading it does
not load the fake."""

from __future__ import annotations

import math
from argparse import ArgumentTypeError, Namespace, _ArgumentGroup
from typing import Any


def _seconds(text: str) -> float:
    value = _number(text)
    if value < 0:
        raise ArgumentTypeError(f"expected seconds of at least 0, got {text!r}")
    return value


def _fraction(text: str) -> float:
    value = _number(text)
    if not 0 <= value <= 1:
        raise ArgumentTypeError(f"expected a fraction between 0 and 1, got {text!r}")
    return value


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 0:
        raise ArgumentTypeError(f"expected a number of at least 0, got {value}")
    return value


def _number(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ArgumentTypeError(f"expected a number, got {text!r}") from None
    if not math.isfinite(value):
        raise ArgumentTypeError(f"expected a finite number, got {text!r}")
    return value


# option -> (FakeToggl keyword, type, metavar, help)
BEHAVIOUR = {
    "--latency": ("latency", _seconds, "SECONDS", "answer each request this much later"),
    "--quota": ("quota", _count, "N", "requests per account per hour, then 402"),
    "--fail-rate": ("fail_rate", _fraction, "P", "answer this share of requests with a 5xx"),
    "--drop-rate": ("drop_rate", _fraction, "P", "drop this share of connections unanswered"),
    "--accounts": ("accounts", _count, "N", "how many accounts (tokens) it has (default 3)"),
    "--seed": ("seed", _count, "N", "another seed: other made-up data"),
}


def add_behaviour_arguments(group: _ArgumentGroup) -> None:
    for option, (keyword, kind, metavar, text) in BEHAVIOUR.items():
        group.add_argument(option, dest="fake_" + keyword, type=kind, metavar=metavar, help=text)


def behaviour(args: Namespace) -> dict[str, Any]:
    """The FakeToggl keywords of the options given."""
    given = {keyword: getattr(args, "fake_" + keyword) for keyword, *_ in BEHAVIOUR.values()}
    return {keyword: value for keyword, value in given.items() if value is not None}
