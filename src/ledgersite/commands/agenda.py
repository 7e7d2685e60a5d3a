"""`ledgersite agenda BOOK [--today YYYY-MM-DD] [--days N] --json`: the day's agenda as JSON."""

from __future__ import annotations

import argparse
import json
import sys

from ledgersite.commands import add_book_argument, add_today_argument, store_now


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `agenda`."""
    parser = sub.add_parser(
        "agenda",
        help="print the day's milestones and follow-ups as JSON",
        description="Derive the agenda (milestones, follow-ups, stay in touch, gift ideas) "
        "for a day and print it as JSON.",
    )
    add_book_argument(parser)
    add_today_argument(parser)
    parser.add_argument(
        "--days", type=int, metavar="N", help="look N days ahead (default: the store's setting)"
    )
    parser.add_argument("--json", action="store_true", required=True, help="print JSON")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the agenda; give 0."""
    from ledgersite.agenda import build_agenda, to_json
    from ledgersite.config import find_config
    from ledgersite.load import load_book

    book = load_book(args.book, find_config(args.book, args.config))
    today = args.today or store_now(book.settings.time_zone).date()
    agenda = build_agenda(book, today, days=args.days)
    json.dump(to_json(agenda), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0
