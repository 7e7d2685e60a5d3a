"""From raw sheets to a typed `Book`: headers matched, values coerced, references resolved.

Only a book without a Clients sheet or without a name column raises `BookInvalid`; every other
trouble becomes a `Problem` and the bad value is left out.
"""

from __future__ import annotations

import datetime as dt
import logging

from ledgersite.book import Book, Problem, Settings, SourceInfo
from ledgersite.config import Config
from ledgersite.errors import BookInvalid
from ledgersite.sources.raw import RawBook, RawSheet
from ledgersite.validate.clients import read_clients
from ledgersite.validate.headers import TAB_TITLES, dated_sheets, find_sheet
from ledgersite.validate.records import (
    Sheet,
    read_contacts,
    read_dates,
    read_purchases,
    read_rules,
    read_tasks,
    read_wishes,
)
from ledgersite.validate.references import ClientIndex
from ledgersite.validate.settings import read_gift_themes, read_settings
from ledgersite.validate.table import open_table

log = logging.getLogger(__name__)

_REFERRING = (
    ("purchases", read_purchases),
    ("dates", read_dates),
    ("wishes", read_wishes),
    ("contacts", read_contacts),
    ("tasks", read_tasks),
)


def validate(raw: RawBook, *, config: Config, read_at: dt.datetime) -> Book:
    """Give the validated book; raise `BookInvalid` when it has no Clients sheet or no names."""
    problems: list[Problem] = []

    def tab(key: str) -> RawSheet | None:
        """Give the sheet playing the part `key`; say so when several tabs could."""
        sheet = find_sheet(raw, key, config.sheets)
        tabs = dated_sheets(raw, key, config.sheets) if sheet is None else []
        if len(tabs) > 1:
            message, fix = _unread(tabs, key)
            if key == "clients":
                raise BookInvalid(f"{message} {fix}")
            problems.append(Problem("warning", tabs[0].name, None, None, None, None, message, fix))
        return sheet

    settings_sheet = tab("settings")
    settings_table = open_table(settings_sheet, "settings", {}) if settings_sheet else None
    settings = read_settings(settings_table) if settings_table else Settings()
    clients_sheet = tab("clients")
    if clients_sheet is None:
        names = ", ".join(f'"{s.name}"' for s in raw.sheets) or "none"
        raise BookInvalid(
            f"The book has no Clients sheet (its sheets: {names}). Add a sheet named "
            '"Clients", or name your sheet in ledgersite.toml under [sheets] as clients = "...".'
        )
    clients_table = open_table(clients_sheet, "clients", config.columns)
    clients, extra_columns, left_out = read_clients(
        clients_table, settings, raw.epoch, read_at.date()
    )
    book = Book(
        clients, SourceInfo(raw.origin, raw.kind, read_at), settings, extra_columns=extra_columns
    )
    index = ClientIndex(clients, left_out)
    tables = [clients_table]
    for key, reader in _REFERRING:
        sheet = tab(key)
        if sheet is not None:
            table = open_table(sheet, key, config.columns)
            getattr(book, key).extend(reader(Sheet(table, settings, raw.epoch, index)))
            tables.append(table)
    for key in ("rules", "gifts"):
        sheet = tab(key)
        if sheet is None:
            continue
        table = open_table(sheet, key, {})
        if key == "rules":
            book.rules = read_rules(table, settings)
        else:
            settings.gift_themes = read_gift_themes(table)
        tables.append(table)
    if settings_table:
        tables.append(settings_table)
    for table in tables:
        problems.extend(table.problems)
    book.problems = problems
    log.debug("validated %s: %d clients, %d problems", raw.origin, len(clients), len(problems))
    return book


def _unread(tabs: list[RawSheet], key: str) -> tuple[str, str]:
    """Give what to say of `tabs` that could each be the part `key`, so none is read."""
    names = ", ".join(f'"{tab.name}"' for tab in tabs[:-1]) + f' and "{tabs[-1].name}"'
    return (
        f"The tabs {names} could each be the {TAB_TITLES[key]} tab, so none of them is read.",
        f'Say which one to read in ledgersite.toml, under [sheets]: {key} = "{tabs[-1].name}"'
        " (or rename the others).",
    )
