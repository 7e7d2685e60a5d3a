"""The build the watcher runs: lock, read, build; a book caught mid-save is not reported yet."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from ledgersite.buildlock import build_lock
from ledgersite.config import Config
from ledgersite.watch.settle import may_pass

if TYPE_CHECKING:
    from ledgersite.site.seal import SiteKey


class BookBuilder:
    """Builds the site for the book at `location` into `out`; call it with `last_try`.

    Only a failure on the last try (or one that is not about reading the book) is marked on the
    site, so a workbook that Excel is still writing never flashes a failure banner.
    """

    def __init__(
        self,
        location: str | Path,
        out: Path,
        *,
        config: Config,
        today: dt.date | None = None,
        key: SiteKey | None = None,
    ) -> None:
        self.location = location
        self.key = key
        self.out = out
        self.config = config
        self.today = today
        self.time_zone: str | None = None
        self.built_for: dt.date | None = None

    def __call__(self, last_try: bool) -> object:
        """Give the build report, or raise the LedgersiteError that stopped the build."""
        from ledgersite.commands import store_now
        from ledgersite.load import load_book
        from ledgersite.pipeline import build_book

        with build_lock(self.out), _reported(self.out, last_try=last_try):
            book = load_book(self.location, self.config)
            now = store_now(book.settings.time_zone)
            today = self.today or now.date()
            report = build_book(
                book, self.out, config=self.config, today=today, now=now, key=self.key
            )
        self.time_zone = book.settings.time_zone
        self.built_for = today
        return report

    def day_changed(self) -> bool:
        """Give True when the store's date moved on since the last build (unless --today is set)."""
        if self.today is not None or self.time_zone is None or self.built_for is None:
            return False
        from ledgersite.commands import store_now

        return store_now(self.time_zone).date() != self.built_for


@contextmanager
def _reported(out: Path, *, last_try: bool) -> Iterator[None]:
    """Mark the site as not updated when the block fails, unless the book may be mid-save."""
    from ledgersite.pipeline import failure_recorded

    try:
        yield
    except Exception as err:
        if last_try or not may_pass(err):
            with failure_recorded(out):
                raise
        raise
