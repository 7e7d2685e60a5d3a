"""Clients nobody has sold to or spoken with for a long while."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ledgersite.agenda.index import BookIndex, index_book
from ledgersite.agenda.model import StayInTouch
from ledgersite.book import Book, Contact, Purchase


def build_stay_in_touch(
    book: Book, today: dt.date, skip: set[str], index: BookIndex | None = None
) -> list[StayInTouch]:
    """Give reachable clients without purchase or contact for the store's lapse, longest first.

    `skip` holds clients already listed elsewhere (waiting for a reply).
    """
    last_purchase = _latest(book.purchases, today)
    last_contact = _latest(book.contacts, today)
    lapse = book.settings.lapse_after_days
    index = index or index_book(book)
    found: list[tuple[int, StayInTouch]] = []
    for client in index.active.values():
        if not client.contact_ok or client.id in skip:
            continue
        bought, spoke = last_purchase.get(client.id), last_contact.get(client.id)
        touches = [d for d in (bought, spoke, client.client_since) if d is not None]
        last = max(touches, default=None)
        if last is not None and (today - last).days < lapse:
            continue
        found.append((
            (today - last).days if last else -1,
            StayInTouch(
                client.id, client.name,
                (today - bought).days if bought else None,
                (today - spoke).days if spoke else None,
            ),
        ))
    # Longest silence first; clients with nothing on record at all come last.
    found.sort(key=lambda pair: (pair[0] < 0, -pair[0], pair[1].client.casefold()))
    return [item for _, item in found]


def _latest(records: Iterable[Purchase | Contact], today: dt.date) -> dict[str, dt.date]:
    """Give client id -> the latest date on or before `today` among `records`."""
    latest: dict[str, dt.date] = {}
    never = dt.date.min
    for record in records:
        day = record.date
        if day <= today and day > latest.get(record.client_id, never):
            latest[record.client_id] = day
    return latest
