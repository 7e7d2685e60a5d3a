"""A book `ledgersite init` writes passes `ledgersite check` as it is."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ledgersite.cli import main
from ledgersite.config import find_config, load_config
from ledgersite.load import load_book


def test_check_finds_nothing_to_fix_in_a_starter_book(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = tmp_path / "book.xlsx"
    assert main(["init", str(book), "--time-zone", "Europe/London"]) == 0
    capsys.readouterr()
    assert main(["check", str(book), "--strict", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["check", str(book)]) == 0
    assert capsys.readouterr().out == "No problems found (3 clients).\n"


def test_check_reads_every_sheet_of_the_starter_book(tmp_path: Path) -> None:
    book = tmp_path / "book.xlsx"
    assert main(["init", str(book), "--time-zone", "America/New_York"]) == 0
    loaded = load_book(book, find_config(book))
    assert loaded.problems == []
    assert {c.name for c in loaded.clients.values()} == {
        "Maria Reyes (example)", "Daniel Reyes (example)", "Priya Shah (example)"
    }
    assert len(loaded.purchases) == 2
    assert len(loaded.dates) == 1
    assert len(loaded.wishes) == 1
    assert len(loaded.contacts) == 2
    assert len(loaded.tasks) == 1
    assert len(loaded.rules) == 5
    assert loaded.settings.time_zone == "America/New_York"
    assert loaded.settings.day_first is False
    assert any(c.discreet for c in loaded.clients.values())
    assert any(not c.contact_ok for c in loaded.clients.values())


EXPORT = (
    "Customer ID,First Name,Surname,EmailAddress,Zip,Phone,DOB,DateFirstPurchase,Loyalty\n"
    "1001,Maria,Reyes,maria@example.com,01234,555 0101,14/03/1985,2019-05-02,120\n"
    "1002,Daniel,Reyes,daniel@example.com,01234,555 0102,31/12/1983,2019-05-02,0\n"
)


def test_a_book_started_from_an_export_reads_the_same_as_the_export_itself(
    tmp_path: Path,
) -> None:
    export = tmp_path / "pos" / "customers.csv"
    export.parent.mkdir()
    export.write_text(EXPORT, encoding="utf-8")
    book = tmp_path / "book.xlsx"
    assert main(["init", str(book), "--from", str(export), "--time-zone", "UTC"]) == 0
    config = load_config(tmp_path / "ledgersite.toml")
    new = load_book(book, find_config(book))  # ledgersite.toml beside it must not get in the way
    old = load_book(export, config)
    assert new.errors == []
    assert old.errors == []
    for loaded in (new, old):
        maria = loaded.clients["1001"]
        assert (maria.first_name, maria.last_name, maria.email) == (
            "Maria", "Reyes", "maria@example.com"
        )
        assert maria.birthday is not None
        assert (maria.birthday.month, maria.birthday.day) == (3, 14)
        assert maria.client_since is not None and maria.client_since.year == 2019
        assert maria.postcode == "01234"
    assert new.clients["1001"].extra == {"Loyalty": "120"}
