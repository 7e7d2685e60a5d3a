"""Whether a site is already built from exactly this book: the rebuild that reads nothing.

After each good build, `OUT/.ledgersite/fresh.json` records the source's stamp (size, time and
SHA-256 of each file) and everything else a page depends on: the day, the program's version,
the templates and stylesheet, the settings file. When all of it is the same, the site in `OUT`
is what a build would make, so the build stops there, before loading any of the heavy parts.

Google Sheets have no stamp here (the watcher asks Google for the sheet's revision instead), and
locked sites are always rebuilt.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from ledgersite import __version__
from ledgersite.config import Config
from ledgersite.errors import LedgersiteError
from ledgersite.site.theme import templates_fingerprint

RECORD = ".ledgersite/fresh.json"


def source_stamp(location: str | Path) -> list[list[Any]] | None:
    """Give [name, size, time, SHA-256] of the book's file (or of each file in its folder).

    None when there is nothing local to stamp (a Google Sheet, a missing file).
    """
    path = Path(location).expanduser()
    try:
        if path.is_dir():
            files = sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
        elif path.is_file():
            files = [path]
        else:
            return None
        return [_file_stamp(p) for p in files]
    except OSError:
        return None


def _file_stamp(path: Path) -> list[Any]:
    info = path.stat()
    with path.open("rb") as handle:
        digest = hashlib.file_digest(handle, "sha256").hexdigest()
    return [path.name, info.st_size, info.st_mtime_ns, digest]


def _context(location: str | Path, config: Config, fingerprint: str, today: dt.date) -> str:
    """Give a digest of everything besides the book that a build depends on."""
    parts = [__version__, str(Path(location).expanduser().resolve()), repr(config), fingerprint,
             today.isoformat()]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def remember(
    out: Path, stamp: list[list[Any]] | None, *, location: str | Path, config: Config,
    fingerprint: str, today: dt.date, time_zone: str,
) -> None:
    """Record that the site in `out` is built from the book with `stamp`, on `today`.

    `stamp` and `fingerprint` (`site.theme.templates_fingerprint`) are taken before the build
    reads anything, so a change saved while it runs is seen by the next build.
    """
    if stamp is None:
        return
    record = {"source": stamp, "context": _context(location, config, fingerprint, today),
              "time_zone": time_zone}
    path = out / RECORD
    scratch = path.with_suffix(".tmp")
    scratch.write_text(json.dumps(record), encoding="utf-8")
    os.replace(scratch, path)


def forget(out: Path) -> None:
    """Drop the record, so the next build of `out` runs whole (done by every publish and
    every recorded failure, whoever makes them: the build, the watcher)."""
    (out / RECORD).unlink(missing_ok=True)


def up_to_date(out: Path, location: str | Path, *, config: Config, today: dt.date | None) -> bool:
    """Give whether the open site in `out` is already built from this book for `today`.

    Without `today`, the day is taken in the time zone the book gave at the last build.
    """
    try:
        record = json.loads((out / RECORD).read_text(encoding="utf-8"))
        if today is None:
            from ledgersite.commands import store_now

            today = store_now(record["time_zone"]).date()
        manifest = out / ".ledgersite" / "manifest.json"
        site_there = (out / "index.html").is_file() and manifest.is_file()
        locked = (out / ".ledgersite/password.json").exists()
        return (
            site_there
            and not locked
            and record["context"]
            == _context(location, config, templates_fingerprint(config), today)
            and record["source"] == source_stamp(location)
        )
    except (OSError, ValueError, KeyError, TypeError, LedgersiteError):
        return False
