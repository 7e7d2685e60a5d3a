"""Dates from cells: real dates, serial numbers (1900 and 1904 systems), ISO and written text.

Slashed text such as "3/4/1985" needs the order from the Settings sheet ("Day-first dates");
without it, a column whose every such date could be read both ways is reported as ambiguous.
"""

from __future__ import annotations

import datetime as dt
import math
import re

from ledgersite.book import PartialDate
from ledgersite.validate.cells import NOT_KNOWN, BadCell

_MONTHS = {
    m: i
    for i, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for m in names
}
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")
_NUMERIC = re.compile(r"(\d{1,4})[/.\-](\d{1,2})(?:[/.\-](\d{2,4}))?$")
_WORDS = re.compile(r"[A-Za-z]+|\d+")
#: A year typed with two digits, at the end of the text ("1/2/30", "3 March '85").
_SHORT_YEAR = re.compile(r"(?<!\d)\d{2}$")
_FOUR_DIGITS = re.compile(r"\d{4}")

_FIX = "Type the date as 14/03/1985 or 1985-03-14 (or 14 March when the year is unknown)."


def slashed_parts(text: str) -> tuple[int, int] | None:
    """Give the first two numbers of a "3/4/1985"-style date, or None for other text."""
    m = _NUMERIC.match(text.strip())
    if not m or len(m.group(1)) == 4:
        return None
    return int(m.group(1)), int(m.group(2))


def column_order(texts: list[str]) -> bool | None:
    """Give day-first (True), month-first (False), or None when the slashed dates never say."""
    for text in texts:
        parts = slashed_parts(text)
        if parts and parts[0] > 12 >= parts[1]:
            return True
        if parts and parts[1] > 12 >= parts[0]:
            return False
    return None


def _check(year: int | None, month: int, day: int) -> PartialDate:
    try:
        dt.date(year or 2000, month, day)
    except ValueError:
        raise BadCell("is not a real date.", _FIX) from None
    if year is not None and not 1800 <= year <= 2200:
        raise BadCell(f"has the year {year}, which looks mistyped.", _FIX)
    return PartialDate(month, day, year)


def _serial(number: float, epoch: dt.date) -> PartialDate:
    if math.isnan(number) or not 1 <= number < 2_958_466:
        raise BadCell("is a number, not a date.", _FIX)
    day = epoch + dt.timedelta(days=int(number))
    return PartialDate(day.month, day.day, day.year)


def _text(text: str, day_first: bool | None) -> PartialDate:
    text = text.replace("\u00a0", " ").strip()
    m = _ISO.match(text)
    if m:
        return _check(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _NUMERIC.match(text)
    if m:
        a, b = int(m.group(1)), int(m.group(2))
        year = _year(m.group(3))
        if len(m.group(1)) == 4:
            return _check(a, b, int(m.group(3))) if m.group(3) else _bad()
        if a > 12 and b <= 12:
            return _check(year, b, a)
        if b > 12 and a <= 12:
            return _check(year, a, b)
        if day_first is None and a != b:
            raise BadCell(
                "could be read as day/month or month/day.",
                'Say which in the Settings sheet: add the row "Day-first dates" with yes or no.',
            )
        return _check(year, b, a) if day_first else _check(year, a, b)
    words = _WORDS.findall(text.casefold())
    month = next((_MONTHS[w] for w in words if w in _MONTHS), None)
    numbers = [w for w in words if w.isdigit()]
    if month and 1 <= len(numbers) <= 2:
        # The day is the first number that can be one; the other, if any, is the year.
        at = next((i for i, n in enumerate(numbers) if int(n) <= 31), None)
        if at is not None:
            others = numbers[:at] + numbers[at + 1 :]
            if not others:
                return _check(None, month, int(numbers[at]))
            if len(others[0]) in (2, 4):  # "3 March 85" as "3/3/85"
                return _check(_year(others[0]), month, int(numbers[at]))
    return _bad()


def _bad() -> PartialDate:
    raise BadCell("is not a date I can read.", _FIX)


def _year(text: str | None) -> int | None:
    if not text:
        return None
    year = int(text)
    if len(text) == 2:
        year += 1900 if year > 30 else 2000
    return year


def born(date: PartialDate, value: object, today: dt.date) -> PartialDate:
    """Give a birthday read from `value`, which cannot be after `today`: a two-digit year that
    puts it there means the century before ("1/2/30" is 1930); raise `BadCell` for any other
    birthday after today."""
    if date.year is None or date.year < today.year:  # nearly every birthday: no date made
        return date
    full = date.as_date()
    if full is None or full <= today:
        return date
    if isinstance(value, str) and typed_short_year(value) and date.year:
        earlier = _check(date.year - 100, date.month, date.day)
        if (earlier.as_date() or today) <= today:
            return earlier
    raise BadCell("is in the future.", "Correct the year, or leave it out (14 March).")


def typed_short_year(text: str) -> bool:
    """Tell whether a date's year was typed with two digits ("1/2/30", "3 March '85")."""
    text = text.strip()
    return bool(_SHORT_YEAR.search(text)) and not _FOUR_DIGITS.search(text)


def to_partial(value: object, *, epoch: dt.date, day_first: bool | None) -> PartialDate | None:
    """Give the (maybe year-less) date in a cell, None when blank; raise `BadCell` otherwise."""
    if value is None:
        return None
    if isinstance(value, dt.datetime | dt.date):
        return PartialDate(value.month, value.day, value.year)
    if isinstance(value, bool):
        raise BadCell("is a yes/no, not a date.", _FIX)
    if isinstance(value, int | float):
        return _serial(value, epoch)
    if isinstance(value, str):
        if not value.strip() or value.strip().casefold() in NOT_KNOWN:
            return None
        return _text(value, day_first)
    raise BadCell("is not a date.", _FIX)


def to_date(value: object, *, epoch: dt.date, day_first: bool | None) -> dt.date | None:
    """Give the full date in a cell, None when blank; raise `BadCell` when there is no year."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    partial = to_partial(value, epoch=epoch, day_first=day_first)
    if partial is None:
        return None
    full = partial.as_date()
    if full is None:
        raise BadCell("has no year.", "Add the year, e.g. 14/03/2024.")
    return full
