"""Publishing: whole files only, unchanged ones untouched, a failed build keeps the old site."""

from __future__ import annotations

import datetime as dt
import json
import os
import posixpath
import re
from pathlib import Path

import pytest

from ledgersite.errors import BookNotFound
from ledgersite.pipeline import failure_recorded
from ledgersite.site import publish
from ledgersite.site.publish import STATUS, read_manifest
from site_books import (
    broken_templates,
    build_site,
    busy_agenda,
    busy_day,
    crowd,
    make_agenda,
    make_book,
)


def snapshot(out: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(p.relative_to(out)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in out.rglob("*")
        if p.is_file() and ".ledgersite" not in p.parts and p.name != "status.js"
    }


def age_every_file(out: Path) -> None:
    for p in out.rglob("*"):
        if p.is_file():
            os.utime(p, ns=(1_000_000_000, 1_000_000_000))


def status_of(out: Path) -> dict[str, object]:
    text = (out / STATUS).read_text(encoding="utf-8")
    return dict(json.loads(text.removeprefix("window.LEDGERSITE_STATUS = ").rstrip(";\n")))


def test_rebuilding_the_same_book_rewrites_nothing_and_keeps_every_mtime(tmp_path: Path) -> None:
    first = build_site(tmp_path)
    age_every_file(tmp_path)
    before = snapshot(tmp_path)
    second = build_site(tmp_path)
    assert first.written == second.unchanged > 10 and second.written == 0
    assert snapshot(tmp_path) == before


def test_unchanged_bytes_are_not_rewritten_even_without_a_manifest(tmp_path: Path) -> None:
    build_site(tmp_path)
    (tmp_path / ".ledgersite" / "manifest.json").unlink()
    age_every_file(tmp_path)
    before = snapshot(tmp_path)
    report = build_site(tmp_path)
    assert report.written == 0
    assert snapshot(tmp_path) == before


def test_a_one_client_edit_rewrites_only_the_pages_that_show_it(tmp_path: Path) -> None:
    book = make_book()
    build_site(tmp_path, book)
    age_every_file(tmp_path)
    before = snapshot(tmp_path)
    book.clients["C-005"].phone = "07700 111222"
    report = build_site(tmp_path, book)
    after = snapshot(tmp_path)
    changed = {path for path in after if after[path] != before.get(path)}
    assert any(path.startswith("clients/c-005-") for path in changed)
    assert "clients.html" in changed and "assets/clients-data.js" in changed
    assert not any(path.startswith("clients/c-001-") for path in changed)
    assert report.written == len(changed) < len(after) // 2


def test_pages_of_removed_clients_are_deleted_and_the_manifest_follows(tmp_path: Path) -> None:
    book = make_book()
    build_site(tmp_path, book)
    assert list((tmp_path / "clients").glob("c-005-*.html"))
    agenda = make_agenda(book)
    del book.clients["C-005"]
    report = build_site(tmp_path, book, agenda=agenda)
    assert report.removed >= 1
    assert not list((tmp_path / "clients").glob("c-005-*.html"))
    assert not any(p.startswith("clients/c-005-") for p in read_manifest(tmp_path)["files"])


def test_files_the_site_did_not_make_are_left_alone(tmp_path: Path) -> None:
    (tmp_path / "notes-for-the-owner.txt").write_text("mine")
    build_site(tmp_path)
    build_site(tmp_path)
    assert (tmp_path / "notes-for-the-owner.txt").read_text() == "mine"


def test_a_build_that_fails_while_rendering_leaves_the_last_good_site_untouched(
    tmp_path: Path,
) -> None:
    out = tmp_path / "site"
    build_site(out)
    before = snapshot(out)
    book = make_book()
    book.clients["C-001"].phone = "07700 000000"  # so pages would change if it got that far
    with pytest.raises(Exception, match="no_such_thing"), failure_recorded(out):
        build_site(out, book, config=broken_templates(tmp_path))
    assert snapshot(out) == before
    assert not (out / ".ledgersite" / "staging").exists()
    status = status_of(out)
    assert status["ok"] is False and 'template "profile.html"' in str(status["error"])
    assert status["built_at"] == "2026-06-01T08:30:00+00:00"  # still the last good build


def test_a_book_that_cannot_be_read_marks_the_site_failed_with_the_reason(tmp_path: Path) -> None:
    build_site(tmp_path)
    before = snapshot(tmp_path)
    with pytest.raises(BookNotFound), failure_recorded(tmp_path):
        raise BookNotFound("The book bijou.xlsx is not there any more: check the folder.")
    assert snapshot(tmp_path) == before
    assert status_of(tmp_path)["error"] == (
        "The book bijou.xlsx is not there any more: check the folder."
    )


def test_the_next_good_build_clears_the_failure(tmp_path: Path) -> None:
    build_site(tmp_path)
    with pytest.raises(BookNotFound), failure_recorded(tmp_path):
        raise BookNotFound("gone")
    build_site(tmp_path)
    status = status_of(tmp_path)
    assert status["ok"] is True and "error" not in status


def test_fixing_a_problem_in_the_book_does_not_rewrite_any_profile(tmp_path: Path) -> None:
    book = make_book()
    build_site(tmp_path, book)
    age_every_file(tmp_path)
    before = snapshot(tmp_path)
    book.problems.pop(0)
    build_site(tmp_path, book)
    after = snapshot(tmp_path)
    changed = {path for path in after if after[path] != before[path]}
    assert changed == {"index.html", "health.html"}
    assert status_of(tmp_path)["errors"] == 0


#: The kinds of file of a site, in the order a publish swaps them in: each links only to
#: files of its own kind or an earlier one (and to the tabs' pages, which are there already).
KINDS = [
    re.compile(r"assets/.*"),
    re.compile(r"clients/.*|.*\.(csv|ics)"),
    re.compile(r"calls/.*|followups/.*|calendar/\d{4}-\d{2}-\d{2}\.html"),
    re.compile(r"calendar/\d{4}-\d{2}\.html"),
    re.compile(r"[^/]*\.html"),
]


def kind(path: str) -> int:
    return next(at for at, pattern in enumerate(KINDS) if pattern.fullmatch(path))


def test_a_page_is_swapped_in_only_after_the_pages_it_lists(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While a build swaps its files in, a page links only to files in place already: the tabs
    to everything, months to busy days and profiles, whole groups and call sheets to profiles."""
    book = crowd(make_book(), 2100)
    calendar = busy_day(book, dt.date(2026, 6, 9), 40) + busy_day(book, dt.date(2026, 7, 2), 30)
    swapped: list[str] = []
    real = os.replace

    def replace(source: str | Path, target: str | Path) -> None:
        path = Path(target).relative_to(tmp_path).as_posix()
        if not path.startswith(".ledgersite/"):  # the build's bookkeeping, not the site
            swapped.append(path)
        real(source, target)

    monkeypatch.setattr(publish.os, "replace", replace)
    build_site(tmp_path, book, agenda=busy_agenda(book, overdue_count=2050), calendar=calendar)
    at = {path: i for i, path in enumerate(swapped)}
    assert {kind(path) for path in at} == set(range(len(KINDS)))
    assert {"followups/overdue-2.html", "calendar/2026-06-09.html"} <= at.keys()
    checked = 0
    for path in at:
        if not path.endswith(".html"):
            continue
        html = (tmp_path / path).read_text(encoding="utf-8")
        for href in re.findall(r'href="([^"#]+)', html):
            target = posixpath.normpath(posixpath.join(posixpath.dirname(path), href))
            if target in at and kind(target) < kind(path):
                assert at[target] < at[path], f"{path} links {target}, swapped in after it"
                checked += 1
    assert checked > 5000
