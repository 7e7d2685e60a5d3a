"""`ledgersite watch BOOK --out DIR [--poll] [--serve]`: rebuild the site after each save."""

from __future__ import annotations

import argparse

from ledgersite.commands import (
    add_book_argument,
    add_out_argument,
    add_password_options,
    add_today_argument,
    site_folder,
)
from ledgersite.commands.serve import add_serve_options, start_server


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `watch`."""
    parser = sub.add_parser(
        "watch",
        help="rebuild the site whenever the book is saved",
        description="Build the site, then rebuild it each time the workbook is saved or the "
        "Google Sheet is edited. A failed rebuild keeps the last good site; the next good save "
        "puts things right. Stop with Ctrl+C.",
    )
    add_book_argument(parser)
    add_out_argument(parser)
    add_today_argument(parser)
    parser.add_argument(
        "--poll",
        action="store_true",
        help="look at the file every second instead of waiting to be told (for network drives)",
    )
    parser.add_argument(
        "--interval",
        type=float,
        default=30.0,
        metavar="SECONDS",
        help="how often to look at a Google Sheet for changes (default: 30)",
    )
    parser.add_argument("--serve", action="store_true", help="also serve the site (see 'serve')")
    add_serve_options(parser)
    add_password_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Watch and rebuild until interrupted; give 0."""
    from ledgersite.commands.build import site_key
    from ledgersite.config import find_config
    from ledgersite.errors import ConfigError
    from ledgersite.watch import make_watcher

    if args.interval < 5:
        raise ConfigError("--interval should be at least 5 seconds (Google limits how often).")
    site_folder(args.out)
    config = find_config(args.book, args.config)
    watcher = make_watcher(
        args.book,
        args.out,
        config=config,
        today=args.today,
        poll=1.0 if args.poll else None,
        interval=args.interval,
        key=site_key(args),
    )
    server = None
    if args.serve:
        args.out.mkdir(parents=True, exist_ok=True)
        server = start_server(args.out, lan=args.lan, port=args.port)
    print(f"Watching {args.book}; the site in {args.out} is updated after each save.", flush=True)
    try:
        watcher.run()
    except KeyboardInterrupt:
        watcher.stop()
    finally:
        if server is not None:
            server.shutdown()
            server.server_close()
    return 0
