"""Helpers for the watcher tests: real workbooks, Excel-like saves, short waits."""

from __future__ import annotations

import io
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from openpyxl import Workbook

from ledgersite.config import Config
from ledgersite.sources.read import read_book
from ledgersite.watch.files import FileWatcher
from ledgersite.watch.settle import Retrier


def workbook_bytes(*names: str, headers: tuple[str, str, str] = ("Client ID", "First name",
                                                                   "Last name")) -> bytes:
    """Give the bytes of a small client book listing `names` (under column names `headers`)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Clients"
    sheet.append(list(headers))
    for number, name in enumerate(names, 1):
        sheet.append([f"C{number}", name, "Reyes"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def save_like_excel(book: Path, content: bytes) -> None:
    """Save `content` over `book` the way Excel does: lock file, scratch file, renames."""
    folder = book.parent
    lock = folder / f"~${book.name}"
    lock.write_bytes(b"owner")
    scratch = folder / "8A3F2B10"
    scratch.write_bytes(content[: len(content) // 2])
    with scratch.open("ab") as handle:
        handle.write(content[len(content) // 2 :])
    backup = folder / "1D2E3F4A.tmp"
    if book.exists():
        os.replace(book, backup)
    os.replace(scratch, book)
    backup.unlink(missing_ok=True)
    lock.unlink()


def wait_until(condition: Callable[[], bool], timeout: float = 5.0) -> bool:
    """Give True as soon as `condition()` holds, False after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


class Recorder:
    """A rebuild that reads the book with the real reader and writes a page into `out`."""

    def __init__(self, book: Path, out: Path) -> None:
        self.book = book
        self.out = out
        self.calls: list[bool] = []
        self.names: list[list[str]] = []

    def __call__(self, last_try: bool) -> None:
        self.calls.append(last_try)
        raw = read_book(self.book, config=Config())
        names = [str(row[1]) for row in raw.sheets[0].rows[1:]]
        self.names.append(names)
        self.out.mkdir(exist_ok=True)
        (self.out / "index.html").write_text(" ".join(names), encoding="utf-8")


@contextmanager
def running(watcher: FileWatcher) -> Iterator[FileWatcher]:
    """Run `watcher` in a thread for the block, then stop it."""
    thread = threading.Thread(target=watcher.run, daemon=True)
    thread.start()
    try:
        yield watcher
    finally:
        watcher.stop()
        thread.join(5)
        assert not thread.is_alive()


def file_watcher(
    book: Path, out: Path, rebuild: Callable[[bool], object], *, poll: float | None = None
) -> FileWatcher:
    """Give a watcher with settings short enough for tests."""
    retrier = Retrier(rebuild, tries=4, backoff=0.15)
    return FileWatcher(book, out, retrier, quiet=0.15, poll=poll)
