"""The .ics feed of birthdays, anniversaries and dates, to subscribe to from a phone calendar.

Each occasion is one all-day event repeating yearly, with a UID made from the client's ID, the
kind of occasion and the occasion itself (never a row number), so a subscribed calendar updates
its events in place when the book changes instead of adding copies.

The file is written here by hand (RFC 5545: CRLF line ends, TEXT values escaped, lines folded at
75 octets) rather than through an iCalendar object model, which took seconds for a large book.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from operator import itemgetter

from ledgersite.agenda.couples import couple_name, first_name
from ledgersite.agenda.index import index_book
from ledgersite.agenda.occurs import occurrence
from ledgersite.book import Book, Client, LeapDay, PartialDate

#: Year used to start events whose year is unknown (a leap year, so 29 February exists).
YEARLESS_START = 2000

_ONE_DAY = dt.timedelta(days=1)

#: Octets of content on each physical line; a continuation line adds its leading space, so no
#: line is longer than the 75 octets RFC 5545 3.1 allows.
_FOLD_AT = 74

#: What a UID leaves out of an ID or an occasion.
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
#: Any character a TEXT value cannot carry as it is (RFC 5545 3.3.11).
_SPECIAL = re.compile(r"[\\;,\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
#: Line ends, Windows', old Macs' and Unicode's, each kept as one escaped newline.
_NEWLINE = re.compile(r"\r\n|[\r\x85\u2028\u2029]")
#: Control characters a TEXT value cannot hold (all but tab and newline), and lone surrogates.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def calendar_feed(book: Book, today: dt.date) -> bytes:
    """Give the book's yearly occasions as an iCalendar file."""
    name = _line("X-WR-CALNAME:", _text(f"{book.settings.store_name}: client occasions"))
    parts = [
        "BEGIN:VCALENDAR\r\n"
        "VERSION:2.0\r\n"
        "PRODID:-//ledgersite//client book//EN\r\n"
        "CALSCALE:GREGORIAN\r\n"
        f"{name}\r\n"
    ]
    dtstamp = f"DTSTAMP:{today.year:04d}{today.month:02d}{today.day:02d}T000000Z"  # UTC midnight
    leap_day = book.settings.leap_day
    for uid, summary, date, note in sorted(_occasions(book), key=itemgetter(0)):
        start = occurrence(date, date.year or YEARLESS_START, leap_day)
        description = f"{_line('DESCRIPTION:', _text(note))}\r\n" if note else ""
        parts.append(
            "BEGIN:VEVENT\r\n"
            f"{_line('SUMMARY:', _text(summary))}\r\n"
            f"DTSTART;VALUE=DATE:{_date(start)}\r\n"
            f"DTEND;VALUE=DATE:{_date(start + _ONE_DAY)}\r\n"
            f"{dtstamp}\r\n"
            f"{_line('UID:', uid)}\r\n"  # letters, digits, "-" and "@": nothing to escape
            f"{_yearly(date, leap_day)}\r\n"
            f"{description}"
            "TRANSP:TRANSPARENT\r\n"
            "END:VEVENT\r\n"
        )
    parts.append("END:VCALENDAR\r\n")
    return "".join(parts).encode()


def _yearly(date: PartialDate, leap_day: LeapDay) -> str:
    if (date.month, date.day) != (2, 29):
        return "RRULE:FREQ=YEARLY"
    if leap_day == "mar1":
        return "RRULE:FREQ=YEARLY;BYYEARDAY=60"  # 29 Feb in leap years, 1 March otherwise
    return "RRULE:FREQ=YEARLY;BYMONTHDAY=-1;BYMONTH=2"  # the last day of February


def _date(day: dt.date) -> str:
    """Give a DATE value, `YYYYMMDD` (RFC 5545 3.3.4)."""
    return day.isoformat().replace("-", "")


def _text(value: str) -> str:
    """Give `value` escaped as a TEXT value (RFC 5545 3.3.11).

    Backslash, semicolon and comma are escaped, every kind of line end becomes `\\n`, and the
    control characters TEXT cannot hold (all but tab) are dropped.
    """
    if _SPECIAL.search(value) is None:
        return value
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    value = _CONTROL.sub("", _NEWLINE.sub("\n", value))
    return value.replace("\n", "\\n")


