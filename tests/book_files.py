"""A small real workbook written with openpyxl, and the `ledgersite build` call the tests share."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from openpyxl import Workbook

from ledgersite.cli import main


def write_book(
    path: Path, *, phone: str = "07700 900123",
    birthdays: tuple[dt.date | None, dt.date | None] = (dt.date(1986, 6, 3), None),
    time_zone: str = "Europe/London",
) -> Path:
    """Write a book of two clients, Maria and Tom; `birthdays` are theirs, in that order."""
    wb = Workbook()
    clients = wb.active
    assert clients is not None
    clients.title = "Clients"
    clients.append(["Client ID", "First name", "Last name", "Phone", "Email", "Birthday",
                    "Associate", "Tags", "Notes"])
    clients.append(["C-001", "Maria", "Reyes", phone, "maria@example.com", birthdays[0],
                    "Hannah", "VIP", "Prefers **yellow gold**"])
    clients.append(["C-002", "Tom", "Reyes", "07700 900456", "tom@example.com", birthdays[1],
                    "Hannah", "", ""])
    purchases = wb.create_sheet("Purchases")
    purchases.append(["Date", "Client", "Item", "Category", "Price"])
    purchases.append([dt.date(2026, 5, 28), "C-001", "Sapphire halo ring", "Rings", 2450])
    settings = wb.create_sheet("Settings")
    settings.append(["Setting", "Value"])
    settings.append(["Store name", "Bijou Jewellers"])
    settings.append(["Time zone", time_zone])
    settings.append(["Country", "GB"])
    settings.append(["Currency", "GBP"])
    wb.save(path)
    return path


def status(out: Path) -> dict[str, object]:
    text = (out / "assets" / "status.js").read_text(encoding="utf-8")
    return dict(json.loads(text.removeprefix("window.LEDGERSITE_STATUS = ").rstrip(";\n")))


def build(book: Path, out: Path, today: str = "2026-06-01") -> int:
    return main(["build", str(book), "--out", str(out), "--today", today])
