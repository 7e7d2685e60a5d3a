"""Text, phones, yes/no, money, whole numbers and spans of time from cells, read leniently."""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal, InvalidOperation

from ledgersite.book import Offset, SpanUnit
from ledgersite.validate.cells import BadCell, as_typed

#: Countries whose phone numbers are written with a leading 0 (lost when typed as a number).
_LEADING_ZERO = {
    "uk",
    "gb",
    "unitedkingdom",
    "greatbritain",
    "england",
    "scotland",
    "wales",
    "ie",
    "ireland",
    "au",
    "australia",
    "fr",
    "france",
    "de",
    "germany",
    "nl",
    "netherlands",
    "it",
    "italy",
    "nz",
    "newzealand",
    "be",
    "belgium",
    "at",
    "austria",
    "ch",
    "switzerland",
    "za",
    "southafrica",
    "jp",
    "japan",
    "in",
    "india",
}
_YES = {"yes", "y", "true", "1", "✓", "✔", "x", "ok", "oui", "ja", "si", "☑", "✅"}
_NO = {"no", "n", "false", "0", "✗", "✘", "-", "non", "nein", "never", "dont", "don't"}
_CURRENCY = "£$€¥₹"
#: Amounts staff write as words ("a week", "two months").
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}
_SPAN = re.compile(r"(\d+|[a-z]+)\s*(day|week|month|year|d|w|m|y)s?$")
_UNITS: dict[str, SpanUnit] = {"d": "days", "w": "weeks", "m": "months", "y": "years"}
#: Days in each unit: a month is an average one, so "12 months" and "1 year" are both 365 days.
_DAYS_IN: dict[SpanUnit, float] = {"days": 1, "weeks": 7, "months": 30.44, "years": 12 * 30.44}


def text(value: object) -> str:
    """Give the cell as clean text (stray and non-breaking spaces removed)."""
    if value.__class__ is str:  # first: most cells are text
        return (value.replace("\u00a0", " ") if "\u00a0" in value else value).strip()
    if value is None:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    if isinstance(value, dt.datetime) and not (value.hour or value.minute or value.second):
        return value.date().isoformat()
    return as_typed(value)


def leading_zero(country: str) -> bool:
    """Tell whether phone numbers in `country` start with a 0 that a number cell drops."""
    return "".join(c for c in country.casefold() if c.isalnum()) in _LEADING_ZERO


def phone(value: object, *, zero: bool) -> str:
    """Give a phone number as text, with the leading 0 put back where the country implies it."""
    if isinstance(value, bool):
        raise BadCell("is a yes/no, not a phone number.", "Type the phone number.")
    if isinstance(value, int | float):
        if isinstance(value, float) and (math.isnan(value) or not value.is_integer()):
            raise BadCell("is not a phone number.", "Type the phone number as text.")
        digits = str(int(value))
        if zero and len(digits) >= 8:
            return "0" + digits
        if len(digits) < 10:
            raise BadCell(
                "was typed as a number and may have lost its leading 0.",
                "Type the phone number as text (start it with an apostrophe: '0123...), "
                "or say the Country in the Settings sheet.",
            )
        return digits
    return text(value)


def boolean(value: object) -> bool | None:
    """Give yes/no from a cell, None when blank; raise `BadCell` for other text."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    word = text(value).casefold().rstrip(".!")
    if not word:
        return None
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise BadCell("is not yes or no.", "Type yes or no.")


def money(value: object) -> Decimal | None:
    """Give an amount from a cell ("£1,250.00", 1250, "1 250 €"), None when blank."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise BadCell("is a yes/no, not an amount.", "Type the amount, e.g. 1250.00.")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise BadCell("is not an amount.", "Type the amount, e.g. 1250.00.")
        return Decimal(repr(value))
    raw = text(value)
    if not raw:
        return None
    cleaned = "".join(c for c in raw if c not in _CURRENCY and not c.isspace())
    for code in ("GBP", "USD", "EUR", "AUD", "CAD", "CHF", "NZD"):
        cleaned = cleaned.replace(code, "").replace(code.lower(), "")
    if cleaned.count(",") and cleaned.count(".") == 0 and len(cleaned.rsplit(",", 1)[1]) == 2:
        cleaned = cleaned.replace(",", ".")  # "12,50" written the continental way
    cleaned = cleaned.replace(",", "")
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        raise BadCell("is not an amount.", "Type the amount, e.g. 1250.00.") from None
    if not amount.is_finite():
        raise BadCell("is not an amount.", "Type the amount, e.g. 1250.00.")
    return amount


def whole_number(value: object) -> int | None:
    """Give a whole number from a cell ("14", 14.0), None when blank."""
    if value is None or isinstance(value, bool):
        if isinstance(value, bool):
            raise BadCell("is not a number.", "Type a whole number, e.g. 14.")
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    raw = text(value).split(" ")[0] if isinstance(value, str) else ""
    if not raw and isinstance(value, str):
        return None
    if raw.isdigit():
        return int(raw)
    raise BadCell("is not a whole number.", "Type a whole number, e.g. 14.")


def offset(value: object) -> Offset:
    """Give the span a cell names ("2 weeks", "6 months", "a year"); raise `BadCell` otherwise."""
    m = _SPAN.match(text(value).casefold())
    word = m.group(1) if m else ""
    amount = int(word) if word.isdecimal() else _NUMBERS.get(word)
    if m is None or amount is None:
        raise BadCell("is not a span of time.", 'Type e.g. "2 days", "2 weeks", "6 months".')
    return Offset(amount, _UNITS[m.group(2)[0]])


def days(value: object, *, unit: SpanUnit = "days") -> int | None:
    """Give a span in days from a cell ("2 weeks", "1 year", 14), None when blank.

    A bare number counts in `unit`, the unit the column or setting is named in.
    """
    raw = text(value)
    if not raw:
        return None
    if raw.isdecimal():
        return round(int(raw) * _DAYS_IN[unit])
    try:
        span = offset(raw)
    except BadCell:
        raise BadCell(
            f"is not a number of {unit} or a span of time.",
            f'Type a number of {unit}, or a span such as "2 weeks" or "1 year".',
        ) from None
    return round(span.amount * _DAYS_IN[span.unit])
