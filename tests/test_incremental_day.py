"""The day's pages follow the day; everything else follows the book.

Run as separate processes, as cron runs them: a digest must mean the same thing in every
process (no hash seeds, no addresses), or every page would be rendered on every build.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SAMPLE = Path(__file__).resolve().parents[1] / "sample_books" / "bijou_client_book.xlsx"


def build(book: Path, out: Path, day: str) -> dict[str, int]:
    """Build in a new process; give the mtime of every published file afterwards."""
    done = subprocess.run(
        [sys.executable, "-m", "ledgersite", "build", str(book), "--out", str(out),
         "--today", day],
        capture_output=True, text=True, check=True,
        env={**os.environ, "PYTHONHASHSEED": "random"},
    )
    assert "Built " in done.stderr, done.stderr
    return {
        str(p.relative_to(out)): p.stat().st_mtime_ns
        for p in out.rglob("*")
        if p.is_file() and ".ledgersite" not in p.parts and p.name != "status.js"
    }


@pytest.fixture
def book(tmp_path: Path) -> Path:
    copy = tmp_path / "book.xlsx"
    shutil.copyfile(SAMPLE, copy)
    return copy


def touch(path: Path) -> None:
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))


def test_a_saved_but_unchanged_book_rewrites_nothing_in_a_new_process(
    book: Path, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    first = build(book, out, "2026-11-25")
    touch(book)  # so the build cannot stop at "up to date"
    assert build(book, out, "2026-11-25") == first


def test_a_new_day_rewrites_the_days_pages_and_no_profile(book: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    first = build(book, out, "2026-11-25")
    second = build(book, out, "2026-11-26")
    rewritten = {path for path in first if second[path] != first[path]}
    assert {"index.html", "followups.html", "calendar.html"} <= rewritten
    assert not {path for path in rewritten if path.startswith("clients/")}
