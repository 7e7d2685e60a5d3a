"""The .ics feed of birthdays, anniversaries and dates, to subscribe to from a phone calendar.

Each occasion is one all-day event repeating yearly, with a UID made from the client's ID, the
kind of occasion and the occasion itself (never a row number), so a subscribed calendar updates
its events in place when the book changes instead of adding copies.
"""

from __future__ import annotations

import datetime as dt
import re

from icalendar import Calendar, Event

from ledgersite.agenda.couples import couple_name, first_name, partners
from ledgersite.agenda.occurs import occurrence
from ledgersite.book import Book, Client, LeapDay, PartialDate

#: Year used to start events whose year is unknown (a leap year, so 29 February exists).
YEARLESS_START = 2000


def calendar_feed(book: Book, today: dt.date) -> bytes:
    """Give the book's yearly occasions as an iCalendar file."""
    cal = Calendar()
    cal.add("prodid", "-//ledgersite//client book//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"{book.settings.store_name}: client occasions")
    stamp = dt.datetime(today.year, today.month, today.day, tzinfo=dt.UTC)
    for uid, summary, date, note in sorted(_occasions(book), key=lambda o: o[0]):
        cal.add_component(_event(uid, summary, date, note, book.settings.leap_day, stamp))
    return bytes(cal.to_ical())


def _event(
    uid: str, summary: str, date: PartialDate, note: str, leap_day: LeapDay, stamp: dt.datetime
) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("summary", summary)
    start = occurrence(date, date.year or YEARLESS_START, leap_day)
    event.add("dtstart", start)
    event.add("dtend", start + dt.timedelta(days=1))
    event.add("rrule", _yearly(date, leap_day))
    event.add("transp", "TRANSPARENT")
    if note:
        event.add("description", note)
    return event


def _yearly(date: PartialDate, leap_day: LeapDay) -> dict[str, object]:
    if (date.month, date.day) != (2, 29):
        return {"freq": "yearly"}
    if leap_day == "mar1":
        return {"freq": "yearly", "byyearday": 60}  # 29 Feb in leap years, 1 March otherwise
    return {"freq": "yearly", "bymonth": 2, "bymonthday": -1}  # the last day of February


def _occasions(book: Book) -> list[tuple[str, str, PartialDate, str]]:
    """Give (uid, summary, date, note) for every yearly occasion of the active clients."""
    couples = partners(book)
    found: list[tuple[str, str, PartialDate, str]] = []
    for client in book.clients.values():
        if client.inactive:
            continue
        note = _note(client)
        partner = book.clients.get(couples.get(client.id, ""))
        if client.birthday:
            found.append((_uid(client.id, "birthday"), f"{client.name}: birthday",
                          client.birthday, note))
        if client.partner_birthday and not (partner and partner.birthday):
            who = client.partner_name or (partner.name if partner else "partner")
            found.append((_uid(client.id, "partner-birthday"),
                          f"{who} ({first_name(client)}'s partner): birthday",
                          client.partner_birthday, note))
        if client.anniversary:
            shared = partner is not None and partner.anniversary == client.anniversary
            if shared and partner is not None:
                if partner.id < client.id:
                    continue
                found.append((_uid(client.id, "anniversary", partner.id),
                              f"{couple_name(client, partner)}: anniversary",
                              client.anniversary, note))
            else:
                found.append((_uid(client.id, "anniversary"), f"{client.name}: anniversary",
                              client.anniversary, note))
    seen: set[str] = set()
    for row in book.dates:
        owner = book.clients.get(row.client_id)
        if owner is None or owner.inactive:
            continue
        occasion = row.occasion.strip() or "Important date"
        # The same date typed for both partners is one event (under the couple's first id).
        first = min(owner.id, couples.get(owner.id, owner.id))
        uid = _uid(first, "date", occasion, f"{row.date.month:02d}{row.date.day:02d}")
        if uid in seen:
            continue
        seen.add(uid)
        found.append((uid, f"{owner.name}: {occasion}", row.date, _note(owner)))
    return found


def _note(client: Client) -> str:
    parts = []
    if client.discreet:
        parts.append(f"Take care: {client.discreet}")
    if not client.contact_ok:
        parts.append("Do not contact (no consent).")
    return " ".join(parts)


def _uid(*parts: str) -> str:
    slug = "-".join(re.sub(r"[^a-z0-9]+", "-", p.casefold()).strip("-") or "x" for p in parts)
    return f"{slug}@ledgersite"
