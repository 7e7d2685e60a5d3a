"""Small pieces of plain English shared by the agenda's messages."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=4096)  # a shop sells the same few hundred items over and over
def in_sentence(item: str) -> str:
    """Give an item name fit for mid-sentence: "Pearl drop earrings" -> "pearl drop earrings".

    Names whose other words are capitalised ("Omega Seamaster 300") are brands: kept as typed.
    """
    item = item.strip()
    first, _, rest = item.partition(" ")
    if first[1:].islower() and not any(w[:1].isupper() for w in rest.split()):
        return item[0].lower() + item[1:]
    return item
