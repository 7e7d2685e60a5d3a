"""Who is whose partner among the clients: by the Partner link or a two-person household."""

from __future__ import annotations

from collections import defaultdict

from ledgersite.book import Client


def pairs_among(active: dict[str, Client]) -> dict[str, str]:
    """Give client id -> partner's client id among the `active` clients (id -> client, in order).

    A Partner link counts either way round; a household shared by exactly two clients counts
    as a couple too (larger households may hold children or parents).
    """
    pairs: dict[str, str] = {}
    for cid, client in active.items():
        other = client.partner_id
        if other and other != cid and other in active:
            pairs.setdefault(cid, other)
            pairs.setdefault(other, cid)
    households: dict[str, list[str]] = defaultdict(list)
    for cid, client in active.items():
        if client.household.strip():
            households[client.household.strip().casefold()].append(cid)
    for members in households.values():
        if len(members) == 2:
            a, b = members
            if a not in pairs and b not in pairs:
                pairs[a], pairs[b] = b, a
    return pairs


def couple_name(a: Client, b: Client) -> str:
    """Give "Maria & Tom Reyes", or "Maria Reyes & Tom Okafor" when the surnames differ."""
    if a.last_name and a.last_name == b.last_name and a.first_name and b.first_name:
        return f"{a.first_name} & {b.first_name} {a.last_name}"
    return f"{a.name} & {b.name}"


def first_name(client: Client) -> str:
    """Give the name to use in a sentence: the first name, else the full name."""
    return client.first_name or client.name
