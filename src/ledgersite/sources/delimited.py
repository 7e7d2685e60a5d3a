"""Sheets from CSV/TSV text: a folder with one file per sheet, or a single file.

Spreadsheet programs save CSV in many ways: with or without a byte-order mark, as UTF-8,
UTF-16 ("Unicode Text") or Windows-1252, separated by commas, semicolons (where the comma is
the decimal mark) or tabs, with CR, LF or CRLF line ends. All of these are read the same.
"""

from __future__ import annotations

import codecs
import csv
import io
import logging
from collections import Counter
from pathlib import Path

from ledgersite.errors import SourceError, UnsupportedFormat
from ledgersite.sources.raw import CellValue, RawBook, RawSheet
from ledgersite.sources.sniff import lock_file_target, sniff

log = logging.getLogger(__name__)

CSV_SUFFIXES = {".csv", ".tsv", ".txt", ".tab"}
DELIMITERS = ",;\t|"
#: How much text the separator is guessed from.
SAMPLE_CHARS = 64 * 1024


def read_csv_folder(folder: Path) -> RawBook:
    """Give one sheet per CSV/TSV file in `folder`, named after the file (without its extension).

    Hidden files and lock files are skipped: spreadsheet programs leave them beside open files.
    """
    files = sorted(
        p
        for p in folder.iterdir()
        if p.suffix.lower() in CSV_SUFFIXES
        and not p.name.startswith(".")
        and lock_file_target(p.name) is None
        and p.is_file()
    )
    if not files:
        raise UnsupportedFormat(
            f"The folder {folder.name} has no CSV files in it: save each sheet of the book"
            " there as a .csv file (one file per sheet), or choose the workbook itself."
        )
    notes: list[str] = []
    sheets = []
    for path in files:
        if sniff(path) != "csv":
            raise UnsupportedFormat(
                f"{path.name} in the folder {folder.name} is not CSV text: save it as a .csv file."
            )
        sheets.append(RawSheet(name=path.stem, rows=read_csv_rows(path, notes)))
    return RawBook(sheets=sheets, origin=folder.name, kind="csv", notes=notes)


def read_csv_file(path: Path, sheet_name: str) -> RawBook:
    """Give the single CSV file at `path` as a book of one sheet called `sheet_name`."""
    notes: list[str] = []
    sheet = RawSheet(name=sheet_name, rows=read_csv_rows(path, notes))
    return RawBook(sheets=[sheet], origin=path.name, kind="csv", notes=notes)


def read_csv_rows(path: Path, notes: list[str]) -> list[list[CellValue]]:
    """Give the rows of the CSV file at `path`; blanks are None and trailing blanks are dropped."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise SourceError(
            f"{path.name} cannot be opened: {err.strerror}. Check it is not open elsewhere."
        ) from err
    text = _decode(data, path.name, notes)
    delimiter = _guess_delimiter(
        text[:SAMPLE_CHARS], tab_first=path.suffix.lower() in {".tsv", ".tab"}
    )
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
        rows: list[list[CellValue]] = []
        for values in reader:
            end = len(values)
            while end and not values[end - 1]:
                end -= 1
            rows.append([v if v else None for v in values[:end]])
    except csv.Error as err:
        raise UnsupportedFormat(
            f"{path.name} is not readable CSV text ({err}): save it again as CSV."
        ) from err
    while rows and not rows[-1]:
        rows.pop()
    return rows


def _decode(data: bytes, name: str, notes: list[str]) -> str:
    """Give the text of a CSV file: UTF-8 (BOM or not), UTF-16 with a BOM, else Windows-1252."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Excel on Windows saves "CSV (Comma delimited)" in the Windows code page, 1252 in the West.
    notes.append(
        f"{name} is not saved as UTF-8; it was read as Western European (Windows-1252) text."
    )
    return data.decode("cp1252", errors="replace")


def _guess_delimiter(sample: str, *, tab_first: bool) -> str:
    """Give the separator the sample uses most consistently: comma, semicolon, tab or bar."""
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=DELIMITERS)
    except csv.Error:
        dialect = None
    if dialect is not None and not (tab_first and "\t" in sample and dialect.delimiter != "\t"):
        return str(dialect.delimiter)
    if tab_first and "\t" in sample:
        return "\t"
    # The Sniffer gives up on short or ragged files: count separators per line instead.
    lines = [line for line in sample.splitlines()[:50] if line.strip()]
    best, best_score = ",", 0
    for candidate in DELIMITERS:
        counts = Counter(line.count(candidate) for line in lines)
        counts.pop(0, None)
        if not counts:
            continue
        per_line, lines_agreeing = counts.most_common(1)[0]
        score = lines_agreeing * 1000 + per_line
        if score > best_score:
            best, best_score = candidate, score
    return best
