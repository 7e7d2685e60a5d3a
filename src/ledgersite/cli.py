"""The `ledgersite` command: parse options, set up logging, call one core function.

Exit codes: 0 success; 1 the book has errors (check --strict: or warnings); 2 the book or
settings cannot be used; 130 interrupted. Messages go to stderr in plain English.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from ledgersite import __version__
from ledgersite.commands import agenda, build, check, init, serve, watch
from ledgersite.errors import LedgersiteError

COMMANDS = (check, build, agenda, watch, serve, init)


def make_parser() -> argparse.ArgumentParser:
    """Give the parser with every sub-command registered."""
    parser = argparse.ArgumentParser(
        prog="ledgersite",
        description="Turn a jeweler's client book (Excel, Google Sheet, ODS, CSV) into a site.",
    )
    parser.add_argument("--version", action="version", version=f"ledgersite {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log more detail")
    parser.add_argument("-q", "--quiet", action="store_true", help="log only problems")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        command.add_parser(sub)
    return parser


def setup_logging(verbose: bool, quiet: bool) -> None:
    """Log plain lines to stderr: no colour, no timestamps (cron adds its own)."""
    level = logging.DEBUG if verbose else logging.WARNING if quiet else logging.INFO
    logging.basicConfig(level=level, format="%(message)s", stream=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; give the exit code."""
    parser = make_parser()
    args = parser.parse_args(argv)
    setup_logging(args.verbose, args.quiet)
    try:
        code: int = args.run(args)
    except LedgersiteError as err:
        print(f"ledgersite: {err}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        return 130
    return code
