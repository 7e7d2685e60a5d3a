"""The watcher with the real pipeline: a bad edit never takes the site down; a fix recovers."""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from pathlib import Path

import pytest

from ledgersite.config import Config
from ledgersite.watch import make_watcher
from ledgersite.watch.files import FileWatcher
from watch_helpers import running, save_like_excel, wait_until, workbook_bytes

TODAY = dt.date(2026, 6, 1)


def status(out: Path) -> dict[str, object]:
    text = (out / "assets" / "status.js").read_text(encoding="utf-8")
    match = re.fullmatch(r"window\.LEDGERSITE_STATUS = (.*);\n", text, re.S)
    assert match is not None
    data: dict[str, object] = json.loads(match.group(1))
    return data


def test_keeps_last_good_site_when_book_is_invalid_and_a_fix_recovers_it(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    book = tmp_path / "book.xlsx"
    out = tmp_path / "site"
    book.write_bytes(workbook_bytes("Ana", "Bea"))
    watcher = make_watcher(book, out, config=Config(), today=TODAY)
    assert isinstance(watcher, FileWatcher)
    watcher.debouncer.quiet = 0.15
    with running(watcher):
        assert wait_until(lambda: watcher.builds == 1, timeout=20)
        good_page = (out / "clients.html").read_bytes()
        assert b"Bea" in good_page
        assert status(out)["ok"] is True

        with caplog.at_level(logging.ERROR, logger="ledgersite"):
            # Someone renames the name columns: the book can no longer be used.
            broken = workbook_bytes("Ana", "Bea", "Cleo", headers=("Client ID", "Who", "Kin"))
            save_like_excel(book, broken)
            assert wait_until(lambda: status(out)["ok"] is False, timeout=10)
        assert (out / "clients.html").read_bytes() == good_page
        assert "Clients" in str(status(out)["error"])
        assert [r.getMessage() for r in caplog.records if "updated" in r.getMessage()] == [
            f"Not updated: {status(out)['error']} The last good site stays in place."]

        save_like_excel(book, workbook_bytes("Ana", "Bea", "Cleo"))
        assert wait_until(lambda: status(out)["ok"] is True, timeout=10)
    assert b"Cleo" in (out / "clients.html").read_bytes()
    assert watcher.builds == 2
