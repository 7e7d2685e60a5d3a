"""`ledgersite build BOOK --out DIR [--today YYYY-MM-DD] [--password]`: build the site."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from typing import TYPE_CHECKING

from ledgersite.commands import (
    add_book_argument,
    add_out_argument,
    add_password_options,
    add_today_argument,
    counted,
    site_folder,
)
from ledgersite.errors import LedgersiteError

if TYPE_CHECKING:
    from ledgersite.config import Config
    from ledgersite.site.seal import SiteKey

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
    add_out_argument(parser)
    add_today_argument(parser)
    add_password_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Build the site; give 0."""
    from ledgersite.config import find_config

    started = time.monotonic()
    site_folder(args.out)
    config = find_config(args.book, args.config)
    if not (args.password or args.password_file or args.no_password) and _up_to_date(args, config):
        log.info("%s is up to date: the book has not changed since the last build (%.2f s).",
                 args.out, time.monotonic() - started)
        return 0

    from ledgersite.pipeline import build

    on_terminal = sys.stderr.isatty() and log.isEnabledFor(logging.INFO)
    progress = draw_progress if on_terminal else None
    key = site_key(args)
    try:
        report = build(
            args.book, args.out, config=config, today=args.today, progress=progress, key=key
        )
    except LedgersiteError:
        log.error("The site was not updated; the last good one stays in place.")
        raise
    seconds = time.monotonic() - started
    log.info(
        "Built %s: %s, %s written, %d unchanged, %s, %.1f s.",
        args.out,
        counted(report.clients, "client"),
        counted(report.written, "page"),
        report.unchanged,
        counted(report.problems, "problem"),
        seconds,
    )
    return 0


def _up_to_date(args: argparse.Namespace, config: Config) -> bool:
    """Give whether the site is already built from this very book (see `ledgersite.freshness`)."""
    from ledgersite.buildlock import build_lock
    from ledgersite.freshness import up_to_date

    with build_lock(args.out):
        return up_to_date(args.out, args.book, config=config, today=args.today)


def site_key(args: argparse.Namespace) -> SiteKey | None:
    """Give the key to lock the site with, or None for an open site; refuse to unlock by mistake."""
    from ledgersite.site.seal import forget_password, read_password, refuse_to_unlock
    from ledgersite.site.seal import site_key as derive_site_key

    if args.password or args.password_file is not None:
        return derive_site_key(args.out, read_password(os.environ, args.password_file))
    if args.no_password:
        forget_password(args.out)
    refuse_to_unlock(args.out)
    return None


def draw_progress(done: int, total: int) -> None:
    """Draw a one-line progress bar on the terminal (only for builds long enough to need one)."""
    if total < 500 or (done % 100 and done != total):
        return
    filled = 30 * done // total
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{total} files")
    sys.stderr.write("\n" if done == total else "")
    sys.stderr.flush()
