"""Watching a Google Sheet through a local stand-in for Google's APIs (no internet)."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

from fake_sheets_api import SHEET_KEY, FakeSheet, FakeSheetsAPI, fake_sheets
from ledgersite.config import Config
from ledgersite.sources.gsheet import sheet_revision
from ledgersite.watch import make_watcher
from ledgersite.watch.rebuild import BookBuilder
from ledgersite.watch.settle import Retrier
from ledgersite.watch.sheet import SheetWatcher
from watch_helpers import wait_until

__all__ = ["fake_sheets"]

URL = f"https://docs.google.com/spreadsheets/d/{SHEET_KEY}/edit#gid=0"
TODAY = dt.date(2026, 6, 1)
HEADER = ["Client ID", "First name", "Last name"]


def add_book(api: FakeSheetsAPI) -> None:
    api.add_sheet(
        SHEET_KEY,
        FakeSheet(title="Bijou client book", tabs={"Clients": [HEADER, ["C1", "Ana", "Reyes"]]}),
    )


def clients_page(out: Path) -> str:
    try:
        return (out / "clients.html").read_text(encoding="utf-8")
    except OSError:
        return ""


def test_a_sheet_edit_is_seen_and_rebuilt_reading_the_book_only_then(
    fake_sheets: FakeSheetsAPI, tmp_path: Path
) -> None:
    add_book(fake_sheets)
    out = tmp_path / "site"
    config = Config(google_credentials=fake_sheets.write_credentials(tmp_path))
    watcher = make_watcher(URL, out, config=config, today=TODAY, interval=0.1)
    assert isinstance(watcher, SheetWatcher)
    watcher.quiet = 0.1
    thread = threading.Thread(target=watcher.run, daemon=True)
    thread.start()
    try:
        assert wait_until(lambda: "Ana" in clients_page(out), timeout=10)
        polls = len(fake_sheets.paths("/files/"))
        assert wait_until(lambda: len(fake_sheets.paths("/files/")) >= polls + 3)
        assert len(fake_sheets.paths("values:batchGet")) == 1  # unchanged: polled, not read

        fake_sheets.edit(
            SHEET_KEY, "Clients", [HEADER, ["C1", "Ana", "Reyes"], ["C2", "Bea", "Lund"]],
            modified="2026-11-25T09:05:00.000Z",
        )
        assert wait_until(lambda: "Bea" in clients_page(out), timeout=10)
    finally:
        watcher.stop()
        thread.join(5)
    assert len(fake_sheets.paths("values:batchGet")) == 2
    assert watcher.builds == 2


def test_too_many_requests_backs_off_and_the_site_stays(
    fake_sheets: FakeSheetsAPI, tmp_path: Path
) -> None:
    add_book(fake_sheets)
    out = tmp_path / "site"
    config = Config(google_credentials=fake_sheets.write_credentials(tmp_path))
    pauses: list[float] = []

    def revision() -> str:
        return sheet_revision(URL, config=config, sleep=pauses.append)

    builder = BookBuilder(URL, out, config=config, today=TODAY)
    watcher = SheetWatcher(revision, Retrier(builder), interval=30, quiet=5)
    assert watcher.step() == 30
    page = clients_page(out)
    assert "Ana" in page

    fake_sheets.fail_next(429, times=10)  # Google keeps saying "too many requests"
    waits = [watcher.step(), watcher.step()]
    assert waits == [60, 120]
    assert pauses, "the reader did not pause between its own tries"
    assert clients_page(out) == page

    assert watcher.step() == 30  # Google answers again: back to the usual pace
    assert watcher.builds == 1
