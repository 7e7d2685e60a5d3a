"""Sheets of an .xlsx/.xlsm or .ods workbook, read with python-calamine and openpyxl as fallback.

Why this order (evidence: ../shared/realworld/SOURCES.md, checked again by tests/test_corpus.py):
python-calamine reads Strict Open XML saves (openpyxl sees 0 sheets), sheets whose <dimension>
is wrong (openpyxl read-only returns 1 cell of 13,032), whole formatted columns (openpyxl normal
mode runs out of memory) and ODS (openpyxl cannot), and reads 18,484 customers in about 0.4 s
where openpyxl needs 3-6 s. openpyxl in read-only mode, with the declared dimensions reset,
still reads a handful of files calamine rejects (unusual relationships, odd cell references),
and gives the text of error cells (#N/A) that calamine turns into blanks.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import logging
import re
import threading
import time
import warnings
import zipfile
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import Any, cast

import python_calamine

from ledgersite import collector
from ledgersite.errors import PasswordProtected, SourceError, UnsupportedFormat
from ledgersite.sources.extent import far_flung_cell
from ledgersite.sources.raw import (
    EPOCH_1900,
    EPOCH_1904,
    CellValue,
    MergedRange,
    RawBook,
    RawSheet,
    Rows,
)
from ledgersite.sources.sniff import SAVE_AS_XLSX, SAVE_AS_XLSX_SENTENCE

log = logging.getLogger(__name__)

#: The openpyxl fallback gives up after this long rather than hang a build.
FALLBACK_SECONDS = 30.0
#: Workbooks at least this large are read in the background by READER_THREADS threads, when
#: the caller asks for it (below it, reading them at once is as quick).
PARALLEL_BYTES = 256 * 1024
READER_THREADS = 2
_DATE1904 = re.compile(rb"""date1904\s*=\s*["'](?:1|true)["']""", re.IGNORECASE)
_NULL_DATE = re.compile(rb"""<table:null-date[^>]*date-value\s*=\s*["']1904-01-01""")


def read_workbook(path: Path, kind: str, *, background: bool = False) -> RawBook:
    """Give every worksheet of the .xlsx/.xlsm (`kind` "xlsx") or .ods (`kind` "ods") at `path`.

    With `background`, a large workbook's sheets may still be being read when this returns:
    see `RawSheet.rows`.
    """
    epoch = _epoch(path, kind)
    stop_reading = _nothing
    try:
        with collector.paused():
            book, stop_reading = _read_with_calamine(path, kind, background)
    except _FarFlung as err:
        log.info(
            "%s: a sheet has something typed far from its other cells, as far out as %s, so it"
            " is read the slower way. In Excel, Ctrl+End goes there: delete it if it is a slip.",
            path.name, err,
        )
        book = _read_with_openpyxl(path, None)
    except python_calamine.PasswordError as err:
        raise PasswordProtected(
            "This workbook is password-protected: save a copy without a password and use that"
            f" instead of {path.name}."
        ) from err
    except BaseException as err:
        if not (isinstance(err, Exception) or _is_panic(err)):
            raise
        if kind != "xlsx":
            raise UnsupportedFormat(
                f"{path.name} cannot be read: it looks damaged or unusual. Open it in LibreOffice"
                " and save it again, or save it as an Excel Workbook (.xlsx)."
            ) from err
        log.debug("python-calamine could not read %s (%r); trying openpyxl", path.name, err)
        book = _read_with_openpyxl(path, err)
    else:
        try:
            empty = kind == "xlsx" and not _has_data(book)  # waits for the first sheet
        except BaseException:
            stop_reading()
            raise
        if empty:
            # calamine turns error cells (#N/A, #REF!) into blanks: ask openpyxl too.
            try:
                second = _read_with_openpyxl(path, None)
            except SourceError:
                second = book
            if _has_data(second):
                stop_reading()
                book, stop_reading = second, _nothing
    if not book:
        raise UnsupportedFormat(f"{path.name} holds no sheets that can be read: {SAVE_AS_XLSX}.")
    return RawBook(sheets=book, origin=path.name, kind=kind, epoch=epoch, stop_reading=stop_reading)


class _FarFlung(Exception):
    """Raised before calamine would hold a mostly empty sheet as a box of billions of cells."""


def _is_panic(err: BaseException) -> bool:
    """Tell whether `err` is a panic in calamine's Rust code (pyo3 makes it a BaseException)."""
    return type(err).__name__ == "PanicException"


def _has_data(sheets: list[RawSheet]) -> bool:
    return any(sheet.rows for sheet in sheets)


def _epoch(path: Path, kind: str) -> dt.date:
    """Give day zero of the workbook's serial dates: the 1904 system when the workbook says so."""
    try:
        with zipfile.ZipFile(path) as package:
            names = {n.replace("\\", "/").lower(): n for n in package.namelist()}
            if kind == "ods":
                member, pattern = names.get("content.xml"), _NULL_DATE
            else:
                member, pattern = names.get("xl/workbook.xml"), _DATE1904
            if member is None:
                return EPOCH_1900
            with package.open(member) as stream:
                # The setting sits near the start of the part; no need to read a large one whole.
                head = stream.read(256 * 1024)
    except (OSError, zipfile.BadZipFile, RuntimeError, ValueError, NotImplementedError):
        return EPOCH_1900
    return EPOCH_1904 if pattern.search(head) else EPOCH_1900


def _read_with_calamine(
    path: Path, kind: str, background: bool
) -> tuple[list[RawSheet], Callable[[], None]]:
    """Give the worksheets, and how to stop reading them in the background.

    With `background`, a large .xlsx is read by two threads while the caller goes on: calamine
    parses a sheet without holding Python's lock, so the caller can validate one sheet while
    the next ones are parsed. An .ods is parsed whole when opened: no gain there.
    """
    data = path.read_bytes()  # every workbook from the same bytes: one version of the file
    if kind == "xlsx" and (corner := far_flung_cell(data)) is not None:
        raise _FarFlung(corner)
    workbook = _open_calamine(data)
    handed_over = False
    try:
        names = [
            meta.name for meta in workbook.sheets_metadata
            # chart sheets and macro sheets hold no rows of data
            if meta.typ == python_calamine.SheetTypeEnum.WorkSheet
        ]
        if background and kind == "xlsx" and len(names) > 1 and len(data) >= PARALLEL_BYTES:
            reader = _BackgroundReader(data, workbook, names)
            handed_over = True  # the reader thread that reads with it closes it
            return reader.sheets(), reader.stop
        return [RawSheet(name, *_sheet_rows(workbook, name)) for name in names], _nothing
    finally:
        if not handed_over:
            workbook.close()


def _nothing() -> None:
    pass


class _BackgroundReader:
    """Threads, each with its own workbook, reading the sheets in order. A sheet asked for
    before any thread has started it is read at once by the thread that asks.

    The caller keeps the cycle collector paused (it is one switch for the whole process).
    """

    def __init__(
        self, data: bytes, workbook: python_calamine.CalamineWorkbook, names: list[str]
    ) -> None:
        self._data = data
        self._queue = list(names)  # not started yet
        self._stopped = False
        self._lock = threading.Lock()
        self._read: dict[str, Future[tuple[Rows, list[MergedRange]]]] = {
            n: Future() for n in names
        }
        for number in range(READER_THREADS):  # the first one reads with the open workbook
            threading.Thread(target=self._work, args=(None if number else workbook,),
                             daemon=True).start()

    def sheets(self) -> list[RawSheet]:
        """Give the sheets, in workbook order; their rows wait for the reading."""
        return [RawSheet(name, functools.partial(self._wait, name)) for name in self._read]

    def stop(self) -> None:
        """Read no more sheets in the background: the rest are read only if asked for."""
        with self._lock:
            self._stopped = True

    def _wait(self, name: str) -> tuple[Rows, list[MergedRange]]:
        with self._lock:
            mine = name in self._queue
            if mine:
                self._queue.remove(name)
        if mine:  # e.g. a small Settings sheet at the end: no need to wait for the big ones
            opened = self._take(None, name)
            if opened is not None:
                opened.close()
        return self._read[name].result()

    def _work(self, workbook: python_calamine.CalamineWorkbook | None) -> None:
        try:
            while True:
                with self._lock:
                    if self._stopped or not self._queue:
                        return
                    name = self._queue.pop(0)
                workbook = self._take(workbook, name)
        finally:
            if workbook is not None:
                workbook.close()

    def _take(
        self, workbook: python_calamine.CalamineWorkbook | None, name: str
    ) -> python_calamine.CalamineWorkbook | None:
        """Read sheet `name` into its future, opening a workbook if need be; give the workbook.

        Whatever goes wrong ends up in the future, so nobody waits for ever: even a panic in
        calamine's Rust code, which Python raises as a BaseException. Ctrl-C goes on as well.
        """
        try:
            workbook = workbook or _open_calamine(self._data)
            self._read[name].set_result(_sheet_rows(workbook, name))
        except BaseException as err:
            failure = err if isinstance(err, Exception) else RuntimeError(repr(err))
            # Without its traceback, whose frames (this one, the reader) would make a cycle.
            self._read[name].set_exception(failure.with_traceback(None))
            if not (isinstance(err, Exception) or _is_panic(err)):
                raise  # Ctrl-C or an exit: not a sheet that cannot be read
        return workbook


def _open_calamine(data: bytes) -> python_calamine.CalamineWorkbook:
    # from_path would choose the format by the extension; the content was sniffed already.
    return python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))


