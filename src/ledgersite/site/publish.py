"""Put a freshly rendered site in place of the old one without ever showing half of either.

Every changed file is first written whole into `OUT/.ledgersite/staging/`; only when all of them
are written are they renamed over the old ones (a rename is atomic, so a reader gets the old file
or the new one, never a mix). Files are swapped in an order that keeps every link working while
it happens: new and changed leaf files (assets, profiles, call sheets) first, then the pages that
link to them, then files of removed clients are deleted. Files whose bytes did not change are not
touched at all, so sync tools and caches stay quiet.

`OUT/.ledgersite/manifest.json` (not part of the site) records, for every file we published, the
digest of what it was made from; `OUT/assets/status.js`, loaded by every page, says when the last
good build ran and whether the latest one failed.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


def _order(path: str) -> int:
    if path.startswith("assets/"):
        return 0
    return 1 if "/" in path or not path.endswith(".html") else 2


def _write_new(path: Path, content: bytes, *, durable: bool = True) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # open() rather than tempfile: the file gets the usual permissions, readable by a web server.
    with path.open("wb") as handle:
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


def _same_bytes(path: Path, content: bytes) -> bool:
    try:
        return path.stat().st_size == len(content) and path.read_bytes() == content
    except OSError:
        return False


def publish(
    out: Path,
    pages: Iterable[Page],
    *,
    render: Callable[[Page], bytes],
    status: dict[str, Any],
) -> Published:
    """Give what changed after making `out` hold exactly `pages` and `status`.

    A page whose digest matches the manifest and whose file exists is neither rendered nor
    touched; `render` makes the bytes of the others. Any error before the swap leaves `out`
    exactly as it was.
    """
    state = out / STATE
    staging = state / "staging"
    shutil.rmtree(staging, ignore_errors=True)
    old = read_manifest(out)["files"]
    files: dict[str, dict[str, str]] = {}
    staged: list[str] = []
    unchanged = 0
    try:
        for page in pages:
            target = out / page.path
            files[page.path] = {"digest": page.digest}
            if old.get(page.path, {}).get("digest") == page.digest and target.is_file():
                unchanged += 1
                continue
            content = page.content if page.content is not None else render(page)
            if _same_bytes(target, content):
                unchanged += 1
                continue
            _write_new(staging / page.path, content, durable=target.exists())
            staged.append(page.path)
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
        json.dumps({"version": 1, "files": files, "status": status}, indent=1).encode(),
        state / "manifest.tmp",
    )
    log.debug("Published %d files, %d unchanged, %d removed.", len(staged), unchanged, len(removed))
    return Published(written=len(staged), unchanged=unchanged, removed=len(removed))


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
    previous = read_manifest(out).get("status") or {}
    failure = {
        "ok": False,
        "failed_at": failed_at.isoformat(),
        "failed_at_text": f"{failed_at:%-d %b %Y at %H:%M}",
        "error": reason,
    }
    write_status(out, {**previous, **failure})
