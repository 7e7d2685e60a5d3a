"""Phone numbers from cells: text as typed; numbers (and digits-only text) put back together.

Excel turns "07700 900125" typed without an apostrophe into the number 7700900125, and
"+44 7700 900125" into 447700900125; a CSV file saved from Excel holds the same digits as text.
The store's country and the number of digits tell which one a run of digits was.
"""

from __future__ import annotations

import math
import re

from ledgersite.validate.cells import NOT_KNOWN, BadCell
from ledgersite.validate.values import text

#: Country -> (calling code, fewest and most digits of a number after the calling code).
_PLANS = {
    "GB": ("44", 9, 10),
    "IE": ("353", 7, 9),
    "AU": ("61", 9, 9),
    "FR": ("33", 9, 9),
    "DE": ("49", 6, 11),
    "NL": ("31", 9, 9),
    "IT": ("39", 6, 11),
    "NZ": ("64", 8, 10),
    "BE": ("32", 8, 9),
    "AT": ("43", 6, 13),
    "CH": ("41", 9, 9),
    "ZA": ("27", 9, 9),
    "JP": ("81", 9, 10),
    "IN": ("91", 10, 10),
    "US": ("1", 10, 10),
    "CA": ("1", 10, 10),
}
#: Where a number is dialled at home with a 0 that the calling code replaces from abroad.
#: Italy is not one: its landlines keep their 0 after +39 and its mobiles start with 3.
_TRUNK_ZERO = set(_PLANS) - {"IT", "US", "CA"}
#: "4,47701E+11": what Excel writes of a long number in a narrow column; the digits are gone.
_SHORTENED = re.compile(r"\d[.,]\d*e\+?\d+", re.IGNORECASE)


def phone(value: object, *, country: str = "") -> str:
    """Give a phone number as text, rebuilt from a number cell as the store's country implies.

    `country` is the store's two-letter code, "" when unknown. Digits without a leading 0 or +
    (a number cell, or digits-only text: a CSV file saved by Excel holds numbers as text) are
    one of the store's own numbers that lost its 0 ("07700900125"), or a number with its calling
    code ("+44 7700900125"); when both readings fit, or neither does, the cell is reported.
    Without a known country, digits-only text is kept as typed, and a number cell of ten
    digits is kept when it can be a North American number (area code and exchange start with
    2-9) and reported otherwise: 7700900123 can only be a number that lost its 0, but
    7812345678 could be either, and flagging every American client's phone would bury the real
    problems.
    """
    if value.__class__ is str:
        typed = text(value)
        if typed[:1] in ("0", "+", ""):  # first: the usual, typed as text
            return typed
        if typed.casefold() in NOT_KNOWN:
            return ""
        if typed.isdigit() and typed.isascii():
            # Text is read again only when one reading is clear; otherwise it is kept as typed:
            # unlike a number cell, it may be written without a 0 on purpose (a foreign number).
            try:
                return _dialled(typed, country) if country in _PLANS else typed
            except BadCell:
                return typed
        if _SHORTENED.fullmatch(typed):
            raise BadCell(
                "is a number shortened by Excel: its last digits are lost.",
                "Type the phone number again, as text (start it with an apostrophe: '0123...).",
            )
        return typed
    if isinstance(value, bool):
        raise BadCell("is a yes/no, not a phone number.", "Type the phone number.")
    if isinstance(value, int | float):
        if isinstance(value, float) and (math.isnan(value) or not value.is_integer()):
            raise BadCell("is not a phone number.", "Type the phone number as text.")
        if value < 1:
            raise BadCell("is not a phone number.", "Type the phone number.")
        return _dialled(str(int(value)), country)
    return text(value)


def _dialled(digits: str, country: str) -> str:
    """Give the number that `digits` (no leading 0 or +) stand for; raise `BadCell` if unclear."""
    if country in _PLANS:
        home, abroad = _at_home(digits, country), _from_abroad(digits, country)
        if home and abroad:
            raise BadCell(
                f"was typed as a number and could be {home} or {abroad}.",
                "Type the phone number as text, as it is dialled (start it with an apostrophe).",
            )
        if home or abroad:
            return home or abroad
    if len(digits) > 10:  # a client abroad, typed with the calling code
        foreign = {_from_abroad(digits, other) for other in _PLANS} - {""}
        if len(foreign) == 1:
            return foreign.pop()
    if country in _PLANS:
        raise BadCell(
            "was typed as a number and does not have the digits of a phone number.",
            "Type the phone number as text (start it with an apostrophe: '0123...).",
        )
    if len(digits) < 10 or (len(digits) == 10 and not _north_american(digits)):
        raise BadCell(
            "was typed as a number and may have lost its leading 0.",
            "Type the phone number as text (start it with an apostrophe: '0123...), "
            "or say the Country in the Settings sheet.",
        )
    return digits


def _at_home(digits: str, country: str) -> str:
    """Give the number as dialled at home when `digits` can be one of `country`'s, else ""."""
    if country == "IT":  # a landline's 0 is lost in a number cell, a mobile has none
        number = digits if digits[0] == "3" else "0" + digits
        return number if _fits(number, country) else ""
    if country in _TRUNK_ZERO:
        return "0" + digits if _fits(digits, country) else ""
    return digits if _fits(digits, country) else ""


def _from_abroad(digits: str, country: str) -> str:
    """Give "+44 7700900125" when `digits` are `country`'s calling code and a number, else ""."""
    code = _PLANS[country][0]
    if not digits.startswith(code):
        return ""
    rest = digits[len(code) :]
    return f"+{code} {rest}" if _fits(rest, country) else ""


def _fits(number: str, country: str) -> bool:
    """Tell whether `number` (after the calling code) has the length of one of `country`'s."""
    _, fewest, most = _PLANS[country]
    if not number or not fewest <= len(number) <= most:
        return False
    if country == "IT":
        return number[0] == "0" or (number[0] == "3" and 9 <= len(number) <= 10)
    if country in ("US", "CA"):
        return _north_american(number)
    return number[0] != "0"


def _north_american(digits: str) -> bool:
    """Tell whether ten digits can be a North American number: area code and exchange 2-9."""
    return len(digits) == 10 and digits[0] not in "01" and digits[3] not in "01"
