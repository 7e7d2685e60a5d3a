"""`ledgersite build`: a real workbook in, a site out, a short summary, honest exit codes."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from book_files import build, status, write_book
from ledgersite.cli import main


def test_build_writes_every_page_and_logs_a_one_line_summary(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    book = write_book(tmp_path / "book.xlsx")
    out = tmp_path / "site"
    with caplog.at_level(logging.INFO):
        assert build(book, out) == 0
    for name in ("index.html", "followups.html", "clients.html", "calendar.html", "health.html",
                 "calendar.ics", "assets/site.css", "assets/status.js"):
        assert (out / name).is_file(), name
    assert len(list((out / "clients").glob("*.html"))) == 2
    summary = [r.getMessage() for r in caplog.records if r.getMessage().startswith("Built ")]
    assert len(summary) == 1 and "2 clients" in summary[0]
    assert "Maria Reyes" in (out / "clients.html").read_text(encoding="utf-8")
    assert "[#" not in capsys.readouterr().err  # no progress bar when not on a terminal
    assert status(out)["ok"] is True


def test_building_an_unchanged_book_again_writes_no_page(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    book = write_book(tmp_path / "book.xlsx")
    out = tmp_path / "site"
    assert build(book, out) == 0
    with caplog.at_level(logging.INFO):
        assert build(book, out) == 0
    assert any("is up to date" in r.getMessage() for r in caplog.records)


def test_a_book_that_is_gone_exits_2_and_keeps_the_last_good_site(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    book = write_book(tmp_path / "book.xlsx")
    out = tmp_path / "site"
    assert build(book, out) == 0
    before = (out / "index.html").read_bytes()
    book.unlink()
    with caplog.at_level(logging.INFO):
        assert build(book, out) == 2
    assert [r.getMessage() for r in caplog.records] == [
        "The site was not updated; the last good one stays in place."]
    assert (out / "index.html").read_bytes() == before
    assert status(out)["ok"] is False and status(out)["error"]
    write_book(book)
    assert build(book, out) == 0
    assert status(out)["ok"] is True


def test_check_and_build_agree_on_a_time_zone_that_is_not_known(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    book = write_book(tmp_path / "book.xlsx", time_zone="BST")
    assert main(["check", str(book), "--json"]) == 0  # a warning, as for every other setting
    (problem,) = json.loads(capsys.readouterr().out)
    assert (problem["sheet"], problem["row"], problem["column"], problem["value"]) == (
        "Settings", 3, "B", "BST"
    )
    assert main(["check", str(book), "--strict"]) == 1
    out = tmp_path / "site"
    assert build(book, out) == 0
    health = (out / "health.html").read_text(encoding="utf-8")
    assert "Time zone: &#39;BST&#39; is not a time zone I know" in health
    assert "Asia/Tokyo" in health
    assert status(out)["ok"] is True
