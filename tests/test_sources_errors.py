"""Files that are not a readable book end in one clear sentence, judged by content not name."""

from __future__ import annotations

import shutil
import sys
import types
import zipfile
from pathlib import Path

import openpyxl
import pytest

from ledgersite.config import Config
from ledgersite.errors import (
    BookNotFound,
    LockFileError,
    PasswordProtected,
    SourceError,
    StillSaving,
    UnsupportedFormat,
)
from ledgersite.sources.raw import RawBook
from ledgersite.sources.read import is_google_sheet, read_book

SHEET_KEY = "1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms_x"[:44]


def _workbook(tmp_path: Path, name: str = "book.xlsx") -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Clients"
    for i in range(200):
        ws.append([f"C-{i:04}", f"Client {i}", "Notes " * 20])
    path = tmp_path / name
    wb.save(path)
    return path


def test_missing_path_is_book_not_found_and_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(BookNotFound, match=r"no file or folder called gone\.xlsx"):
        read_book(tmp_path / "gone.xlsx", config=Config())


def test_excel_lock_file_says_open_the_book_instead(tmp_path: Path) -> None:
    lock = tmp_path / "~$book.xlsx"
    lock.write_bytes(b"\x05Maria" + b"\x00" * 50 + "Maria".encode("utf-16-le"))
    with pytest.raises(LockFileError, match=r"This is Excel's lock file .*open book\.xlsx instead"):
        read_book(lock, config=Config())


def test_libreoffice_lock_file_says_open_the_book_instead(tmp_path: Path) -> None:
    lock = tmp_path / ".~lock.book.xlsx#"
    lock.write_text("Maria,shop-pc,maria,25.11.2026 09:12,file:///home/maria/.config;")
    with pytest.raises(LockFileError, match=r"LibreOffice's lock file .*open book\.xlsx instead"):
        read_book(lock, config=Config())


def test_password_protected_workbook_says_save_a_copy_without_a_password(
    realworld: Path, tmp_path: Path
) -> None:
    # An encrypted .xlsx is an OLE2 container, so openpyxl says "File is not a zip file".
    path = tmp_path / "book.xlsx"
    shutil.copy(realworld / "xlsx" / "pycalamine__password.xlsx", path)
    with pytest.raises(
        PasswordProtected,
        match="This workbook is password-protected: save a copy without a password",
    ):
        read_book(path, config=Config())


def test_password_protected_ods_is_recognised(realworld: Path) -> None:
    with pytest.raises(PasswordProtected):
        read_book(realworld / "ods" / "roo__encrypted-letmein.ods", config=Config())


def test_old_xls_bytes_under_an_xlsx_name_say_save_as_xlsx(realworld: Path, tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    shutil.copy(realworld / "other" / "frictionless__table.xls", path)
    with pytest.raises(UnsupportedFormat, match=r"old Excel 97-2003 workbook .*Save As"):
        read_book(path, config=Config())


def test_corrupt_zip_is_reported_as_damaged(tmp_path: Path) -> None:
    path = _workbook(tmp_path)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as package:
        info = package.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename) + 10
    data[start : start + 40] = b"\xff" * 40  # damage the compressed sheet, keep the zip directory
    path.write_bytes(bytes(data))
    with pytest.raises(UnsupportedFormat, match=r"book\.xlsx cannot be read"):
        read_book(path, config=Config())


def test_half_written_workbook_is_still_saving(tmp_path: Path) -> None:
    path = _workbook(tmp_path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])  # what Excel leaves while it is still writing
    with pytest.raises(StillSaving, match="still being saved"):
        read_book(path, config=Config())


def test_empty_file_is_reported_as_empty(tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    path.write_bytes(b"")
    with pytest.raises(UnsupportedFormat, match=r"book\.xlsx is empty"):
        read_book(path, config=Config())


def test_zip_that_is_not_a_spreadsheet_says_so(tmp_path: Path) -> None:
    path = tmp_path / "photos.zip"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("ring.jpg", b"\xff\xd8\xff")
    with pytest.raises(UnsupportedFormat, match=r"compressed \(zip\) folder, not a spreadsheet"):
        read_book(path, config=Config())


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("sheetjs__minimal_112.numbers", "Apple Numbers file"),
        ("calamine__date_1904.xlsb", r"binary workbook \(\.xlsb\)"),
        ("sheetjs__issue2717__issue2717.xml", "Excel 2003 XML spreadsheet"),
        ("sheetjs__crlf__crlf.fods", r"flat OpenDocument spreadsheet"),
        ("sheetjs__issue2717__issue2717.slk", r"SYLK"),
    ],
)
def test_formats_that_cannot_be_read_say_what_they_are(
    realworld: Path, name: str, says: str
) -> None:
    with pytest.raises(UnsupportedFormat, match=says):
        read_book(realworld / "other" / name, config=Config())


def test_csv_text_under_an_xlsx_name_is_read_as_csv(tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    path.write_text("Name,Email\nAna Reyes,ana@example.com\n", encoding="utf-8")
    book = read_book(path, config=Config())
    assert book.kind == "csv" and book.sheets[0].rows[1] == ["Ana Reyes", "ana@example.com"]


def test_every_failure_is_a_source_error_with_a_sentence(tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(SourceError) as caught:
        read_book(path, config=Config())
    assert "book.xlsx" in str(caught.value) and str(caught.value).endswith(".")


def test_google_sheet_addresses_and_keys_go_to_the_google_reader(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[str] = []

    def read_gsheet(location: str, *, config: Config) -> RawBook:
        seen.append(location)
        return RawBook(sheets=[], origin="Shop book", kind="gsheet")

    fake = types.ModuleType("ledgersite.sources.gsheet")
    fake.read_gsheet = read_gsheet  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "ledgersite.sources.gsheet", fake)
    url = f"https://docs.google.com/spreadsheets/d/{SHEET_KEY}/edit#gid=0"
    assert read_book(url, config=Config()).kind == "gsheet"
    assert read_book(SHEET_KEY, config=Config()).kind == "gsheet"
    assert seen == [url, SHEET_KEY]


def test_a_file_named_like_a_sheet_key_is_read_as_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path(SHEET_KEY).write_text("Name\nAna Reyes\n", encoding="utf-8")
    assert not is_google_sheet(SHEET_KEY)
    assert is_google_sheet(f"https://docs.google.com/spreadsheets/d/{SHEET_KEY}")
