"""The ``spinscope`` command line: parse, build an options object, call one library function.

Each subcommand lives in its own module ``spinscope.cli.<name>`` exposing
``add_parser(subparsers)`` and ``run(args) -> int``. Only this package prints or exits.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from .._version import __version__
from ..errors import SpinscopeError
from .progress import print_error

COMMANDS = ("analyze", "train", "evaluate", "ingest", "serve", "export", "batch")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser of every subcommand, or of ``only`` (start-up: importing every command's
    module pulled the store, SQLAlchemy and Alembic into ``spinscope analyze``, ~0.5 s)."""
    parser = argparse.ArgumentParser(prog="spinscope", description="See how a news article tries to persuade.")
    parser.add_argument("--version", action="version", version=f"spinscope {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in COMMANDS if only is None else (only,):
        module = importlib.import_module(f"{__name__}.{name}")
        command = module.add_parser(sub)
        command.set_defaults(_run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(argv[0] if argv and argv[0] in COMMANDS else None)
    args = parser.parse_args(argv)  # exits with status 2 on usage errors
    try:
        return int(args._run(args))
    except SpinscopeError as exc:
        print_error(exc)
        return 2 if exc.code == "usage_error" else 1
    except KeyboardInterrupt:
        print("spinscope: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
