"""A rebuild renders only the Calendar pages whose entries or month navigation changed.

Each month's page is digested from what its entries show and from the months (with their
counts), so an edit that moves no milestone renders none, and a new birthday date renders its
month's page (and the Calendar tab's page when it is in the first month shown).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from book_files import build, write_book
from ledgersite.site import views
from ledgersite.site.publish import read_manifest

MARIA = dt.date(1986, 6, 3)  # June 2026, the first month shown on 1 June 2026
TOM = dt.date(1990, 9, 5)  # September 2026


def calendar_digests(out: Path) -> dict[str, str]:
    """Give the digest the manifest records for every Calendar page of the site in `out`."""
    return {
        path: entry["digest"]
        for path, entry in read_manifest(out)["files"].items()
        if path == "calendar.html" or path.startswith("calendar/")
    }


def calendar_pages_rendered(
    book: Path, out: Path, monkeypatch: pytest.MonkeyPatch, today: str = "2026-06-01"
) -> set[str]:
    """Build `book` into `out`; give the Calendar pages whose digest changed.

    They must be exactly the pages whose view was made: no view is made for the others.
    """
    before = calendar_digests(out)
    made: set[str] = set()
    real = views.calendar_month_view

    def spy(nav: views.MonthNav, at: int, *args: Any, **options: Any) -> views.View:
        view = real(nav, at, *args, **options)
        made.add(view["months"][at]["url"] if options.get("neighbours", True) else "calendar.html")
        return view

    monkeypatch.setattr(views, "calendar_month_view", spy)
    assert build(book, out, today) == 0
    after = calendar_digests(out)
    changed = {path for path, digest in after.items() if before.get(path) != digest}
    assert made == changed
    return changed


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    book = write_book(tmp_path / "book.xlsx", birthdays=(MARIA, TOM))
    out = tmp_path / "site"
    assert calendar_pages_rendered(book, out, monkeypatch) == {
        "calendar.html", "calendar/2026-06.html", "calendar/2026-09.html",
        "calendar/2027-05.html",
    }
    return book, out


def calendar_files(out: Path) -> dict[Path, int]:
    """Give the time each Calendar page of the site in `out` was last written."""
    pages = [out / "calendar.html", *(out / "calendar").glob("*.html")]
    return {page: page.stat().st_mtime_ns for page in pages}


def test_a_new_phone_number_renders_no_calendar_page(
    site: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    book, out = site
    before = calendar_files(out)
    write_book(book, phone="07700 111222", birthdays=(MARIA, TOM))
    assert calendar_pages_rendered(book, out, monkeypatch) == set()
    assert calendar_files(out) == before


@pytest.mark.parametrize(
    ("birthdays", "day", "rendered"),
    [
        ((MARIA.replace(day=10), TOM), 10, {"calendar.html", "calendar/2026-06.html"}),
        ((MARIA, TOM.replace(day=12)), 12, {"calendar/2026-09.html"}),
    ],
    ids=["first-month", "later-month"],
)
def test_a_new_birthday_renders_its_months_page_and_the_tab_only_for_the_first_month(
    site: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch,
    birthdays: tuple[dt.date, dt.date], day: int, rendered: set[str],
) -> None:
    book, out = site
    write_book(book, birthdays=birthdays)
    assert calendar_pages_rendered(book, out, monkeypatch) == rendered
    for path in rendered:
        assert f'<span class="d">{day}</span>' in (out / path).read_text(encoding="utf-8"), path


def test_a_birthday_moved_to_another_month_renders_every_calendar_page(
    site: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The month navigation shows how many entries each month has: every page shows it."""
    book, out = site
    write_book(book, birthdays=(MARIA, TOM.replace(month=10)))
    assert calendar_pages_rendered(book, out, monkeypatch) == {
        "calendar.html", "calendar/2026-06.html", "calendar/2026-10.html",
        "calendar/2027-05.html",
    }
    assert not (out / "calendar" / "2026-09.html").exists()


def test_a_past_months_page_is_removed_when_the_day_moves_on_to_the_next_month(
    site: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    book, out = site
    calendar_pages_rendered(book, out, monkeypatch, today="2026-07-01")
    assert sorted(calendar_digests(out)) == [
        "calendar.html", "calendar/2026-09.html", "calendar/2027-05.html",
        "calendar/2027-06.html",
    ]
    assert sorted(p.name for p in (out / "calendar").iterdir()) == [
        "2026-09.html", "2027-05.html", "2027-06.html",
    ]
    tab = (out / "calendar.html").read_text(encoding="utf-8")
    assert 'aria-current="page">September 2026 · 1</a>' in tab
    assert "June 2026" not in tab