def _sheet_rows(
    workbook: python_calamine.CalamineWorkbook, name: str
) -> tuple[Rows, list[MergedRange]]:
    """Give a sheet's rows and its merged ranges."""
    sheet = workbook.get_sheet_by_name(name)
    # to_python() starts at the first used cell; put the leading rows and columns back
    # so that rows[i] is spreadsheet row i + 1 and column j is letter j.
    first_row, first_col = sheet.start or (0, 0)
    pad: list[CellValue] = [None] * first_col
    rows: list[list[CellValue]] = [[] for _ in range(first_row)]
    for values in sheet.to_python():
        row = _clean(values)
        rows.append(pad + row if row and first_col else row)
    _drop_trailing_empty_rows(rows)
    return rows, list(sheet.merged_cell_ranges or ())


def _clean(values: list[Any]) -> list[CellValue]:
    """Give the row minus trailing blanks; blanks as None, whole numbers int, durations days."""
    end = len(values)
    while end and (values[end - 1] == "" or values[end - 1] is None):
        end -= 1
    row = values[:end]
    # The readers give only CellValue types besides "" and timedelta, which are mapped here.
    for i, v in enumerate(row):
        kind = v.__class__
        if kind is str:
            if not v:
                row[i] = None
        elif kind is float:
            if v.is_integer():
                row[i] = int(v)
        elif kind is dt.timedelta:
            row[i] = v.total_seconds() / 86400
    return cast(list[CellValue], row)


