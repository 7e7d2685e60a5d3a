"""The rules that decide when a change is worth a build, checked without waiting."""

from __future__ import annotations

import logging

import pytest

from ledgersite.errors import (
    BookInvalid,
    BuildBusy,
    PasswordProtected,
    SheetAccessError,
    StillSaving,
)
from ledgersite.watch.settle import Debouncer, Retrier, is_scratch_file, may_pass, same_source


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize(
    "name", ["~$book.xlsx", ".~lock.book.xlsx#", "8A3F2B10", "1D2E3F4A.tmp", "lu1234.tmp", "x~"]
)
def test_lock_and_scratch_files_are_recognised(name: str) -> None:
    assert is_scratch_file(name)


@pytest.mark.parametrize("name", ["book.xlsx", "Clients.csv", "bijou_client_book.ods"])
def test_books_are_not_scratch_files(name: str) -> None:
    assert not is_scratch_file(name)


def test_debouncer_waits_for_quiet_after_the_last_event() -> None:
    clock = Clock()
    debouncer = Debouncer(1.0, clock=clock)
    assert not debouncer.pending
    debouncer.poke()
    clock.now += 0.8
    debouncer.poke()  # the save goes on
    clock.now += 0.8
    assert debouncer.remaining() == pytest.approx(0.2)
    clock.now += 0.2
    assert debouncer.remaining() == 0
    debouncer.clear()
    assert not debouncer.pending


def test_same_size_and_time_or_same_content_counts_as_unchanged() -> None:
    assert same_source((10, 5, "abc"), (10, 5, "abc"))
    assert same_source((10, 5, "abc"), (10, 9, "abc"))  # touched only
    assert not same_source((10, 5, "abc"), (11, 9, "def"))
    assert not same_source(None, (10, 5, "abc"))
    assert not same_source((10, 5, "abc"), None)


def test_failures_that_waiting_may_cure() -> None:
    assert may_pass(StillSaving("half"))
    assert may_pass(SheetAccessError("quota", retryable=True))
    assert not may_pass(SheetAccessError("not shared"))
    assert not may_pass(PasswordProtected("locked"))
    assert not may_pass(BookInvalid("no Clients sheet"))


def flaky(*errors: Exception) -> tuple[list[bool], object]:
    calls: list[bool] = []
    queue = list(errors)

    def rebuild(last_try: bool) -> None:
        calls.append(last_try)
        if queue:
            raise queue.pop(0)

    return calls, rebuild


def test_a_book_still_being_saved_is_tried_again_with_growing_pauses() -> None:
    calls, rebuild = flaky(StillSaving("half"), StillSaving("half"))
    pauses: list[float] = []
    assert Retrier(rebuild, tries=4, backoff=0.5, sleep=pauses.append).run()  # type: ignore[arg-type]
    assert calls == [False, False, False]
    assert pauses == [0.5, 1.0]


def test_the_last_try_is_told_so_and_its_failure_reported(
    caplog: pytest.LogCaptureFixture,
) -> None:
    calls, rebuild = flaky(*[StillSaving("The file is being saved.")] * 3)
    with caplog.at_level(logging.ERROR):
        assert not Retrier(rebuild, tries=3, sleep=lambda s: None).run()  # type: ignore[arg-type]
    assert calls == [False, False, True]
    assert [r.getMessage() for r in caplog.records] == [
        "Not updated: The file is being saved. The last good site stays in place."
    ]


def test_an_unusable_book_is_reported_at_once() -> None:
    calls, rebuild = flaky(BookInvalid("There is no Clients sheet."))
    assert not Retrier(rebuild, tries=4, sleep=lambda s: None).run()  # type: ignore[arg-type]
    assert calls == [False]


def test_a_busy_site_is_tried_again() -> None:
    calls, rebuild = flaky(BuildBusy("Another build is still running"))
    assert Retrier(rebuild, tries=3, sleep=lambda s: None).run()  # type: ignore[arg-type]
    assert calls == [False, False]


def test_an_unexpected_failure_is_reported_and_does_not_end_the_watcher(
    caplog: pytest.LogCaptureFixture,
) -> None:
    calls, rebuild = flaky(OSError("disk full"))
    with caplog.at_level(logging.ERROR):
        assert not Retrier(rebuild, sleep=lambda s: None).run()  # type: ignore[arg-type]
    assert calls == [False]
    assert "something unexpected went wrong (disk full)" in caplog.text
