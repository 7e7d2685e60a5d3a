"""A locked site has no client name, email or phone in clear in any file of its folder.

Every file under the output folder is searched, the bookkeeping folder included; the same
search over the open site of the same book must find them, so the search itself is proven.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ledgersite.book import Book
from ledgersite.config import Config
from ledgersite.pipeline import build_book, publish_site
from ledgersite.site import seal
from site_books import READ_AT, TODAY, build_site, make_agenda, make_book

PASSWORD = "a long shop password nobody guesses"


#: A run of base64 long enough to be ciphertext, never a name, email or phone in clear.
CIPHERTEXT = re.compile(r"[A-Za-z0-9+/=_-]{40,}")


def secrets(book: Book) -> set[str]:
    """Give every client name, email and phone of `book`, as typed and as phone links carry them."""
    found: set[str] = set()
    for client in book.clients.values():
        # A short single name ("Tom") turns up by chance in base64 text; whole names do not.
        names = [client.name, client.partner_name, client.first_name, client.last_name]
        found.update(n for n in names if len(n.strip()) >= 5)
        found.update(value for value in (client.email, client.phone) if value)
        digits = re.sub(r"\D", "", client.phone)
        if len(digits) >= 7:
            found.update({digits, digits[-10:]})
    return found


def leaks(out: Path, values: set[str]) -> list[str]:
    """Give `file: value` for every value found in clear in any file (or file name) in `out`."""
    found = []
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        name = str(path.relative_to(out))
        text = path.read_bytes().decode("utf-8", "replace")
        # Ciphertext is long base64 runs, where "james" turns up by chance now and then.
        text = CIPHERTEXT.sub(" ", text).lower()
        for value in values:
            if value.lower() in text or value.lower() in name.lower():
                found.append(f"{name}: {value}")
    return found


def build_locked(out: Path, book: Book) -> None:
    agenda = make_agenda(book)
    publish_site(book, agenda, agenda.milestones, out, config=Config(),
                 feed=calendar_of(book), now=READ_AT, key=seal.site_key(out, PASSWORD))


def calendar_of(book: Book) -> bytes:
    """Give a calendar feed naming every client, as the real one does."""
    events = "".join(
        f"BEGIN:VEVENT\r\nSUMMARY:{c.name}'s birthday\r\nDESCRIPTION:{c.phone} {c.email}\r\n"
        "END:VEVENT\r\n" for c in book.clients.values()
    )
    return f"BEGIN:VCALENDAR\r\n{events}END:VCALENDAR\r\n".encode()


@pytest.mark.parametrize("hostile_ids", [False, True], ids=["plain", "hostile-ids"])
def test_locked_site_has_no_client_name_email_or_phone_in_any_file(
    tmp_path: Path, hostile_ids: bool
) -> None:
    book = make_book(hostile_ids=hostile_ids)
    values = secrets(book)
    assert len(values) >= 15
    open_site = tmp_path / "open"
    build_site(open_site, book)
    assert len(leaks(open_site, values)) > 20, "the search must find them in the open site"
    locked = tmp_path / "locked"
    build_locked(locked, book)
    assert (locked / "index.html").is_file()
    assert leaks(locked, values) == []


def test_locked_site_with_the_real_agenda_and_calendar_feed_has_no_client_data_in_clear(
    tmp_path: Path,
) -> None:
    book = make_book()
    values = secrets(book)
    open_site, locked = tmp_path / "open", tmp_path / "locked"
    build_book(book, open_site, config=Config(), today=TODAY, now=READ_AT)
    assert leaks(open_site, values)
    assert "Maria Reyes" in (open_site / "calendar.ics").read_text(encoding="utf-8")
    build_book(book, locked, config=Config(), today=TODAY, now=READ_AT,
               key=seal.site_key(locked, PASSWORD))
    assert (locked / "calendar.ics.js").is_file()
    assert leaks(locked, values) == []


def test_locking_an_open_site_removes_every_clear_file(tmp_path: Path) -> None:
    book = make_book()
    build_site(tmp_path, book)
    assert (tmp_path / "calendar.ics").is_file() and list(tmp_path.rglob("*.csv"))
    build_locked(tmp_path, book)
    assert not (tmp_path / "calendar.ics").exists()
    assert not list(tmp_path.rglob("*.csv"))
    assert leaks(tmp_path, secrets(book)) == []
