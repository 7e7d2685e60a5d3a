"""Many pages to render go to two forked processes; the site they make is the one process's.

The switch is `publish.PARALLEL_PAGES` (pages to render); here it is lowered so a small book
takes the parallel road.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest

from ledgersite.pipeline import failure_recorded
from ledgersite.site import publish
from site_books import broken_templates, build_site, make_book

pytestmark = pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="needs two cores")


def files(out: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(out)): p.read_bytes()
        for p in out.rglob("*")
        if p.is_file() and ".ledgersite" not in p.parts and p.name != "status.js"
    }


@pytest.fixture
def renderers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[], set[int]]:
    """Lower the switch; give a function telling which processes rendered pages so far."""
    monkeypatch.setattr(publish, "PARALLEL_PAGES", 1)
    monkeypatch.setattr(publish, "CHUNK", 2)
    log = tmp_path / "renderers.log"
    real = publish._Job.stage_some

    def spy(job: publish._Job, todo: list[publish.Page]) -> list[str]:
        with log.open("a") as handle:  # written by whichever process renders
            handle.write(f"{os.getpid()}\n")
        return real(job, todo)

    monkeypatch.setattr(publish._Job, "stage_some", spy)
    return lambda: {int(line) for line in log.read_text().split()} if log.exists() else set()


@pytest.fixture
def lone_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let the build fork even though the test runner (or a browser test) keeps threads."""
    monkeypatch.setattr(publish.threading, "active_count", lambda: 1)


@pytest.mark.usefixtures("lone_thread")
def test_two_processes_make_exactly_the_site_one_makes(
    tmp_path: Path, renderers: Callable[[], set[int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    build_site(tmp_path / "two")
    used = renderers()
    assert len(used) == 2 and os.getpid() not in used
    monkeypatch.setattr(publish, "PARALLEL_PAGES", 10**9)
    build_site(tmp_path / "one")
    assert renderers() - used == {os.getpid()}
    assert files(tmp_path / "two") == files(tmp_path / "one")


@pytest.mark.usefixtures("lone_thread")
def test_a_failure_in_a_worker_leaves_the_last_good_site_untouched(
    tmp_path: Path, renderers: Callable[[], set[int]]
) -> None:
    out = tmp_path / "site"
    build_site(out)
    before = files(out)
    book = make_book()
    book.clients["C-001"].phone = "07700 000000"
    with pytest.raises(Exception, match="no_such_thing"), failure_recorded(out):
        build_site(out, book, config=broken_templates(tmp_path))
    assert files(out) == before
    assert not (out / ".ledgersite" / "staging").exists()


def test_no_fork_while_another_thread_runs(
    tmp_path: Path, renderers: Callable[[], set[int]]
) -> None:
    stop = threading.Event()
    watcher = threading.Thread(target=stop.wait)
    watcher.start()
    try:
        build_site(tmp_path / "site")
    finally:
        stop.set()
        watcher.join()
    assert renderers() == {os.getpid()}


@pytest.mark.usefixtures("lone_thread")
def test_a_worker_that_dies_fails_the_build_instead_of_hanging(
    tmp_path: Path, renderers: Callable[[], set[int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "site"
    build_site(out)
    before = files(out)
    parent = os.getpid()

    def killed(job: publish._Job, todo: list[publish.Page]) -> list[str]:
        if os.getpid() != parent:
            os._exit(9)  # as the out-of-memory killer would
        return []

    monkeypatch.setattr(publish._Job, "stage_some", killed)
    book = make_book()
    book.clients["C-001"].phone = "07700 000000"
    with pytest.raises(BrokenProcessPool), failure_recorded(out):
        build_site(out, book)
    assert files(out) == before
    assert not (out / ".ledgersite" / "staging").exists()
