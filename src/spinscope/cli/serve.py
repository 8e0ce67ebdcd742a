"""``spinscope serve``: the web UI and JSON API over a corpus store."""

from __future__ import annotations

import argparse
import os
import sys

from ..errors import UsageError


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "serve",
        help="serve the web UI and JSON API over the corpus",
        description="Serve the web UI (article view, search, dashboards, compare, analyze) and the JSON API "
        "(/api/…, documented at /docs) over a corpus store.",
    )
    parser.add_argument(
        "--db", metavar="URL", help="store: a SQLite file path or a SQLAlchemy URL (default: the user data dir)"
    )
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to bind (default 127.0.0.1; others need --token for writes)"
    )
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    parser.add_argument(
        "--token",
        default=os.environ.get("SPINSCOPE_TOKEN"),
        help="token that write endpoints (save, ingest, URL fetch) require (default: $SPINSCOPE_TOKEN)",
    )
    parser.add_argument(
        "--allowed-host",
        action="append",
        default=[],
        metavar="NAME",
        help="a Host name requests may carry besides the bound address (e.g. behind a reverse proxy); repeatable",
    )
    parser.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"])
    return parser


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from ..serve import ServeOptions, create_app
    from ..serve.auth import is_loopback

    if not 0 < args.port < 65536:
        raise UsageError(f"--port must be between 1 and 65535, got {args.port}")
    options = ServeOptions(
        host=args.host, token=args.token or None, allowed_hosts=tuple(args.allowed_host), warm_cache=True
    )
    app = create_app(args.db, options)
    if not is_loopback(args.host) and not options.token:
        print(
            f"spinscope: warning: serving on {args.host} without --token: write endpoints are disabled", file=sys.stderr
        )
    uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level, server_header=False)
    return 0
