"""The Settings sheet, read from real workbooks written with openpyxl."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from ledgersite.book import Book
from ledgersite.config import Config
from ledgersite.load import load_book

CLIENTS: list[list[object]] = [["Client ID", "First name", "Last name"], ["C-1", "Ann", "Lee"]]


def load(path: Path, sheets: dict[str, list[list[object]]]) -> Book:
    """Give the book of `sheets` (Clients added), written to `path` and read back."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)  # type: ignore[arg-type]
    for name, rows in {"Clients": CLIENTS, **sheets}.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return load_book(path, Config())


def settings(*rows: list[object]) -> dict[str, list[list[object]]]:
    return {"Settings": [["Setting", "Value"], *rows]}


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("Europe/London", "Europe/London"),
        ("europe/london", "Europe/London"),
        ("London", "Europe/London"),
        ("new york", "America/New_York"),
        ("America/New York", "America/New_York"),
        ("utc", "UTC"),
    ],
)
def test_a_time_zone_is_read_whatever_its_case_or_by_its_city_alone(
    tmp_path: Path, typed: str, zone: str
) -> None:
    book = load(tmp_path / "b.xlsx", settings(["Time zone", typed]))
    assert book.settings.time_zone == zone
    assert book.problems == []


@pytest.mark.parametrize("typed", ["BST", "UTC+1", "GMT+1"])
def test_an_unknown_time_zone_is_reported_and_the_computers_own_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, typed: str
) -> None:
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    book = load(tmp_path / "b.xlsx", settings(["Store name", "Bijou"], ["Time zone", typed]))
    assert book.settings.time_zone == "Asia/Tokyo"
    (problem,) = book.problems
    assert (problem.severity, problem.sheet, problem.row, problem.column, problem.value) == (
        "warning",
        "Settings",
        3,
        "B",
        typed,
    )
    assert problem.message == (
        f"Time zone: {typed!r} is not a time zone I know. Until it is fixed the site goes by "
        "this computer's time zone, Asia/Tokyo."
    )
    assert "Europe/London" in problem.fix


def test_a_misspelt_time_zone_is_reported_with_the_zone_it_is_close_to(tmp_path: Path) -> None:
    book = load(tmp_path / "b.xlsx", settings(["Time zone", "Europe/Londn"]))
    (problem,) = book.problems
    assert problem.fix.startswith("Did you mean Europe/London?")


def test_a_city_that_names_two_zones_is_reported_with_both(tmp_path: Path) -> None:
    book = load(tmp_path / "b.xlsx", settings(["Time zone", "Eastern"]))
    (problem,) = book.problems
    assert "could be more than one time zone" in problem.message
    assert problem.fix == "Type one of Canada/Eastern or US/Eastern."


@pytest.mark.parametrize(
    ("name", "typed", "days"),
    [
        ("Birthday reminder days", "2 weeks", 14),
        ("Birthday reminder days", "one week", 7),
        ("Birthday reminder days", 10, 10),
        ("Look ahead (days)", "2 months", 61),
        ("Stay in touch after (months)", "1 year", 365),
        ("Stay in touch after (months)", 12, 365),
        ("Stay in touch after (months)", "6 weeks", 42),
        ("Stay in touch after (months)", "18 Months", 548),
    ],
)
def test_a_span_with_its_unit_is_read_in_the_settings_own_unit(
    tmp_path: Path, name: str, typed: object, days: int
) -> None:
    book = load(tmp_path / "b.xlsx", settings([name, typed]))
    s = book.settings
    read = {
        "Birthday reminder days": s.lead_days["birthday"],
        "Look ahead (days)": s.horizon_days,
        "Stay in touch after (months)": s.lapse_after_days,
    }
    assert (read[name], book.problems) == (days, [])


def test_a_dates_row_reminds_as_many_days_before_as_its_span_says(tmp_path: Path) -> None:
    dates = [["Client", "Date", "Occasion", "Remind days before"],
             ["C-1", "14 March", "Adoption day", "3 weeks"],
             ["C-1", "1 June", "Name day", 5]]
    book = load(tmp_path / "b.xlsx", {"Dates": dates})
    assert [d.remind_days for d in book.dates] == [21, 5]
    assert book.problems == []


def test_a_span_that_cannot_be_read_is_reported_at_its_cell_with_how_to_fix_it(
    tmp_path: Path,
) -> None:
    dates = [["Client", "Date", "Occasion", "Remind days before"],
             ["C-1", "14 March", "Adoption day", "a while"]]
    book = load(
        tmp_path / "b.xlsx",
        {**settings(["Stay in touch after (months)", "3 fortnights"]), "Dates": dates},
    )
    found = {(p.sheet, p.row, p.column, p.severity): (p.message, p.fix) for p in book.problems}
    assert found == {
        ("Settings", 2, "B", "warning"): (
            "Stay in touch after (months): '3 fortnights' is not a number of months or a span "
            "of time.",
            'Type a number of months, or a span such as "2 weeks" or "1 year".',
        ),
        ("Dates", 2, "D", "warning"): (
            "'a while' is not a number of days or a span of time.",
            'Type a number of days, or a span such as "2 weeks" or "1 year".',
        ),
    }
    assert book.settings.lapse_after_days == 365  # the default stays
    assert book.dates[0].remind_days is None  # the store's Date reminder days apply


