"""When a day-and-month date falls in a given year: 29 February, year ends, ages."""

from __future__ import annotations

import calendar
import datetime as dt

from ledgersite.book import LeapDay, PartialDate


def occurrence(date: PartialDate, year: int, leap_day: LeapDay = "feb28") -> dt.date:
    """Give the day `date` is kept in `year` (29 February moves to 28 Feb or 1 March)."""
    if date.month == 2 and date.day == 29 and not calendar.isleap(year):
        return dt.date(year, 3, 1) if leap_day == "mar1" else dt.date(year, 2, 28)
    return dt.date(year, date.month, date.day)


def next_occurrence(date: PartialDate, today: dt.date, leap_day: LeapDay = "feb28") -> dt.date:
    """Give the first day on or after `today` that `date` is kept."""
    this_year = occurrence(date, today.year, leap_day)
    return this_year if this_year >= today else occurrence(date, today.year + 1, leap_day)


def upcoming_days(today: dt.date, leap_day: LeapDay = "feb28") -> dict[tuple[int, int], dt.date]:
    """Give `next_occurrence` of every day of the year at once, keyed by (month, day).

    The next occurrence depends on the month and day alone, so a pass over thousands of
    dates looks each one up here instead of working it out again.
    """
    table: dict[tuple[int, int], dt.date] = {}
    day = dt.date(2000, 1, 1)  # a leap year: all 366 days
    while day.year == 2000:
        table[day.month, day.day] = next_occurrence(PartialDate(day.month, day.day), today,
                                                    leap_day)
        day += dt.timedelta(days=1)
    return table


def years_since(date: PartialDate, on: dt.date) -> int | None:
    """Give the age or anniversary number reached on `on`, or None when the year is unknown."""
    return on.year - date.year if date.year else None


def ordinal(n: int) -> str:
    """Give "1st", "2nd", "25th"."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
