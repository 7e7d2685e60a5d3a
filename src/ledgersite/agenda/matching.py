"""Whether a Contact log kind matches a task, forgivingly ("Thank you note" ~ "Thank-you note")."""

from __future__ import annotations

import re
from functools import lru_cache

#: Words that do not change what kind of touch it was.
FILLER = frozenset({"a", "an", "the", "and", "of", "for", "to", "handwritten", "free", "quick"})
JOINED = {
    "thankyou": "thank you", "checkin": "check in", "followup": "follow up", "pickup": "pick up",
}


@lru_cache(maxsize=4096)  # a book has few distinct kinds and tasks, typed thousands of times
def words(text: str) -> frozenset[str]:
    """Give the meaningful words of a task or kind, lower case, singular, without punctuation."""
    plain = re.sub(r"[^\w]+", " ", text.casefold())
    for joined, spaced in JOINED.items():
        plain = plain.replace(joined, spaced)
    found = set()
    for word in plain.split():
        if word in FILLER:
            continue
        found.add(word[:-1] if len(word) > 3 and word.endswith("s") else word)
    return frozenset(found)


@lru_cache(maxsize=4096)
def same_kind(kind: str, task: str) -> bool:
    """Tell whether a logged kind of contact is the task done (one names the other's words)."""
    a, b = words(kind), words(task)
    return bool(a and b) and (a <= b or b <= a)
