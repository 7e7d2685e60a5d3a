"""Tiny builders of Book objects for the agenda and calendar tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ledgersite.book import (
    Book,
    Client,
    Contact,
    ImportantDate,
    PartialDate,
    Purchase,
    SourceInfo,
    Task,
    WishItem,
)

D = dt.date


def pd(month: int, day: int, year: int | None = None) -> PartialDate:
    """Give a day-and-month date, with its year when known."""
    return PartialDate(month, day, year)


def client(cid: str, first: str = "Maria", last: str = "Reyes", **fields: Any) -> Client:
    """Give a client with a name and any other fields."""
    return Client(id=cid, first_name=first, last_name=last, **fields)


def purchase(cid: str, date: dt.date, item: str = "Sapphire halo ring", **fields: Any) -> Purchase:
    """Give a sale; `price` may be given as a number."""
    if "price" in fields and fields["price"] is not None:
        fields["price"] = Decimal(str(fields["price"]))
    return Purchase(client_id=cid, date=date, item=item, **fields)


def contact(cid: str, date: dt.date, kind: str, **fields: Any) -> Contact:
    """Give a Contact log entry."""
    return Contact(client_id=cid, date=date, kind=kind, **fields)


def book(*clients: Client, **parts: Any) -> Book:
    """Give a book of `clients` and any other parts (purchases, dates, wishes, ...)."""
    source = SourceInfo("test", "memory", dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    return Book(clients={c.id: c for c in clients}, source=source, **parts)


__all__ = [
    "D", "ImportantDate", "Task", "WishItem", "book", "client", "contact", "pd", "purchase",
]
