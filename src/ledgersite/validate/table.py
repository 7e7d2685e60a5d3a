"""One sheet as data rows: headers matched once, cells converted, bad cells made problems."""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

from ledgersite.book import Problem, Severity
from ledgersite.sources.raw import CellValue, MergedRange, RawSheet, column_letter
from ledgersite.validate.cells import BadCell, as_typed
from ledgersite.validate.dates import column_order
from ledgersite.validate.headers import SHEET_FIELDS, header_row, match_columns

T = TypeVar("T")


@dataclass
class Table:
    """A sheet with its header row read: `columns` maps field -> 0-based column."""

    sheet: RawSheet
    columns: dict[str, int]
    headers: list[CellValue]
    start: int  # 0-based index of the first data row
    problems: list[Problem] = field(default_factory=list)

    def rows(self) -> Iterator[tuple[int, list[CellValue]]]:
        """Give (spreadsheet row number, cells) for each row that is not blank.

        Each row reaches at least the last matched column, so `cell` getters can index it. A
        row with something only to the right of the last header (a stray cell) is no record:
        it is left out, and said once for the sheet.
        """
        width = max(self.columns.values(), default=-1) + 1
        headed = len(self.headers)
        stray: list[tuple[int, int]] = []  # (row number, column)
        for i in range(self.start, len(self.sheet.rows)):
            cells = self.sheet.rows[i]
            for at, v in enumerate(cells):
                if v is not None and not (v.__class__ is str and not v.strip()):
                    if at < headed:
                        yield i + 1, cells if len(cells) >= width else _padded(cells, width)
                    else:
                        stray.append((i + 1, at))
                    break
        if stray:
            (row, col), more = stray[0], len(stray) - 1
            others = f" (and {more:,} more row{'s' if more > 1 else ''})" if more else ""
            self.problems.append(Problem(
                "warning", self.sheet.name, row, column_letter(col), None, None,
                f"Row {row}{others} has something only in columns with no header, so it is not"
                " read.",
                "Delete it if it is a slip, or give its column a header.",
            ))

    def raw(self, cells: list[CellValue], name: str) -> CellValue:
        """Give the cell of field `name` in a row, None when the column or cell is missing."""
        col = self.columns.get(name)
        return cells[col] if col is not None and col < len(cells) else None

    def cell(self, name: str) -> Callable[[list[CellValue]], CellValue]:
        """Give a quick getter of field `name` for the rows that `rows` gives."""
        col = self.columns.get(name)
        return _blank if col is None else operator.itemgetter(col)

    def problem(
        self,
        severity: Severity,
        row: int | None,
        name: str | None,
        value: object,
        message: str,
        fix: str = "",
    ) -> None:
        """Record a problem at the cell of field `name` in spreadsheet row `row`."""
        col = self.columns.get(name) if name else None
        typed = None if value is None else _typed(value)
        self.problems.append(
            Problem(
                severity,
                self.sheet.name,
                row,
                column_letter(col) if col is not None else None,
                name,
                typed,
                message,
                fix,
            )
        )

    def get(
        self,
        cells: list[CellValue],
        row: int,
        name: str,
        convert: Callable[[CellValue], T],
        *,
        severity: Severity = "warning",
    ) -> T | None:
        """Give the converted cell, or None (with a problem recorded) when it cannot be used.

        `cells` is a row that `rows` gave.
        """
        col = self.columns.get(name)
        value = None if col is None else cells[col]
        if value is None:
            return None
        try:
            return convert(value)
        except BadCell as bad:
            self.problem(severity, row, name, value, f"{_typed(value)!r} {bad.message}", bad.fix)
            return None


def _padded(cells: list[CellValue], width: int) -> list[CellValue]:
    return cells + [None] * (width - len(cells))


def _blank(_cells: list[CellValue]) -> CellValue:
    return None


def _typed(value: object) -> str:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return as_typed(value)


#: Fields whose merged cell counts once: one price for three rows is not three prices.
COUNTED_ONCE = frozenset({"price", "min_price"})


def open_table(sheet: RawSheet, key: str, mapping: Mapping[str, str]) -> Table:
    """Give the sheet with its headers matched to the fields of sheet kind `key`."""
    fields = SHEET_FIELDS[key]
    head = header_row(sheet, fields, mapping)
    headers = list(sheet.rows[head]) if sheet.rows else []
    columns = match_columns(headers, fields, mapping)
    if sheet.merged:
        once = {columns[name] for name in COUNTED_ONCE if name in columns}
        fill_merged(sheet.rows, sheet.merged, once, head + 1)
    return Table(sheet, columns, headers, head + 1)


def fill_merged(
    rows: list[list[CellValue]], merged: list[MergedRange], once: set[int], start: int
) -> None:
    """Give each data cell of a merged range its top-left cell's value, as it shows on screen:
    a Client cell merged down over three purchases names the client of all three. Columns in
    `once` keep the value on its first row only. A range goes no further right than the
    sheet's widest row (a title merged across every column does not make 16,384 of them)."""
    width = max(map(len, rows), default=0)
    for (top, left), (bottom, right) in merged:
        if bottom < start or top >= len(rows) or left >= len(rows[top]):
            continue
        value = rows[top][left]
        if value is None:
            continue
        for number in range(max(top, start), min(bottom, len(rows) - 1) + 1):
            row = rows[number]
            last = min(right, width - 1)
            if len(row) <= last:
                row.extend([None] * (last + 1 - len(row)))
            for col in range(left, last + 1):
                if row[col] is None and (number == top or col not in once):
                    row[col] = value


def day_order(table: Table, name: str, day_first: bool | None) -> bool | None:
    """Give the order of slashed text dates in a column: the setting's, else the column's own."""
    if day_first is not None or name not in table.columns:
        return day_first
    col = table.columns[name]
    texts = [
        cells[col]
        for cells in table.sheet.rows[table.start :]
        if col < len(cells) and isinstance(cells[col], str)
    ]
    return column_order([t for t in texts if isinstance(t, str)])
