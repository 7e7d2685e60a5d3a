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
from ledgersite.serve import HEADERS, make_server
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


def test_a_missing_page_says_so_plainly_and_leads_back_to_clients_and_today(
    browser: Browser, site: Path, url: str
) -> None:
    page = browser.new_page()
    answer = page.goto(url + "clients/c-999.html")  # a bookmarked client who has left
    assert answer is not None and answer.status == 404
    for name, value in HEADERS.items():
        assert answer.headers[name.lower()] == value, name
    assert page.inner_text("h1") == "This page is not in the client book any more"
    shown = page.inner_text("body")
    for technical in ("404", "Error", "error", "File not found", "Message", "c-999"):
        assert technical not in shown, technical
    assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith("system-ui")
    page.get_by_role("link", name="Clients").click()
    page.wait_for_url("**/clients.html")
    page.go_back()
    page.get_by_role("link", name="Today").click()
    page.wait_for_url("**/index.html")
    page.close()


def test_a_session_asks_for_nothing_the_site_does_not_have(
    browser: Browser, site: Path, url: str
) -> None:
    page = browser.new_page()
    failed: list[str] = []
    errors: list[str] = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    for name in ("", "clients.html", "followups.html", "health.html"):
        page.goto(url + name)
        page.wait_for_timeout(300)  # the browser asks for the tab's icon after the page
    assert failed == [] and errors == []
    page.close()
