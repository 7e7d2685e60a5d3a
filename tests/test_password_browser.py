"""A locked site in a real browser (Debian's Chromium through Playwright), from file:// and http.

The key derivation runs at its real strength (600,000 rounds) in the browser too.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page
from playwright.sync_api import Error as PlaywrightError

from ledgersite.config import Config
from ledgersite.pipeline import publish_site
from ledgersite.site import seal
from site_books import READ_AT, make_agenda, make_book

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

PASSWORD = "a long shop password nobody guesses"
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
FEED = b"BEGIN:VCALENDAR\r\nSUMMARY:Maria Reyes's birthday\r\nEND:VCALENDAR\r\n"
#: What must never show before the right password: names, contact details, the store.
SECRETS = ("Maria", "Reyes", "Aisha", "maria.reyes@example.com", "07700 900123", "Bijou")



def build_locked(out: Path, password: str = PASSWORD) -> None:
    book = make_book()
    agenda = make_agenda(book)
    publish_site(book, agenda, agenda.milestones, out, config=Config(), feed=FEED, now=READ_AT,
                 key=seal.site_key(out, password))


@pytest.fixture(scope="module")
def locked_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("locked")
    build_locked(out)
    return out


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def served(locked_site: Path) -> Iterator[str]:
    handler = functools.partial(QuietHandler, directory=str(locked_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def new_context(browser: Browser, errors: list[str], **options: Any) -> BrowserContext:
    context = browser.new_context(viewport={"width": 1024, "height": 768}, **options)

    def route(route: Any) -> None:
        url = urlsplit(route.request.url)
        if url.scheme in ("file", "data", "blob") or url.hostname == "127.0.0.1":
            route.continue_()
        else:
            errors.append(f"request to another host: {route.request.url}")
            route.abort()

    context.route("**/*", route)
    context.on("page", lambda page: page.on("pageerror", lambda e: errors.append(str(e))))
    return context


def unlock(page: Page, password: str) -> None:
    page.fill("#unlock-password", password)
    page.click("#unlock button[type=submit]")


#: The page as the browser holds it, without the ciphertext (where any word may turn up by chance).
WITHOUT_CIPHERTEXT = """() => {
  const sealed = document.getElementById('ledgersite-sealed');
  const html = document.documentElement.outerHTML;
  return sealed ? html.replace(sealed.textContent, '') : html;
}"""


def assert_shows_nothing(page: Page) -> None:
    text = page.inner_text("body") + page.title() + page.evaluate(WITHOUT_CIPHERTEXT)
    for secret in SECRETS:
        assert secret not in text


def test_locked_site_shows_nothing_but_the_password_box(
    browser: Browser, locked_site: Path
) -> None:
    errors: list[str] = []
    page = new_context(browser, errors).new_page()
    for name in ("index.html", "clients.html", "calendar.html", "health.html"):
        page.goto((locked_site / name).as_uri())
        page.wait_for_selector("#unlock-password:visible")
        assert page.title() == "Client book — locked"
        assert_shows_nothing(page)
    page.goto(next((locked_site / "clients").glob("*.html")).as_uri())
    page.wait_for_selector("#unlock-password:visible")
    assert_shows_nothing(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "locked-page.png"))
    assert errors == []
    page.context.close()


@pytest.mark.parametrize("where", ["file", "http"])
def test_right_password_opens_the_page_and_the_next_pages_without_asking_again(
    browser: Browser, locked_site: Path, served: str, where: str
) -> None:
    errors: list[str] = []
    page = new_context(browser, errors).new_page()
    base = locked_site.as_uri() if where == "file" else served
    page.goto(f"{base}/index.html")
    unlock(page, PASSWORD)
    page.wait_for_selector("nav")
    assert page.title() == "Today · Bijou Jewellers"
    assert "Maria Reyes" in page.inner_text("main")
    page.click("nav >> text=Clients")
    page.wait_for_selector("#client-list")
    assert page.title() == "Clients · Bijou Jewellers"
    # The search data was sealed too, and opened with the page.
    page.fill("#q", "aisha")
    page.wait_for_function("document.querySelectorAll('#client-list > li:not([hidden])')"
                           ".length === 1")
    page.click("#client-list > li:not([hidden]) a")
    page.wait_for_selector("h1:has-text('Aisha')")
    assert page.locator("#unlock-password").count() == 0
    page.go_back()
    page.wait_for_selector("#client-list")
    # Coming back finds the search as it was, on a locked site too.
    assert page.input_value("#q") == "aisha"
    assert page.locator("#client-list > li").count() == 1
    assert errors == []
    page.context.close()


def test_wrong_password_says_so_and_shows_nothing(browser: Browser, locked_site: Path) -> None:
    errors: list[str] = []
    page = new_context(browser, errors).new_page()
    page.goto((locked_site / "index.html").as_uri())
    unlock(page, PASSWORD.upper())
    page.wait_for_selector("#unlock-message:visible")
    assert "did not open the client book" in page.inner_text("#unlock-message")
    assert page.is_visible("#unlock-password")
    assert_shows_nothing(page)
    page.goto((locked_site / "clients.html").as_uri())
    page.wait_for_selector("#unlock-password:visible")  # nothing was remembered
    assert_shows_nothing(page)
    assert errors == []
    page.context.close()


def test_without_javascript_only_a_line_saying_so_shows(
    browser: Browser, locked_site: Path
) -> None:
    errors: list[str] = []
    page = new_context(browser, errors, java_script_enabled=False).new_page()
    page.goto((locked_site / "index.html").as_uri())
    text = page.inner_text("body")
    assert "needs JavaScript to unlock" in text
    assert "Password" not in text
    assert_shows_nothing(page)
    page.context.close()


def test_calendar_feed_and_call_sheet_download_after_unlocking(
    browser: Browser, locked_site: Path
) -> None:
    errors: list[str] = []
    page = new_context(browser, errors, accept_downloads=True).new_page()
    page.goto((locked_site / "calendar.html").as_uri())
    unlock(page, PASSWORD)
    page.wait_for_selector("a[href='calendar.ics']")
    with page.expect_download() as download:
        page.click("a[href='calendar.ics']")
    assert download.value.suggested_filename == "calendar.ics"
    assert Path(download.value.path()).read_bytes() == FEED
    page.goto(next((locked_site / "calls").glob("*.html")).as_uri())
    page.wait_for_selector("a[download]")
    with page.expect_download() as download:
        page.click("a[download]")
    assert download.value.suggested_filename.endswith(".csv")
    assert Path(download.value.path()).read_bytes().startswith("\ufeffDue,Client".encode())
    assert errors == []
    page.context.close()


def test_a_new_password_is_asked_for_after_the_site_is_rebuilt_with_it(
    browser: Browser, tmp_path: Path
) -> None:
    build_locked(tmp_path)
    errors: list[str] = []
    page = new_context(browser, errors).new_page()
    page.goto((tmp_path / "index.html").as_uri())
    unlock(page, PASSWORD)
    page.wait_for_selector("nav")
    build_locked(tmp_path, "another long password entirely")
    page.goto((tmp_path / "health.html").as_uri())
    page.wait_for_selector("#unlock-password:visible")
    assert_shows_nothing(page)
    unlock(page, PASSWORD)
    page.wait_for_selector("#unlock-message:visible")
    unlock(page, "another long password entirely")
    page.wait_for_selector("nav")
    assert page.title() == "Book health · Bijou Jewellers"
    assert errors == []
    page.context.close()


def test_with_ledgersite_serve_the_opened_page_reloads_after_a_rebuild_still_open(
    browser: Browser, tmp_path: Path
) -> None:
    from ledgersite.serve import make_server

    build_locked(tmp_path)
    server = make_server(tmp_path, port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    errors: list[str] = []
    page = new_context(browser, errors).new_page()
    try:
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/index.html")
        unlock(page, PASSWORD)
        page.wait_for_selector("nav")
        page.click("nav >> text=Clients")  # opened with the remembered key, no typing
        page.wait_for_selector("#client-list")
        page.evaluate("window.beforeRebuild = true")
        (tmp_path / ".ledgersite" / "manifest.json").unlink()
        build_locked(tmp_path)
        # Polled from here: the server's CSP header forbids Playwright's in-page waiting.
        for _ in range(100):
            page.wait_for_timeout(100)
            if reloaded(page):
                break
        page.wait_for_selector("#client-list")
        assert page.evaluate("window.beforeRebuild") is None
        assert page.title() == "Clients · Bijou Jewellers"
    finally:
        server.shutdown()
        server.server_close()
    assert errors == []
    page.context.close()


def reloaded(page: Page) -> bool:
    try:
        return bool(page.evaluate("window.beforeRebuild === undefined"))
    except PlaywrightError:  # the page is being replaced just now
        return False
