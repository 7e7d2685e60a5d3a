"""A new client book from a shop's export (POS, web shop, mailing list): its columns mapped.

The export is read like any book (CSV, xlsx, ods), its header row found, each column matched
to a Clients column where it can be (`ledgersite.export_columns`), and every row copied. Columns
nobody recognises are kept as the store's own columns. Alongside comes the `ledgersite.toml`
mapping, so the original export can also be read directly.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ledgersite.config import Config
from ledgersite.errors import BookInvalid
from ledgersite.export_columns import ADDRESS_LINE_2, FULL_NAME, match_columns, recognise
from ledgersite.names import split_name
from ledgersite.sources.raw import EPOCH_1900, CellValue, RawSheet, column_letter
from ledgersite.sources.read import read_book
from ledgersite.starter.content import Value
from ledgersite.validate.cells import BadCell
from ledgersite.validate.dates import to_partial, typed_short_year
from ledgersite.validate.headers import (
    FIELD_ALIASES,
    HEADER_SEARCH_ROWS,
    SHEET_FIELDS,
    SHEET_NAMES,
    squeeze,
)

log = logging.getLogger(__name__)

#: Clients column -> the field name `[columns]` in ledgersite.toml uses for it.
FIELDS = {FIELD_ALIASES[f][0]: f for f in SHEET_FIELDS["clients"] if f != "full_name"}
DATE_COLUMNS = frozenset({"Birthday", "Partner birthday", "Anniversary", "Client since"})
TEXT_COLUMNS = frozenset({"Client ID", "Phone", "Postcode"})
#: What database exports write in an empty cell.
EMPTY_MARKERS = frozenset({"NULL", "\\N", "#N/A"})

_YES = frozenset({"yes", "y", "true", "1", "subscribed", "optedin", "optin", "ok"})
_NO = frozenset({"no", "n", "false", "0", "unsubscribed", "optedout", "optout", "cleaned"})
_CHANNELS = {
    "phone": "Phone", "call": "Phone", "telephone": "Phone", "mobile": "Phone",
    "text": "Text", "sms": "Text", "textmessage": "Text", "whatsapp": "Text",
    "email": "Email", "mail": "Mail", "post": "Mail", "letter": "Mail",
}
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[ T][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")
_SLASH_DATE = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})\b")


@dataclass
class Imported:
    """An export read and mapped, ready to become the Clients sheet of a new book."""

    origin: str  # the export's file name
    sheet: str  # the export's tab the clients came from
    kind: str  # "csv", "xlsx" or "ods"
    header_row: int  # 1-based
    #: (export header, Clients column) for each column recognised, in the export's order.
    mapping: list[tuple[str, str]] = field(default_factory=list)
    #: The store's own columns: (export header, header in the new book).
    kept: list[tuple[str, str]] = field(default_factory=list)
    clients: list[dict[str, Value]] = field(default_factory=list)
    #: True/False when the export's dates show which way round they are written.
    day_first: bool | None = None

    @property
    def extra_columns(self) -> list[str]:
        """Give the headers of the store's own columns in the new book."""
        return [new for _old, new in self.kept]


