"""Put a freshly rendered site in place of the old one without ever showing half of either.

Every changed file is first written whole into `OUT/.ledgersite/staging/`; only when all of them
are written are they renamed over the old ones (a rename is atomic, so a reader gets the old file
or the new one, never a mix). Files are swapped in an order that keeps every link working while
it happens: assets first, then profiles and data files, then the pages that list them (call
sheets, whole groups of follow-ups, busy days of the Calendar), then the Calendar's months, then
the tabs' pages; files of removed clients are deleted last. Files whose bytes did not change
are not touched at all, so sync tools and caches stay quiet.

`OUT/.ledgersite/manifest.json` (not part of the site) records, for every file we published, the
digest of what it was made from; `OUT/assets/status.js`, loaded by every page, says when the last
good build ran and whether the latest one failed.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import multiprocessing
import os
import re
import shutil
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ledgersite import freshness
from ledgersite.site.render import Page

log = logging.getLogger(__name__)

STATE = ".ledgersite"
MANIFEST = "manifest.json"
STATUS = "assets/status.js"


@dataclass
class Published:
    """What a publish did: files written, files left as they were, files removed."""

    written: int
    unchanged: int
    removed: int


def read_manifest(out: Path) -> dict[str, Any]:
    """Give the manifest of the site in `out`, or an empty one when there is none (or it is bad)."""
    try:
        data = json.loads((out / STATE / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"files": {}, "status": None}
    if not isinstance(data, dict) or not isinstance(data.get("files"), dict):
        return {"files": {}, "status": None}
    return data


#: A Calendar month's page, which links the pages of its busy days (in the same folder).
_MONTH_PAGE = re.compile(r"calendar/\d{4}-\d{2}\.html")


def _order(path: str) -> int:
    """Give when `path` is swapped in: after the files it links to (pages that link each other,
    such as partners' profiles or a month and the next, cannot all be)."""
    if path.startswith("assets/"):
        return 0
    if path.startswith("clients/") or not path.endswith(".html"):
        return 1  # profiles and data files (call sheets' CSV, the calendar file)
    if _MONTH_PAGE.fullmatch(path):
        return 3
    return 2 if "/" in path else 4  # call sheets, whole groups, busy days; then the tabs


def _write_new(path: str | Path, content: bytes, *, durable: bool = True) -> None:
    # os rather than pathlib, here and below: done for every page of a big site.
    os.makedirs(os.path.dirname(path), exist_ok=True)
    # open() rather than tempfile: the file gets the usual permissions, readable by a web server.
    with open(path, "wb") as handle:
        handle.write(content)
        if durable:
            # Replacing a good file: make sure the new bytes are on disk before the rename, so a
            # power cut cannot leave an empty page where a good one was.
            handle.flush()
            os.fsync(handle.fileno())


def _replace(target: Path, content: bytes, scratch: Path) -> None:
    _write_new(scratch, content)
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(scratch, target)


def _same_bytes(path: str, content: bytes) -> bool:
    try:
        if os.stat(path).st_size != len(content):
            return False
        with open(path, "rb") as handle:
            return handle.read() == content
    except OSError:
        return False


def publish(
    out: Path,
    pages: list[Page],
    *,
    render: Callable[[Page], bytes],
    status: dict[str, Any],
    progress: Callable[[int, int], None] | None = None,
) -> Published:
    """Give what changed after making `out` hold exactly `pages` and `status`.

    A page whose digest matches the manifest and whose file exists is neither rendered nor
    touched; `render` makes the bytes of the others, in two worker processes when there are
    many (so it must pickle: `render.Renderer`, `seal.LockedRenderer`).
    Any error before the swap leaves `out` exactly as it was.
    """
    state = out / STATE
    staging = state / "staging"
    freshness.forget(out)  # whatever this publishes, the build that recorded it is over
    shutil.rmtree(staging, ignore_errors=True)
    old = read_manifest(out)["files"]
    files = {page.path: {"digest": page.digest} for page in pages}
    job = _Job(out, pages, old, _Stager(out, staging, render), progress)
    try:
        staged = job.stage_all()
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    for path in sorted(staged, key=_order):
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging / path, target)
    removed = [path for path in old if path not in files]
    for path in removed:
        (out / path).unlink(missing_ok=True)
    shutil.rmtree(staging, ignore_errors=True)
    write_status(out, status)
    _replace(
        state / MANIFEST,
        json.dumps({"version": 1, "files": files, "status": status}).encode(),  # C encoder: quick
        state / "manifest.tmp",
    )
    unchanged = len(pages) - len(staged)
    log.debug("Published %d files, %d unchanged, %d removed.", len(staged), unchanged, len(removed))
    return Published(written=len(staged), unchanged=unchanged, removed=len(removed))


#: Below this many pages to render, one process is quicker than starting two more.
PARALLEL_PAGES = 1500
#: How many pages a render worker is sent at a time.
CHUNK = 250
#: How many chunks may wait for a worker at once: enough to keep both busy, few enough that
#: the pages' contexts (made here, before sending) never pile up in memory.
IN_FLIGHT = 4


@dataclass
class _Stager:
    """Renders pages and writes those whose bytes changed into `staging`; sent to workers."""

    out: Path
    staging: Path
    render: Callable[[Page], bytes]

    def stage(self, page: Page) -> bool:
        """Stage `page` if its bytes differ from the published file; tell whether it did."""
        content = page.content if page.content is not None else self.render(page)
        target = os.path.join(self.out, page.path)
        if _same_bytes(target, content):
            return False
        staged = os.path.join(self.staging, page.path)
        _write_new(staged, content, durable=os.path.exists(target))
        return True

    def stage_some(self, todo: list[Page]) -> list[str]:
        """Stage the pages of `todo` whose bytes changed; give their paths."""
        return [page.path for page in todo if self.stage(page)]