def _drop_trailing_empty_rows(rows: list[list[CellValue]]) -> None:
    while rows and not rows[-1]:
        rows.pop()


def _read_with_openpyxl(path: Path, first_error: BaseException | None) -> list[RawSheet]:
    """Give the worksheets as openpyxl reads them in read-only mode, within FALLBACK_SECONDS."""
    import openpyxl  # only needed for the few files calamine cannot read

    started = time.monotonic()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter(
                "ignore"
            )  # openpyxl warns about extensions it drops; harmless here
            workbook = openpyxl.load_workbook(
                path, read_only=True, data_only=True, keep_links=False
            )
            try:
                sheets = []
                for worksheet in workbook.worksheets:
                    # read-only mode trusts the declared <dimension>, which is often wrong.
                    worksheet.reset_dimensions()
                    rows: list[list[CellValue]] = []
                    for count, values in enumerate(worksheet.iter_rows(values_only=True)):
                        if count % 4096 == 0 and time.monotonic() - started > FALLBACK_SECONDS:
                            raise TimeoutError
                        rows.append(_clean(list(values)))
                    _drop_trailing_empty_rows(rows)
                    sheets.append(RawSheet(name=worksheet.title, rows=rows))
            finally:
                workbook.close()
    except Exception as err:
        log.info("openpyxl could not read %s either (%r)", path.name, err)
        raise UnsupportedFormat(
            f"{path.name} cannot be read: it looks damaged or was written by a program that"
            f" saves unusual workbooks. {SAVE_AS_XLSX_SENTENCE}."
        ) from (first_error or err)
    return sheets
