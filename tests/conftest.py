"""Small fixtures shared by the test modules; each says what it gives."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from ledgersite.config import Config

#: Debian's Chromium; the browser tests never download a browser of their own.
CHROMIUM = "/usr/bin/chromium"
#: Without the background-networking flags Chromium tries to reach Google's hosts at start.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]

#: The real-world spreadsheet corpus beside the checkout (see its SOURCES.md).
REALWORLD = Path(__file__).resolve().parents[2] / "shared" / "realworld"


@pytest.fixture
def config() -> Config:
    """Give the settings used when there is no ledgersite.toml."""
    return Config()


@pytest.fixture
def realworld() -> Path:
    """Give the real-world corpus folder, failing loudly when it is missing."""
    if not REALWORLD.is_dir():
        pytest.fail(f"The real-world corpus is missing: expected it at {REALWORLD}")
    return REALWORLD


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Give one headless Chromium for the whole session (Playwright allows one per process)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is missing at {CHROMIUM}: apt-get install -y chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
