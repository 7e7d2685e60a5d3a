"""Clients nobody has sold to or spoken with for a long while."""

from __future__ import annotations

import datetime as dt

from ledgersite.agenda.index import BookIndex, index_book
from ledgersite.agenda.model import StayInTouch
from ledgersite.book import Book


def build_stay_in_touch(
    book: Book, today: dt.date, skip: set[str], index: BookIndex | None = None
) -> list[StayInTouch]:
    """Give reachable clients without purchase or contact for the store's lapse, longest first.

    `skip` holds clients already listed elsewhere (waiting for a reply).
    """
    last_purchase: dict[str, dt.date] = {}
    for p in book.purchases:
        if p.date <= today and p.date > last_purchase.get(p.client_id, dt.date.min):
            last_purchase[p.client_id] = p.date
    last_contact: dict[str, dt.date] = {}
    for c in book.contacts:
        if c.date <= today and c.date > last_contact.get(c.client_id, dt.date.min):
            last_contact[c.client_id] = c.date
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
