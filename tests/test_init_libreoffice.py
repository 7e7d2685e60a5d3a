"""The starter workbook opens cleanly in LibreOffice, drop-downs and all.

LibreOffice is a system package (CI installs libreoffice-calc-nogui); without it these tests
fail with a message saying so rather than skip, so a green run always means it was checked.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from ledgersite.cli import main

TIMEOUT_SECONDS = 120


def libreoffice() -> str:
    """Give the LibreOffice program, failing the test when it is not installed."""
    program = shutil.which("libreoffice") or shutil.which("soffice")
    if program is None:
        pytest.fail(
            "LibreOffice is not installed, so the starter workbook cannot be proved to open in"
            " it: apt-get install libreoffice-calc-nogui (.ci/run does)."
        )
    return program


def convert(source: Path, to: str, out: Path, profile: Path) -> Path:
    """Give the file LibreOffice wrote when it opened `source` and saved it as `to`."""
    result = subprocess.run(
        [
            libreoffice(),
            f"-env:UserInstallation={profile.as_uri()}",  # its own profile: no clash, no dialog
            "--headless",
            "--convert-to",
            to,
            "--outdir",
            str(out),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        check=False,
    )
    written = out / f"{source.stem}.{to.split(':')[0]}"
    assert result.returncode == 0, result.stderr
    assert written.is_file(), f"LibreOffice wrote nothing: {result.stdout} {result.stderr}"
    return written


def filled_rows(sheet: Worksheet) -> list[tuple[object, ...]]:
    """Give the sheet's rows without the empty formatted rows LibreOffice adds at the end."""
    rows = list(sheet.iter_rows(values_only=True))
    while rows and all(v is None for v in rows[-1]):
        rows.pop()
    return rows


def validations(book: openpyxl.Workbook) -> dict[tuple[str, str], str]:
    """Give (sheet, first cell of the range) -> list source, with quoting made uniform."""
    found = {}
    for sheet in book.worksheets:
        for v in sheet.data_validations.dataValidation:
            assert v.type == "list"
            first = str(v.sqref).split(":")[0].split()[0]
            found[(sheet.title, first)] = str(v.formula1).replace("'", "")
    return found


def test_libreoffice_opens_the_starter_and_keeps_every_sheet_value_and_drop_down(
    tmp_path: Path,
) -> None:
    book = tmp_path / "starter.xlsx"
    assert main(["init", str(book), "--time-zone", "Europe/London"]) == 0
    saved = convert(book, "xlsx:Calc MS Excel 2007 XML", tmp_path / "out", tmp_path / "lo")
    ours, theirs = openpyxl.load_workbook(book), openpyxl.load_workbook(saved)
    assert theirs.sheetnames == ours.sheetnames
    for sheet in ours.worksheets:
        assert filled_rows(theirs[sheet.title]) == filled_rows(sheet), sheet.title
    assert validations(theirs) == validations(ours)
    birthday = theirs["Clients"]["J2"]
    assert birthday.number_format.replace("\\", "") == "d mmm yyyy"


def test_libreoffice_reads_the_clients_of_a_book_started_from_an_export(tmp_path: Path) -> None:
    export = tmp_path / "customers.csv"
    export.write_text("First Name,Last Name,DOB\nAna,Lima,1990-02-03\n", encoding="utf-8")
    book = tmp_path / "book.xlsx"
    assert main(["init", str(book), "--from", str(export), "--time-zone", "UTC"]) == 0
    saved = convert(book, "ods", tmp_path / "out", tmp_path / "lo")
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(saved)).get_sheet_by_name("Clients").to_python()
    assert rows[1][1:3] == ["Ana", "Lima"]
