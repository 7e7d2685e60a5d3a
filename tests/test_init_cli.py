"""`ledgersite init NEW.xlsx`: a starter book, and never a file replaced by accident."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from ledgersite.cli import main


def test_writes_a_starter_book_and_says_what_to_do_next(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = tmp_path / "bijou.xlsx"
    assert main(["init", str(book), "--store", "Bijou", "--time-zone", "America/Chicago"]) == 0
    out = capsys.readouterr().out
    assert "Instructions" in out
    assert f"ledgersite check {book}" in out
    settings = openpyxl.load_workbook(book)["Settings"]
    values = {r[0]: r[1] for r in settings.iter_rows(min_row=2, max_col=2, values_only=True)}
    assert values["Store name"] == "Bijou"
    assert values["Time zone"] == "America/Chicago"
    assert (values["Country"], values["Currency"]) == ("US", "USD")
    assert values["Day-first dates"] == "No"
    assert not (tmp_path / "ledgersite.toml").exists()


def test_a_shop_in_europe_gets_day_first_dates(tmp_path: Path) -> None:
    book = tmp_path / "book.xlsx"
    assert main(["init", str(book), "--time-zone", "Europe/Dublin"]) == 0
    settings = openpyxl.load_workbook(book)["Settings"]
    values = {r[0]: r[1] for r in settings.iter_rows(min_row=2, max_col=2, values_only=True)}
    assert (values["Country"], values["Day-first dates"]) == ("IE", "Yes")
    assert values["Currency"] == "EUR"


def test_a_shop_whose_currency_is_not_known_gets_an_empty_currency(tmp_path: Path) -> None:
    book = tmp_path / "book.xlsx"
    assert main(["init", str(book), "--time-zone", "Asia/Kathmandu"]) == 0
    settings = openpyxl.load_workbook(book)["Settings"]
    values = {r[0]: r[1] for r in settings.iter_rows(min_row=2, max_col=2, values_only=True)}
    assert values["Country"] == "NP" and values["Currency"] is None


def test_refuses_to_replace_an_existing_book_and_leaves_it_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = tmp_path / "book.xlsx"
    book.write_bytes(b"the shop's real book")
    assert main(["init", str(book), "--time-zone", "UTC"]) == 2
    err = capsys.readouterr().err
    assert "book.xlsx already exists" in err
    assert "--force" in err
    assert book.read_bytes() == b"the shop's real book"


def test_force_replaces_an_existing_book(tmp_path: Path) -> None:
    book = tmp_path / "book.xlsx"
    book.write_bytes(b"old")
    assert main(["init", str(book), "--force", "--time-zone", "UTC"]) == 0
    assert "Clients" in openpyxl.load_workbook(book).sheetnames


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("book.ods", "should end in .xlsx"),
        ("missing/book.xlsx", "There is no folder"),
    ],
)
def test_refuses_a_book_it_cannot_write_with_a_plain_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, message: str
) -> None:
    assert main(["init", str(tmp_path / name), "--time-zone", "UTC"]) == 2
    assert message in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_time_zone_is_refused_before_anything_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["init", str(tmp_path / "book.xlsx"), "--time-zone", "Mars/Olympus"]) == 2
    assert "Europe/London" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
