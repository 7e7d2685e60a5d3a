"""The `ledgersite` command: parse options, set up logging, call one core function.

Exit codes: 0 success; 1 the book has errors (check --strict: or warnings); 2 the book or
settings cannot be used; 130 interrupted; 141 the output's reader stopped reading (`| head`),
as the shell reports a program ended by SIGPIPE. Messages go to stderr in plain English.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
import threading
from collections.abc import Sequence
from typing import NoReturn

from ledgersite import __version__
from ledgersite.commands import agenda, build, check, init, serve, watch
from ledgersite.errors import LedgersiteError

COMMANDS = (check, build, agenda, watch, serve, init)
#: The exit code when the output's reader stopped reading: the shell's for a SIGPIPE death.
READER_GONE = 128 + 13


def make_parser() -> argparse.ArgumentParser:
    """Give the parser with every sub-command registered."""
    parser = argparse.ArgumentParser(
        prog="ledgersite",
        description="Turn a jeweler's client book (Excel, Google Sheet, ODS, CSV) into a site.",
    )
    parser.add_argument("--version", action="version", version=f"ledgersite {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        command.add_parser(sub)
    # Before the command or after it: "ledgersite -q build" and "ledgersite build -q".
    for each in (parser, *sub.choices.values()):
        default = False if each is parser else argparse.SUPPRESS
        each.add_argument("-v", "--verbose", action="store_true", default=default,
                          help="log more detail")
        each.add_argument("-q", "--quiet", action="store_true", default=default,
                          help="log only problems")
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
    except BrokenPipeError:
        _discard_output()
        return READER_GONE
    return code


def _discard_output() -> None:
    """Point standard output at devnull, as its reader is gone.

    Python flushes it on the way out, which would otherwise fail once more.
    """
    with contextlib.suppress(OSError, ValueError):  # e.g. stdout replaced by a test's capture
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def run() -> NoReturn:
    """Run the command line as the `ledgersite` program, then end the process at once.

    A build leaves the whole book and its pages' data behind, which Python would otherwise
    free object by object on the way out (0.13 s at 10,000 clients) only for the system to
    take the memory back anyway. Every file the command wrote is closed by the time `main`
    returns; the log and the output streams are flushed here. Should a thread of ours still be
    at work, Python's own exit waits for it.
    """
    code = main()
    main_thread = threading.main_thread()
    if any(t is not main_thread and not t.daemon for t in threading.enumerate()):
        raise SystemExit(code)
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BrokenPipeError:  # piped to a program that stopped reading, e.g. `head`
            code = READER_GONE
        except OSError:
            pass
    os._exit(code)
