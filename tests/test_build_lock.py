"""One build at a time per site, however the builds were started."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from ledgersite.buildlock import build_lock, lock_path
from ledgersite.errors import BuildBusy

HOLD = """
import sys, time
from pathlib import Path
from ledgersite.buildlock import build_lock
with build_lock(Path(sys.argv[1])):
    print("holding", flush=True)
    time.sleep(float(sys.argv[2]))
"""


@contextmanager
def hold_in_other_process(out: Path, seconds: float) -> Iterator[subprocess.Popen[str]]:
    """Give a process (another `ledgersite build`, as cron would start) holding the lock."""
    with subprocess.Popen(
        [sys.executable, "-c", HOLD, str(out), str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
        env={"PYTHONPATH": str(Path(__file__).parents[1] / "src")},
    ) as process:
        assert process.stdout is not None
        assert process.stdout.readline() == "holding\n"
        try:
            yield process
        finally:
            process.kill()


def test_second_build_gives_up_with_one_line_while_the_first_runs_on(tmp_path: Path) -> None:
    out = tmp_path / "site"
    with (
        hold_in_other_process(out, 5),
        pytest.raises(BuildBusy) as caught,
        build_lock(out, wait=0.2),
    ):
        pytest.fail("both builds ran at once")
    message = str(caught.value)
    assert message.startswith("Another build is still running")
    assert "\n" not in message


def test_second_build_waits_briefly_for_the_first_to_finish(tmp_path: Path) -> None:
    out = tmp_path / "site"
    with hold_in_other_process(out, 0.3):
        started = time.monotonic()
        with build_lock(out, wait=5):
            waited = time.monotonic() - started
    assert 0.1 < waited < 5


def test_two_concurrent_builds_do_not_both_run(tmp_path: Path) -> None:
    out = tmp_path / "site"
    inside = 0
    most = 0
    guard = threading.Lock()

    def one_build() -> None:
        nonlocal inside, most
        with build_lock(out, wait=5):
            with guard:
                inside += 1
                most = max(most, inside)
            time.sleep(0.05)
            with guard:
                inside -= 1

    threads = [threading.Thread(target=one_build) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert most == 1


def test_lock_of_a_crashed_build_does_not_linger(tmp_path: Path) -> None:
    out = tmp_path / "site"
    with hold_in_other_process(out, 30) as first:
        first.kill()
        first.wait()
    with build_lock(out, wait=0):
        assert lock_path(out).exists()


def test_lock_file_is_a_dotfile_inside_the_site_so_it_is_never_served(tmp_path: Path) -> None:
    assert lock_path(tmp_path / "site").relative_to(tmp_path / "site").parts[0].startswith(".")


def test_overlapping_scheduled_build_exits_non_zero_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from openpyxl import Workbook

    from ledgersite import buildlock
    from ledgersite.cli import main

    book = tmp_path / "book.xlsx"
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Clients"
    sheet.append(["Client ID", "First name", "Last name"])
    sheet.append(["C1", "Ana", "Reyes"])
    workbook.save(book)
    out = tmp_path / "site"
    monkeypatch.setattr(buildlock, "DEFAULT_WAIT", 0.2)
    with hold_in_other_process(out, 5):
        code = main(["build", str(book), "--out", str(out), "--today", "2026-06-01"])
    err = capsys.readouterr().err
    assert code != 0
    assert err.startswith("ledgersite: Another build is still running")
    assert err.count("\n") == 1
    assert not (out / "index.html").exists()
    assert main(["-q", "build", str(book), "--out", str(out), "--today", "2026-06-01"]) == 0
    assert (out / "index.html").exists()
