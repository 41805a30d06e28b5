"""``python -m toggl_async.testing``: the fake Toggl service as a standalone server, for
any language or tool. It prints its URL and a demo token, and serves until interrupted."""

from __future__ import annotations

import asyncio
import sys
from argparse import ArgumentParser
from collections.abc import Sequence

from ._options import add_behaviour_arguments, behaviour


def build_parser() -> ArgumentParser:
    parser = ArgumentParser(
        prog="python -m toggl_async.testing",
        description="Serve the fake Toggl Track API v9 (made-up data) until interrupted.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="default: %(default)s")
    parser.add_argument("--port", type=int, default=0, help="default: any free port")
    parser.add_argument(
        "--rate-limit", type=float, metavar="PER_SECOND",
        help="answer 429 above this many requests per second per account",
    )
    add_behaviour_arguments(parser.add_argument_group("behaviour"))
    return parser


async def serve(host: str, port: int, options: dict[str, object]) -> None:
    from ._fake import FakeToggl

    async with FakeToggl(host=host, port=port, **options) as fake:  # type: ignore[arg-type]
        print(f"Fake Toggl API v9 at {fake.url}", flush=True)
        print(f"Demo API token: {fake.token}", flush=True)
        for n, token in enumerate(fake.tokens[1:], 2):
            print(f"Account {n} token: {token}", flush=True)
        print("Ctrl-C stops it.", file=sys.stderr, flush=True)
        await asyncio.Event().wait()


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    options = behaviour(args)
    if args.rate_limit is not None:
        options["rate_limit"] = args.rate_limit
    try:
        asyncio.run(serve(args.host, args.port, options))
    except KeyboardInterrupt:
        return 0
    except (OSError, ValueError) as exc:
        print(f"python -m toggl_async.testing: error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
