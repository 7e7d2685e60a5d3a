"""The rebuild that reads nothing: same book (size, time, digest), same day, same templates.

Anything else a page depends on changing, or a failed build in between, means a real build.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from book_files import build, status, write_book
from ledgersite.cli import main
from ledgersite.config import Config
from ledgersite.load import load_book
from ledgersite.pipeline import build_book


def rebuilt(book: Path, out: Path, caplog: pytest.LogCaptureFixture, *extra: str) -> bool:
    """Give whether building again really built (False: it found the site up to date)."""
    caplog.clear()
    with caplog.at_level(logging.INFO):
        code = main(["build", str(book), "--out", str(out), "--today", "2026-06-01", *extra])
    assert code == 0
    messages = [r.getMessage() for r in caplog.records]
    assert sum("is up to date" in m or m.startswith("Built ") for m in messages) == 1, messages
    return any(m.startswith("Built ") for m in messages)


@pytest.fixture
def site(tmp_path: Path) -> tuple[Path, Path]:
    book = write_book(tmp_path / "book.xlsx")
    out = tmp_path / "site"
    assert build(book, out) == 0
    return book, out


def test_no_change_rebuild_imports_no_reader_and_no_template_engine(
    site: tuple[Path, Path],
) -> None:
    book, out = site
    code = (
        "import sys; from ledgersite.cli import main;"
        f"code = main(['build', {str(book)!r}, '--out', {str(out)!r}, '--today', '2026-06-01']);"
        "heavy = [m for m in ('python_calamine', 'openpyxl', 'jinja2', 'ledgersite.validate',"
        " 'ledgersite.agenda') if m in sys.modules];"
        "print(code, heavy)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "0 []"
    assert "is up to date" in done.stderr


def test_no_change_rebuild_touches_no_file(
    site: tuple[Path, Path], caplog: pytest.LogCaptureFixture
) -> None:
    book, out = site
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    assert not rebuilt(book, out, caplog)
    after = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    assert after == before


def test_new_bytes_with_the_same_size_and_time_are_still_seen(
    site: tuple[Path, Path], caplog: pytest.LogCaptureFixture
) -> None:
    book, out = site
    info = book.stat()
    # A phone number of the same length; the zip's compressed size can still differ by a byte,
    # so try a few until one gives the very same size.
    for phone in (f"07700 9009{i:02}" for i in range(99, 0, -1)):
        write_book(book, phone=phone)
        if book.stat().st_size == info.st_size:
            break
    os.utime(book, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert book.stat().st_size == info.st_size
    assert rebuilt(book, out, caplog)
    assert phone in "".join(
        p.read_text(encoding="utf-8") for p in (out / "clients").glob("*.html")
    )


def test_a_saved_book_is_rebuilt_even_if_nothing_in_it_changed(
    site: tuple[Path, Path], caplog: pytest.LogCaptureFixture
) -> None:
    book, out = site
    info = book.stat()
    os.utime(book, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))
    assert rebuilt(book, out, caplog)
    assert not rebuilt(book, out, caplog)


def test_a_new_day_rebuilds(site: tuple[Path, Path], caplog: pytest.LogCaptureFixture) -> None:
    book, out = site
    caplog.clear()
    with caplog.at_level(logging.INFO):
        assert main(["build", str(book), "--out", str(out), "--today", "2026-06-02"]) == 0
    assert any(r.getMessage().startswith("Built ") for r in caplog.records)


def test_changed_templates_rebuild(
    site: tuple[Path, Path], caplog: pytest.LogCaptureFixture
) -> None:
    book, out = site
    templates = book.parent / "my_templates"
    templates.mkdir()
    (book.parent / "ledgersite.toml").write_text('[site]\ntemplates = "my_templates"\n')
    assert rebuilt(book, out, caplog)  # the settings file is new
    assert not rebuilt(book, out, caplog)
    (templates / "health.html").write_text(
        '{% extends "base.html" %}{% block content %}<h1>Our own health page</h1>{% endblock %}'
    )
    assert rebuilt(book, out, caplog)
    assert "Our own health page" in (out / "health.html").read_text(encoding="utf-8")


def test_a_missing_site_is_built_again(
    site: tuple[Path, Path], caplog: pytest.LogCaptureFixture
) -> None:
    book, out = site
    (out / "index.html").unlink()
    assert rebuilt(book, out, caplog)
    assert (out / "index.html").is_file()


def test_after_a_failed_build_the_same_book_is_built_again_not_skipped(
    site: tuple[Path, Path], caplog: pytest.LogCaptureFixture
) -> None:
    book, out = site
    good, info = book.read_bytes(), book.stat()
    book.write_bytes(good[: len(good) // 2])  # half saved
    assert main(["build", str(book), "--out", str(out), "--today", "2026-06-01"]) == 2
    assert status(out)["ok"] is False
    book.write_bytes(good)
    os.utime(book, ns=(info.st_atime_ns, info.st_mtime_ns))  # exactly the stamp of the good build
    assert rebuilt(book, out, caplog)
    assert status(out)["ok"] is True


def test_a_locked_site_is_always_built(
    site: tuple[Path, Path], caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    book, out = site
    monkeypatch.setenv("LEDGERSITE_PASSWORD", "correct horse battery staple")
    monkeypatch.setattr("ledgersite.site.seal.ITERATIONS", 1000)
    assert rebuilt(book, out, caplog, "--password")
    assert rebuilt(book, out, caplog, "--password")


def test_any_other_publish_into_the_site_means_the_next_build_runs(
    site: tuple[Path, Path], caplog: pytest.LogCaptureFixture
) -> None:
    """E.g. the watcher, which builds the same folder for another day without this command."""
    book, out = site
    load_and_build(book, out, dt.date(2026, 12, 20))
    assert "20 Dec" in (out / "index.html").read_text(encoding="utf-8")
    assert rebuilt(book, out, caplog)
    assert "20 Dec" not in (out / "index.html").read_text(encoding="utf-8")


def load_and_build(book: Path, out: Path, today: dt.date) -> None:
    build_book(load_book(book, Config()), out, config=Config(), today=today)
