"""What several parts of the agenda look up in the book, worked out once per agenda.

`Client.inactive` and `partners` walk every client; at 10,000 clients each walk costs
milliseconds, so an agenda builds one `BookIndex` and hands it to every part.
"""

from __future__ import annotations

from dataclasses import dataclass

from ledgersite.agenda.couples import pairs_among
from ledgersite.book import Book, Client


@dataclass(frozen=True)
class BookIndex:
    """The book's clients as the agenda sees them."""

    #: Clients neither archived nor deceased, by id, in book order.
    active: dict[str, Client]
    #: Client id -> partner's client id, for active couples (see `couples.partners`).
    partners: dict[str, str]

    def reachable(self, client_id: str) -> Client | None:
        """Give the active client who may be contacted, or None."""
        client = self.active.get(client_id)
        return client if client is not None and client.contact_ok else None


def index_book(book: Book) -> BookIndex:
    """Give the shared lookups of `book`."""
    active = {cid: c for cid, c in book.clients.items() if not c.inactive}
    return BookIndex(active=active, partners=pairs_among(active))
