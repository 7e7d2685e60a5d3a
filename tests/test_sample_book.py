"""The sample book: a realistic jeweler's client book that looks alive on any day it is made."""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("make_sample_book",
                                              ROOT / "sample_books" / "make_sample_book.py")
assert spec and spec.loader
sample = importlib.util.module_from_spec(spec)
sys.modules["make_sample_book"] = sample
spec.loader.exec_module(sample)

#: A leap day, the last day of a year, the day before a leap day, and an ordinary summer day.
DAYS = [dt.date(2028, 2, 29), dt.date(2026, 12, 31), dt.date(2028, 2, 28), dt.date(2027, 7, 14)]
SHEETS = ["Clients", "Purchases", "Dates", "Wish list", "Contact log", "Tasks",
          "Follow-up rules", "Settings"]


def _rows(path: Path, sheet: str) -> list[dict[str, Any]]:
    ws = load_workbook(path)[sheet]
    values = list(ws.iter_rows(values_only=True))
    header = [str(v) for v in values[0]]
    return [dict(zip(header, row, strict=True)) for row in values[1:]
            if any(v is not None for v in row)]


@pytest.fixture(scope="module", params=DAYS, ids=str)
def book(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
         ) -> tuple[Path, dt.date]:
    today: dt.date = request.param
    path = tmp_path_factory.mktemp("sample") / "bijou.xlsx"
    return sample.make_sample_book(path, today), today


def test_has_every_sheet_of_the_contract_with_frozen_headers(book: tuple[Path, dt.date]) -> None:
    wb = load_workbook(book[0])
    assert wb.sheetnames == SHEETS
    assert all(wb[name].freeze_panes == "A2" for name in SHEETS)


def test_holds_about_sixty_clients_with_unique_ids_emails_and_phones(
    book: tuple[Path, dt.date],
) -> None:
    clients = _rows(book[0], "Clients")
    assert len(clients) == 60
    for column in ("Client ID", "E-mail"):
        assert len({c[column] for c in clients if c[column]}) == sum(bool(c[column])
                                                                     for c in clients), column
    # Phones are compared by their last digits: "07700 900123" is "+44 7700 900123".
    phones = [str(c["Mobile"]).replace(" ", "")[-9:] for c in clients if c["Mobile"]]
    assert len(phones) == len(set(phones))


def test_clients_sheet_is_filled_the_way_staff_fill_it(book: tuple[Path, dt.date]) -> None:
    path, _ = book
    ws = load_workbook(path)["Clients"]
    header = [c.value for c in ws[1]]
    assert {"DOB", "E-mail", "Mobile", "Watch brand", "Favourite designer", "Instagram"} <= set(
        header)
    blank = [r for r in ws.iter_rows(min_row=2, values_only=True) if not any(r)]
    assert len(blank) == 2  # blank rows left in the middle
    clients = _rows(path, "Clients")
    assert {c["Status"] for c in clients} >= {"Client", "Prospect", "New enquiry", "Archived",
                                              "Deceased"}
    assert any(c["Contact OK"] == "No" for c in clients)
    assert any(c["Discreet"] and "don't tell her husband" in c["Discreet"] for c in clients)
    assert any(c["Allergies"] == "Nickel" for c in clients)
    assert any(isinstance(c["Mobile"], int) for c in clients)  # typed as a number, 0 lost
    assert any(isinstance(c["DOB"], dt.datetime) and c["DOB"].date() == dt.date(1992, 2, 29)
               for c in clients)
    text_dobs = [c["DOB"] for c in clients if isinstance(c["DOB"], str)]
    assert any("/" in d for d in text_dobs) and any(d[-1].isalpha() for d in text_dobs)
    assert any(c["Notes"] and "**" in c["Notes"] and "\n- " in c["Notes"] for c in clients)
    households = [c["Household"] for c in clients if c["Household"]]
    assert len(households) == 2 and len(set(households)) == 1  # a couple who are both clients
    tags = ", ".join(c["Tags"] for c in clients if c["Tags"])
    assert all(tag in tags for tag in ("VIP", "bridal", "watch collector"))


def test_every_client_cell_in_other_sheets_names_exactly_one_client(
    book: tuple[Path, dt.date],
) -> None:
    clients = _rows(book[0], "Clients")
    names = [f"{c['First name']} {c['Last name']}" for c in clients]
    known = ({c["Client ID"] for c in clients} | {c["E-mail"] for c in clients}
             | {n for n in names if names.count(n) == 1})
    for sheet in ("Purchases", "Dates", "Wish list", "Contact log", "Tasks"):
        assert all(r["Client"] in known for r in _rows(book[0], sheet)), sheet


def test_settings_use_the_canonical_names_for_a_uk_shop(book: tuple[Path, dt.date]) -> None:
    settings = {r["Setting"]: r["Value"] for r in _rows(book[0], "Settings")}
    assert settings["Store name"] == "Bijou & Co."
    assert settings["Time zone"] == "Europe/London"
    assert (settings["Country"], settings["Currency"]) == ("GB", "GBP")
    assert settings["Day-first dates"] == "yes"
    assert settings["Stay in touch after (months)"] == 12


