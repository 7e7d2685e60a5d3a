"""Watch a Google Sheet: poll its revision cheaply, read the whole book only after a change.

An edit in Google Sheets saves on every keystroke, so a changed revision is built only once it
has stayed the same for `quiet` seconds. When Google says the quota ran out or the network is
down, the poll waits twice as long each time (up to `max_backoff`) and the last good site stays.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from ledgersite.errors import LedgersiteError, SheetAccessError
from ledgersite.watch.settle import Retrier

log = logging.getLogger(__name__)

#: Gives the sheet's current revision (anything that changes when the sheet is edited).
Revision = Callable[[], str]


class SheetWatcher:
    """Rebuilds the site when the sheet's revision changes and then stays put for `quiet` s."""

    def __init__(
        self,
        revision: Revision,
        rebuild: Retrier,
        *,
        interval: float = 30.0,
        quiet: float = 5.0,
        max_backoff: float = 600.0,
        day_changed: Callable[[], bool] = lambda: False,
    ) -> None:
        self.revision = revision
        self.rebuild = rebuild
        self.interval = interval
        self.quiet = quiet
        self.max_backoff = max_backoff
        self.day_changed = day_changed
        self.built: str | None = None
        self.seen: str | None = None
        self.delay = interval
        self.failed = False
        self.stop_event = threading.Event()
        self.builds = 0

    def stop(self) -> None:
        """Make `run` return soon."""
        self.stop_event.set()

    def run(self) -> None:
        """Poll until `stop` is called, sleeping between looks as `step` says."""
        while not self.stop_event.is_set():
            self.stop_event.wait(self.step())

    def step(self) -> float:
        """Look at the sheet once, build when due; give the seconds to wait before the next look."""
        try:
            revision = self.revision()
        except SheetAccessError as err:
            return self._trouble(err)
        except LedgersiteError as err:
            self._report(err)
            return self.interval
        self.delay = self.interval
        if self.failed:
            log.info("The Google Sheet can be reached again.")
            self.failed = False
        if revision == self.built:
            if self.day_changed():
                log.info("A new day: updating the site.")
                self._build(revision)
            return self.interval
        if self.built is not None and revision != self.seen:
            self.seen = revision  # just edited: wait until the edits pause
            return self.quiet
        self._build(revision)
        return self.interval

    def _build(self, revision: str) -> None:
        self.seen = revision
        if self.rebuild.run():
            self.builds += 1
            log.info("Site updated from the Google Sheet.")
        # A failed build is not tried again until the sheet changes: the same edit would fail.
        self.built = revision

    def _trouble(self, err: SheetAccessError) -> float:
        self._report(err)
        if not err.retryable:
            return self.interval
        self.delay = min(self.delay * 2, self.max_backoff)
        log.info("Asking Google again in %.0f seconds.", self.delay)
        return self.delay

    def _report(self, err: LedgersiteError) -> None:
        if not self.failed:
            log.error("Cannot look at the Google Sheet: %s The last good site stays in place.", err)
        self.failed = True
