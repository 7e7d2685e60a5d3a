"""Text, yes/no, money, whole numbers and spans of time from cells, read leniently."""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal, InvalidOperation

from ledgersite.book import Offset, SpanUnit
from ledgersite.validate.cells import BadCell, as_typed

_YES = {"yes", "y", "true", "1", "✓", "✔", "x", "ok", "oui", "ja", "si", "☑", "✅"}
_NO = {"no", "n", "false", "0", "✗", "✘", "-", "non", "nein", "never", "dont", "don't"}
#: Amounts staff write as words ("a week", "two months").
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}
#: "2 weeks", "2w", "a year": a number written in words needs a space and the unit in full
#: ("any" is not "an y", nor "tend" "ten d").
_SPAN = re.compile(r"(\d+)\s*(day|week|month|year|d|w|m|y)s?$|([a-z]+)\s+(day|week|month|year)s?$")
#: The longest span a rule or setting may name: ten years (and a few days to spare); a longer
#: lead or lapse is a slip (a date typed as a number, say).
MOST_DAYS = 3660
_UNITS: dict[str, SpanUnit] = {"d": "days", "w": "weeks", "m": "months", "y": "years"}
#: Days in each unit: a month is an average one, so "12 months" and "1 year" are both 365 days.
_DAYS_IN: dict[SpanUnit, float] = {"days": 1, "weeks": 7, "months": 30.44, "years": 12 * 30.44}
#: Spaces, currency signs and codes, which say nothing about the amount.
_SPACES_AND_SIGNS = re.compile(r"[\s£$€¥₹]+")
_CODES = re.compile(r"GBP|USD|EUR|AUD|CAD|CHF|NZD", re.IGNORECASE)
#: A number whose digits are grouped in threes by "." or by ",", e.g. 1.250.000.
_GROUPED = {
    mark: re.compile(rf"[+-]?[0-9]{{1,3}}(?:{re.escape(mark)}[0-9]{{3}})+") for mark in ".,"
}


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


def money(value: object, *, comma: bool | None = None) -> Decimal | None:
    """Give an amount from a cell ("£1,250.00", 1250, "1.250,00 €"), None when blank.

    `comma` says how the store writes prices: 1.250,00 (True), 1,250.00 (False), None unknown.
    It only settles one separator followed by three digits: "1,250" is 1250 unless the store
    writes 1.250,00; "1.250" is 1250 only where it does, and reported otherwise.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise BadCell("is a yes/no, not an amount.", "Type the amount, e.g. 1250.00.")
    if isinstance(value, int):
        if value < 0:
            raise _below_zero()
        return Decimal(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise BadCell("is not an amount.", "Type the amount, e.g. 1250.00.")
        if value < 0:
            raise _below_zero()
        return Decimal(repr(value))
    raw = text(value)
    whole, point, cents = raw.partition(".")
    plain = whole.isdigit() and raw.isascii()
    if plain and (not point or (cents.isdigit() and len(cents) != 3)):
        return Decimal(raw)  # first: the usual, "1250" or "1250.00" kept as text
    if not raw:
        return None
    cleaned = _SPACES_AND_SIGNS.sub("", raw)
    if cleaned.upper() != cleaned.lower():  # it has letters, maybe a currency code
        cleaned = _CODES.sub("", cleaned)
    negative = cleaned[:1] == "(" and cleaned[-1:] == ")"  # the accountant's way of writing -100
    if negative:
        cleaned = cleaned[1:-1]
    try:
        amount = Decimal(_plain(cleaned, comma))
    except InvalidOperation:
        raise BadCell("is not an amount.", "Type the amount, e.g. 1250.00.") from None
    if not amount.is_finite():
        raise BadCell("is not an amount.", "Type the amount, e.g. 1250.00.")
    if amount < 0 or (negative and amount):
        raise _below_zero()
    return amount


def _plain(number: str, comma: bool | None) -> str:
    """Give `number` ("1.250,00", "-1,250") as Decimal reads it; raise `BadCell` when unclear.

    Of "." and ",", the last one is the decimal mark and the other groups thousands.
    """
    last = max(number.rfind("."), number.rfind(","))
    if last < 0:
        return number
    mark, whole, fraction = number[last], number[:last], number[last + 1 :]
    if mark in whole:  # "1.250.000": no decimals, only thousands
        return _ungrouped(number, mark)
    other = "," if mark == "." else "."
    if other in whole:  # "1.250,00" or "1,250.00"
        return _ungrouped(whole, other) + "." + fraction
    digits = whole.lstrip("+-")
    if len(fraction) != 3 or not digits or len(digits) > 3 or digits == "0":
        return whole + "." + fraction  # "12,50", "1250.000", "0.125": decimals
    # "1.250" is 1250 where the store writes 1.250,00; "1,250" wherever it does not (the usual
    # English way, when the store's way is unknown).
    if comma if mark == "." else not comma:
        return whole + fraction
    small = f"{digits}{',' if comma else '.'}{fraction.rstrip('0')}".rstrip(".,")
    raise BadCell(
        f"could be {digits}{fraction} or {small}.",
        f"Type {digits}{fraction} or {small}"
        + (", or say the Country in the Settings sheet." if comma is None else "."),
    )


def _ungrouped(number: str, mark: str) -> str:
    """Give `number` without its thousands marks; raise `BadCell` unless in groups of three."""
    if not _GROUPED[mark].fullmatch(number):
        raise BadCell(
            "is not an amount: its digits are not in groups of three.",
            "Type the amount, e.g. 1250.00.",
        )
    return number.replace(mark, "")


def _below_zero() -> BadCell:
    return BadCell(
        "is below zero.",
        "Type the amount without a minus sign or brackets; note a return in Notes.",
    )


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
    word, unit = (m.group(1) or m.group(3), m.group(2) or m.group(4)) if m else ("", "")
    amount = int(word) if word.isdecimal() else _NUMBERS.get(word)
    if m is None or amount is None:
        raise BadCell("is not a span of time.", 'Type e.g. "2 days", "2 weeks", "6 months".')
    span = Offset(amount, _UNITS[unit[0]])
    if amount * _DAYS_IN[span.unit] > MOST_DAYS:
        raise BadCell("is longer than ten years.", 'Type a shorter span, e.g. "1 year".')
    return span


def days(value: object, *, unit: SpanUnit = "days") -> int | None:
    """Give a span in days from a cell ("2 weeks", "1 year", 14), None when blank; at most
    ten years (MOST_DAYS).

    A bare number counts in `unit`, the unit the column or setting is named in.
    """
    raw = text(value)
    if not raw:
        return None
    if raw.isdecimal():
        number = round(int(raw) * _DAYS_IN[unit])
    elif _SPAN.match(raw.casefold()):
        span = offset(raw)  # says itself when it is too long
        number = round(span.amount * _DAYS_IN[span.unit])
    else:
        raise BadCell(
            f"is not a number of {unit} or a span of time.",
            f'Type a number of {unit}, or a span such as "2 weeks" or "1 year".',
        )
    if number > MOST_DAYS:
        raise BadCell("is longer than ten years.", 'Type a shorter span, e.g. "1 year".')
    return number
