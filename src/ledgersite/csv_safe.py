"""CSV for staff to open in a spreadsheet, with cells that would run as formulas neutralised.

A cell such as `=HYPERLINK("http://...")` or `+44 7700 900123` in a CSV file is run as a
formula by Excel, LibreOffice and Google Sheets ("CSV injection"). Such text cells get a
leading apostrophe, which every spreadsheet reads as "this is text". Numbers and dates are
written as they are: a negative price is a number, not a formula.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import tempfile
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path

#: A text cell starting with one of these is read as a formula (or the start of one).
#: The full-width forms count too: some spreadsheets treat "＝" like "=".
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")

#: What a CSV cell may be given as.
CsvValue = str | int | float | Decimal | dt.date | None


def neutralise(value: str) -> str:
    """Give `value` with a leading apostrophe when a spreadsheet would treat it as a formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def cell_text(value: CsvValue) -> str:
    """Give the text of one CSV cell: text neutralised, numbers and dates as they are."""
    if value is None:
        return ""
    if isinstance(value, str):
        return neutralise(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[CsvValue]]) -> bytes:
    """Give header and rows as UTF-8 CSV with a byte-order mark (so Excel reads accents)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in header])
    for row in rows:
        writer.writerow([cell_text(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def write_csv(
    path: str | Path, header: Sequence[str], rows: Iterable[Sequence[CsvValue]]
) -> None:
    """Write header and rows to the CSV file at `path`, replacing it whole or not at all."""
    target = Path(path)
    data = csv_bytes(header, rows)
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
