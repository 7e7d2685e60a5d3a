"""Rebuild the site whenever the book changes: a saved workbook, a CSV folder or a Google Sheet.

    settle.py   when a change is worth a build: debounce, fingerprints, retries (no I/O threads)
    files.py    a workbook or CSV folder, through watchdog (file events or polling)
    sheet.py    a Google Sheet, by polling its revision
    rebuild.py  the build the watcher runs, so a half-saved file is retried before it is reported
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from ledgersite.config import Config
from ledgersite.errors import BookNotFound
from ledgersite.watch.files import FileWatcher
from ledgersite.watch.rebuild import BookBuilder
from ledgersite.watch.settle import Retrier
from ledgersite.watch.sheet import SheetWatcher

if TYPE_CHECKING:
    from ledgersite.site.seal import SiteKey


def make_watcher(
    location: str | Path,
    out: Path,
    *,
    config: Config,
    today: dt.date | None = None,
    poll: float | None = None,
    interval: float = 30.0,
    key: SiteKey | None = None,
) -> FileWatcher | SheetWatcher:
    """Give the watcher for the book at `location`; its `run()` blocks until `stop()`.

    `poll`: look at the folder every so many seconds instead of waiting for file events
    (network shares do not deliver them). `interval`: seconds between looks at a Google Sheet.
    `key`: lock every page with the site's password (see `ledgersite.site.seal`).
    """
    from ledgersite.sources.read import is_google_sheet, not_found

    builder = BookBuilder(location, out, config=config, today=today, key=key)
    if isinstance(location, str) and is_google_sheet(location):
        from ledgersite.sources.gsheet import sheet_revision

        def revision() -> str:
            return str(sheet_revision(location, config=config))

        # Google's quota is per minute: retry a busy read slowly.
        retrier = Retrier(builder, tries=3, backoff=10.0)
        return SheetWatcher(revision, retrier, interval=interval, day_changed=builder.day_changed)
    book = Path(location).expanduser()
    folder = book if book.is_dir() else book.parent
    if not folder.is_dir():
        raise BookNotFound(
            f"There is no folder {folder} to watch for {book.name}: check where the book is saved."
        )
    if not book.exists():  # a mistyped name, not a book being saved over: waiting would not help
        raise not_found(book)
    return FileWatcher(book, out, Retrier(builder), poll=poll, day_changed=builder.day_changed)
