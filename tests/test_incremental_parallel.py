"""Many pages to render go to two worker processes; the site they make is the one process's.

The switch is `publish.PARALLEL_PAGES` (pages to render); here it is lowered so a small book
takes the parallel road. The workers are spawned interpreters, so what a test wants them to do
travels inside the renderer, which is pickled to them: the renderers below are found by name.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest

from ledgersite.errors import TemplateProblem
from ledgersite.pipeline import failure_recorded
from ledgersite.site import publish, render, seal
from ledgersite.site.render import Page
from site_books import broken_templates, build_site, make_book

pytestmark = pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="needs two cores")

LOG = "LEDGERSITE_TEST_RENDER_LOG"
PARENT = "LEDGERSITE_TEST_PARENT"


class LoggingRenderer(render.Renderer):
    """Renders as usual, and notes in the file named by $LEDGERSITE_TEST_RENDER_LOG which
    process rendered which page."""

    def __call__(self, page: Page) -> bytes:
        with Path(os.environ[LOG]).open("a") as handle:
            handle.write(f"{os.getpid()} {page.path}\n")
        return super().__call__(page)


class DyingRenderer(render.Renderer):
    """Renders in the build's own process; a worker dies as the out-of-memory killer would."""

    def __call__(self, page: Page) -> bytes:
        if os.getpid() != int(os.environ[PARENT]):
            os._exit(9)
        return super().__call__(page)


def files(out: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(out)): p.read_bytes()
        for p in out.rglob("*")
        if p.is_file() and ".ledgersite" not in p.parts and p.name != "status.js"
    }


@pytest.fixture
def rendered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[], set[tuple[int, str]]]:
    """Lower the switch; give a function telling which process rendered which page so far."""
    monkeypatch.setattr(publish, "PARALLEL_PAGES", 1)
    monkeypatch.setattr(publish, "CHUNK", 2)
    log = tmp_path / "renderers.log"
    monkeypatch.setenv(LOG, str(log))
    monkeypatch.setattr(render, "Renderer", LoggingRenderer)

    def pairs() -> set[tuple[int, str]]:
        lines = log.read_text().splitlines() if log.exists() else []
        return {(int(pid), path) for pid, path in (line.split(" ", 1) for line in lines)}

    return pairs


@pytest.fixture
def renderers(rendered: Callable[[], set[tuple[int, str]]]) -> Callable[[], set[int]]:
    """Give a function telling which processes rendered pages so far."""
    return lambda: {pid for pid, _ in rendered()}


def test_two_processes_make_exactly_the_site_one_makes(
    tmp_path: Path, rendered: Callable[[], set[tuple[int, str]]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    build_site(tmp_path / "two")
    by_workers = {path for pid, path in rendered() if pid != os.getpid()}
    here = {path for pid, path in rendered() if pid == os.getpid()}
    profiles = {str(p.relative_to(tmp_path / "two")) for p in (tmp_path / "two/clients").iterdir()}
    # Profiles go to the workers; heavy pages (Today, a calendar month...), whose data is here
    # already, are rendered here.
    assert profiles <= by_workers and not profiles & here
    assert {"index.html", "clients.html", "followups.html"} <= here - by_workers
    done = rendered()
    monkeypatch.setattr(publish, "PARALLEL_PAGES", 10**9)
    build_site(tmp_path / "one")
    assert {pid for pid, _ in rendered() - done} == {os.getpid()}
    assert files(tmp_path / "two") == files(tmp_path / "one")


@pytest.mark.parametrize(
    "template", ["profile.html", "today.html"], ids=["in a worker", "in the build (heavy)"]
)
def test_a_failure_while_rendering_leaves_the_last_good_site_untouched(
    tmp_path: Path, renderers: Callable[[], set[int]], template: str
) -> None:
    out = tmp_path / "site"
    build_site(out)
    before = files(out)
    book = make_book()
    book.clients["C-001"].phone = "07700 000000"
    # Raised where the page was rendered, a worker or the build itself, and told the same way.
    with pytest.raises(TemplateProblem, match=f'"{template}".*no_such_thing'), \
            failure_recorded(out):
        build_site(out, book, config=broken_templates(tmp_path, template))
    assert files(out) == before
    assert not (out / ".ledgersite" / "staging").exists()
    assert multiprocessing.active_children() == []  # the workers are stopped


def test_workers_render_while_another_thread_runs(
    tmp_path: Path, renderers: Callable[[], set[int]]
) -> None:
    """The watcher keeps threads; spawned workers are safe beside them (forked ones are not)."""
    stop = threading.Event()
    watcher = threading.Thread(target=stop.wait)
    watcher.start()
    try:
        build_site(tmp_path / "site")
    finally:
        stop.set()
        watcher.join()
    assert renderers() - {os.getpid()}


def test_a_worker_that_dies_fails_the_build_instead_of_hanging(
    tmp_path: Path, renderers: Callable[[], set[int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "site"
    build_site(out)
    before = files(out)
    monkeypatch.setenv(PARENT, str(os.getpid()))
    monkeypatch.setattr(render, "Renderer", DyingRenderer)
    book = make_book()
    book.clients["C-001"].phone = "07700 000000"
    with pytest.raises(BrokenProcessPool), failure_recorded(out):
        build_site(out, book)
    assert files(out) == before
    assert not (out / ".ledgersite" / "staging").exists()


def test_a_locked_site_is_sealed_by_the_workers_as_by_one_process(
    tmp_path: Path, renderers: Callable[[], set[int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    key = seal.site_key(tmp_path / "two", "correct horse battery staple")
    build_site(tmp_path / "two", key=key)
    assert renderers() - {os.getpid()}  # the data files are sealed here, the pages there
    monkeypatch.setattr(publish, "PARALLEL_PAGES", 10**9)
    build_site(tmp_path / "one", key=key)
    two = files(tmp_path / "two")
    assert two == files(tmp_path / "one")
    profile = next(path for path in two if path.startswith("clients/"))
    assert b"Maria" not in two[profile] and b"ledgersite-sealed" in two[profile]


def test_a_heavy_page_is_a_chunk_of_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(publish, "CHUNK", 3)
    pages = [Page(f"p{i}.html", "d", heavy=i in (1, 5, 6)) for i in range(9)]
    chunks = [[page.path for page in chunk] for chunk in publish._chunks(pages)]
    assert chunks == [
        ["p1.html"], ["p0.html", "p2.html", "p3.html"], ["p5.html"], ["p6.html"],
        ["p4.html", "p7.html", "p8.html"],
    ]