def test_a_span_longer_than_ten_years_is_reported(tmp_path: Path) -> None:
    book = load(tmp_path / "b.xlsx", settings(["Birthday reminder days", 46000]))
    (problem,) = book.problems
    assert problem.message == "Birthday reminder days: '46000' is longer than ten years."
    assert book.settings.lead_days["birthday"] == 14


def test_a_follow_up_rule_may_say_its_span_in_words(tmp_path: Path) -> None:
    rules = [["Trigger", "After", "Task"], ["Purchase", "a year", "Invite in for a clean"]]
    book = load(tmp_path / "b.xlsx", {"Follow-up rules": rules})
    assert [str(rule.after) for rule in book.rules] == ["1 year"]


def test_a_settings_sheet_without_headers_keeps_its_first_setting(tmp_path: Path) -> None:
    rows: list[list[object]] = [["Birthday reminder days", 30], ["Country", "UK"]]
    book = load(tmp_path / "b.xlsx", {"Settings": rows})
    assert (book.settings.lead_days["birthday"], book.settings.country) == (30, "UK")
    assert book.problems == []


def test_a_misspelt_setting_is_reported_with_the_setting_it_is_close_to(tmp_path: Path) -> None:
    rows: list[list[object]] = [["Birthday reminder days", 30], ["Contry", "UK"]]
    book = load(tmp_path / "b.xlsx", {"Settings": rows})
    (problem,) = book.problems
    assert (problem.severity, problem.sheet, problem.row, problem.column, problem.value) == (
        "warning",
        "Settings",
        2,
        "A",
        "Contry",
    )
    assert problem.message == (
        "'Contry' is not a setting I know, so it changes nothing. Did you mean Country?"
    )
    assert problem.fix == "Correct the name, or delete the row if it is not needed."
    assert book.settings.country == ""


def test_a_setting_like_no_other_is_reported_without_a_guess(tmp_path: Path) -> None:
    rows = settings(["Store name", "Bijou"], ["Gift wrap colour", "Blue"])
    book = load(tmp_path / "b.xlsx", rows)
    (problem,) = book.problems
    assert (problem.row, problem.column) == (3, "A")
    assert problem.message == "'Gift wrap colour' is not a setting I know, so it changes nothing."


def test_every_name_a_setting_goes_by_is_known(tmp_path: Path) -> None:
    names = ["Shop name", "TZ", "Day first", "Stay in touch after", "Look ahead", "Leap day",
             "Milestone anniversary reminder days", "Currency"]
    book = load(tmp_path / "b.xlsx", settings(*([name, "x"] for name in names)))
    assert [p for p in book.problems if p.field == "setting"] == []


@pytest.mark.parametrize(
    ("country", "currency", "expected"),
    [("UK", None, "GBP"), ("ES", None, "EUR"), ("Ireland", None, "EUR"), ("GB", "USD", "USD"),
     ("Narnia", None, "")],
)
def test_without_a_currency_the_country_gives_it(
    tmp_path: Path, country: str, currency: str | None, expected: str
) -> None:
    rows = [["Country", country]] + ([["Currency", currency]] if currency else [])
    book = load(tmp_path / "book.xlsx", settings(*rows))
    assert book.settings.currency == expected


@pytest.mark.parametrize(
    ("typed", "meant"), [("EST", "America/New_York"), ("GMT", "Europe/London")]
)
def test_a_zone_name_that_never_has_summer_time_is_reported_with_the_zone_meant(
    tmp_path: Path, typed: str, meant: str
) -> None:
    book = load(tmp_path / "book.xlsx", settings(["Time zone", typed]))
    assert book.settings.time_zone != typed
    (problem,) = book.problems
    assert problem.message.startswith(f"Time zone: {typed!r} stays at one offset all year")
    assert meant in problem.fix


def test_cet_follows_central_european_summer_time_and_is_taken(tmp_path: Path) -> None:
    book = load(tmp_path / "book.xlsx", settings(["Time zone", "cet"]))
    assert (book.settings.time_zone, book.problems) == ("CET", [])


@pytest.mark.parametrize(
    ("row", "message"),
    [(["Stay in touch after (months)", "11 years"], "is longer than ten years."),
     (["Look ahead (days)", "121 months"], "is longer than ten years."),
     (["Birthday reminder days", 4000], "is longer than ten years.")],
)
def test_a_setting_over_ten_years_says_so(tmp_path: Path, row: list[object], message: str) -> None:
    book = load(tmp_path / "book.xlsx", settings(row))
    assert [p.message for p in book.problems] == [f"{row[0]}: {str(row[1])!r} {message}"]


def test_a_dates_reminder_over_ten_years_is_reported_in_days_or_words(tmp_path: Path) -> None:
    dates = [["Client", "Date", "Occasion", "Remind days before"],
             ["C-1", "14 March", "Name day", 5000], ["C-1", "15 March", "Shop day", "20 years"]]
    book = load(tmp_path / "book.xlsx", {"Dates": dates})
    assert [(p.row, p.message) for p in book.problems] == [
        (2, "'5000' is longer than ten years."), (3, "'20 years' is longer than ten years.")]
