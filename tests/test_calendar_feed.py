"""The .ics feed: yearly all-day events that parse back and recur on the right days."""

from __future__ import annotations

import datetime as dt
import re

from dateutil.rrule import rrulestr
from hypothesis import given, settings
from hypothesis import strategies as st
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


def test_ids_that_read_alike_in_a_uid_still_give_each_client_their_own_events() -> None:
    # "C.1" and "c-1" (and "Ö1" and "Ä1") would give the same UID part: a calendar keeps one
    # event per UID, so one client's birthday and dates would silently vanish.
    b = book(client("C.1", "Ann", birthday=pd(3, 14)), client("c-1", "Bea", birthday=pd(3, 14)),
             client("Ö1", "Cy", birthday=pd(4, 1)), client("Ä1", "Di", birthday=pd(4, 1)),
             client("C-2", "Eve", birthday=pd(5, 5)),
             dates=[ImportantDate("C.1", pd(6, 1), "Wedding"),
                    ImportantDate("c-1", pd(6, 1), "Wedding")])
    found = events(b)
    assert sorted(found) == ["Ann Reyes: Wedding", "Ann Reyes: birthday", "Bea Reyes: Wedding",
                             "Bea Reyes: birthday", "Cy Reyes: birthday", "Di Reyes: birthday",
                             "Eve Reyes: birthday"]
    assert len({str(e["UID"]) for e in found.values()}) == 7
    assert str(found["Eve Reyes: birthday"]["UID"]) == "c-2-birthday@ledgersite"  # kept plain


def test_archived_clients_are_left_out_of_the_feed() -> None:
    assert events(book(client("C1", status="Archived", birthday=pd(3, 14)))) == {}


def test_feed_has_no_alarms() -> None:
    assert b"VALARM" not in calendar_feed(book(client("C1", birthday=pd(3, 14))), TODAY)


# The file itself, written by hand: RFC 5545 escaping, folding and line ends.

MESSY = 'Ann; "Nan", back\\slash\nsecond line'
LONG = "Zoë Ångström-Øster " * 9 + "💍" * 30


def calendar_name(feed: bytes) -> str:
    """Give X-WR-CALNAME read as TEXT (icalendar leaves an X- property as written)."""
    raw = str(Calendar.from_ical(feed)["X-WR-CALNAME"])
    return re.sub(r"\\(.)", lambda m: "\n" if m[1] in "nN" else m[1], raw)


def one_event(b: Book) -> Event:
    (event,) = Calendar.from_ical(calendar_feed(b, TODAY)).walk("VEVENT")
    assert isinstance(event, Event)
    return event


def test_semicolons_commas_backslashes_and_newlines_are_escaped_and_parse_back() -> None:
    b = book(client("C1", MESSY, "O'Neil", discreet=MESSY),
             dates=[ImportantDate("C1", pd(6, 1), MESSY)])
    feed = calendar_feed(b, TODAY)
    assert b'Ann\\; "Nan"\\, back\\\\slash\\nsecond line' in feed
    event = one_event(b)
    assert str(event["SUMMARY"]) == f"{MESSY} O'Neil: {MESSY}"
    assert str(event["DESCRIPTION"]) == f"Take care: {MESSY}"


def test_every_kind_of_line_end_is_one_newline_and_other_control_characters_are_dropped() -> None:
    typed = "one\r\ntwo\rthree\u2028four\tstill four\x07\x00\x1b\x7f\x85five"
    event = one_event(book(client("C1", birthday=pd(3, 14), discreet=typed)))
    assert str(event["DESCRIPTION"]) == "Take care: one\ntwo\nthree\nfour\tstill four\nfive"


def test_the_store_name_is_escaped_too() -> None:
    b = book(client("C1", birthday=pd(3, 14)),
             settings=Settings(store_name="Smith, Sons; & Co\\\nLondon"))
    feed = calendar_feed(b, TODAY)
    assert b"\r\nX-WR-CALNAME:Smith\\, Sons\\; & Co\\\\\\nLondon: client occasions\r\n" in feed
    assert calendar_name(feed) == "Smith, Sons; & Co\\\nLondon: client occasions"


def test_long_lines_are_folded_at_75_octets_between_characters_and_unfold_to_the_text() -> None:
    b = book(client("C1", LONG, "Ünïcödé", partner_name=LONG, partner_birthday=pd(1, 2),
                    birthday=pd(3, 14), discreet="x" * 200 + LONG),
             dates=[ImportantDate("C1", pd(6, 1), LONG + "; again, " + LONG)],
             settings=Settings(store_name=LONG))
    feed = calendar_feed(b, TODAY)
    lines = feed.split(b"\r\n")
    assert any(line.startswith(b" ") for line in lines)
    for line in lines:
        assert len(line) <= 75
        line.decode("utf-8")  # each physical line whole: no character cut in two
    unfolded = feed.replace(b"\r\n ", b"").decode("utf-8")
    assert f"\r\nSUMMARY:{LONG} Ünïcödé: birthday\r\n" in unfolded
    assert f"\r\nDESCRIPTION:Take care: {'x' * 200}{LONG}\r\n" in unfolded
    summaries = {str(e["SUMMARY"]) for e in Calendar.from_ical(feed).walk("VEVENT")}
    assert summaries == {
        f"{LONG} Ünïcödé: birthday",
        f"{LONG} ({LONG}'s partner): birthday",
        f"{LONG} Ünïcödé: {LONG}; again, {LONG}",
    }


def test_every_line_ends_with_crlf() -> None:
    b = book(client("C1", LONG, birthday=pd(3, 14), discreet="a\nb\rc"),
             client("C2", "Ann", anniversary=pd(2, 29, 1996)))
    feed = calendar_feed(b, TODAY)
    assert feed.startswith(b"BEGIN:VCALENDAR\r\n") and feed.endswith(b"END:VCALENDAR\r\n")
    assert feed.count(b"\n") == feed.count(b"\r\n") == feed.count(b"\r")


def as_typed(text: str) -> str:
    """Give what a calendar should read back for `text`: line ends as "\\n", no controls."""
    text = re.sub(r"\r\n|[\r\x85\u2028\u2029]", "\n", text)
    return re.sub(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", "", text)


@settings(max_examples=300, deadline=None)
@given(st.text(), st.text(), st.text())
def test_any_text_parses_back_as_typed_less_control_characters(
    name: str, occasion: str, care: str
) -> None:
    b = book(client("C1", name, "", birthday=pd(3, 14), discreet=care),
             dates=[ImportantDate("C1", pd(6, 1), occasion)],
             settings=Settings(store_name=name))
    feed = calendar_feed(b, TODAY)
    assert all(len(line) <= 75 for line in feed.split(b"\r\n"))
    cal = Calendar.from_ical(feed)
    assert calendar_name(feed) == f"{as_typed(name)}: client occasions"
    got = {str(e["UID"]).split("-")[1]: e for e in cal.walk("VEVENT")}
    who = as_typed(name or "C1")
    assert str(got["birthday@ledgersite"]["SUMMARY"]) == f"{who}: birthday"
    what = as_typed(occasion.strip() or "Important date")
    assert str(got["date"]["SUMMARY"]) == f"{who}: {what}"
    for event in got.values():
        assert str(event.get("DESCRIPTION", "")) == (f"Take care: {as_typed(care)}" if care else "")
