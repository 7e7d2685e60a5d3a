"""When a change to the book is worth a build: quiet long enough, really changed, readable.

Plain classes with the clock and the sleep passed in, so the rules are tested without waiting.
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
from collections.abc import Callable
from pathlib import Path

from ledgersite.errors import (
    BuildBusy,
    LedgersiteError,
    LockFileError,
    PasswordProtected,
    SheetAccessError,
    SourceError,
)
from ledgersite.sources.sniff import lock_file_target

log = logging.getLogger(__name__)

#: (size, modification time in ns, content digest) of the book; None when it is not there.
Fingerprint = tuple[int, int, str] | None
#: Runs one build; `last_try` is True when a failure should be reported rather than retried.
Rebuild = Callable[[bool], object]

_TEMP_SUFFIXES = (".tmp", ".temp", ".bak", ".swp", "~")


def is_scratch_file(name: str) -> bool:
    """Give True for lock and temporary files that spreadsheet programs write while saving."""
    if lock_file_target(name) is not None:
        return True
    lower = name.lower()
    # Excel's scratch files have no extension (e.g. "A1B2C3D4"); LibreOffice's end in .tmp.
    return lower.startswith((".#", "~")) or lower.endswith(_TEMP_SUFFIXES) or "." not in lower


class Debouncer:
    """Says when a burst of file events has been quiet for `quiet` seconds."""

    def __init__(self, quiet: float, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.quiet = quiet
        self.clock = clock
        self.last_event: float | None = None

    def poke(self) -> None:
        """Note that something happened just now."""
        self.last_event = self.clock()

    @property
    def pending(self) -> bool:
        """Give True while events wait to be acted on."""
        return self.last_event is not None

    def remaining(self) -> float:
        """Give the seconds still to wait before the burst counts as over (0: act now)."""
        if self.last_event is None:
            return 0.0
        return max(0.0, self.last_event + self.quiet - self.clock())

    def clear(self) -> None:
        """Forget the burst (it has been acted on)."""
        self.last_event = None


def stat_of(path: Path) -> tuple[int, int] | None:
    """Give (size, modification time) of a file, or a summary of every CSV file in a folder."""
    try:
        if path.is_dir():
            entries = sorted(
                (entry.name, entry.stat().st_size, entry.stat().st_mtime_ns)
                for entry in os.scandir(path)
                if entry.is_file() and not is_scratch_file(entry.name)
            )
            return len(entries), hash(tuple(entries))
        info = path.stat()
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns


def fingerprint(path: Path) -> Fingerprint:
    """Give the fingerprint of the book at `path`, or None when it is missing or unreadable."""
    stat = stat_of(path)
    if stat is None:
        return None
    digest = hashlib.blake2b(digest_size=16)
    try:
        files = (
            sorted(p for p in path.iterdir() if p.is_file() and not is_scratch_file(p.name))
            if path.is_dir()
            else [path]
        )
        for file in files:
            digest.update(file.name.encode())
            with file.open("rb") as handle:
                while chunk := handle.read(1 << 20):
                    digest.update(chunk)
    except OSError:
        return None
    return stat[0], stat[1], digest.hexdigest()


def same_source(before: Fingerprint, now: Fingerprint) -> bool:
    """Give True when `now` is the book already built (same size and time, or same content)."""
    if before is None or now is None:
        return False
    return before[:2] == now[:2] or before[2] == now[2]


def may_pass(err: BaseException) -> bool:
    """Give True for a failure that waiting may cure: a book mid-save, locked, or a busy API."""
    if isinstance(err, SheetAccessError):
        return err.retryable
    return isinstance(err, SourceError) and not isinstance(err, LockFileError | PasswordProtected)


class Retrier:
    """Runs a rebuild, trying a book that is still being saved again after a pause.

    A workbook caught half-written or locked raises a SourceError; it is tried `tries` times,
    waiting `backoff`, then twice as long each time, before the failure is reported. Other
    failures (the book read fine but cannot be used) are reported at once.
    """

    def __init__(
        self,
        rebuild: Rebuild,
        *,
        tries: int = 4,
        backoff: float = 0.5,
        sleep: Callable[[float], object] = time.sleep,
    ) -> None:
        self.rebuild = rebuild
        self.tries = tries
        self.backoff = backoff
        self.sleep = sleep

    def run(self) -> bool:
        """Give True when the site was rebuilt, False when the last good one stays."""
        for attempt in range(self.tries):
            last_try = attempt == self.tries - 1
            try:
                self.rebuild(last_try)
            except BuildBusy:
                if last_try:
                    log.warning("Not updated: another build kept the site busy; will try later.")
                    return False
            except LedgersiteError as err:
                if not last_try and may_pass(err):
                    log.debug("The book is not ready yet (%s); trying again.", err)
                    self.sleep(self.backoff * 2**attempt)
                    continue
                log.error("Not updated: %s The last good site stays in place.", err)
                return False
            except Exception as err:  # a watcher runs all day: one bad build must not end it
                log.debug("The build failed unexpectedly.", exc_info=True)
                log.error(
                    "Not updated: something unexpected went wrong (%s). The last good site stays"
                    " in place.", err,
                )
                return False
            else:
                return True
            self.sleep(self.backoff * 2**attempt)
        return False
