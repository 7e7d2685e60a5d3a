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


def sms_href(phone: str) -> str:
    """Give the sms: address of a phone number, or ""."""
    tel = tel_href(phone)
    return "sms:" + tel.removeprefix("tel:") if tel else ""


def mailto_href(email: str) -> str:
    """Give the mailto: address, or "" when `email` does not look like one."""
    email = email.strip()
    return "mailto:" + quote(email, safe="@.+-_") if "@" in email else ""
