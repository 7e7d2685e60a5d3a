"""The Settings sheet ("Setting" | "Value") and the optional "Anniversary gifts" sheet."""

from __future__ import annotations

from ledgersite.book import LeapDay, Settings, SpanUnit
from ledgersite.validate.cells import BadCell
from ledgersite.validate.headers import squeeze
from ledgersite.validate.table import Table
from ledgersite.validate.values import boolean, days, text, whole_number
from ledgersite.validate.zones import computer_zone, zone_name

_LEAD = {
    "birthdayreminderdays": "birthday",
    "anniversaryreminderdays": "anniversary",
    "partnerbirthdayreminderdays": "partner_birthday",
    "datereminderdays": "date",
    "purchaseanniversaryreminderdays": "purchase_anniversary",
}
#: Ten years: a longer lead or lapse is a slip (a date typed as a number, say).
_MOST_DAYS = 3660


def read_settings(table: Table) -> Settings:
    """Give the store's settings, defaults where a row is missing or cannot be used."""
    settings = Settings()
    key_col = table.columns.get("setting", 0)
    value_col = table.columns.get("setting_value", key_col + 1)
    table.columns.setdefault("setting_value", value_col)
    for row, cells in table.rows():
        name = text(cells[key_col]) if key_col < len(cells) else ""
        value = cells[value_col] if value_col < len(cells) else None
        key = squeeze(name)
        if not key or value is None or text(value) == "":
            continue
        try:
            _apply(settings, key, name, value)
        except BadCell as bad:
            table.problem(
                "warning",
                row,
                "setting_value",
                value,
                f"{name}: {text(value)!r} {bad.message}",
                bad.fix,
            )
    return settings


def _apply(settings: Settings, key: str, name: str, value: object) -> None:
    if key in ("storename", "shopname", "store", "shop"):
        settings.store_name = text(value)
    elif key in ("timezone", "tz"):
        _time_zone(settings, value)
    elif key == "country":
        settings.country = text(value)
    elif key == "currency":
        settings.currency = text(value)
    elif key in ("dayfirstdates", "dayfirst"):
        settings.day_first = boolean(value)
    elif key in _LEAD:
        settings.lead_days[_LEAD[key]] = _days(value)
    elif key == "milestoneanniversaryreminderdays":
        settings.milestone_lead_days = _days(value)
    elif key in ("stayintouchaftermonths", "stayintouchafter"):
        settings.lapse_after_days = _days(value, unit="months")
    elif key in ("lookaheaddays", "lookahead"):
        settings.horizon_days = _days(value)
    elif key in ("leapdaybirthdayson", "leapdayon", "leapday"):
        settings.leap_day = _leap(value)
    else:
        settings.extra[name] = text(value)


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
    number = days(value, unit=unit)
    if number is None or number > _MOST_DAYS:
        raise BadCell(
            "is longer than ten years.",
            f'Type a number of {unit}, or a span such as "2 weeks" or "1 year".',
        )
    return number


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
