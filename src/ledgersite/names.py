"""A client's name typed in one cell, split into first and last name."""

from __future__ import annotations

#: Words before a name that are not the first name (compared without dots, case-folded).
TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "lady", "lord",
                    "rev", "fr", "sr", "madam", "madame", "mme", "mlle", "herr", "frau"})
#: Words that belong to the last name that follows them ("Anna van der Berg").
PARTICLES = frozenset({"van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "le",
                       "la", "dos", "das", "ter", "ten", "bin", "al", "st"})


def split_name(full: str) -> tuple[str, str]:
    """Give (first name, last name) of "Maria Reyes", "Reyes, Maria" or "Mrs Anna van Dijk".

    The last word is the last name, with any "van", "de" or "von" before it; a title in front
    is left out.
    """
    if "," in full:
        last, _, first = full.partition(",")
        return _untitled(first.split()), last.strip()
    words = _untitled(full.split()).split()
    if len(words) < 2:
        return " ".join(words), ""
    at = len(words) - 1
    while at > 1 and words[at - 1].casefold() in PARTICLES:
        at -= 1
    return " ".join(words[:at]), " ".join(words[at:])


def _untitled(words: list[str]) -> str:
    while len(words) > 1 and words[0].casefold().strip(".") in TITLES:
        words = words[1:]
    return " ".join(words)
