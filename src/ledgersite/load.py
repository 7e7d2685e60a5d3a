"""From a book's location to a validated `Book`: read, then validate."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ledgersite import collector
from ledgersite.book import Book
from ledgersite.config import Config
from ledgersite.sources.read import read_book
from ledgersite.validate import validate


def load_book(location: str | Path, config: Config, *, read_at: dt.datetime | None = None) -> Book:
    """Give the validated book at `location` (file, CSV folder or Google Sheet)."""
    raw = read_book(location, config=config)
    when = read_at or dt.datetime.now(dt.UTC)
    with collector.paused():
        return validate(raw, config=config, read_at=when)
