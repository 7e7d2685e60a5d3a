"""A cell that cannot be used: what converters raise; the caller records a `Problem`."""

from __future__ import annotations

#: What staff type on purpose for "we don't know" (compared case-folded): a blank, not a problem.
NOT_KNOWN = frozenset({"?", "??", "-", "--", "n/a", "na", "unknown", "not known", "none", "tbc",
                       "tba", "don't know", "dont know"})


class BadCell(Exception):
    """Raised by a converter: `message` says what is wrong, `fix` what to do (both for staff)."""

    def __init__(self, message: str, fix: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.fix = fix


def as_typed(value: object) -> str:
    """Give the cell as staff would see it typed."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)