def _line(name: str, value: str) -> str:
    """Give the content line `name` + `value`, folded into lines of at most 75 octets.

    `name` ends with its ":" and is ASCII. Lines are cut between characters, never inside one
    character's UTF-8 bytes; each continuation line starts with one space (RFC 5545 3.1).
    """
    line = name + value
    if len(line) <= _FOLD_AT and (line.isascii() or len(line.encode()) <= _FOLD_AT):
        return line
    if line.isascii():
        return "\r\n ".join(line[i:i + _FOLD_AT] for i in range(0, len(line), _FOLD_AT))
    pieces: list[str] = []
    start = size = 0
    for i, char in enumerate(line):
        n = 1 if char < "\x80" else 2 if char < "\u0800" else 3 if char < "\U00010000" else 4
        if size + n > _FOLD_AT:
            pieces.append(line[start:i])
            start, size = i, 0
        size += n
    pieces.append(line[start:])
    return "\r\n ".join(pieces)


def _occasions(book: Book) -> list[tuple[str, str, PartialDate, str]]:
    """Give (uid, summary, date, note) for every yearly occasion of the active clients."""
    index = index_book(book)
    couples = index.partners
    slugs: dict[str, str] = {}
    ids = _id_parts(book.clients)
    active: dict[str, tuple[Client, str, str]] = {}  # id -> client, name, note
    found: list[tuple[str, str, PartialDate, str]] = []
    for client in index.active.values():
        name, note = client.name, _note(client)
        active[client.id] = (client, name, note)
        own = ids[client.id]
        partner = book.clients.get(couples.get(client.id, ""))
        if client.birthday:
            found.append((f"{own}-birthday@ledgersite", f"{name}: birthday",
                          client.birthday, note))
        if client.partner_birthday and not (partner and partner.birthday):
            who = client.partner_name or (partner.name if partner else "partner")
            found.append((f"{own}-partner-birthday@ledgersite",
                          f"{who} ({first_name(client)}'s partner): birthday",
                          client.partner_birthday, note))
        if client.anniversary:
            shared = partner is not None and partner.anniversary == client.anniversary
            if shared and partner is not None:
                if partner.id < client.id:
                    continue
                found.append((f"{own}-anniversary-{ids[partner.id]}@ledgersite",
                              f"{couple_name(client, partner)}: anniversary",
                              client.anniversary, note))
            else:
                found.append((f"{own}-anniversary@ledgersite", f"{name}: anniversary",
                              client.anniversary, note))
    seen: set[str] = set()
    for row in book.dates:
        if row.client_id not in active:
            continue
        owner, name, note = active[row.client_id]
        occasion = row.occasion.strip() or "Important date"
        # The same date typed for both partners is one event (under the couple's first id).
        first = min(owner.id, couples.get(owner.id, owner.id))
        uid = (f"{ids[first]}-date-{_slug(occasion, slugs)}"
               f"-{row.date.month:02d}{row.date.day:02d}@ledgersite")
        if uid in seen:
            continue
        seen.add(uid)
        found.append((uid, f"{name}: {occasion}", row.date, note))
    return found


def _id_parts(clients: Iterable[str]) -> dict[str, str]:
    """Give each client ID's part of a UID: its slug, unique to the client.

    Most IDs keep their plain slug ("C-0042" gives "c-0042"). IDs that give the same slug
    ("C.1" and "c-1", "Ö1" and "Ä1") each get a digest of the ID as well, so two clients never
    share an event: a calendar keeps one event per UID.
    """
    slugs: dict[str, str] = {}
    by_slug: dict[str, list[str]] = defaultdict(list)
    for cid in clients:
        by_slug[_slug(cid, slugs)].append(cid)
    parts: dict[str, str] = {}
    for slug, same in by_slug.items():
        if len(same) == 1:
            parts[same[0]] = slug
            continue
        for cid in same:
            digest = hashlib.sha1(cid.encode("utf-8", "surrogatepass")).hexdigest()[:8]
            parts[cid] = f"{slug}-{digest}"
    return parts


def _note(client: Client) -> str:
    parts = []
    if client.discreet:
        parts.append(f"Take care: {client.discreet}")
    if not client.contact_ok:
        parts.append("Do not contact (no consent).")
    return " ".join(parts)


def _slug(part: str, slugs: dict[str, str]) -> str:
    """Give `part` of a UID as lower-case letters and digits joined by "-" ("x" if none).

    `slugs` remembers the parts already made, as IDs and occasions come back many times.
    """
    slug = slugs.get(part)
    if slug is None:
        slug = slugs[part] = _NOT_SLUG.sub("-", part.casefold()).strip("-") or "x"
    return slug