def read_export(path: str | Path) -> Imported:
    """Give the clients of the export at `path`, mapped to Clients columns.

    Raises `BookInvalid` when no column of any sheet is recognisable as client details.
    """
    raw = read_book(path, config=Config())
    best: tuple[int, int, RawSheet, int, dict[int, str]] | None = None
    for sheet in raw.sheets:
        header_row, matched = _find_header_row(sheet)
        score = (len(matched), len(sheet.rows))
        if matched and (best is None or score > best[:2]):
            best = (*score, sheet, header_row, matched)
    if best is None:
        raise BookInvalid(
            f"No column of {raw.origin} looks like client details (such as First name, Last "
            "name, Email or Phone). Check the first row holds the column names."
        )
    _, _, sheet, header_row, matched = best
    body = sheet.rows[header_row:]
    # A column may have values under an empty header, past where the header row ends.
    width = max((len(row) for row in body), default=0)
    headers = _headers(sheet.rows[header_row - 1])
    headers += [""] * (width - len(headers))
    if {"First name", "Last name"} & set(matched.values()):
        # A "Name" beside first and last names is something else (a company, a nickname).
        matched = {i: t for i, t in matched.items() if t != FULL_NAME}
    kept = _kept_columns(headers, matched)
    imported = Imported(origin=raw.origin, sheet=sheet.name, kind=raw.kind, header_row=header_row)
    imported.mapping = [(headers[i], target) for i, target in matched.items()]
    imported.kept = [(headers[i], new) for i, new in kept.items()]
    imported.clients, imported.day_first = _copy_rows(body, len(headers), matched | kept)
    log.debug("Read %d clients from %s (%s)", len(imported.clients), raw.origin, sheet.name)
    return imported


def mapping_lines(imported: Imported) -> list[str]:
    """Give one plain line per export column: "FirstName -> First name"."""
    lines = []
    for old, target in imported.mapping:
        if target == FULL_NAME:
            lines.append(f"{old} -> First name and Last name")
        elif target == ADDRESS_LINE_2:
            lines.append(f"{old} -> Address (added after the first line)")
        else:
            lines.append(f"{old} -> {target}")
    for old, new in imported.kept:
        lines.append(f"{old} -> kept as the shop's own column \"{new}\"")
    return lines


def config_text(imported: Imported) -> str:
    """Give ledgersite.toml text whose [columns] let ledgersite read the export itself."""
    lines = [
        f"# Written by `ledgersite init --from {imported.origin}`.",
        "# [columns] says which column of the export holds what (our name = the export's),",
        f"# so ledgersite can also read {imported.origin} directly.",
    ]
    lines += ["", "[columns]"]
    for old, target in imported.mapping:
        if target in FIELDS:
            lines.append(f"{FIELDS[target]} = {_toml_string(old)}")
        else:
            what = "split into first and last name" if target == FULL_NAME else "added to Address"
            lines.append(f"# {old} is {what} in the new book only.")
    if imported.kind != "csv" and squeeze(imported.sheet) not in SHEET_NAMES["clients"]:
        # Active, this would hide the new book's Clients sheet: [sheets] names the one tab.
        lines += [
            "",
            f"# To read {imported.origin} itself, copy this file beside it and remove the",
            f"# \"# \" before the next two lines: its clients are on the {imported.sheet} tab.",
            "# [sheets]",
            f"# clients = {_toml_string(imported.sheet)}",
        ]
    return "\n".join(lines) + "\n"


def _find_header_row(sheet: RawSheet) -> tuple[int, dict[int, str]]:
    """Give the 1-based header row (the top row naming the most columns) and its matches."""
    best_row, best = 1, dict[int, str]()
    for number, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS], start=1):
        matched = match_columns(_headers(row))
        if len(matched) > len(best):
            best_row, best = number, matched
    return best_row, best


def _headers(row: Sequence[CellValue]) -> list[str]:
    return ["" if v is None else str(v).strip() for v in row]


def _kept_columns(headers: Sequence[str], matched: dict[int, str]) -> dict[int, str]:
    """Give index -> new header for the unmatched columns, named so none is mistaken for one
    of ours (a second "Phone" becomes "Other Phone") and none repeats."""
    used = set(matched.values())
    kept = {}
    for index, header in enumerate(headers):
        if index in matched:
            continue
        name = header or f"Column {column_letter(index)}"
        if recognise(name) is not None:
            name = f"Other {name}"
        base, n = name, 2
        while name.casefold() in {u.casefold() for u in used}:
            name, n = f"{base} ({n})", n + 1
        used.add(name)
        kept[index] = name
    return kept


