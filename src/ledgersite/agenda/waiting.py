"""Who wrote in and has had no answer yet: people expect a reply within the hour."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from ledgersite.agenda.index import BookIndex, index_book
from ledgersite.agenda.matching import words
from ledgersite.agenda.model import Waiting
from ledgersite.book import Book, Client, Contact

#: Contact log kinds that mean the client got in touch with the shop.
INCOMING = ("Enquiry", "Inquiry", "Email received", "Call received", "Website form",
            "Message received", "Walk-in", "Voicemail")
#: Status or Source words that make a client a new enquiry.
ENQUIRY_WORDS = ("enquir", "inquir", "prospect", "website form", "web form")
#: Older than this, an unanswered enquiry is history, not a reply owed.
FORGET_AFTER_DAYS = 60


@lru_cache(maxsize=1024)  # a book has few kinds, logged thousands of times
def is_incoming(kind: str) -> bool:
    """Tell whether a Contact log kind means the client wrote or called in."""
    said = words(kind)
    return any(words(name) <= said for name in INCOMING)


def build_waiting(book: Book, today: dt.date, index: BookIndex | None = None) -> list[Waiting]:
    """Give everyone still waiting for a reply, longest wait first."""
    log: dict[str, list[Contact]] = {}
    for contact in book.contacts:
        if contact.date <= today:
            log.setdefault(contact.client_id, []).append(contact)
    bought = {p.client_id for p in book.purchases}
    found: list[Waiting] = []
    for client in (index or index_book(book)).active.values():
        if not client.contact_ok:
            continue
        item = _waiting(client, sorted(log.get(client.id, []), key=lambda c: c.date), today,
                        client.id in bought)
        if item and (item.days_waiting or 0) <= FORGET_AFTER_DAYS:
            found.append(item)
    return sorted(found, key=waited)


def waited(item: Waiting) -> tuple[bool, int, str]:
    """Give the sort key of the waiting list: longest wait first, those without a date last."""
    return (item.days_waiting is None, -(item.days_waiting or 0), item.client.casefold())


def _waiting(
    client: Client, contacts: list[Contact], today: dt.date, has_bought: bool
) -> Waiting | None:
    answered = max((c.date for c in contacts if not is_incoming(c.kind)), default=None)
    unanswered = [c for c in contacts if is_incoming(c.kind)
                  and (answered is None or c.date > answered)]
    if unanswered:
        first = unanswered[0]
        return Waiting(client.id, client.name, first.date, (today - first.date).days,
                       f"{first.kind.strip().capitalize()} on {first.date.day} {first.date:%B}"
                       + (f": {first.notes.strip()}" if first.notes.strip() else ""))
    said = f"{client.status} {client.source}".casefold()
    if answered is None and not has_bought and any(w in said for w in ENQUIRY_WORDS):
        # Without a Client since date nobody knows how long they have waited: not "0 days".
        since = client.client_since
        where = f" ({client.source.strip()})" if client.source.strip() else ""
        return Waiting(client.id, client.name, since, (today - since).days if since else None,
                       f"New enquiry{where}, no reply on record")
    return None
