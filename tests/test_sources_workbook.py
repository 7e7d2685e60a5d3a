"""Reading .xlsx/.xlsm and .ods workbooks: values, types, positions and date systems."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import sys
import threading
import time
import weakref
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl import Workbook
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from ledgersite import collector, load
from ledgersite.config import Config
from ledgersite.load import load_book
from ledgersite.sources import workbook
from ledgersite.sources.extent import far_flung_cell
from ledgersite.sources.raw import EPOCH_1900, EPOCH_1904, LateReadError, RawBook
from ledgersite.sources.read import read_book
from ledgersite.sources.workbook import PARALLEL_BYTES, read_workbook


def _save(tmp_path: Path, name: str = "book.xlsx", *, mac_1904: bool = False) -> Path:
    """Give the path of a small client book with a table starting at C3, written by openpyxl."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Clients"
    ws["C3"], ws["D3"], ws["E3"], ws["F3"], ws["G3"] = "Name", "Birthday", "Spent", "VIP", "Ring"
    ws["C4"], ws["D4"], ws["E4"], ws["F4"], ws["G4"] = (
        "Ana Reyes",
        dt.datetime(1985, 3, 14),  # noqa: DTZ001 - cells hold times without a zone
        1250,
        True,
        6.5,
    )
    ws["C6"] = "Bo Li"  # row 5 left empty on purpose
    purchases = wb.create_sheet("Purchases")
    purchases.append(["Date", "Client", "Item"])
    sold = dt.datetime(2024, 5, 1, 15, 30)  # noqa: DTZ001 - cells hold times without a zone
    purchases.append([sold, "Ana Reyes", "Pearl studs"])
    hidden = wb.create_sheet("Notes")
    hidden.sheet_state = "hidden"
    hidden["A1"] = "kept"
    if mac_1904:
        wb.epoch = CALENDAR_MAC_1904
    path = tmp_path / name
    wb.save(path)
    return path


