"""The seam every reader yields: sheets of rows of plain cell values, with their positions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from ledgersite.errors import SourceError

#: What a cell may hold once read: text, a number, a boolean, a real date/time, or nothing.
CellValue = str | int | float | bool | dt.datetime | dt.date | dt.time | None

Rows = list[list[CellValue]]
#: A merged range: ((top row, left column), (bottom row, right column)), 0-based, inclusive.
MergedRange = tuple[tuple[int, int], tuple[int, int]]

#: Day zero of serial-number dates in Excel's default system (and Google Sheets').
EPOCH_1900 = dt.date(1899, 12, 30)
#: Day zero of Excel for Mac's old "1904 date system".
EPOCH_1904 = dt.date(1904, 1, 1)


class RawSheet:
    """One sheet as read: `rows[i][j]` is the cell at spreadsheet row `i + 1`, column `j`.

    Rows may be ragged; trailing empty rows are dropped by the readers. `merged` lists the
    sheet's merged ranges, whose value is in their top-left cell only. A sheet may still be
    being read in the background: its rows (and merged ranges) are then a function that waits
    for them, and `LateReadError` says that reading failed.
    """

    __slots__ = ("_merged", "_rows", "name")

    def __init__(
        self,
        name: str,
        rows: Rows | Callable[[], tuple[Rows, list[MergedRange]]],
        merged: list[MergedRange] | None = None,
    ) -> None:
        self.name = name
        self._rows = rows
        self._merged = merged or []

    @property
    def rows(self) -> Rows:
        """Give the rows, once read."""
        if callable(self._rows):
            try:
                self._rows, self._merged = self._rows()
            except Exception as err:
                # The reader keeps the error; its traceback's frames would keep the whole book.
                raise LateReadError(
                    f"The sheet {self.name} could not be read: {err}"
                ) from err.with_traceback(None)
        return self._rows

    @property
    def merged(self) -> list[MergedRange]:
        """Give the merged ranges, once read."""
        self.rows  # noqa: B018  (waits for the reading)
        return self._merged

    def __repr__(self) -> str:
        return f"RawSheet({self.name!r}, {self.rows!r})"

    def cell(self, row: int, col: int) -> CellValue:
        """Give the value at 1-based `row` and 0-based `col`, or None outside the data."""
        if row < 1 or row > len(self.rows):
            return None
        values = self.rows[row - 1]
        return values[col] if 0 <= col < len(values) else None


class LateReadError(SourceError):
    """A sheet read in the background failed: read the book again, the careful way."""


@dataclass
class RawBook:
    """Every sheet of one source, plus where it came from."""

    sheets: list[RawSheet]
    #: What staff would call the source: a file name or the Google Sheet's title.
    origin: str
    #: "xlsx", "ods", "csv" or "gsheet".
    kind: str
    #: Day zero for serial-number dates in this source.
    epoch: dt.date = EPOCH_1900
    #: Anything the reader noticed that staff should hear about (e.g. a reader fallback).
    notes: list[str] = field(default_factory=list)
    #: Stops reading in the background the sheets nobody has asked for yet.
    stop_reading: Callable[[], None] = field(default=lambda: None, repr=False, compare=False)


def column_letter(col: int) -> str:
    """Give the spreadsheet letter of 0-based column `col`: 0 -> "A", 26 -> "AA"."""
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters
