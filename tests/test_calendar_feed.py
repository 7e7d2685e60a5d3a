"""The .ics feed: yearly all-day events that parse back and recur on the right days."""

from __future__ import annotations

import datetime as dt

from dateutil.rrule import rrulestr
from icalendar import Calendar, Event

from agenda_factories import D, ImportantDate, book, client, pd
from ledgersite.book import Book, Settings
from ledgersite.calendar_feed import calendar_feed

TODAY = D(2026, 11, 25)


def events(b: Book, today: D = TODAY) -> dict[str, Event]:
    cal = Calendar.from_ical(calendar_feed(b, today))
    return {str(e["SUMMARY"]): e for e in cal.walk("VEVENT") if isinstance(e, Event)}


def next_five_years(event: Event, after: D = TODAY) -> list[D]:
    start = event.decoded("DTSTART")
    text = event["RRULE"].to_ical()
    rule = rrulestr(text.decode() if isinstance(text, bytes) else text,
                    dtstart=dt.datetime.combine(start, dt.time()))
    found = rule.between(dt.datetime.combine(after, dt.time()),
                         dt.datetime.combine(after.replace(year=after.year + 5), dt.time()),
                         inc=True)
    return [d.date() for d in found]


def test_birthday_recurs_yearly_on_its_day_for_five_years() -> None:
    e = events(book(client("C1", birthday=pd(3, 14, 1986))))["Maria Reyes: birthday"]
    assert next_five_years(e) == [D(y, 3, 14) for y in range(2027, 2032)]


def test_events_are_all_day() -> None:
    e = events(book(client("C1", birthday=pd(3, 14))))["Maria Reyes: birthday"]
    start, end = e.decoded("DTSTART"), e.decoded("DTEND")
    assert not isinstance(start, dt.datetime) and end - start == dt.timedelta(days=1)


def test_29_february_falls_on_28th_in_common_years_of_the_feed() -> None:
    e = events(book(client("C1", birthday=pd(2, 29, 1988))))["Maria Reyes: birthday"]
    assert next_five_years(e) == [D(2027, 2, 28), D(2028, 2, 29), D(2029, 2, 28),
                                  D(2030, 2, 28), D(2031, 2, 28)]


def test_29_february_falls_on_1_march_in_the_feed_when_settings_say_so() -> None:
    b = book(client("C1", birthday=pd(2, 29)), settings=Settings(leap_day="mar1"))
    e = events(b)["Maria Reyes: birthday"]
    assert next_five_years(e) == [D(2027, 3, 1), D(2028, 2, 29), D(2029, 3, 1),
                                  D(2030, 3, 1), D(2031, 3, 1)]


def test_feed_names_person_and_occasion_and_lists_partners_dates_and_anniversaries() -> None:
    maria = client("C1", partner_id="C2", anniversary=pd(7, 4, 2001), birthday=pd(3, 14))
    tom = client("C2", "Tom", anniversary=pd(7, 4, 2001))
    ann = client("C3", "Ann", "Okafor", partner_name="Sam", partner_birthday=pd(8, 8))
    b = book(maria, tom, ann, dates=[ImportantDate("C3", pd(12, 1), "Daughter's birthday")])
    assert sorted(events(b)) == [
        "Ann Okafor: Daughter's birthday",
        "Maria & Tom Reyes: anniversary",
        "Maria Reyes: birthday",
        "Sam (Ann's partner): birthday",
    ]
    assert next_five_years(events(b)["Maria & Tom Reyes: anniversary"])[0] == D(2027, 7, 4)


def test_uids_are_stable_when_rows_move_and_the_day_changes() -> None:
    first = book(client("C1", birthday=pd(3, 14), row=2),
                 client("C2", "Ann", birthday=pd(4, 1), row=3))
    moved = book(client("C2", "Ann", birthday=pd(4, 1), row=2), client("C0", "New", row=3),
                 client("C1", birthday=pd(3, 14), row=4))
    uids = {str(e["UID"]) for e in events(first).values()}
    assert uids == {str(e["UID"]) for e in events(moved, TODAY + dt.timedelta(days=9)).values()}
    assert len(uids) == 2


def test_archived_clients_are_left_out_of_the_feed() -> None:
    assert events(book(client("C1", status="Archived", birthday=pd(3, 14)))) == {}


def test_feed_has_no_alarms() -> None:
    assert b"VALARM" not in calendar_feed(book(client("C1", birthday=pd(3, 14))), TODAY)
