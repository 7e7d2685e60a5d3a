"""CSV for staff: whatever a cell holds, the file opens in a spreadsheet without running it."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from ledgersite.csv_safe import csv_bytes, neutralise, write_csv


@pytest.mark.parametrize(
    "value",
    [
        "=1+1",
        '=HYPERLINK("http://evil.example","click")',
        "+44 7700 900123",
        "-2+3",
        "@SUM(A1:A2)",
        "\t=1+1",
        "\r=1+1",
        "＝1+1",
    ],
)
def test_text_a_spreadsheet_would_run_as_a_formula_gets_a_leading_apostrophe(value: str) -> None:
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ["Maria Reyes", "07700 900123", "", "a=b", "'already quoted"])
def test_ordinary_text_is_left_alone(value: str) -> None:
    assert neutralise(value) == value


def read_back(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def test_write_csv_neutralises_header_and_text_cells_but_not_numbers_or_dates(
    tmp_path: Path,
) -> None:
    target = tmp_path / "call sheet.csv"
    write_csv(
        target,
        ["Client", "=Phone", "Owed", "Since"],
        [
            ["=cmd|' /C calc'!A0", "+44 7700 900123", Decimal("-12.50"), dt.date(2024, 3, 1)],
            ["Ana Lima", None, -3, None],
        ],
    )
    assert read_back(target) == [
        ["Client", "'=Phone", "Owed", "Since"],
        ["'=cmd|' /C calc'!A0", "'+44 7700 900123", "-12.50", "2024-03-01"],
        ["Ana Lima", "", "-3", ""],
    ]


def test_write_csv_starts_with_a_byte_order_mark_so_excel_reads_accents(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    write_csv(target, ["Client"], [["Zoë Ní Bhriain"]])
    data = target.read_bytes()
    assert data.startswith("\ufeff".encode())
    assert "Zoë Ní Bhriain".encode() in data


def test_write_csv_replaces_an_existing_file_and_leaves_no_temporary_file(
    tmp_path: Path,
) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old", encoding="utf-8")
    write_csv(target, ["Client"], [["New"]])
    assert read_back(target) == [["Client"], ["New"]]
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_csv_bytes_quotes_commas_quotes_and_line_breaks_inside_cells() -> None:
    data = csv_bytes(["Notes"], [['Said "hi", then left\nfor lunch']])
    assert data.decode("utf-8-sig") == 'Notes\r\n"Said ""hi"", then left\nfor lunch"\r\n'
