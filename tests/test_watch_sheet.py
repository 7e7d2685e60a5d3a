"""The Google Sheet watcher: cheap revision polls, one read after edits pause, back-off on quota."""

from __future__ import annotations

from ledgersite.errors import SheetAccessError
from ledgersite.watch.settle import Retrier
from ledgersite.watch.sheet import SheetWatcher


class FakeSheet:
    """A sheet whose revision the test sets, and which can answer 429."""

    def __init__(self) -> None:
        self.revision = "r1"
        self.quota_left = 10**6
        self.looks = 0

    def __call__(self) -> str:
        self.looks += 1
        if self.quota_left <= 0:
            raise SheetAccessError("Google says the sheet was asked too often.", retryable=True)
        self.quota_left -= 1
        return self.revision


def watcher(sheet: FakeSheet, builds: list[str]) -> SheetWatcher:
    def rebuild(last_try: bool) -> None:
        builds.append(sheet.revision)

    return SheetWatcher(
        sheet, Retrier(rebuild, sleep=lambda s: None), interval=30, quiet=5, max_backoff=600
    )


def test_builds_at_start_then_only_after_the_revision_changes_and_settles() -> None:
    sheet, builds = FakeSheet(), []  # type: list[str]
    w = watcher(sheet, builds)
    assert w.step() == 30
    assert builds == ["r1"]
    assert w.step() == 30  # nothing changed: nothing read
    assert builds == ["r1"]
    sheet.revision = "r2"
    assert w.step() == 5  # just edited: look again soon
    sheet.revision = "r3"  # still typing
    assert w.step() == 5
    assert builds == ["r1"]
    assert w.step() == 30  # quiet now
    assert builds == ["r1", "r3"]


def test_quota_errors_back_off_doubling_and_recover() -> None:
    sheet, builds = FakeSheet(), []  # type: list[str]
    w = watcher(sheet, builds)
    w.step()
    sheet.quota_left = 0
    assert [w.step() for _ in range(6)] == [60, 120, 240, 480, 600, 600]
    sheet.quota_left = 10
    assert w.step() == 30
    assert builds == ["r1"]


def test_a_sheet_that_is_not_shared_is_looked_at_again_at_the_usual_pace() -> None:
    builds: list[str] = []

    def not_shared() -> str:
        raise SheetAccessError("The sheet is not shared with ledgersite.")

    w = SheetWatcher(not_shared, Retrier(builds.append), interval=30)  # type: ignore[arg-type]
    assert [w.step(), w.step()] == [30, 30]
    assert builds == []
