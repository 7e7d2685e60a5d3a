"""The Settings sheet, read from real workbooks written with openpyxl."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from ledgersite.book import Book
from ledgersite.config import Config
from ledgersite.load import load_book

CLIENTS: list[list[object]] = [["Client ID", "First name", "Last name"], ["C-1", "Ann", "Lee"]]


def load(path: Path, sheets: dict[str, list[list[object]]]) -> Book:
    """Give the book of `sheets` (Clients added), written to `path` and read back."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)  # type: ignore[arg-type]
    for name, rows in {"Clients": CLIENTS, **sheets}.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return load_book(path, Config())


def settings(*rows: list[object]) -> dict[str, list[list[object]]]:
    return {"Settings": [["Setting", "Value"], *rows]}


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("Europe/London", "Europe/London"),
        ("europe/london", "Europe/London"),
        ("London", "Europe/London"),
        ("new york", "America/New_York"),
        ("America/New York", "America/New_York"),
        ("utc", "UTC"),
    ],
)
def test_a_time_zone_is_read_whatever_its_case_or_by_its_city_alone(
    tmp_path: Path, typed: str, zone: str
) -> None:
    book = load(tmp_path / "b.xlsx", settings(["Time zone", typed]))
    assert book.settings.time_zone == zone
    assert book.problems == []


@pytest.mark.parametrize("typed", ["BST", "UTC+1", "GMT+1"])
def test_an_unknown_time_zone_is_reported_and_the_computers_own_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, typed: str
) -> None:
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    book = load(tmp_path / "b.xlsx", settings(["Store name", "Bijou"], ["Time zone", typed]))
    assert book.settings.time_zone == "Asia/Tokyo"
    (problem,) = book.problems
    assert (problem.severity, problem.sheet, problem.row, problem.column, problem.value) == (
        "warning",
        "Settings",
        3,
        "B",
        typed,
    )
    assert problem.message == (
        f"Time zone: {typed!r} is not a time zone I know. Until it is fixed the site goes by "
        "this computer's time zone, Asia/Tokyo."
    )
    assert "Europe/London" in problem.fix


def test_a_misspelt_time_zone_is_reported_with_the_zone_it_is_close_to(tmp_path: Path) -> None:
    book = load(tmp_path / "b.xlsx", settings(["Time zone", "Europe/Londn"]))
    (problem,) = book.problems
    assert problem.fix.startswith("Did you mean Europe/London?")


def test_a_city_that_names_two_zones_is_reported_with_both(tmp_path: Path) -> None:
    book = load(tmp_path / "b.xlsx", settings(["Time zone", "Eastern"]))
    (problem,) = book.problems
    assert "could be more than one time zone" in problem.message
    assert problem.fix == "Type one of Canada/Eastern or US/Eastern."
