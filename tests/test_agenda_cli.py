"""`ledgersite agenda BOOK --today ... --json`: a real workbook in, the day's agenda out."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from openpyxl import Workbook

from ledgersite.cli import main


def write_book(path: Path) -> Path:
    wb = Workbook()
    clients = wb.active
    assert clients is not None
    clients.title = "Clients"
    clients.append(["Client ID", "First name", "Last name", "Partner name", "Household",
                    "Birthday", "Anniversary", "Contact OK", "Associate", "Status"])
    clients.append(["C-001", "Maria", "Reyes", "Tom", "Reyes, 4 Elm St", dt.date(1986, 3, 20),
                    dt.date(2001, 4, 1), "yes", "Hannah", "Client"])
    clients.append(["C-002", "Tom", "Reyes", "Maria", "Reyes, 4 Elm St", None,
                    dt.date(2001, 4, 1), "yes", "Hannah", "Client"])
    clients.append(["C-003", "Ann", "Okafor", "", "", None, None, "yes", "Sam", "Client"])
    clients.append(["C-004", "Bo", "Lind", "", "", None, None, "no", "Sam", "Client"])
    purchases = wb.create_sheet("Purchases")
    purchases.append(["Date", "Client", "Item", "Category", "Price", "Associate"])
    purchases.append([dt.date(2026, 3, 1), "C-002", "Pearl studs", "Earrings", 380, "Sam"])
    purchases.append([dt.date(2024, 1, 5), "C-003", "Silver bangle", "Bracelet", 120, "Sam"])
    purchases.append([dt.date(2026, 3, 1), "C-004", "Gold chain", "Necklace", 600, "Sam"])
    wishes = wb.create_sheet("Wish list")
    wishes.append(["Client", "Item", "Noted on"])
    wishes.append(["C-001", "Sapphire halo ring", dt.date(2026, 2, 14)])
    log = wb.create_sheet("Contact log")
    log.append(["Date", "Client", "Kind", "By"])
    log.append([dt.date(2026, 3, 2), "C-002", "Thank-you note", "Sam"])
    wb.save(path)
    return path


def test_agenda_command_prints_the_days_agenda_as_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = write_book(tmp_path / "book.xlsx")
    assert main(["agenda", str(book), "--today", "2026-03-10", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(m["client_id"], m["kind"], m["label"], m["years"], m["date"])
            for m in data["milestones"]] == [
        ("C-001", "birthday", "Maria turns 40", 40, "2026-03-20"),
        ("C-001", "anniversary", "25th anniversary", 25, "2026-04-01"),
    ]
    assert data["milestones"][1]["client"] == "Maria & Tom Reyes"
    assert [(f["client_id"], f["task"], f["status"], f["associate"])
            for f in data["followups"]] == [("C-002", "Check-in call", "upcoming", "Sam")]
    # Ann last bought two years ago; Maria has nothing on record yet, so she comes last.
    assert [s["client_id"] for s in data["stay_in_touch"]] == ["C-003", "C-001"]
    assert [(g["for_client_id"], g["buyer_client_id"], g["occasion_date"], g["items"])
            for g in data["gift_ideas"]] == [
        ("C-001", "C-002", "2026-03-20", ["Sapphire halo ring"]),
        ("C-001", "C-002", "2026-04-01", ["Sapphire halo ring"]),
    ]


def test_agenda_command_days_looks_further_ahead(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = write_book(tmp_path / "book.xlsx")
    assert main(["agenda", str(book), "--today", "2026-03-10", "--days", "2", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["milestones"] == [] and data["followups"] == []
