"""Pausing Python's cycle collector while a book's worth of objects is made, and giving back
the memory a book's raw cells held once it is validated.

Reading, validating and rendering a book make hundreds of thousands of lists, records and
strings and almost no reference cycles; with the collector on, it walks them over and over
(about 15% of reading and 20% of validating 10,000 clients). It runs again afterwards.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import gc
from collections.abc import Callable, Iterator


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """Pause the cycle collector for the block (it stays off if it was off)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def give_back() -> None:
    """Return memory freed by the process to the system, where the C library allows it.

    glibc keeps the memory of freed objects for reuse (the raw cells of a 100,000-client book:
    hundreds of megabytes) unless told to trim; elsewhere this does nothing.
    """
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        trim: Callable[[int], int] = ctypes.CDLL(None).malloc_trim  # the C library in use
    except (OSError, AttributeError, TypeError):  # not glibc (macOS, musl, Windows)
        return None
    return trim
