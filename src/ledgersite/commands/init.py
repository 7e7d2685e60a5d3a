"""`ledgersite init NEW.xlsx [--from EXPORT] [--force]`: start a client book."""

from __future__ import annotations

import argparse
import logging
import re
import tomllib
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ledgersite.config import CONFIG_NAME
from ledgersite.errors import ConfigError

log = logging.getLogger(__name__)


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `init`."""
    parser = sub.add_parser(
        "init",
        help="start a new client book (empty, or from a shop's export)",
        description="Write a new client workbook with every sheet ready to fill in, example "
        "rows and an Instructions sheet; or, with --from, start it from a point-of-sale or "
        "mailing-list export and write ledgersite.toml beside it. Never replaces a file "
        "unless --force is given. Exit 0 on success, 2 when nothing was written.",
    )
    parser.add_argument("book", metavar="NEW.xlsx", type=Path, help="the workbook to create")
    parser.add_argument(
        "--from",
        dest="export",
        metavar="EXPORT",
        type=Path,
        help="a customer export (.csv, .xlsx or .ods) to copy the clients from",
    )
    parser.add_argument("--force", action="store_true", help="replace files that exist")
    parser.add_argument("--store", metavar="NAME", default="Our shop", help="the shop's name")
    parser.add_argument(
        "--time-zone",
        metavar="ZONE",
        help="the shop's time zone, e.g. Europe/London (default: this computer's)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Write the new book (and, with --from, ledgersite.toml); give 0.

    Everything is checked before anything is written, and the files are written before the
    report is printed (output piped into `head` may stop at any line).
    """
    from ledgersite.starter import write_starter
    from ledgersite.starter.region import country_of, local_time_zone, writes_day_first
    from ledgersite.validate.country import currency_of

    book: Path = args.book
    _check_can_write(book, force=args.force)
    time_zone = args.time_zone or local_time_zone()
    try:
        ZoneInfo(time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            f"The time zone {time_zone!r} is not known: use a name like Europe/London or"
            " America/New_York."
        ) from None
    country = country_of(time_zone)
    day_first = writes_day_first(country)
    if args.export is None:
        write_starter(
            book, store_name=args.store, time_zone=time_zone, country=country,
            currency=currency_of(country), day_first=day_first,
        )
        print(f"Wrote {book}: a client book with example rows on every sheet.")
        print("Open it, read the Instructions sheet, and replace the examples with your clients.")
    else:
        from ledgersite.importer import config_text, mapping_lines, read_export

        imported = read_export(args.export)
        config_path = book.parent / CONFIG_NAME
        added = config_path.exists()
        config = _config_with(config_path, config_text(imported), force=args.force)
        write_starter(
            book,
            store_name=args.store,
            time_zone=time_zone,
            country=country,
            currency=currency_of(country),
            day_first=day_first if imported.day_first is None else imported.day_first,
            clients=imported.clients,
            extra_columns=imported.extra_columns,
        )
        config_path.write_text(config, encoding="utf-8")
        print(f"Columns of {imported.origin}:")
        for line in mapping_lines(imported):
            print(line)
        told = "added to" if added else "wrote"
        print(f"Wrote {book} with {len(imported.clients):,} clients, and {told} {config_path}")
        print(f"(the column mapping, so ledgersite can also read {imported.origin} itself).")
    print(f"Then run: ledgersite check {book}")
    return 0


#: A table's header line in ledgersite.toml, e.g. "[columns]".
_TABLE = re.compile(r"^\s*\[\s*([A-Za-z0-9_.-]+)\s*\]")


def _config_with(path: Path, mapping: str, *, force: bool) -> str:
    """Give the ledgersite.toml to write: `mapping` alone, or added to the file at `path`.

    The owner's other settings there are kept. A column mapping already in it is replaced
    only with --force.
    """
    if not path.exists():
        return mapping
    try:
        old = path.read_text(encoding="utf-8")
        tables = tomllib.loads(old)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise ConfigError(f"{path} cannot be read ({err}), so nothing was written: correct it"
                          " or move it aside.") from None
    mapped = {"columns", "sheets"} & tables.keys()
    if mapped and not force:
        raise ConfigError(
            f"{path} already says which columns are which, so nothing was written. Add --force"
            " to replace its [columns] and [sheets] (the rest of it is kept), or start the book"
            " in another folder."
        )
    kept, skipping = [], False
    for line in old.splitlines():
        table = _TABLE.match(line)
        if table:
            skipping = table.group(1) in mapped
        if not skipping:
            kept.append(line)
    return "\n".join(kept).rstrip("\n") + "\n\n" + mapping


def _check_can_write(path: Path, *, force: bool) -> None:
    """Refuse, before anything is written, to replace a file or write into a missing folder."""
    folder = path.parent
    if not folder.is_dir():
        raise ConfigError(f"There is no folder {folder} to put {path.name} in: create it first.")
    if path.name != CONFIG_NAME and path.suffix.lower() != ".xlsx":
        raise ConfigError(f"{path.name} should end in .xlsx: the new book is an Excel workbook.")
    if path.exists() and not force:
        where = "this folder" if str(folder) == "." else f"the folder {folder}"
        raise ConfigError(
            f"{path.name} already exists in {where}, so nothing was written. Choose another"
            " name, or add --force to replace it."
        )
