"""The Settings sheet ("Setting" | "Value") and the optional "Anniversary gifts" sheet."""

from __future__ import annotations

import difflib

from ledgersite.book import LeapDay, Settings, SpanUnit
from ledgersite.validate.cells import BadCell
from ledgersite.validate.country import country_code, currency_of
from ledgersite.validate.headers import squeeze
from ledgersite.validate.table import Table
from ledgersite.validate.values import boolean, days, text, whole_number
from ledgersite.validate.zones import computer_zone, zone_name

#: What staff may call each setting (compared squeezed) -> its name in a starter book.
_NAMES = {
    "storename": "Store name",
    "shopname": "Store name",
    "store": "Store name",
    "shop": "Store name",
    "timezone": "Time zone",
    "tz": "Time zone",
    "country": "Country",
    "currency": "Currency",
    "dayfirstdates": "Day-first dates",
    "dayfirst": "Day-first dates",
    "birthdayreminderdays": "Birthday reminder days",
    "anniversaryreminderdays": "Anniversary reminder days",
    "partnerbirthdayreminderdays": "Partner birthday reminder days",
    "datereminderdays": "Date reminder days",
    "purchaseanniversaryreminderdays": "Purchase anniversary reminder days",
    "milestoneanniversaryreminderdays": "Milestone anniversary reminder days",
    "stayintouchaftermonths": "Stay in touch after (months)",
    "stayintouchafter": "Stay in touch after (months)",
    "lookaheaddays": "Look ahead (days)",
    "lookahead": "Look ahead (days)",
    "leapdaybirthdayson": "Leap-day birthdays on",
    "leapdayon": "Leap-day birthdays on",
    "leapday": "Leap-day birthdays on",
}
_LEAD = {
    "Birthday reminder days": "birthday",
    "Anniversary reminder days": "anniversary",
    "Partner birthday reminder days": "partner_birthday",
    "Date reminder days": "date",
    "Purchase anniversary reminder days": "purchase_anniversary",
}


def read_settings(table: Table) -> Settings:
    """Give the store's settings, defaults where a row is missing or cannot be used."""
    settings = Settings()
    if _headless(table):
        table.start -= 1  # the first row is a setting, not headers
    key_col = table.columns.setdefault("setting", 0)
    value_col = table.columns.setdefault("setting_value", key_col + 1)
    for row, cells in table.rows():
        name = text(cells[key_col]) if key_col < len(cells) else ""
        value = cells[value_col] if value_col < len(cells) else None
        key = squeeze(name)
        if not key or value is None or text(value) == "":
            continue
        if key not in _NAMES:
            _unknown(table, row, name)
            settings.extra[name] = text(value)
            continue
        try:
            _apply(settings, _NAMES[key], value)
        except BadCell as bad:
            table.problem(
                "warning",
                row,
                "setting_value",
                value,
                f"{name}: {text(value)!r} {bad.message}",
                bad.fix,
            )
    if not settings.currency:  # "£1,250", not "1,250", for a shop that gave only its country
        code = country_code(settings.country) or settings.country.strip().upper()  # "ES"
        settings.currency = currency_of(code)
    return settings


def _headless(table: Table) -> bool:
    """Tell whether the sheet starts with a setting row where its "Setting | Value" would be."""
    first = table.headers[0] if table.headers else None
    return not table.columns and squeeze(text(first)) in _NAMES


def _unknown(table: Table, row: int, name: str) -> None:
    close = difflib.get_close_matches(squeeze(name), _NAMES, n=1, cutoff=0.75)
    hint = f" Did you mean {_NAMES[close[0]]}?" if close else ""
    table.problem(
        "warning",
        row,
        "setting",
        name,
        f"{name!r} is not a setting I know, so it changes nothing.{hint}",
        "Correct the name, or delete the row if it is not needed.",
    )


def _apply(settings: Settings, setting: str, value: object) -> None:
    if setting == "Store name":
        settings.store_name = text(value)
    elif setting == "Time zone":
        _time_zone(settings, value)
    elif setting == "Country":
        settings.country = text(value)
    elif setting == "Currency":
        settings.currency = text(value)
    elif setting == "Day-first dates":
        settings.day_first = boolean(value)
    elif setting in _LEAD:
        settings.lead_days[_LEAD[setting]] = _days(value)
    elif setting == "Milestone anniversary reminder days":
        settings.milestone_lead_days = _days(value)
    elif setting == "Stay in touch after (months)":
        settings.lapse_after_days = _days(value, unit="months")
    elif setting == "Look ahead (days)":
        settings.horizon_days = _days(value)
    elif setting == "Leap-day birthdays on":
        settings.leap_day = _leap(value)


def _time_zone(settings: Settings, value: object) -> None:
    # An unknown zone must not stop the site: it goes by this computer's clock, and says so.
    try:
        settings.time_zone = zone_name(text(value))
    except BadCell as bad:
        settings.time_zone = computer_zone()
        raise BadCell(
            f"{bad.message} Until it is fixed the site goes by this computer's time zone, "
            f"{settings.time_zone}.",
            bad.fix,
        ) from None


def _days(value: object, unit: SpanUnit = "days") -> int:
    return days(value, unit=unit) or 0  # never blank: blank settings are passed over


def _leap(value: object) -> LeapDay:
    word = squeeze(text(value))
    if word in ("28february", "february28", "28feb", "feb28", "0228", "2802"):
        return "feb28"
    if word in ("1march", "march1", "1mar", "mar1", "0301", "0103"):
        return "mar1"
    raise BadCell("is not a day I know.", "Type 28 February or 1 March.")


def read_gift_themes(table: Table) -> dict[int, tuple[str, str]]:
    """Give year -> (traditional, modern) from the "Anniversary gifts" sheet."""
    themes: dict[int, tuple[str, str]] = {}
    for row, cells in table.rows():
        year = table.get(cells, row, "year", whole_number)
        if year is None or year < 1:
            continue
        themes[year] = (text(table.raw(cells, "traditional")), text(table.raw(cells, "modern")))
    return themes
