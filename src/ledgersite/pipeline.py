"""From a book's location to a published site: load, agenda, render, publish.

A build that fails for any reason leaves the last good site in place; only its status file
changes, so every page shows that the latest update failed and why.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ledgersite import collector, freshness
from ledgersite.agenda.model import Agenda, Milestone
from ledgersite.book import Book
from ledgersite.config import Config
from ledgersite.errors import LedgersiteError
from ledgersite.site import publish, render

if TYPE_CHECKING:
    from ledgersite.site.seal import SiteKey

log = logging.getLogger(__name__)

#: Told (files done, files in all) as the build goes, e.g. to draw a progress bar.
Progress = Callable[[int, int], None]

#: What the banner says when the failure is not one of ours (the log has the details).
UNEXPECTED = "something unexpected went wrong; the log of the update has the details"

#: How far ahead the Calendar page looks.
CALENDAR_DAYS = 365


@dataclass
class BuildReport:
    """What a build did, for the summary line."""

    clients: int
    written: int
    unchanged: int
    problems: int
    removed: int = 0


def build(
    location: str | Path,
    out: Path,
    *,
    config: Config,
    today: dt.date | None = None,
    progress: Progress | None = None,
    key: SiteKey | None = None,
) -> BuildReport:
    """Give the report of building the site for the book at `location` into `out`.

    With `key`, the site is locked: see `ledgersite.site.seal`.
    """
    from ledgersite.buildlock import build_lock
    from ledgersite.commands import store_now
    from ledgersite.load import load_book
    from ledgersite.site.theme import templates_fingerprint

    # The lock is outside failure_recorded: a build that found another running changed nothing.
    with build_lock(out), failure_recorded(out), collector.paused():
        # Taken before reading, so a save during the build is seen by the next one.
        stamp = freshness.source_stamp(location)
        fingerprint = templates_fingerprint(config)
        book = load_book(location, config)
        now = store_now(book.settings.time_zone)
        day = today or now.date()
        report = build_book(
            book, out, config=config, today=day, now=now, progress=progress, key=key,
        )
    if key is None:
        try:
            freshness.remember(out, stamp, location=location, config=config,
                               fingerprint=fingerprint, today=day,
                               time_zone=book.settings.time_zone)
        except OSError as err:  # the site is good; only the next build's shortcut is lost
            log.warning("Could not record the build for next time: %s", err)
    return report


@contextmanager
def failure_recorded(out: Path) -> Iterator[None]:
    """Let an error through after marking the site in `out` as not updated (pages untouched)."""
    try:
        yield
    except Exception as err:
        reason = str(err) if isinstance(err, LedgersiteError) else UNEXPECTED
        try:
            publish.record_failure(out, failed_at=dt.datetime.now(dt.UTC), reason=reason)
        except OSError as io_error:
            log.error("Could not mark the site as out of date: %s", io_error)
        raise


def build_book(
    book: Book,
    out: Path,
    *,
    config: Config,
    today: dt.date,
    now: dt.datetime | None = None,
    progress: Progress | None = None,
    key: SiteKey | None = None,
) -> BuildReport:
    """Give the report of rendering and publishing an already loaded `book` into `out`."""
    from ledgersite.agenda import agenda_and_calendar
    from ledgersite.calendar_feed import calendar_feed
    from ledgersite.commands import store_now

    agenda, calendar = agenda_and_calendar(book, today, CALENDAR_DAYS)
    feed = calendar_feed(book, today)
    return publish_site(
        book, agenda, calendar, out, config=config, feed=feed,
        now=now or store_now(book.settings.time_zone), progress=progress, key=key,
    )


def publish_site(
    book: Book,
    agenda: Agenda,
    calendar: list[Milestone],
    out: Path,
    *,
    config: Config,
    feed: bytes,
    now: dt.datetime,
    progress: Progress | None = None,
    key: SiteKey | None = None,
) -> BuildReport:
    """Give the report of rendering the site from ready data and publishing it into `out`.

    `now` is the build's time, aware, in the store's time zone (times on the site are shown in it).
    """
    render_one: Callable[[render.Page], bytes] = render.Renderer(config)
    pages = render.plan_site(book, agenda, calendar, feed=feed, config=config)
    if key is not None:
        from ledgersite.site.seal import seal_site

        pages, render_one = seal_site(pages, render_one, key)
    else:
        from ledgersite.site.seal import refuse_to_unlock

        refuse_to_unlock(out)  # e.g. a watcher started without the password
    source = book.source
    status = publish.good_status(
        built_at=now,
        read_at=source.read_at.astimezone(now.tzinfo),  # shown in the store's time
        origin=source.origin,
        errors=len(book.errors),
    )
    done = publish.publish(out, pages, render=render_one, status=status, progress=progress)
    return BuildReport(
        clients=len(book.clients),
        written=done.written,
        unchanged=done.unchanged,
        problems=len(book.problems),
        removed=done.removed,
    )
