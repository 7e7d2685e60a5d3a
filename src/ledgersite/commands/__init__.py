"""One module per sub-command: `add_parser(sub)` declares its options, `run(args)` does it."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ledgersite.errors import ConfigError


def add_book_argument(parser: argparse.ArgumentParser) -> None:
    """Add BOOK and --config, shared by every command that reads a book."""
    parser.add_argument(
        "book", metavar="BOOK", help="the workbook, a folder of CSV files, or a Google Sheet URL"
    )
    parser.add_argument("--config", metavar="FILE", help="settings file (default: ledgersite.toml)")


def counted(number: int, noun: str) -> str:
    """Give "1 client", "2 clients", "10,000 clients"."""
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def add_out_argument(parser: argparse.ArgumentParser) -> None:
    """Add --out, the site folder of `build` and `watch`."""
    parser.add_argument("--out", metavar="DIR", required=True, type=Path, help="the site folder")


def site_folder(out: Path) -> Path:
    """Give `out` when it is a folder or not there yet; raise `ConfigError` for a file."""
    if out.exists() and not out.is_dir():
        raise ConfigError(
            f"{out} is a file, not a folder: after --out, give a folder for the site (it is"
            " made if it is not there yet)."
        )
    return out


def add_today_argument(parser: argparse.ArgumentParser) -> None:
    """Add --today, so any day can be looked at (and tests need no clock)."""
    parser.add_argument(
        "--today", metavar="YYYY-MM-DD", type=parse_today, help="act as if today were this day"
    )


def parse_today(text: str) -> dt.date:
    """Give the date in `text` (YYYY-MM-DD) or tell argparse it is not one."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-03-14") from None


def store_now(time_zone: str) -> dt.datetime:
    """Give the current time in the store's time zone."""
    try:
        zone = ZoneInfo(time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            f"The time zone {time_zone!r} in Settings is not known: use a name like Europe/London."
        ) from None
    return dt.datetime.now(zone)


def add_password_options(parser: argparse.ArgumentParser) -> None:
    """Add --password, --password-file and --no-password (see `ledgersite.site.seal`)."""
    locking = parser.add_mutually_exclusive_group()
    locking.add_argument(
        "--password", action="store_true",
        help="lock the site with the password in the LEDGERSITE_PASSWORD environment variable "
        "(never typed on the command line, so it stays out of the shell history)",
    )
    locking.add_argument(
        "--password-file", metavar="FILE",
        type=Path,
        help="lock the site with the password on the first line of FILE",
    )
    locking.add_argument(
        "--no-password", action="store_true",
        help="build a locked site without its password again (anyone with the files can read it)",
    )
