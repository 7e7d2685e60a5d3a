"""The calendar's milestones, and the one milestone pass an agenda shares between its lists."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from agenda_factories import D, ImportantDate, WishItem, book, client, contact, pd, purchase
from ledgersite.agenda import agenda_and_calendar, build_agenda, calendar_milestones
from ledgersite.agenda.milestones import build_milestones, collect_milestones, shown
from ledgersite.agenda.occurs import next_occurrence, upcoming_days
from ledgersite.book import Book, LeapDay, PartialDate, Settings

TODAYS = [D(2026, 6, 1), D(2026, 12, 31), D(2027, 2, 28), D(2027, 3, 1), D(2028, 2, 29),
          D(2028, 1, 1)]
DAYS = [None, 0, 1, 7, 30, 45, 365]


def random_book(seed: int, leap_day: LeapDay = "feb28") -> Book:
    """Give a small book of every kind of occasion: couples, households, 29 February, archived
    clients, dates typed for both partners, keepsake and ordinary purchases."""
    rng = random.Random(seed)

    def day(year: bool = True) -> PartialDate:
        if rng.random() < 0.1:
            return pd(2, 29, rng.choice([1988, 1992, 2000]) if year else None)
        return pd(rng.randint(1, 12), rng.randint(1, 28),
                  rng.randint(1950, 2025) if year and rng.random() < 0.8 else None)

    clients = []
    for n in range(40):
        cid = f"C{n:03d}"
        fields: dict[str, object] = {}
        if rng.random() < 0.7:
            fields["birthday"] = day()
        if rng.random() < 0.4:
            fields["partner_birthday"] = day()
            fields["partner_name"] = rng.choice(["", "Tom", "Sam"])
        if rng.random() < 0.5:
            fields["anniversary"] = pd(6, 20, 2001) if rng.random() < 0.3 else day()
        if n % 2 and rng.random() < 0.5:
            fields["partner_id"] = f"C{n - 1:03d}"
        elif rng.random() < 0.2:
            fields["household"] = rng.choice(["Elm St", "elm st ", "Oak Lane"])
        fields["status"] = rng.choice(["", "", "", "Archived", "Prospect"])
        fields["contact_ok"] = rng.random() < 0.9
        fields["discreet"] = rng.choice(["", "", "surprise"])
        clients.append(client(cid, rng.choice(["Maria", "Tom", "Ann"]),
                              rng.choice(["Reyes", "Okafor"]), **fields))
    ids = [c.id for c in clients]
    dates = []
    for _ in range(40):
        cid = rng.choice(ids)
        date, occasion = day(), rng.choice(["Daughter's birthday", "Engagement", "18th"])
        dates.append(ImportantDate(cid, date, occasion, remind_days=rng.choice([None, 3, 400])))
        if rng.random() < 0.3:  # the same date typed again, for the partner or the same client
            dates.append(ImportantDate(rng.choice([cid, f"C{int(cid[1:]) ^ 1:03d}"]), date,
                                       occasion.upper()))
    purchases = [
        purchase(rng.choice(ids), D(2020, 1, 1) + dt.timedelta(days=rng.randint(0, 3300)),
                 rng.choice(["Sapphire ring", "Pearl earrings", "Watch"]),
                 category=rng.choice(["ring", "bridal", "repair", ""]),
                 occasion=rng.choice(["", "Engagement", "birthday"]))
        for _ in range(80)
    ]
    wishes = [WishItem(rng.choice(ids), rng.choice(["Pearl drop earrings", "Tennis bracelet"]),
                       noted_on=D(2026, rng.randint(1, 12), 1)) for _ in range(20)]
    contacts = [contact(rng.choice(ids), D(2026, rng.randint(1, 12), rng.randint(1, 28)),
                        rng.choice(["Thank-you note", "Enquiry", "Call"])) for _ in range(30)]
    settings = Settings(leap_day=leap_day)
    settings.lead_days["anniversary"] = rng.choice([21, 60])
    return book(*clients, dates=dates, purchases=purchases, wishes=wishes, contacts=contacts,
                settings=settings)


@pytest.mark.parametrize("seed", range(6))
def test_calendar_milestones_are_the_agendas_for_the_same_look_ahead(seed: int) -> None:
    b = random_book(seed, "mar1" if seed % 2 else "feb28")
    for today in TODAYS:
        for days in (0, 7, 30, 365):
            agenda = build_agenda(b, today, days=days)
            assert calendar_milestones(b, today, days) == agenda.milestones
        assert calendar_milestones(b, today) == build_agenda(b, today, days=365).milestones


@pytest.mark.parametrize("seed", range(6))
def test_agenda_and_calendar_from_one_pass_are_the_two_worked_out_apart(seed: int) -> None:
    b = random_book(seed, "mar1" if seed % 2 else "feb28")
    b.settings.horizon_days = (7, 30, 400)[seed % 3]  # shorter and longer than the calendar
    for today in TODAYS:
        for days in (30, 365):
            agenda, calendar = agenda_and_calendar(b, today, days)
            assert agenda == build_agenda(b, today)
            assert calendar == calendar_milestones(b, today, days)
            assert calendar and agenda.milestones  # the comparison above compared something


@pytest.mark.parametrize("seed", range(6))
def test_one_pass_with_a_reach_shows_what_a_pass_of_everything_shows(seed: int) -> None:
    b = random_book(seed, "mar1" if seed % 2 else "feb28")
    for today in TODAYS:
        everything = collect_milestones(b, today, 400)
        assert len(everything) == len({id(m) for m in everything})
        for reach in DAYS:
            found = collect_milestones(b, today, reach)
            for days in DAYS:
                if (reach is None and days is not None) or (reach or 0) < (days or 0):
                    continue  # outside what that pass promises
                assert shown(found, days) == shown(everything, days)
                assert build_milestones(b, today, days) == shown(everything, days)


def test_a_pass_is_sorted_by_date_client_kind_and_label() -> None:
    b = random_book(7)
    found = collect_milestones(b, D(2026, 6, 1), 365)
    assert found == sorted(found, key=lambda m: (m.date, m.client.casefold(), m.kind, m.label))
    assert len(found) > 50


def test_row_reminding_further_ahead_than_the_calendar_shows_in_the_agenda_only() -> None:
    b = book(client("C1"), dates=[ImportantDate("C1", pd(12, 1), "Engagement", remind_days=400)])
    today = D(2026, 6, 1)
    assert [m.days_away for m in build_agenda(b, today).milestones] == [183]
    assert calendar_milestones(b, today, 30) == []
    assert [m.label for m in calendar_milestones(b, today)] == ["Engagement"]


def test_gift_ideas_still_cover_the_whole_look_ahead_beside_short_lead_times() -> None:
    maria = client("C1", partner_id="C2", birthday=pd(6, 25))
    tom = client("C2", "Tom")
    b = book(maria, tom, wishes=[WishItem("C1", "Pearl drop earrings")])
    agenda = build_agenda(b, D(2026, 6, 1))  # 24 days away: past the 14-day birthday lead
    assert agenda.milestones == []
    assert [(g.for_client_id, g.buyer_client_id) for g in agenda.gift_ideas] == [("C1", "C2")]


@pytest.mark.parametrize("leap_day", ["feb28", "mar1"])
def test_day_of_year_table_gives_next_occurrence_for_every_day(leap_day: LeapDay) -> None:
    for today in [*TODAYS, D(2027, 12, 31), D(2028, 3, 1)]:
        table = upcoming_days(today, leap_day)
        assert len(table) == 366
        for (month, day), when in table.items():
            for year in (None, 1990):
                assert when == next_occurrence(pd(month, day, year), today, leap_day)
