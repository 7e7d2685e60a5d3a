"""Reading CSV: a folder of one file per sheet, or a lone file, however it was saved."""

from __future__ import annotations

from pathlib import Path

import pytest

from ledgersite.config import Config
from ledgersite.errors import UnsupportedFormat
from ledgersite.sources.read import read_book

HEADER = ["Name", "City", "Notes"]
ROWS = [HEADER, ["Zoë Müller", "Köln", "Likes €200 pearls"], ["Ana Reyes", "Lyon"]]
TEXT = "Name,City,Notes\nZoë Müller,Köln,Likes €200 pearls\nAna Reyes,Lyon,\n"


def _write(path: Path, text: str, encoding: str = "utf-8", newline: str = "\n") -> Path:
    path.write_bytes(text.replace("\n", newline).encode(encoding))
    return path


def _read_one(path: Path, config: Config | None = None) -> list[list[object]]:
    book = read_book(path, config=config or Config())
    assert len(book.sheets) == 1
    return list(book.sheets[0].rows)


def test_folder_gives_one_sheet_per_file_named_after_the_file(tmp_path: Path) -> None:
    _write(tmp_path / "Clients.csv", TEXT)
    _write(tmp_path / "Purchases.tsv", "Date\tClient\n2024-05-01\tAna Reyes\n")
    book = read_book(tmp_path, config=Config())
    assert [s.name for s in book.sheets] == ["Clients", "Purchases"]
    assert book.sheets[0].rows == ROWS
    assert book.sheets[1].rows[1] == ["2024-05-01", "Ana Reyes"]
    assert (book.kind, book.origin) == ("csv", tmp_path.name)


def test_folder_ignores_lock_files_hidden_files_and_other_files(tmp_path: Path) -> None:
    _write(tmp_path / "Clients.csv", TEXT)
    _write(tmp_path / ".~lock.Clients.csv#", "Maria,shop-pc;")
    _write(tmp_path / "~$Clients.csv", "Maria")
    _write(tmp_path / ".Clients.csv", "hidden copy")
    _write(tmp_path / "readme.md", "notes")
    book = read_book(tmp_path, config=Config())
    assert [s.name for s in book.sheets] == ["Clients"]


def test_folder_without_csv_files_says_what_to_put_there(tmp_path: Path) -> None:
    with pytest.raises(UnsupportedFormat, match="has no CSV files in it"):
        read_book(tmp_path, config=Config())


def test_utf8_byte_order_mark_does_not_stick_to_the_first_header(tmp_path: Path) -> None:
    path = _write(tmp_path / "clients.csv", "\ufeff" + TEXT)
    assert _read_one(path) == ROWS


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_text_with_a_byte_order_mark_is_read(tmp_path: Path, encoding: str) -> None:
    text = TEXT if encoding == "utf-16" else "\ufeff" + TEXT
    assert _read_one(_write(tmp_path / "clients.csv", text, encoding)) == ROWS


def test_windows_1252_text_is_read_and_noted(tmp_path: Path) -> None:
    path = _write(tmp_path / "clients.csv", TEXT, "cp1252")
    book = read_book(path, config=Config())
    assert book.sheets[0].rows == ROWS
    assert any("Windows-1252" in note for note in book.notes)


@pytest.mark.parametrize(
    ("delimiter", "suffix"), [(";", ".csv"), ("\t", ".tsv"), ("\t", ".txt"), (",", ".csv")]
)
def test_semicolons_tabs_and_commas_are_all_separators(
    tmp_path: Path, delimiter: str, suffix: str
) -> None:
    path = _write(tmp_path / f"clients{suffix}", TEXT.replace(",", delimiter))
    assert _read_one(path) == ROWS


def test_semicolon_file_with_decimal_commas_keeps_the_commas_in_values(tmp_path: Path) -> None:
    path = _write(tmp_path / "clients.csv", "Name;Ring size;Spent\nAna;6,5;1.250,00\nBo;7;80,5\n")
    assert _read_one(path) == [
        ["Name", "Ring size", "Spent"],
        ["Ana", "6,5", "1.250,00"],
        ["Bo", "7", "80,5"],
    ]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_lf_crlf_and_old_mac_cr_line_endings_read_the_same(tmp_path: Path, newline: str) -> None:
    assert _read_one(_write(tmp_path / "clients.csv", TEXT, newline=newline)) == ROWS


def test_a_quoted_cell_keeps_its_line_breaks_and_commas(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "clients.csv", 'Name,Notes\nAna,"Loves pearls,\nnot gold"\n', newline="\r\n"
    )
    assert _read_one(path)[1] == ["Ana", "Loves pearls,\r\nnot gold"]


def test_blank_cells_are_none_and_trailing_blanks_and_rows_are_dropped(tmp_path: Path) -> None:
    path = _write(tmp_path / "clients.csv", "Name,,City,,\n,,Lyon,,\n,,,,\n\n,,,\n")
    assert _read_one(path) == [["Name", None, "City"], [None, None, "Lyon"]]


def test_a_lone_csv_file_is_the_clients_sheet(tmp_path: Path) -> None:
    path = _write(tmp_path / "export_2026.csv", TEXT)
    book = read_book(path, config=Config())
    assert [s.name for s in book.sheets] == ["Clients"]
    assert book.origin == "export_2026.csv"


def test_a_lone_csv_file_takes_the_clients_tab_name_from_the_settings(tmp_path: Path) -> None:
    path = _write(tmp_path / "DimCustomer.csv", TEXT)
    book = read_book(path, config=Config(sheets={"clients": "DimCustomer"}))
    assert [s.name for s in book.sheets] == ["DimCustomer"]
