"""One build at a time per site: a lock that overlapping scheduled runs and the watcher share.

The lock is `fcntl.flock` on `OUT/.ledgersite/build.lock` (a dotfile folder, never served). The
operating system drops it when the process ends, however it ends, so a crashed build never
leaves a stale lock behind.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ledgersite.errors import BuildBusy

try:
    import fcntl
except ImportError:  # Windows: no flock; builds there are not scheduled to overlap
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

LOCK_NAME = ".ledgersite/build.lock"
#: How long a build waits for one already running before giving up.
DEFAULT_WAIT = 10.0


def lock_path(out: Path) -> Path:
    """Give the lock file of the site in `out`."""
    return out / LOCK_NAME


@contextmanager
def build_lock(
    out: Path,
    *,
    wait: float | None = None,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
) -> Iterator[None]:
    """Hold the build lock of `out` for the block; raise BuildBusy if still taken after `wait` s.

    `wait` defaults to DEFAULT_WAIT seconds.
    """
    path = lock_path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        if fcntl is not None:
            deadline = clock() + (DEFAULT_WAIT if wait is None else wait)
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if clock() >= deadline:
                        raise BuildBusy(
                            f"Another build is still running into {out}; this one stopped"
                            " without changing anything."
                        ) from None
                    log.debug("Waiting for the build already running into %s", out)
                    sleep(0.1)
        yield
