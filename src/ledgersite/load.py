"""From a book's location to a validated `Book`: read, then validate."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from ledgersite import collector
from ledgersite.book import Book
from ledgersite.config import Config
from ledgersite.sources.raw import LateReadError, RawBook
from ledgersite.sources.read import read_book
from ledgersite.validate import validate

log = logging.getLogger(__name__)


def load_book(location: str | Path, config: Config, *, read_at: dt.datetime | None = None) -> Book:
    """Give the validated book at `location` (file, CSV folder or Google Sheet).

    A large workbook is validated sheet by sheet while its next sheets are still being read.
    """
    when = read_at or dt.datetime.now(dt.UTC)
    book: Book | None = None
    raw: RawBook | None = None
    with collector.paused():
        try:
            raw = read_book(location, config=config, background=True)
            book = validate(raw, config=config, read_at=when)
        except LateReadError as err:  # a sheet failed in the background
            log.info("%s; reading the book again in one go", str(err))  # not err: its frames
        finally:
            if raw is not None:
                raw.stop_reading()  # sheets of no interest to the book are left unread
        raw = None  # before reading again: a big book's first attempt would double the memory
        if book is None:
            book = validate(read_book(location, config=config), config=config, read_at=when)
    collector.give_back()  # the raw cells, garbage now
    return book
