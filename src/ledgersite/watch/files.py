"""Watch a workbook (or a folder of CSV files) and rebuild once each save has settled.

The folder holding the book is watched, not the file: Excel and LibreOffice save by writing a
temporary file and renaming it over the book, which a watch on the file itself would lose.
Events for anything but the book (lock files, scratch files, our own output) are dropped.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

from ledgersite.watch.settle import (
    Debouncer,
    Fingerprint,
    Retrier,
    fingerprint,
    is_scratch_file,
    same_source,
    stat_of,
)

log = logging.getLogger(__name__)

#: Events that say a file was looked at, not changed (our own reads cause them).
_READ_ONLY_EVENTS = {"opened", "closed_no_write"}
#: How often the loop wakes without events, to notice a new day.
_IDLE_WAKE = 30.0


def _real(path: Path) -> str:
    return os.path.realpath(path)


class BookEvents(FileSystemEventHandler):
    """Passes on only the file events that concern the book."""

    def __init__(self, book: Path, out: Path, notice: Callable[[], None]) -> None:
        self.book = _real(book)
        self.folder_book = book.is_dir()
        self.out = _real(out)
        self.notice = notice

    def concerns(self, path: str) -> bool:
        """Give True when a change at `path` may change the book."""
        if not path:
            return False
        path = _real(Path(path))
        if path == self.out or path.startswith(self.out + os.sep):
            return False
        if self.folder_book:
            name = os.path.basename(path)
            inside = os.path.dirname(path) == self.book
            return inside and not is_scratch_file(name) and name.lower().endswith(".csv")
        return path == self.book

    def on_any_event(self, event: FileSystemEvent) -> None:
        """Tell the watcher when the event touches the book."""
        if event.event_type in _READ_ONLY_EVENTS:
            return
        if self.concerns(os.fsdecode(event.src_path)) or self.concerns(
            os.fsdecode(event.dest_path)
        ):
            self.notice()


class FileWatcher:
    """Rebuilds the site when the book at `book` has been saved and the save has settled.

    Settled means: no event for `quiet` seconds and the same size and modification time at two
    looks `quiet` apart. A book whose content did not change is not rebuilt.
    """

    def __init__(
        self,
        book: Path,
        out: Path,
        rebuild: Retrier,
        *,
        quiet: float = 0.6,
        poll: float | None = None,
        day_changed: Callable[[], bool] = lambda: False,
    ) -> None:
        self.book = book
        self.out = out
        self.rebuild = rebuild
        self.poll = poll
        self.day_changed = day_changed
        self.debouncer = Debouncer(quiet)
        self.built: Fingerprint = None
        self.changed = threading.Condition()
        self.stop_event = threading.Event()
        self.builds = 0

    def notice(self) -> None:
        """Note a change to the book (called from the observer's thread)."""
        with self.changed:
            self.debouncer.poke()
            self.changed.notify()

    def stop(self) -> None:
        """Make `run` return soon."""
        self.stop_event.set()
        with self.changed:
            self.changed.notify()

    def observer(self) -> BaseObserver:
        """Give the started observer: file events, or every `poll` seconds a look at the folder."""
        observer: BaseObserver = (
            Observer() if self.poll is None else PollingObserver(timeout=self.poll)
        )
        folder = self.book if self.book.is_dir() else self.book.parent
        observer.schedule(BookEvents(self.book, self.out, self.notice), str(folder))
        observer.daemon = True
        observer.start()
        return observer

    def run(self) -> None:
        """Build now, then after every settled change, until `stop` is called."""
        observer = self.observer()
        try:
            self.build_if_changed()
            while not self.stop_event.is_set():
                if self.wait_for_settled_change():
                    self.build_if_changed()
                elif self.day_changed():
                    log.info("A new day: updating the site.")
                    self.build_now()
        finally:
            observer.stop()
            observer.join()

    def wait_for_settled_change(self) -> bool:
        """Give True once a burst of changes is over and the file stopped changing."""
        with self.changed:
            if not self.debouncer.pending:
                self.changed.wait(_IDLE_WAKE)
            if not self.debouncer.pending:
                return False
        looked = stat_of(self.book)
        while not self.stop_event.is_set():
            with self.changed:
                remaining = self.debouncer.remaining()
                if remaining > 0:
                    self.changed.wait(remaining)
                    continue
            now = stat_of(self.book)
            with self.changed:
                if now == looked:
                    self.debouncer.clear()
                    return True
                looked = now  # still being written: give it another quiet spell
                self.debouncer.poke()
        return False

    def build_if_changed(self) -> None:
        """Rebuild when the book differs from the one last built; wait when it is missing."""
        now = fingerprint(self.book)
        if now is None:
            log.warning("%s is not there at the moment; waiting for it to come back.", self.book)
            return
        if same_source(self.built, now):
            log.debug("%s did not change; nothing to do.", self.book)
            return
        self.build_now(now)

    def build_now(self, now: Fingerprint = None) -> None:
        """Rebuild and remember what was built."""
        started = time.monotonic()
        if self.rebuild.run():
            self.builds += 1
            self.built = now or fingerprint(self.book)
            log.info("Site updated in %.1f s.", time.monotonic() - started)
        else:
            # Remember the failed book too: the same broken file is not retried on every event.
            self.built = now
