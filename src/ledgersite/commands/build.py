"""`ledgersite build BOOK --out DIR [--today YYYY-MM-DD]`: build the site."""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

from ledgersite.commands import add_book_argument, add_today_argument

log = logging.getLogger(__name__)


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `build`."""
    parser = sub.add_parser(
        "build",
        help="build the site from a book",
        description="Read the book and write the site into DIR. A failed build leaves the "
        "last good site in place. Exit 0 on success, 2 when the book cannot be used.",
    )
    add_book_argument(parser)
    parser.add_argument("--out", metavar="DIR", required=True, type=Path, help="the site folder")
    add_today_argument(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Build the site; give 0."""
    from ledgersite.config import find_config
    from ledgersite.pipeline import build

    started = time.monotonic()
    config = find_config(args.book, args.config)
    on_terminal = sys.stderr.isatty() and log.isEnabledFor(logging.INFO)
    progress = draw_progress if on_terminal else None
    report = build(args.book, args.out, config=config, today=args.today, progress=progress)
    seconds = time.monotonic() - started
    log.info(
        "Built %s: %d clients, %d pages written, %d unchanged, %d problems, %.1f s.",
        args.out,
        report.clients,
        report.written,
        report.unchanged,
        report.problems,
        seconds,
    )
    return 0


def draw_progress(done: int, total: int) -> None:
    """Draw a one-line progress bar on the terminal (only for builds long enough to need one)."""
    if total < 500 or (done % 100 and done != total):
        return
    filled = 30 * done // total
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{total} files")
    sys.stderr.write("\n" if done == total else "")
    sys.stderr.flush()
