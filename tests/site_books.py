"""Small books and agendas built in Python for the site tests (no reader, no validator needed).

`make_book(payload)` puts `payload` into every text field a page can show, so a test can prove
that nothing staff type is ever run as code.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from pathlib import Path

from ledgersite.agenda.model import Agenda, FollowUp, GiftIdea, Milestone, StayInTouch, Waiting
from ledgersite.book import (
    Book,
    Client,
    Contact,
    ImportantDate,
    PartialDate,
    Problem,
    Purchase,
    Settings,
    SourceInfo,
    Task,
    WishItem,
)
from ledgersite.config import Config
from ledgersite.pipeline import BuildReport, publish_site
from ledgersite.site.seal import SiteKey

TODAY = dt.date(2026, 6, 1)
READ_AT = dt.datetime(2026, 6, 1, 8, 30, tzinfo=dt.UTC)

#: Script payloads that would set window.__pwned or open a dialog if they ever ran.
XSS = (
    "<script>window.__pwned=1;alert(1)</script>"
    '<img src=x onerror="window.__pwned=1;alert(2)">'
    '"><svg onload=alert(3)>'
    "javascript:alert(4)"
)

#: Client IDs that try to escape the folder, name a Windows device, or clash.
HOSTILE_IDS = ("../../etc", "CON", "a/b", "A-B", "a b", "Café-ß-日本", "nul.txt", "..", "")


def make_book(payload: str = "", *, hostile_ids: bool = False) -> Book:
    """Give a small book of five clients; `payload` is appended to every text field."""
    p = payload

    def t(text: str) -> str:
        return f"{text}{p}"

    ids = ["C-001", "C-002", "C-003", "C-004", "C-005"]
    if hostile_ids:
        ids = ["../../etc", "CON", "a/b", "A/B", "Café-日本"]
    maria, tom, aisha, james, priya = ids
    clients = [
        Client(maria, t("Maria"), t("Reyes"), row=2, partner_name=t("Tom Reyes"), partner_id=tom,
               email="maria.reyes@example.com", phone="07700 900123", address=t("1 High St"),
               city=t("Bath"), postcode=t("BA1 1AA"), birthday=PartialDate(3, 14, 1986),
               anniversary=PartialDate(6, 20, 2012), preferred_contact="phone",
               associate=t("Hannah"), ring_size=t("M"), metal=t("Yellow gold"), style=t("Halo"),
               stones=t("Sapphire"), likes=t("Art deco"), allergies=t("Nickel"),
               notes=t("Prefers **yellow gold**.\n\n- Loves sapphires\n- [Site](https://example.com)"),
               household=t("Reyes"), tags=(t("VIP"), "bridal"), client_since=dt.date(2015, 5, 1),
               source=t("Walk-in"), extra={t("Favourite colour"): t("Blue")}),
        Client(tom, t("Tom"), t("Reyes"), row=3, partner_id=maria, partner_name=t("Maria Reyes"),
               email="tom@example.com", phone="+44 7700 900456", preferred_contact="text",
               associate=t("Hannah"), household=t("Reyes"), birthday=PartialDate(6, 5, None),
               discreet=t("Surprise gift: don't tell Maria"), tags=("bridal",)),
        Client(aisha, t("Aisha"), t("Khan"), row=4, email="aisha@example.com",
               preferred_contact="email", associate=t("Marcus"), contact_ok=False,
               status=t("Prospect")),
        Client(james, t("James"), "", row=5, phone="01225 555000", associate="",
               referred_by=maria),
        Client(priya, t("Priya"), t("Novak"), row=6, email="priya@example.com",
               associate=t("Marcus"), tags=(t("watch collector"),)),
    ]
    book = Book(
        clients={c.id: c for c in clients},
        source=SourceInfo(origin=t("bijou_client_book.xlsx"), kind="xlsx", read_at=READ_AT),
        settings=Settings(store_name=t("Bijou Jewellers"), currency="GBP",
                          time_zone="Europe/London"),
        purchases=[
            Purchase(maria, dt.date(2026, 5, 3), t("Sapphire halo ring"), row=2,
                     category=t("Rings"), price=Decimal("2450"), associate=t("Hannah"),
                     occasion=t("Birthday"), recipient=t("Maria"), notes=t("Resized to M")),
            Purchase(maria, dt.date(2024, 12, 20), t("Pearl studs"), row=3,
                     price=Decimal("380.50")),
            Purchase(tom, dt.date(2025, 2, 14), t("Gold bracelet"), row=4, price=None),
        ],
        dates=[ImportantDate(maria, PartialDate(9, 2, 2019), t("Daughter's birthday"), row=2,
                             notes=t("Lucia"))],
        wishes=[
            WishItem(maria, t("Emerald pendant"), row=2, noted_on=dt.date(2026, 4, 2),
                     price=Decimal("1250"), notes=t("Showed twice")),
            WishItem(maria, t("Tennis bracelet"), row=3, fulfilled_on=dt.date(2026, 1, 5)),
        ],
        contacts=[Contact(maria, dt.date(2026, 5, 5), t("Thank-you note"), row=2, by=t("Hannah"),
                          notes=t("Handwritten"))],
        tasks=[
            Task(maria, t("Call when the pendant is back"), row=2, due=dt.date(2026, 6, 10),
                 assigned_to=t("Hannah")),
            Task(None, t("Order gift boxes"), row=3),
            Task(tom, t("Done already"), row=4, done_on=dt.date(2026, 5, 1)),
        ],
        problems=[
            Problem("error", t("Purchases"), 9, "C", "price", t("two thousand"),
                    t("The price is not a number."), t("Type the price as digits, e.g. 2450.")),
            Problem("warning", t("Clients"), 7, "H", "birthday", t("31/31/1990"),
                    t("The birthday is not a date."), t("Type it like 14 March 1985.")),
        ],
        extra_columns=[t("Favourite colour")],
    )
    return book


def make_agenda(book: Book, today: dt.date = TODAY) -> Agenda:
    """Give a hand-made agenda for `make_book`, touching every kind of record."""
    ids = list(book.clients)[:5]  # the five of `make_book`, even in a `crowd`
    maria, tom, aisha, james, priya = (book.clients[i] for i in ids)
    return Agenda(
        today=today,
        milestones=[
            Milestone(today, tom.id, tom.name, "birthday", f"{tom.first_name}'s birthday", None, 14,
                      days_away=0, discreet=tom.discreet),
            Milestone(dt.date(2026, 6, 20), maria.id, f"{maria.name} & {tom.name}", "anniversary",
                      f"14th wedding anniversary {maria.notes[:0]}{maria.likes}", 14, 21,
                      days_away=19, other_client_ids=(tom.id,), gift_theme=maria.metal),
            Milestone(dt.date(2026, 6, 3), aisha.id, aisha.name, "birthday", aisha.status, None,
                      14, days_away=2, contact_ok=False),
        ],
        followups=[
            FollowUp(dt.date(2026, 5, 5), maria.id, maria.name, book.contacts[0].kind, "overdue",
                     maria.associate, f"Bought {book.purchases[0].item} on 3 May", channel="phone"),
            FollowUp(today, james.id, james.name, "Check-in call", "due", "",
                     book.purchases[1].item, kind="rule"),
            FollowUp(dt.date(2026, 6, 4), aisha.id, aisha.name, "Birthday card", "upcoming",
                     aisha.associate, aisha.status, channel="email"),
            FollowUp(dt.date(2026, 6, 5), tom.id, tom.name, "Ring check", "upcoming",
                     tom.associate, tom.discreet, channel="text", discreet=tom.discreet),
        ],
        stay_in_touch=[StayInTouch(priya.id, priya.name, None, 400)],
        gift_ideas=[GiftIdea(maria.id, tom.id, dt.date(2026, 6, 20), [book.wishes[0].item],
                             "anniversary", f"Anniversary in 19 days: {book.wishes[0].notes}")],
        waiting=[Waiting(priya.id, priya.name, dt.date(2026, 5, 29), 3,
                         f"Asked about {priya.tags[0]}")],
    )


def build_site(
    out: Path, book: Book | None = None, *, config: Config | None = None,
    agenda: Agenda | None = None, calendar: list[Milestone] | None = None,
    now: dt.datetime = READ_AT, key: SiteKey | None = None,
) -> BuildReport:
    """Build the site of `book` (default `make_book()`) into `out` with the hand-made agenda.

    The Calendar shows `calendar`, by default the agenda's milestones.
    """
    book = book or make_book()
    agenda = agenda or make_agenda(book)
    return publish_site(
        book, agenda, agenda.milestones if calendar is None else calendar, out,
        config=config or Config(),
        feed=b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", now=now, key=key,
    )


def broken_templates(folder: Path, template: str = "profile.html") -> Config:
    """Give settings whose `template` fails while rendering (it names a missing field)."""
    broken = folder / "broken"
    broken.mkdir()
    (broken / template).write_text(
        "{% extends 'base.html' %}{% block content %}{{ view.no_such_thing }}{% endblock %}"
    )
    return Config(templates=broken)


def crowd(book: Book, count: int, payload: str = "") -> Book:
    """Give `book` with `count` more clients, "Client 0001 Zed0001" and on, after its own by
    last name; each has a phone, and every third a tag and an associate."""
    more = [
        Client(f"Z-{i:04}", f"Client {i:04}{payload}", f"Zed{i:04}{payload}", row=100 + i,
               phone=f"01632 96{i:04}", associate="Marcus" if i % 3 == 0 else "",
               tags=("regular",) if i % 3 == 0 else ())
        for i in range(1, count + 1)
    ]
    return dataclasses.replace(book, clients={**book.clients, **{c.id: c for c in more}})


def busy_agenda(book: Book, today: dt.date = TODAY, overdue_count: int = 40) -> Agenda:
    """Give `make_agenda` with, for the clients of a `crowd`, `overdue_count` more overdue
    follow-ups, 35 more birthdays today and 50 more coming up: more than Today shows of each."""
    agenda = make_agenda(book, today)
    crowd = [c for c in book.clients.values() if c.id.startswith("Z-")]
    assert len(crowd) >= max(50, overdue_count), "busy_agenda needs a bigger crowd"
    overdue = [FollowUp(today - dt.timedelta(days=i % 50 + 1), c.id, c.name, "Check-in call",
                        "overdue", c.associate, "Bought a ring")
               for i, c in enumerate(crowd[:overdue_count])]
    born = [Milestone(today, c.id, c.name, "birthday", f"{c.first_name}'s birthday", None, 14)
            for c in crowd[:35]]
    soon = [Milestone(today + dt.timedelta(days=i % 20 + 1), c.id, c.name, "birthday",
                      f"{c.first_name}'s birthday", None, 14, days_away=i % 20 + 1)
            for i, c in enumerate(crowd[:50])]
    milestones = sorted(agenda.milestones + born + soon, key=lambda m: m.date)
    return dataclasses.replace(agenda, followups=agenda.followups + overdue, milestones=milestones)


def busy_day(book: Book, day: dt.date, count: int) -> list[Milestone]:
    """Give `count` birthdays on `day`, one for each of the first clients of a `crowd`."""
    crowd = [c for c in book.clients.values() if c.id.startswith("Z-")]
    assert len(crowd) >= count, "busy_day needs a bigger crowd"
    return [Milestone(day, c.id, c.name, "birthday", f"{c.first_name}'s birthday", None, 14)
            for c in crowd[:count]]
