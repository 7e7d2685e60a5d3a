"""In a real browser: a page served by `ledgersite serve` reloads itself after a rebuild."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from ledgersite.errors import BookNotFound
from ledgersite.pipeline import failure_recorded
from ledgersite.serve import make_server
from site_books import build_site, make_book

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]




@pytest.fixture
def site(tmp_path: Path) -> Path:
    out = tmp_path / "site"
    build_site(out, make_book())
    return out


@pytest.fixture
def url(site: Path) -> Iterator[str]:
    server = make_server(site, port=0)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_open_page_reloads_after_a_rebuild_without_breaking_the_policy(
    browser: Browser, site: Path, url: str
) -> None:
    page = browser.new_page()
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if "Refused" in m.text else None)
    page.goto(url + "clients.html")
    page.evaluate("window.__before_rebuild = true")
    assert "Maria" in page.inner_text("main")
    started = time.monotonic()
    build_site(site, make_book(" Renamed"))
    page.wait_for_function("() => !window.__before_rebuild", timeout=5000)
    seconds = time.monotonic() - started
    assert "Maria Renamed" in page.inner_text("main")
    assert seconds < 3
    assert refused == []
    page.close()


def test_a_failed_rebuild_shows_its_banner_after_the_reload(
    browser: Browser, site: Path, url: str
) -> None:
    page = browser.new_page()
    page.goto(url)
    assert page.is_hidden("#banner-failed")
    with pytest.raises(BookNotFound), failure_recorded(site):
        raise BookNotFound("There is no file called book.xlsx in the folder Shop.")
    page.wait_for_selector("#banner-failed", state="visible", timeout=5000)
    assert "book.xlsx" in page.inner_text("#banner-failed")
    page.close()


def test_waits_to_reload_while_someone_is_typing_a_search(
    browser: Browser, site: Path, url: str
) -> None:
    page = browser.new_page()
    page.goto(url + "clients.html")
    page.evaluate("window.__before_rebuild = true")
    page.fill("#q", "mar")
    build_site(site, make_book(" Renamed"))
    time.sleep(2.2)  # two looks at the build have seen the change
    assert page.evaluate("window.__before_rebuild === true")
    page.evaluate("document.activeElement.blur()")
    page.wait_for_function("() => !window.__before_rebuild", timeout=5000)
    page.close()