def _copy_rows(
    rows: Sequence[Sequence[CellValue]], width: int, targets: dict[int, str]
) -> tuple[list[dict[str, Value]], bool | None]:
    """Give each non-empty row as new header -> value, and which way round its dates are.

    `targets` gives each of the `width` columns its header in the new book.
    """
    plan = [(i, targets[i], _converter(targets[i])) for i in range(width)]
    date_texts: list[str] = []
    clients = []
    for row in rows:
        record: dict[str, Value] = {}
        for index, target, convert in plan:
            value = convert(row[index] if index < len(row) else None)
            if value is None:
                continue
            if target in DATE_COLUMNS and isinstance(value, str):
                date_texts.append(value)
            if target == FULL_NAME:
                record.update(_split_name(str(value)))
            else:
                record[target] = value
        second = record.pop(ADDRESS_LINE_2, None)
        if second is not None:
            first = record.get("Address")
            record["Address"] = f"{first}, {second}" if first else second
        if record:
            clients.append(record)
    day_first = _day_first(date_texts)
    if date_texts and day_first is not None:
        for record in clients:
            for target in DATE_COLUMNS & record.keys():
                record[target] = _as_real_date(record[target], day_first)
    return clients, day_first


def _as_real_date(value: Value, day_first: bool) -> Value:
    """Give a date typed as text ("12/31/1980") as a real date, now that the export says which
    way round its dates are. A date without a year, with a two-digit one (whose century the
    book decides when it is read: a birthday is never in the future), or text that is no date
    stays as typed."""
    if not isinstance(value, str) or typed_short_year(value):
        return value
    try:
        date = to_partial(value, epoch=EPOCH_1900, day_first=day_first)
    except BadCell:
        return value
    full = date.as_date() if date else None
    return full or value


def _converter(target: str) -> Callable[[CellValue], Value]:
    if target in DATE_COLUMNS:
        return _as_date
    if target in TEXT_COLUMNS:
        return _as_text
    if target == "Contact OK":
        return _as_yes_no
    if target == "Preferred contact":
        return _as_channel
    return _plain


def _plain(value: CellValue) -> Value:
    if isinstance(value, str):
        text = value.strip()
        return None if not text or text in EMPTY_MARKERS else text
    if isinstance(value, float) and value.is_integer():
        return int(value)  # CSV-free readers give every number as a float: 2.0 children
    return value


def _as_text(value: CellValue) -> Value:
    plain = _plain(value)
    return None if plain is None else str(plain)


def _as_date(value: CellValue) -> Value:
    plain = _plain(value)
    if isinstance(plain, dt.datetime):
        return plain.date()
    if isinstance(plain, str) and _ISO_DATE.match(plain):
        try:
            return dt.date.fromisoformat(plain[:10])
        except ValueError:
            return plain
    return plain


def _as_yes_no(value: CellValue) -> Value:
    plain = _plain(value)
    word = re.sub(r"[^a-z0-9]", "", str(plain).casefold())
    if plain is True or word in _YES:
        return "Yes"
    if plain is False or word in _NO:
        return "No"
    return plain


def _as_channel(value: CellValue) -> Value:
    plain = _plain(value)
    word = re.sub(r"[^a-z]", "", str(plain).casefold())
    return _CHANNELS.get(word, plain)


def _split_name(full: str) -> dict[str, Value]:
    """Give First name and Last name from "Maria Reyes", "Reyes, Maria" or "Mrs Maria Reyes"."""
    first, last = split_name(full)
    return {k: v for k, v in (("First name", first), ("Last name", last)) if v}


def _day_first(texts: Sequence[str]) -> bool | None:
    """Give True when the export's dates are day-first (31/01), False when month-first (01/31),
    None when they do not say (or say both)."""
    day_first = month_first = False
    for text in texts:
        match = _SLASH_DATE.match(text)
        if match:
            first, second = int(match[1]), int(match[2])
            day_first |= first > 12 >= second
            month_first |= second > 12 >= first
    return day_first if day_first != month_first else None


def _toml_string(text: str) -> str:
    # A JSON string is a valid TOML basic string.
    return json.dumps(text, ensure_ascii=False)