def _rewrite_dimension(path: Path, ref: str) -> None:
    """Replace the declared <dimension> of the first sheet, as some programs write it wrongly."""
    with zipfile.ZipFile(path) as old:
        parts = {info.filename: old.read(info) for info in old.infolist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    parts["xl/worksheets/sheet1.xml"] = re.sub(
        r'<dimension ref="[^"]*"', f'<dimension ref="{ref}"', sheet
    ).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for name, data in parts.items():
            new.writestr(name, data)


def test_keeps_row_and_column_positions_when_the_table_starts_at_c3(tmp_path: Path) -> None:
    book = read_book(_save(tmp_path), config=Config())
    clients = book.sheets[0]
    assert clients.rows[0] == [] and clients.rows[1] == []
    assert clients.cell(3, 2) == "Name"  # C3
    assert clients.rows[2][:2] == [None, None]
    assert clients.cell(6, 2) == "Bo Li"  # C6, after an empty row 5
    assert clients.rows[4] == []


def test_reads_text_whole_numbers_booleans_decimals_and_real_dates_with_their_types(
    tmp_path: Path,
) -> None:
    clients = read_book(_save(tmp_path), config=Config()).sheets[0]
    name, birthday, spent, vip, ring = clients.rows[3][2:7]
    assert name == "Ana Reyes"
    assert isinstance(birthday, dt.date) and birthday.isoformat()[:10] == "1985-03-14"
    assert spent == 1250 and type(spent) is int
    assert vip is True
    assert ring == 6.5


def test_date_and_time_cells_keep_their_time_of_day(tmp_path: Path) -> None:
    purchases = read_book(_save(tmp_path), config=Config()).sheets[1]
    assert purchases.cell(2, 0) == dt.datetime(2024, 5, 1, 15, 30)  # noqa: DTZ001


def test_drops_trailing_empty_rows_and_cells(tmp_path: Path) -> None:
    clients = read_book(_save(tmp_path), config=Config()).sheets[0]
    assert len(clients.rows) == 6
    assert clients.rows[5] == [None, None, "Bo Li"]


def test_reads_every_worksheet_in_order_including_hidden_ones(tmp_path: Path) -> None:
    book = read_book(_save(tmp_path), config=Config())
    assert [s.name for s in book.sheets] == ["Clients", "Purchases", "Notes"]
    assert book.sheets[2].cell(1, 0) == "kept"
    assert (book.origin, book.kind) == ("book.xlsx", "xlsx")


def test_workbook_in_the_1900_date_system_says_so(tmp_path: Path) -> None:
    assert read_book(_save(tmp_path), config=Config()).epoch == EPOCH_1900


def test_detects_the_1904_date_system_and_still_gives_the_right_dates(tmp_path: Path) -> None:
    book = read_book(_save(tmp_path, mac_1904=True), config=Config())
    assert book.epoch == EPOCH_1904
    birthday = book.sheets[0].cell(4, 3)
    assert isinstance(birthday, dt.date) and birthday.isoformat()[:10] == "1985-03-14"


def test_a_dimension_that_says_a1_does_not_truncate_the_sheet(tmp_path: Path) -> None:
    path = _save(tmp_path)
    _rewrite_dimension(path, "A1")
    clients = read_book(path, config=Config()).sheets[0]
    assert clients.cell(6, 2) == "Bo Li"


def test_a_sheet_that_declares_a_million_rows_and_holds_six_is_read_quickly(
    tmp_path: Path,
) -> None:
    path = _save(tmp_path)
    _rewrite_dimension(path, "A1:XFD1048576")
    started = time.monotonic()
    clients = read_book(path, config=Config()).sheets[0]
    assert time.monotonic() - started < 5
    assert len(clients.rows) == 6


#: Reads the first sheet of the book in argv[1] with the address space capped at 1 GB, and
#: prints its length and its cells that hold something.
_READ_WITHIN_1_GB = """
import json, logging, resource, sys
from pathlib import Path
from ledgersite.config import Config
from ledgersite.sources.read import read_book
logging.basicConfig(level=logging.INFO, format="%(message)s")
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
rows = read_book(Path(sys.argv[1]), config=Config()).sheets[0].rows
used = [[r + 1, c, v] for r, row in enumerate(rows) for c, v in enumerate(row) if v is not None]
print(json.dumps([len(rows), used]))
"""


def _book_with_a_stray_cell(tmp_path: Path, *cells: str) -> Path:
    """Give a two-client book with "x" typed in each of `cells`, as after Ctrl+Down and typing."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Clients"
    ws.append(["First name", "Last name"])
    ws.append(["Maria", "Reyes"])
    for cell in cells:
        ws[cell] = "x"
    path = tmp_path / "book.xlsx"
    wb.save(path)
    return path


@pytest.mark.parametrize(
    ("cells", "strays"),
    [
        (["XFD1048576"], [[1048576, 16383, "x"]]),
        (["Z1048576"], [[1048576, 25, "x"]]),
        (["A1048576", "ZZ1"], [[1, 701, "x"], [1048576, 0, "x"]]),
    ],
)
def test_a_stray_cell_in_the_far_corner_is_read_within_modest_memory(
    tmp_path: Path, cells: list[str], strays: list[list[object]]
) -> None:
    # calamine would hold these sheets as a dense box of up to 17 billion cells and abort.
    path = _book_with_a_stray_cell(tmp_path, *cells)
    done = subprocess.run([sys.executable, "-c", _READ_WITHIN_1_GB, str(path)],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    length, used = json.loads(done.stdout)
    assert length == 1048576
    heading = [[1, 0, "First name"], [1, 1, "Last name"], [2, 0, "Maria"], [2, 1, "Reyes"]]
    assert sorted(used) == sorted(heading + strays)
    assert f"as far out as {cells[0] if len(cells) == 1 else 'ZZ1048576'}" in done.stderr
    assert "Ctrl+End" in done.stderr


def test_only_sheets_whose_cells_are_far_apart_count_as_far_flung(tmp_path: Path) -> None:
    assert far_flung_cell(_book_with_a_stray_cell(tmp_path, "Z1048576").read_bytes()) == (
        "Z1048576"
    )
    near = _book_with_a_stray_cell(tmp_path, "XFD1")  # a box of 32,768 cells: harmless
    assert far_flung_cell(near.read_bytes()) is None
    formatted = _save(tmp_path)  # whole columns formatted: <dimension> is huge, the data small
    _rewrite_dimension(formatted, "A1:XFD1048576")
    assert far_flung_cell(formatted.read_bytes()) is None


def test_xlsm_and_odd_extensions_are_read_by_content(tmp_path: Path) -> None:
    path = _save(tmp_path)
    for name in ("book.xlsm", "book.ods", "book.dat"):
        shutil.copy(path, tmp_path / name)
        book = read_book(tmp_path / name, config=Config())
        assert book.kind == "xlsx" and book.sheets[0].cell(3, 2) == "Name"


def test_reads_an_ods_workbook_with_dates_and_booleans(realworld: Path) -> None:
    book = read_book(realworld / "ods" / "pycalamine__base.ods", config=Config())
    assert book.kind == "ods"
    values = [v for sheet in book.sheets for row in sheet.rows for v in row]
    assert any(isinstance(v, dt.date) for v in values)
    assert any(v is True or v is False for v in values)


def test_strict_open_xml_save_is_read_not_silently_empty(realworld: Path) -> None:
    # openpyxl opens this Excel "Strict Open XML" save with 0 sheets (SOURCES.md);
    # calamine reads its 22 cells.
    book = read_book(realworld / "xlsx" / "edr__strict__Test_googlesourced.xlsx", config=Config())
    assert sum(v is not None for s in book.sheets for r in s.rows for v in r) == 22


def test_falls_back_to_openpyxl_for_a_workbook_calamine_rejects(realworld: Path) -> None:
    # calamine raises XmlError "Relationships" on this Windows Phone save; openpyxl reads 14 cells.
    book = read_book(realworld / "xlsx" / "roo__Pfand_from_windows_phone.xlsx", config=Config())
    assert sum(v is not None for s in book.sheets for r in s.rows for v in r) == 14


def test_error_cells_come_back_as_their_text_rather_than_blanks(realworld: Path) -> None:
    book = read_book(realworld / "xlsx" / "calamine__errors.xlsx", config=Config())
    values = {v for s in book.sheets for r in s.rows for v in r}
    assert "#DIV/0!" in values


def test_detects_the_1904_date_system_of_an_ods_workbook(realworld: Path) -> None:
    assert (
        read_book(realworld / "ods" / "sheetjs__1904__1904.ods", config=Config()).epoch
        == EPOCH_1904
    )
    assert (
        read_book(realworld / "ods" / "pycalamine__base.ods", config=Config()).epoch == EPOCH_1900
    )


def test_two_background_threads_read_exactly_what_one_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wb = Workbook()
    for index, title in enumerate(("Clients", "Purchases", "Dates", "Contact log", "Empty")):
        sheet = wb.active if index == 0 else wb.create_sheet(title)
        assert sheet is not None
        sheet.title = title
        for row in range(1, 400 * (5 - index)):
            sheet.append([f"{title} {row}", row, dt.date(2020, 1, 1 + row % 28), None,
                          row / 4, f"note {row % 7}" if row % 3 else None])
    wb["Dates"]["H5"] = "a cell further out"
    path = tmp_path / "book.xlsx"
    wb.save(path)
    one = read_workbook(path, "xlsx")
    monkeypatch.setattr(workbook, "PARALLEL_BYTES", 0)
    two = read_workbook(path, "xlsx", background=True)
    assert [(s.name, s.rows) for s in two.sheets] == [(s.name, s.rows) for s in one.sheets]
    assert [s.name for s in two.sheets] == ["Clients", "Purchases", "Dates", "Contact log", "Empty"]
    assert len(one.sheets[1].rows) == 1599


def _failing(
    monkeypatch: pytest.MonkeyPatch, sheet: str, error: BaseException, *, always: bool = False
) -> list[str]:
    """Make the first read of `sheet` (every read, if `always`) raise `error`; give the names
    of the sheets read."""
    real = workbook._sheet_rows
    read: list[str] = []

    def flaky(book: object, name: str) -> object:
        read.append(name)
        if name == sheet and (always or read.count(name) == 1):
            raise error
        return real(book, name)  # type: ignore[arg-type]

    monkeypatch.setattr(workbook, "_sheet_rows", flaky)
    return read


def test_a_sheet_that_fails_in_the_background_is_read_again_in_one_go(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _save(tmp_path)
    monkeypatch.setattr(workbook, "PARALLEL_BYTES", 0)
    read = _failing(monkeypatch, "Purchases", ValueError("a sheet calamine chokes on"))
    book = load_book(path, Config())
    assert read.count("Purchases") == 2  # the failed read, and the second one in one go
    assert [p.item for p in book.purchases] == ["Pearl studs"]


def test_the_first_attempt_is_let_go_before_the_book_is_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _save(tmp_path)
    monkeypatch.setattr(workbook, "PARALLEL_BYTES", 0)
    _failing(monkeypatch, "Purchases", ValueError("a sheet calamine chokes on"))
    real = read_book
    first: list[weakref.ref[RawBook]] = []

    def watched(location: Path, *, config: Config, background: bool = False) -> RawBook:
        if first:  # the second read: a big book's first attempt must not be held meanwhile
            assert first[0]() is None
        raw = real(location, config=config, background=background)
        first.append(weakref.ref(raw))
        return raw

    monkeypatch.setattr(load, "read_book", watched)
    assert [p.item for p in load.load_book(path, Config()).purchases] == ["Pearl studs"]
    assert len(first) == 2


class PanicException(BaseException):
    """What pyo3 raises for a panic in calamine's Rust code: not an Exception."""


def _asked(raw: RawBook, sheet: int) -> BaseException | None:
    """Give what asking for a sheet's rows raised, waiting at most 10 s (never hang a test)."""
    raised: list[BaseException | None] = [None]

    def ask() -> None:
        try:
            _ = raw.sheets[sheet].rows
        except BaseException as err:
            raised[0] = err.with_traceback(None)  # kept here: no cycle through our frames

    asker = threading.Thread(target=ask, daemon=True)
    asker.start()
    asker.join(10)
    assert not asker.is_alive(), "asking for the rows hung"
    return raised[0]


def test_a_reader_thread_that_panics_fails_the_sheet_instead_of_hanging(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _save(tmp_path)
    monkeypatch.setattr(workbook, "PARALLEL_BYTES", 0)
    _failing(monkeypatch, "Purchases", PanicException("index out of bounds"))
    raw = read_book(path, config=Config(), background=True)
    assert isinstance(_asked(raw, 1), LateReadError)
    assert [p.item for p in load_book(path, Config()).purchases] == ["Pearl studs"]


def test_a_first_sheet_that_fails_in_the_background_is_read_again_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _save(tmp_path)
    monkeypatch.setattr(workbook, "PARALLEL_BYTES", 0)
    read = _failing(monkeypatch, "Clients", PanicException("index out of bounds"))
    book = load_book(path, Config())
    assert read.count("Clients") == 2 and [c.name for c in book.clients.values()] == [
        "Ana Reyes", "Bo Li"
    ]


def test_a_panic_on_every_read_falls_back_to_openpyxl(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _save(tmp_path)
    monkeypatch.setattr(workbook, "PARALLEL_BYTES", 0)
    _failing(monkeypatch, "Purchases", PanicException("index out of bounds"), always=True)
    assert [p.item for p in load_book(path, Config()).purchases] == ["Pearl studs"]


def test_ctrl_c_while_reading_a_sheet_stops_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _save(tmp_path)
    monkeypatch.setattr(workbook, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(workbook, "READER_THREADS", 0)  # every sheet read by the one who asks
    _failing(monkeypatch, "Purchases", KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        load_book(path, Config())


def test_a_sheet_that_failed_unasked_leaves_nothing_of_the_first_attempt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _save(tmp_path)
    monkeypatch.setattr(workbook, "PARALLEL_BYTES", 0)
    for name in ("Purchases", "Notes"):
        _failing(monkeypatch, name, ValueError("a sheet calamine chokes on"))
    raw = read_book(path, config=Config(), background=True)
    reader = raw.stop_reading.__self__  # type: ignore[attr-defined]
    assert isinstance(_asked(raw, 1), LateReadError)  # Purchases, asked for
    deadline = time.monotonic() + 10
    while not all(future.done() for future in reader._read.values()):  # Notes, in a thread
        assert time.monotonic() < deadline
        time.sleep(0.01)
    gone = weakref.ref(reader)
    del reader
    with collector.paused():  # as in a build: a cycle would keep the reader, its bytes and rows
        raw.stop_reading()
        del raw
        assert gone() is None


def test_sheets_the_book_never_asks_for_are_not_read_after_it_is_loaded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wb = Workbook()
    clients = wb.active
    assert clients is not None
    clients.title = "Clients"
    clients.append(["Client ID", "First name"])
    clients.append(["C-1", "Maria"])
    for n in range(6):
        wb.create_sheet(f"Archive {n}").append(["Old", "rows"])
    path = tmp_path / "book.xlsx"
    wb.save(path)
    monkeypatch.setattr(workbook, "PARALLEL_BYTES", 0)
    real = workbook._sheet_rows
    read: list[str] = []

    def slow_archives(book: object, name: str) -> object:
        read.append(name)
        if name.startswith("Archive"):
            time.sleep(0.3)  # a big tab nobody needs
        return real(book, name)  # type: ignore[arg-type]

    monkeypatch.setattr(workbook, "_sheet_rows", slow_archives)
    load_book(path, Config())
    deadline = time.monotonic() + 5
    while any("(_work)" in repr(t) for t in threading.enumerate()):
        assert time.monotonic() < deadline, "the reader threads did not stop"
        time.sleep(0.05)
    assert len([name for name in read if name.startswith("Archive")]) <= 2  # one per thread


def test_the_corpus_workbooks_read_in_the_background_as_in_one_go(realworld: Path) -> None:
    """Every large real-world workbook (the ones a build reads in the background)."""
    large = sorted(
        path for folder in ("xlsx", "customers") for path in (realworld / folder).iterdir()
        if path.suffix.lower() in (".xlsx", ".xlsm") and path.stat().st_size >= PARALLEL_BYTES
    )
    assert len(large) >= 5
    for path in large:
        one = read_book(path, config=Config())
        two = read_book(path, config=Config(), background=True)
        # Asked for in reverse, so sheets are also read by the asker, not only by the threads.
        assert [(s.name, s.rows) for s in reversed(two.sheets)] == [
            (s.name, s.rows) for s in reversed(one.sheets)
        ], path.name


def test_a_merged_cell_gives_its_value_to_every_cell_it_covers(tmp_path: Path) -> None:
    wb = Workbook()
    clients = wb.active
    assert clients is not None
    clients.title = "Clients"
    clients.append(["Bijou client book"])
    clients.merge_cells("A1:XFD1")  # a title across every column
    clients.append(["Client ID", "First name", "Last name"])
    clients.append([10023, "Tom", "Reyes"])
    purchases = wb.create_sheet("Purchases")
    purchases.append(["Date", "Client", "Item", "Price", "Occasion"])
    for day in (1, 2, 3):
        first = day == 1
        purchases.append([dt.date(2026, 1, day), 10023 if first else None, "Ring",
                          "£1,250.00" if first else None, "Anniversary" if first else None])
    purchases.merge_cells("B2:B4")  # a client number, merged down: the client of all three
    purchases.merge_cells("D2:D4")  # one price for the three: counted once
    purchases.merge_cells("E2:E3")
    path = tmp_path / "merged.xlsx"
    wb.save(path)
    book = load_book(path, Config())
    assert [(p.client_id, p.date.day, p.price, p.occasion) for p in book.purchases] == [
        ("10023", 1, 1250, "Anniversary"), ("10023", 2, None, "Anniversary"),
        ("10023", 3, None, ""),
    ]
    assert book.problems == []
    assert max(len(row) for row in book_rows(path, "Clients")) == 3  # the title made no columns


def book_rows(path: Path, name: str) -> list[list[object]]:
    from ledgersite.validate.table import open_table

    raw = read_book(path, config=Config())
    sheet = next(s for s in raw.sheets if s.name == name)
    open_table(sheet, "clients", {})
    return list(sheet.rows)



@pytest.mark.parametrize(
    ("box", "part_bytes", "far"),
    [
        (1_000_000, 10, False),  # small: read as it is, however empty
        (10_000_000, 12_500_000, False),  # 100 columns of 100,000 rows, 5 filled: a wide sheet
        (11_534_336, 25_000, True),  # K1048576 below a hundred clients: nearly empty
        (30_000_000, 12_500_000, True),  # too big to read as a box at all
        (30_000_000, 200_000_000, False),  # full enough: the XML is as big as the box
    ],
)
def test_how_empty_a_box_must_be_to_be_read_the_slow_way(
    box: int, part_bytes: int, far: bool
) -> None:
    from ledgersite.sources.extent import _mostly_empty

    assert _mostly_empty(box, part_bytes) is far


def test_a_stray_cell_below_a_small_sheet_counts_as_far_flung_even_in_a_narrow_box(
    tmp_path: Path,
) -> None:
    # K1048576 makes a box of 11.5 million cells: a wide sheet's size, but nearly empty.
    assert far_flung_cell(_book_with_a_stray_cell(tmp_path, "K1048576").read_bytes()) == (
        "K1048576"
    )
