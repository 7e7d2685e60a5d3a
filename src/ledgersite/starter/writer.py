"""The starter workbook on disk: every sheet of the contract, formatted, with drop-downs.

Written in openpyxl's streaming mode, so a book started from an export of tens of thousands
of clients takes seconds. The drop-downs are plain list data validation, which Excel,
LibreOffice and Google Sheets (on upload) all keep.
"""

from __future__ import annotations

import math
import os
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ledgersite.starter.content import (
    DEFAULT_RULES,
    EXAMPLE_STAFF,
    EXAMPLES,
    SETTING_CHOICES,
    Value,
    contact_kinds,
    settings_rows,
)
from ledgersite.starter.instructions import INSTRUCTIONS
from ledgersite.starter.layout import (
    CLIENTS,
    FIXED_CHOICES,
    OPEN_CHOICES,
    PROMPTS,
    RULES,
    SETTINGS,
    SETTINGS_LIST_ROWS,
    SETTINGS_LIST_WIDTH,
    SETTINGS_LISTS,
    SHEETS,
    Column,
    Format,
)
from ledgersite.starter.layout import INSTRUCTIONS as INSTRUCTIONS_SHEET

#: Number formats by column format. "d mmm yyyy" reads the same to day-first and month-first
#: staff; "@" keeps what is typed as text (a phone's leading zero, a postcode).
NUMBER_FORMATS: dict[Format, str] = {
    "general": "General",
    "text": "@",
    "date": "d mmm yyyy",
    "money": "#,##0.00",
    "whole": "0",
}
#: Drop-downs reach this far below the last row written, so new rows get them too.
ROOM_BELOW = 2000
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="F1EAE0")
INSTRUCTIONS_WIDTH = 110

#: openpyxl's streaming sheet: its type stubs lack the attributes it shares with Worksheet.
Sheet = Any


def write_starter(
    path: str | Path,
    *,
    store_name: str = "Our shop",
    time_zone: str = "UTC",
    country: str = "",
    currency: str = "",
    day_first: bool = True,
    clients: Sequence[Mapping[str, Value]] | None = None,
    extra_columns: Sequence[str] = (),
) -> None:
    """Write a starter workbook to `path`, replacing any file there whole.

    Without `clients` the book holds a few example rows on every sheet to show the intent.
    With `clients` (rows keyed by Clients header, or by one of `extra_columns`, the store's
    own columns, added after ours) it holds those clients and no examples, and the staff
    list starts with the names in their Associate column.
    """
    staff = list(EXAMPLE_STAFF) if clients is None else _associates(clients)
    kinds = contact_kinds(DEFAULT_RULES)
    settings = settings_rows(
        store_name=store_name,
        time_zone=time_zone,
        country=country,
        currency=currency,
        day_first=day_first,
    )
    workbook = Workbook(write_only=True)
    _write_instructions(workbook.create_sheet(INSTRUCTIONS_SHEET))
    for name, columns in SHEETS.items():
        sheet = workbook.create_sheet(name)
        if name == SETTINGS:
            _write_settings(sheet, columns, settings, staff, kinds)
            continue
        rows: Sequence[Mapping[str, Value]]
        if name == CLIENTS:
            columns = columns + tuple(Column(h, _width(h)) for h in extra_columns)
            rows = EXAMPLES[CLIENTS] if clients is None else clients
        elif name == RULES:
            headers = [c.header for c in columns]
            rows = [dict(zip(headers, rule, strict=True)) for rule in DEFAULT_RULES]
        else:
            rows = EXAMPLES.get(name, []) if clients is None else []
        _write_table(sheet, columns, rows, freeze="D2" if name == CLIENTS else "A2")
        _add_drop_downs(sheet, columns, last_row=len(rows) + 1 + ROOM_BELOW)
    _save_whole(workbook, Path(path))


def _write_table(
    sheet: Sheet,
    columns: Sequence[Column],
    rows: Sequence[Mapping[str, Value]],
    *,
    freeze: str,
) -> None:
    for index, column in enumerate(columns, start=1):
        dimension = sheet.column_dimensions[get_column_letter(index)]
        dimension.width = column.width
        if column.format != "general":
            # A column style, so what staff type later in the column is formatted too.
            dimension.number_format = NUMBER_FORMATS[column.format]
    sheet.freeze_panes = freeze
    sheet.append([_header_cell(sheet, c.header) for c in columns])
    formats = [NUMBER_FORMATS[c.format] if c.format != "general" else None for c in columns]
    headers = [c.header for c in columns]
    for row in rows:
        values: list[object] = []
        for header, number_format in zip(headers, formats, strict=True):
            value = row.get(header)
            if number_format is None or value is None:
                values.append(value)
            else:
                cell = WriteOnlyCell(sheet)
                cell.value = value
                cell.number_format = number_format
                values.append(cell)
        sheet.append(values)


