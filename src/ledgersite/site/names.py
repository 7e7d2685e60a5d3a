"""Safe, unique file names for client pages, whatever staff typed as a Client ID."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

_UNSAFE = re.compile(r"[^a-z0-9]+")
_MAX_SLUG = 40


def short_hash(text: str, length: int = 8) -> str:
    """Give the first `length` hex digits of the SHA-256 of `text`."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


def slug(text: str) -> str:
    """Give `text` as lower-case ASCII letters, digits and dashes (may be empty)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _UNSAFE.sub("-", ascii_text.lower()).strip("-")[:_MAX_SLUG].strip("-")


def client_file_names(ids: Iterable[str]) -> dict[str, str]:
    """Give each client ID its page's file name, e.g. "C-0042" -> "c-0042-1a2b3c4d.html".

    The readable part keeps only ASCII letters, digits and dashes, so no ID can climb out of
    the folder ("../../etc"), name a Windows device ("CON"), or clash on a file system that
    ignores case. The hash of the exact ID keeps "A/B", "a-b" and "A B" apart; it grows in
    the (astronomically unlikely) case two IDs share a prefix.
    """
    names: dict[str, str] = {}
    taken: set[str] = set()
    for client_id in ids:
        stem = slug(client_id) or "client"
        length = 8
        name = f"{stem}-{short_hash(client_id, length)}.html"
        while name in taken:
            length += 4
            name = f"{stem}-{short_hash(client_id, length)}.html"
        taken.add(name)
        names[client_id] = name
    return names