@dataclass
class _Job:
    """Staging the changed pages of one publish: rendered and written to `staging`."""

    out: Path
    pages: list[Page]
    old: dict[str, Any]
    stager: _Stager
    progress: Callable[[int, int], None] | None

    def stale(self, page: Page) -> bool:
        """Tell whether `page` must be rendered: new digest, or its file is gone."""
        same = self.old.get(page.path, {}).get("digest") == page.digest
        # os.path rather than pathlib: asked for every page of the site on every build.
        return not (same and os.path.isfile(os.path.join(self.out, page.path)))

    def stage_all(self) -> list[str]:
        """Stage every stale page, with two worker processes when there are many to render."""
        todo = [page for page in self.pages if self.stale(page)]
        done, total = len(self.pages) - len(todo), len(self.pages)
        chunks = list(_chunks(todo))
        parallel = len(todo) >= PARALLEL_PAGES and (os.cpu_count() or 1) > 1
        staged: list[str] = []
        for chunk, paths in self._staged(chunks) if parallel else self._staged_here(chunks):
            staged += paths
            done += len(chunk)
            if self.progress is not None:
                self.progress(done, total)
        return staged

    def _staged_here(self, chunks: list[list[Page]]) -> Iterator[tuple[list[Page], list[str]]]:
        for chunk in chunks:
            yield chunk, self.stager.stage_some(chunk)
            _release(chunk)

    def _staged(self, chunks: list[list[Page]]) -> Iterator[tuple[list[Page], list[str]]]:
        """Give each chunk with the paths staged from it, by two worker processes and this one.

        The workers are fresh interpreters (spawned, not forked): they share no memory with
        this big process, and starting them is safe while other threads (the watcher's) run.
        Each chunk goes with its contexts made here, so a worker needs nothing but the pages.
        Heavy pages, whose data is here already, are rendered here while the workers start and
        whenever they have enough to do. A worker that dies (say, out of memory) breaks the
        pool with an error; it does not leave the build waiting for ever with the build lock held.
        """
        mine = [chunk for chunk in chunks if chunk[0].heavy]
        theirs = [chunk for chunk in chunks if not chunk[0].heavy]
        spawn = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(
            max_workers=2, mp_context=spawn, initializer=_install, initargs=(self.stager,)
        ) as pool:
            waiting: dict[Future[list[str]], list[Page]] = {}
            try:
                for chunk in theirs:
                    while len(waiting) >= IN_FLIGHT:
                        if mine and not any(future.done() for future in waiting):
                            yield from self._staged_here([mine.pop(0)])
                        else:
                            yield from _finished(waiting)
                    waiting[pool.submit(_stage_chunk, [page.ready() for page in chunk])] = chunk
                    _release(chunk)
                yield from self._staged_here(mine)
                while waiting:
                    yield from _finished(waiting)
            except BaseException:
                pool.shutdown(cancel_futures=True)  # the chunks still waiting are not wanted
                raise


def _release(pages: list[Page]) -> None:
    for page in pages:
        page.release()


def _chunks(pages: list[Page]) -> Iterator[list[Page]]:
    """Give the pages in chunks of CHUNK, each heavy page in a chunk of its own."""
    chunk: list[Page] = []
    for page in pages:
        if page.heavy:
            yield [page]
            continue
        chunk.append(page)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _finished(
    waiting: dict[Future[list[str]], list[Page]],
) -> Iterator[tuple[list[Page], list[str]]]:
    """Wait for at least one chunk; give (and forget) every chunk that is done."""
    done, _ = wait(waiting, return_when=FIRST_COMPLETED)
    for future in done:
        yield waiting.pop(future), future.result()


#: A render worker's stager, set once when the worker starts.
_STAGER: _Stager | None = None


def _install(stager: _Stager) -> None:
    global _STAGER
    _STAGER = stager


def _stage_chunk(pages: list[Page]) -> list[str]:
    assert _STAGER is not None
    return _STAGER.stage_some(pages)


def write_status(out: Path, status: dict[str, Any]) -> None:
    """Write `assets/status.js`, the one file every page reads to show banners and the footer."""
    text = "window.LEDGERSITE_STATUS = " + json.dumps(status, ensure_ascii=True) + ";\n"
    _replace(out / STATUS, text.encode(), out / STATE / "status.tmp")


def good_status(
    *, built_at: dt.datetime, read_at: dt.datetime, origin: str, errors: int
) -> dict[str, Any]:
    """Give the status of a successful build (`errors`: problems in the book to fix)."""
    return {
        "ok": True,
        "built_at": built_at.isoformat(),
        "read_at": read_at.isoformat(),
        "read_at_text": f"{read_at:%-d %b %Y at %H:%M}",
        "origin": origin,
        "errors": errors,
    }


def record_failure(out: Path, *, failed_at: dt.datetime, reason: str) -> None:
    """Mark the site in `out` as stale because a rebuild failed; its pages stay as they were."""
    freshness.forget(out)  # the next build must clear the failure, so it cannot be skipped
    previous = read_manifest(out).get("status") or {}
    failure = {
        "ok": False,
        "failed_at": failed_at.isoformat(),
        "failed_at_text": f"{failed_at:%-d %b %Y at %H:%M}",
        "error": reason,
    }
    write_status(out, {**previous, **failure})