def _write_settings(
    sheet: Sheet,
    columns: Sequence[Column],
    settings: Sequence[tuple[str, Value]],
    staff: Sequence[str],
    kinds: Sequence[str],
) -> None:
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.column_dimensions["C"].width = 4
    lists: dict[str, Sequence[str]] = {"staff": staff, "kinds": kinds}
    for _header, letter, _choices in SETTINGS_LISTS:
        sheet.column_dimensions[letter].width = SETTINGS_LIST_WIDTH
    sheet.freeze_panes = "A2"
    header: list[object] = [_header_cell(sheet, c.header) for c in columns]
    header.append(None)
    header.extend(_header_cell(sheet, h) for h, _letter, _choices in SETTINGS_LISTS)
    sheet.append(header)
    height = max(len(settings), *(len(v) for v in lists.values()))
    for i in range(height):
        name, value = settings[i] if i < len(settings) else (None, None)
        row: list[object] = [name, value, None]
        row.extend(_at(lists[choices], i) for _h, _letter, choices in SETTINGS_LISTS)
        sheet.append(row)
    for i, (name, _value) in enumerate(settings, start=2):
        if name in SETTING_CHOICES:
            answers = SETTING_CHOICES[name]
            sheet.data_validations.append(
                _list_validation(_inline(answers), f"B{i}", title=name, prompt=" or ".join(answers))
            )


def _add_drop_downs(sheet: Sheet, columns: Sequence[Column], *, last_row: int) -> None:
    for index, column in enumerate(columns, start=1):
        if not column.choices:
            continue
        if column.choices in FIXED_CHOICES:
            source = _inline(FIXED_CHOICES[column.choices])
        else:
            letter = next(ltr for _h, ltr, name in SETTINGS_LISTS if name == column.choices)
            source = f"'{SETTINGS}'!${letter}$2:${letter}${SETTINGS_LIST_ROWS + 1}"
        title, prompt = PROMPTS[column.choices]
        letter = get_column_letter(index)
        sheet.data_validations.append(
            _list_validation(
                source,
                f"{letter}2:{letter}{last_row}",
                title=title,
                prompt=prompt,
                strict=column.choices not in OPEN_CHOICES,
            )
        )


def _list_validation(
    source: str, cells: str, *, title: str, prompt: str, strict: bool = True
) -> DataValidation:
    """Give a drop-down over `cells`; a strict one refuses other answers, an open one warns."""
    validation = DataValidation(
        type="list",
        formula1=source,
        allow_blank=True,
        showInputMessage=True,
        showErrorMessage=True,
        errorStyle="stop" if strict else "warning",
        promptTitle=title[:32],
        prompt=prompt[:255],
        errorTitle=title[:32],
        error=f"Please choose from the list: {prompt}"[:255],
    )
    validation.add(cells)
    return validation


def _inline(answers: Sequence[str]) -> str:
    return '"' + ",".join(answers) + '"'


def _write_instructions(sheet: Sheet) -> None:
    sheet.column_dimensions["A"].width = INSTRUCTIONS_WIDTH
    fonts = {"title": Font(bold=True, size=16), "heading": Font(bold=True, size=12)}
    wrap = Alignment(wrap_text=True, vertical="top")
    row = 1
    for style, text in INSTRUCTIONS:
        if style == "heading":
            sheet.append([])  # a blank line before each heading
            row += 1
        cell = WriteOnlyCell(sheet, text)
        if style in fonts:
            cell.font = fonts[style]
        else:
            cell.alignment = wrap
            # Excel does not grow a row for wrapped text on opening: give it the lines it needs.
            lines = math.ceil(len(text) / (INSTRUCTIONS_WIDTH - 10))
            sheet.row_dimensions[row].height = 15 * lines + 3
        sheet.append([cell])
        row += 1


def _header_cell(sheet: Sheet, text: str) -> Cell:
    cell = WriteOnlyCell(sheet, text)
    cell.font = HEADER_FONT
    cell.fill = HEADER_FILL
    return cell


def _width(header: str) -> int:
    return min(max(len(header) + 4, 10), 30)


def _associates(clients: Sequence[Mapping[str, Value]]) -> list[str]:
    names = dict.fromkeys(str(c["Associate"]) for c in clients if c.get("Associate"))
    return list(names)[:SETTINGS_LIST_ROWS]


def _at(values: Sequence[str], index: int) -> str | None:
    return values[index] if index < len(values) else None


def _save_whole(workbook: Workbook, target: Path) -> None:
    """Save beside `target` first, then swap it in: never a half-written book."""
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    try:
        workbook.save(temp)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