def test_recent_activity_is_placed_relative_to_the_day_it_is_made(
    book: tuple[Path, dt.date],
) -> None:
    path, today = book
    bought = {r["Date"].date() for r in _rows(path, "Purchases")
              if isinstance(r["Date"], dt.datetime)}
    assert today - dt.timedelta(days=2) in bought  # a thank-you note due today
    wrote_in = [r for r in _rows(path, "Contact log") if r["Kind"] == "Website form"]
    assert [r["Date"].date() for r in wrote_in] == [today - dt.timedelta(days=1)]
    birthdays = [c["DOB"] for c in _rows(path, "Clients") if isinstance(c["DOB"], dt.datetime)]
    assert any((d.month, d.day) == (today.month, today.day) for d in birthdays)


def test_the_same_day_gives_the_same_file_byte_for_byte(tmp_path: Path) -> None:
    day = dt.date(2027, 5, 3)
    a = sample.make_sample_book(tmp_path / "a.xlsx", day)
    time.sleep(1.1)  # zip entries are stamped to the second: a later save must not show
    b = sample.make_sample_book(tmp_path / "b.xlsx", day)
    assert a.read_bytes() == b.read_bytes()


def test_another_day_gives_another_book(tmp_path: Path) -> None:
    a = sample.make_sample_book(tmp_path / "a.xlsx", dt.date(2027, 5, 3))
    b = sample.make_sample_book(tmp_path / "b.xlsx", dt.date(2027, 5, 4))
    assert _rows(a, "Purchases") != _rows(b, "Purchases")


def test_makes_the_book_in_under_a_second(tmp_path: Path) -> None:
    start = time.perf_counter()
    sample.make_sample_book(tmp_path / "book.xlsx", dt.date(2027, 5, 3))
    assert time.perf_counter() - start < 1.0


def test_command_line_writes_the_book_for_the_given_day(tmp_path: Path) -> None:
    out = tmp_path / "nested" / "book.xlsx"
    assert sample.main(["--today", "2028-02-29", "--out", str(out)]) == 0
    assert out.is_file()


def _load(path: Path, today: dt.date) -> Any:
    from ledgersite.config import Config
    from ledgersite.load import load_book

    read_at = dt.datetime.combine(today, dt.time(9, 0), tzinfo=dt.UTC)
    return load_book(path, Config(), read_at=read_at)


def test_reads_and_validates_without_a_single_problem(book: tuple[Path, dt.date]) -> None:
    loaded = _load(*book)
    assert [(p.where, p.message) for p in loaded.problems] == []
    assert len(loaded.clients) == 60
    assert loaded.settings.store_name == "Bijou & Co."
    assert (loaded.settings.country, loaded.settings.day_first) == ("GB", True)


def test_staff_spellings_and_awkward_cells_come_through_as_meant(
    book: tuple[Path, dt.date],
) -> None:
    from ledgersite.book import PartialDate

    clients = {c.name: c for c in _load(*book).clients.values()}
    assert clients["Marcus Webb"].phone.replace(" ", "") == "07700900417"  # leading zero back
    assert clients["Rohan Mehta"].birthday == PartialDate(2, 29, 1992)
    assert clients["Daniel Kowalski"].partner_birthday is not None
    assert clients["Daniel Kowalski"].partner_birthday.year is None  # typed as "14 March"
    assert clients["Maria Reyes"].partner_id == clients["Tom Reyes"].id
    assert not clients["Gordon Baxter"].contact_ok
    assert clients["Fiona Mackenzie"].inactive and clients["Arthur Pemberton"].inactive
    assert clients["Olivia Bennett"].allergies == "Nickel"
    assert clients["Tom Reyes"].extra["Watch brand"] == "Omega"
    assert clients["Maria Reyes"].email == "maria.reyes@example.org"


def test_today_shows_every_kind_of_item_on_any_day(book: tuple[Path, dt.date]) -> None:
    from ledgersite.agenda import build_agenda

    path, today = book
    agenda = build_agenda(_load(path, today), today)
    kinds = {m.kind for m in agenda.milestones}
    assert kinds == {"birthday", "partner_birthday", "anniversary", "date",
                     "purchase_anniversary"}
    assert any(m.days_away == 0 and m.kind == "birthday" for m in agenda.milestones)
    assert any(m.years == 25 and m.kind == "anniversary" for m in agenda.milestones)
    assert {f.status for f in agenda.followups} == {"overdue", "due", "upcoming"}
    assert {f.kind for f in agenda.followups} == {"rule", "task"}
    assert [s.client for s in agenda.stay_in_touch] == ["Edward Chen"]
    assert [(g.occasion, g.items[0]) for g in agenda.gift_ideas][:1] == [
        ("birthday", "Pearl drop earrings")]
    assert [(w.client, w.days_waiting) for w in agenda.waiting] == [("Inès Duarte", 1)]


def test_done_follow_ups_and_withheld_clients_stay_off_today(book: tuple[Path, dt.date]) -> None:
    from ledgersite.agenda import build_agenda

    path, today = book
    agenda = build_agenda(_load(path, today), today)
    named = {f.client for f in agenda.followups} | {m.client for m in agenda.milestones}
    # Niamh's thank-you note and call are in the Contact log; Gordon asked not to be contacted;
    # Fiona is archived and Arthur has died.
    assert not named & {"Niamh Gallagher", "Gordon Baxter", "Fiona Mackenzie",
                        "Arthur Pemberton"}
