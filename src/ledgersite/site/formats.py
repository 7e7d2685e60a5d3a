"""How dates, money, distances in days and phone links read on the site."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from urllib.parse import quote

from ledgersite.book import PartialDate

_SYMBOLS = {"GBP": "£", "USD": "$", "EUR": "€", "CAD": "$", "AUD": "$", "NZD": "$", "JPY": "¥",
            "CHF": "CHF ", "INR": "₹", "SEK": "kr ", "NOK": "kr ", "DKK": "kr "}


def day(value: dt.date | None) -> str:
    """Give "3 May 2026", or "" for no date."""
    return f"{value.day} {value:%b %Y}" if value else ""


def day_with_weekday(value: dt.date) -> str:
    """Give "Thu 3 May"."""
    return f"{value:%a} {value.day} {value:%B}"


def partial(value: PartialDate | None) -> str:
    """Give "14 March 1985" or "14 March" when the year is unknown."""
    return str(value) if value else ""


def days_away(days: int) -> str:
    """Give "today", "tomorrow", "in 5 days", "yesterday" or "3 days ago"."""
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "yesterday"
    return f"in {days} days" if days > 0 else f"{-days} days ago"


def money(amount: Decimal | None, currency: str) -> str:
    """Give "£2,450" (pence only when there are some), or "" for no amount."""
    if amount is None:
        return ""
    text = f"{amount:,.2f}".removesuffix(".00")
    code = currency.strip()
    symbol = _SYMBOLS.get(code.upper(), code if len(code) <= 2 else "")
    if symbol:
        return f"{symbol}{text}"
    return f"{text} {code}".strip()


def tel_href(phone: str) -> str:
    """Give the tel: address of a phone number as typed, or "" when it has no digits."""
    digits = re.sub(r"[^\d+]", "", phone)
    return f"tel:{digits}" if re.search(r"\d", digits) else ""


#: A country calling code at the start of a number: 1 and 7 are one digit, these two, the
#: rest three (ITU-T E.164; no code is the start of a longer one).
_COUNTRY_CODE = re.compile(r"1|7|2[07]|3[0-469]|4[013-9]|5[1-8]|6[0-6]|8[1246]|9[0-58]|\d{3}")


def national_digits(phone: str) -> str:
    """Give a phone number's digits without its country code or national 0, which the client
    search compares: "+44 7700 900884", "0044 7700900884" and "07700 900884" all give
    "7700900884". site.js reads what staff type the same way (keep the two alike).

    A code is dropped after "+" or "00", or from 11 digits or more that start without a 0 when
    9 or 10 digits follow it ("447700900884").
    """
    digits = re.sub(r"\D", "", phone)
    international = phone.lstrip().startswith("+") or digits.startswith("00")
    digits = digits.removeprefix("00")
    code = None if digits.startswith("0") else _COUNTRY_CODE.match(digits)
    if code and (international or (len(digits) >= 11 and 9 <= len(digits) - code.end() <= 10)):
        digits = digits[code.end() :]
    return digits.removeprefix("0")


def sms_href(phone: str) -> str:
    """Give the sms: address of a phone number, or ""."""
    tel = tel_href(phone)
    return "sms:" + tel.removeprefix("tel:") if tel else ""


def mailto_href(email: str) -> str:
    """Give the mailto: address, or "" when `email` does not look like one."""
    email = email.strip()
    return "mailto:" + quote(email, safe="@.+-_") if "@" in email else ""
