"""Gift ideas: a client's open wish list, shown to the partner as the client's occasion nears."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from ledgersite.agenda.couples import first_name
from ledgersite.agenda.index import BookIndex, index_book
from ledgersite.agenda.model import GiftIdea, Milestone
from ledgersite.agenda.wording import in_sentence
from ledgersite.book import Book, Client, WishItem

OCCASIONS = {"birthday": "birthday", "anniversary": "anniversary"}


def build_gift_ideas(
    book: Book, milestones: list[Milestone], index: BookIndex | None = None
) -> list[GiftIdea]:
    """Give one idea per (client, buyer) whose occasion is among `milestones`, soonest first."""
    couples = (index or index_book(book)).partners
    wish_list: dict[str, list[WishItem]] = defaultdict(list)
    for wish in book.wishes:
        if wish.fulfilled_on is None:
            wish_list[wish.client_id].append(wish)
    found: list[GiftIdea] = []
    for m in milestones:
        if m.kind not in OCCASIONS:
            continue
        people = [m.client_id, *m.other_client_ids]
        for for_id in people:
            client, buyer = book.clients.get(for_id), book.clients.get(couples.get(for_id, ""))
            if client is None or buyer is None or buyer.inactive or not buyer.contact_ok:
                continue
            wishes = sorted(wish_list.get(for_id, []), key=lambda w: w.noted_on or dt.date.min,
                            reverse=True)
            if wishes:
                found.append(GiftIdea(
                    for_client_id=for_id, buyer_client_id=buyer.id, occasion_date=m.date,
                    items=[w.item for w in wishes], occasion=OCCASIONS[m.kind],
                    message=_message(client, buyer, m, wishes),
                ))
    return found


def _message(client: Client, buyer: Client, m: Milestone, wishes: list[WishItem]) -> str:
    name = first_name(client)
    occasion = (f"{name}'s birthday" if m.kind == "birthday"
                else f"{name} and {first_name(buyer)}'s anniversary")
    when = ("is today" if m.days_away == 0 else "is tomorrow" if m.days_away == 1
            else f"is in {m.days_away} days")
    first = wishes[0]
    item = in_sentence(first.item)
    admired = f"the {item}" if item else "something"
    noted = f" on {first.noted_on.day} {first.noted_on:%B}" if first.noted_on else ""
    text = f"{occasion} {when}: {name} admired {admired}{noted}"
    if len(wishes) > 1:
        more = len(wishes) - 1
        text += f", and {more} more {'item' if more == 1 else 'items'} on the wish list"
    return text
