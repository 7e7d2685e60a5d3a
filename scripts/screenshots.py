"""Refresh the README's screenshots: build the sample book, photograph Today and a profile.

    python scripts/screenshots.py [--today YYYY-MM-DD]

Needs Debian's Chromium at /usr/bin/chromium (as the browser tests do).
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]


def main() -> int:
    """Build the sample site for a day and save docs/today.png and docs/profile.png."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--today", default=dt.date.today().isoformat())  # noqa: DTZ011
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        book, out = Path(tmp) / "book.xlsx", Path(tmp) / "site"
        subprocess.run([sys.executable, str(ROOT / "sample_books/make_sample_book.py"),
                        "--today", args.today, "--out", str(book)], check=True)
        subprocess.run([sys.executable, "-m", "ledgersite", "-q", "build", str(book),
                        "--out", str(out), "--today", args.today], check=True)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1024, "height": 768})
            page.goto((out / "index.html").as_uri())
            page.screenshot(path=str(ROOT / "docs/today.png"))
            page.goto((out / "clients.html").as_uri())
            page.get_by_role("link", name="Maria Reyes").first.click()
            page.screenshot(path=str(ROOT / "docs/profile.png"))
            browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
