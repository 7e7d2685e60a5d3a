"""The site in a real browser (Debian's Chromium through Playwright), at both tablet sizes.

One browser for the whole session. The site under test has a script payload in every text
field and hostile client IDs, so every check below also proves that nothing staff type runs.
Screenshots of Today and of a profile land in test-artifacts/ for people to look at.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import http.server
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import Browser, Page

from ledgersite.agenda.model import Milestone
from ledgersite.config import Config
from ledgersite.errors import BookNotFound
from ledgersite.pipeline import failure_recorded
from ledgersite.site.theme import TEMPLATES
from site_books import XSS, build_site, busy_agenda, busy_day, crowd, make_book

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

TABLETS = [(1024, 768), (820, 1180)]
PHONE = (390, 844)
#: A tablet either way up and a phone, as staff hold them.
EVERY_WAY = [(1024, 768), (768, 1024), PHONE]
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"

TAP_TARGETS = """() => {
  const small = [];
  for (const el of document.querySelectorAll('a[href], button, input, select, summary')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.right <= 0) continue;  // not shown, or skip link
    if (r.width < 44 || r.height < 44) small.push(`${el.outerHTML.slice(0, 80)} ${r.width}`);
  }
  return small;
}"""


ACCESSIBILITY = """() => {
  const issues = [];
  if (document.querySelectorAll('h1').length !== 1) issues.push('not exactly one h1');
  for (const tag of ['header', 'nav', 'main', 'footer'])
    if (!document.querySelector(tag)) issues.push('no ' + tag);
  for (const el of document.querySelectorAll('input, select'))
    if (!el.labels || el.labels.length === 0) issues.push('unlabelled ' + el.id);
  for (const svg of document.querySelectorAll('svg'))
    if (svg.getAttribute('aria-hidden') !== 'true') issues.push('svg not hidden from readers');
  if (!document.documentElement.lang) issues.push('no lang');
  return issues;
}"""



@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("hostile")
    build_site(out, make_book(XSS, hostile_ids=True), now=dt.datetime.now(dt.UTC))
    return out


@dataclass
class Watch:
    """Everything a page did that it should not: errors, dialogs, requests to other hosts."""

    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)


def open_page(
    browser: Browser, size: tuple[int, int], *, touch: bool = False
) -> tuple[Page, Watch]:
    context = browser.new_context(viewport={"width": size[0], "height": size[1]},
                                  has_touch=touch, is_mobile=touch)
    watch = Watch()

    def route(route: Any) -> None:
        url = urlsplit(route.request.url)
        if url.scheme in ("file", "data") or url.hostname == "127.0.0.1":
            route.continue_()
        else:
            watch.foreign.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda m: watch.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: watch.errors.append(str(e)))
    page.on("dialog", lambda d: (watch.dialogs.append(d.message), d.dismiss()))
    return page, watch


def site_pages(out: Path) -> list[Path]:
    pages = [out / n for n in ("index.html", "followups.html", "clients.html", "calendar.html",
                               "health.html")]
    return pages + [
        page for folder in ("calls", "calendar", "clients")
        for page in sorted((out / folder).glob("*.html"))
    ]


@pytest.mark.parametrize("size", TABLETS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_page_fits_works_and_runs_nothing_staff_typed(
    browser: Browser, hostile_site: Path, size: tuple[int, int]
) -> None:
    page, watch = open_page(browser, size)
    for path in site_pages(hostile_site):
        page.goto(path.as_uri())
        where = f"{path.relative_to(hostile_site)} at {size}"
        assert page.evaluate("document.scrollingElement.scrollWidth <= innerWidth"), where
        assert page.evaluate(TAP_TARGETS) == [], where
        assert page.evaluate(ACCESSIBILITY) == [], where
        assert page.evaluate("window.__pwned") is None, where
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            parts = urlsplit(href)
            if parts.scheme == "file":
                assert Path(unquote(parts.path)).is_file(), (where, href)
        assert page.locator("#banner-stale").is_hidden(), where
        assert page.inner_text('nav [data-status="errors"]') == "1", where
    assert watch.errors == []
    assert watch.dialogs == []
    assert watch.foreign == []
    page.context.close()


@pytest.fixture(scope="module")
def year_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site whose Calendar has one milestone in each of the twelve months from June 2026."""
    out = tmp_path_factory.mktemp("year")
    book = make_book(XSS, hostile_ids=True)
    maria = next(iter(book.clients.values()))
    calendar = [
        Milestone(dt.date(2026 + (5 + i) // 12, (5 + i) % 12 + 1, 9), maria.id, maria.name,
                  "date", f"Occasion {i + 1}{XSS}", None, 14)
        for i in range(12)
    ]
    build_site(out, book, calendar=calendar, now=dt.datetime.now(dt.UTC))
    return out


@pytest.mark.parametrize("size", TABLETS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_tapping_a_month_on_the_calendar_opens_its_page_and_its_neighbours(
    browser: Browser, year_site: Path, size: tuple[int, int]
) -> None:
    page, watch = open_page(browser, size)
    page.goto((year_site / "calendar.html").as_uri())
    months = page.locator("nav.months a")
    assert months.count() == 12
    assert page.inner_text("nav.months a[aria-current=page]") == "June 2026 · 1"
    page.click("nav.months >> text=September 2026 · 1")
    page.wait_for_url("**/calendar/2026-09.html")
    assert page.inner_text("nav.months a[aria-current=page]") == "September 2026 · 1"
    assert page.inner_text("main h2").startswith("September 2026")
    assert page.inner_text("main .calendar").count("Occasion 4") == 1
    assert page.get_attribute('nav.nav a[aria-current="page"]', "href") == "../calendar.html"
    for check in (TAP_TARGETS, ACCESSIBILITY):
        assert page.evaluate(check) == [], check
    page.click("text=next month ›")
    page.wait_for_url("**/calendar/2026-10.html")
    page.click("text=‹ previous month")
    page.wait_for_url("**/calendar/2026-09.html")
    for width in (size[0], 360):  # the months wrap rather than widen the page
        page.set_viewport_size({"width": width, "height": size[1]})
        assert page.evaluate("document.scrollingElement.scrollWidth <= innerWidth"), width
        rows = months.evaluate_all("els => new Set(els.map(e => e.offsetTop)).size")
        assert rows > 1, width
    assert page.evaluate("window.__pwned") is None
    assert watch.errors == [] and watch.dialogs == [] and watch.foreign == []
    page.context.close()


@pytest.mark.parametrize("size", TABLETS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_busy_day_on_the_calendar_opens_a_page_with_all_of_it_and_leads_back(
    browser: Browser, tmp_path: Path, size: tuple[int, int]
) -> None:
    book = crowd(make_book(XSS, hostile_ids=True), 40, XSS)
    build_site(tmp_path, book, calendar=busy_day(book, dt.date(2026, 6, 9), 40),
               now=dt.datetime.now(dt.UTC))
    page, watch = open_page(browser, size)
    page.goto((tmp_path / "calendar.html").as_uri())
    assert page.locator("main .calendar > li:not(.day-more)").count() == 25
    assert page.evaluate(TAP_TARGETS) == []
    page.click("text=All 40 on Tuesday 9 June ›")
    page.wait_for_url("**/calendar/2026-06-09.html")
    assert page.inner_text("h1").startswith("Tuesday 9 June 2026")
    entries = page.locator("main .calendar > li")
    assert entries.count() == 40
    assert "Client 0040" in entries.last.inner_text()
    assert page.get_attribute('nav.nav a[aria-current="page"]', "href") == "../calendar.html"
    for check in (TAP_TARGETS, ACCESSIBILITY):
        assert page.evaluate(check) == [], check
    page.click("text=Client 0040")
    page.wait_for_url("**/clients/*.html")
    page.go_back()
    page.click("text=‹ June 2026")
    page.wait_for_url("**/calendar/2026-06.html")
    assert page.inner_text("main h2").startswith("June 2026")
    assert page.evaluate("window.__pwned") is None
    assert watch.errors == [] and watch.dialogs == [] and watch.foreign == []
    page.context.close()


def test_search_and_filters_narrow_the_client_list_instantly(
    browser: Browser, hostile_site: Path
) -> None:
    page, watch = open_page(browser, TABLETS[0])
    page.goto((hostile_site / "clients.html").as_uri())
    visible = page.locator("#client-list > li:visible")
    assert visible.count() == 5
    page.fill("#q", "novak")
    assert visible.count() == 1 and "Priya" in visible.inner_text()
    page.fill("#q", "900456")  # part of Tom's phone number
    assert visible.count() == 1 and "Tom" in visible.inner_text()
    page.fill("#q", "")
    page.select_option("#associate", label=f"Marcus{XSS}")
    assert visible.count() == 2
    page.select_option("#tag", label="bridal")
    assert visible.count() == 0 and page.locator("#no-match").is_visible()
    page.select_option("#associate", value="")
    assert visible.count() == 2 and page.inner_text("#shown") == "2"
    assert watch.errors == [] and watch.dialogs == []
    page.context.close()


ROWS = "els => els.map(e => e.outerHTML.replace(/\\s+/g, ' ').replace(/> </g, '><'))"


def test_a_long_client_list_opens_with_a_page_shows_more_and_searches_everyone(
    browser: Browser, tmp_path: Path
) -> None:
    build_site(tmp_path, crowd(make_book(XSS, hostile_ids=True), 450, XSS),
               now=dt.datetime.now(dt.UTC))
    clients = (tmp_path / "clients.html").as_uri()
    # Without the script, the page's own first 200, and a line saying so.
    still = browser.new_context(java_script_enabled=False).new_page()
    still.goto(clients)
    served = still.locator("#client-list > li").evaluate_all(ROWS)
    assert len(served) == 200 and still.locator("#show-more").is_hidden()
    assert still.inner_text("#not-shown") == "The first 200 of 455 clients, by last name."
    still.context.close()
    page, watch = open_page(browser, TABLETS[1])
    page.goto(clients)
    rows = page.locator("#client-list > li")
    more = page.locator("#show-more")
    assert rows.evaluate_all(ROWS) == served  # the script lists them just as the page does
    assert page.inner_text("#shown") == "455"
    assert "255 more by last name" in page.inner_text("#not-shown") and more.is_visible()
    assert page.evaluate(TAP_TARGETS) == []
    more.click()
    assert rows.count() == 400 and "55 more" in page.inner_text("#not-shown")
    focused = page.evaluate("document.activeElement.innerText")
    assert focused.startswith(f"Client 0196{XSS}")  # the first one just listed
    more.click()
    assert rows.count() == 455 and more.is_hidden()
    assert rows.nth(454).inner_text().startswith(f"Client 0450{XSS} Zed0450{XSS}")
    page.fill("#q", "zed0420")  # far beyond the first page
    assert rows.count() == 1 and page.inner_text("#shown") == "1" and more.is_hidden()
    assert "01632 960420" in rows.inner_text() and "Marcus" in rows.inner_text()
    rows.locator("a").click()
    page.wait_for_url("**/clients/z-0420*.html")
    assert "Client 0420" in page.inner_text("h1")
    page.go_back()
    page.fill("#q", "")
    page.select_option("#associate", label="Marcus")
    assert rows.count() == 150 and page.inner_text("#shown") == "150" and more.is_hidden()
    page.select_option("#associate", value="")
    page.fill("#q", "client")
    assert rows.count() == 200 and page.inner_text("#not-shown") == "250 more."
    page.fill("#q", "nobody by this name")
    assert rows.count() == 0 and page.locator("#no-match").is_visible() and more.is_hidden()
    assert page.evaluate("window.__pwned") is None
    assert watch.errors == [] and watch.dialogs == [] and watch.foreign == []
    page.context.close()


ON_SCREEN = """el => { const r = el.getBoundingClientRect();
                      return r.top >= 0 && r.bottom <= innerHeight; }"""


def test_coming_back_from_a_profile_finds_the_client_list_as_it_was(
    browser: Browser, tmp_path: Path
) -> None:
    build_site(tmp_path, crowd(make_book(XSS, hostile_ids=True), 450, XSS),
               now=dt.datetime.now(dt.UTC))
    page, watch = open_page(browser, TABLETS[0])
    page.goto((tmp_path / "clients.html").as_uri())
    rows = page.locator("#client-list > li")
    page.click("#show-more")
    assert rows.count() == 400
    page.click(f"text=Client 0350{XSS}")
    page.wait_for_url("**/clients/z-0350*.html")
    page.go_back()
    page.wait_for_load_state()
    assert rows.count() == 400 and "55 more" in page.inner_text("#not-shown")
    assert page.locator(f"text=Client 0350{XSS}").evaluate(ON_SCREEN)  # back where it was
    # Typed, then a pause, then away by the tabs: the search is kept for coming back too;
    # once, not at every key (browsers refuse a quick run of history changes).
    page.evaluate("""() => { const real = history.replaceState.bind(history);
        window.saves = 0; history.replaceState = (...a) => { window.saves++; real(...a); }; }""")
    page.locator("#q").press_sequentially("zed04", delay=50)
    page.wait_for_timeout(600)
    assert page.evaluate("window.saves") == 1
    page.select_option("#tag", label="regular")
    assert rows.count() == 17 and page.inner_text("#shown") == "17"
    page.wait_for_timeout(600)
    page.click('nav.nav a[href="index.html"]')
    page.wait_for_url("**/index.html")
    page.go_back()
    page.wait_for_load_state()
    assert page.input_value("#q") == "zed04" and page.input_value("#tag") == "regular"
    assert rows.count() == 17 and page.inner_text("#shown") == "17"
    # Typed and straight on to a profile, or to another tab: kept as well.
    page.select_option("#associate", label="Marcus")
    page.fill("#q", "zed045")
    rows.first.locator("a").click()
    page.wait_for_url("**/clients/z-0450*.html")
    page.go_back()
    page.wait_for_load_state()
    assert page.input_value("#q") == "zed045" and page.input_value("#associate") == "Marcus"
    assert rows.count() == 1
    page.fill("#q", "zed04")
    page.click('nav.nav a[href="index.html"]')
    page.wait_for_url("**/index.html")
    page.go_back()
    page.wait_for_load_state()
    assert page.input_value("#q") == "zed04" and rows.count() == 17
    page.click('nav.nav a[href="clients.html"]')  # a new visit starts afresh
    page.wait_for_load_state()
    assert page.input_value("#q") == "" and rows.count() == 200
    page.fill("#q", "zed04")
    page.select_option("#tag", label="regular")
    page.reload()  # and so does a reload, and coming back to it later
    assert page.input_value("#q") == "" and page.input_value("#tag") == "" and rows.count() == 200
    page.click('nav.nav a[href="index.html"]')
    page.wait_for_url("**/index.html")
    page.go_back()
    page.wait_for_load_state()
    assert page.input_value("#q") == "" and rows.count() == 200
    assert watch.errors == [] and watch.dialogs == [] and watch.foreign == []
    page.context.close()


def test_coming_back_to_a_rebuilt_list_drops_a_filter_the_book_no_longer_has(
    browser: Browser, tmp_path: Path
) -> None:
    book = crowd(make_book(), 450)
    build_site(tmp_path, book, now=dt.datetime.now(dt.UTC))
    page, watch = open_page(browser, TABLETS[0])
    page.goto((tmp_path / "clients.html").as_uri())
    page.select_option("#associate", label="Marcus")
    page.click("text=Client 0003")
    page.wait_for_url("**/clients/z-0003*.html")
    left = {key: dataclasses.replace(client, associate="") for key, client in book.clients.items()}
    # Marcus has left, and the site is rebuilt meanwhile.
    build_site(tmp_path, dataclasses.replace(book, clients=left), now=dt.datetime.now(dt.UTC))
    page.go_back()
    page.wait_for_load_state()
    assert page.eval_on_selector("#associate", "el => el.selectedIndex") == 0  # not a blank box
    assert page.locator("#client-list > li").count() == 200 and page.inner_text("#shown") == "455"
    assert watch.errors == []
    page.context.close()


def test_a_stores_older_clients_page_without_show_more_lists_everyone(
    browser: Browser, tmp_path: Path
) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    ours = (TEMPLATES / "clients.html").read_text(encoding="utf-8")
    (mine / "clients.html").write_text(ours[:ours.index('<p class="list-more"')] +
                                       "{% endblock %}\n", encoding="utf-8")
    out = tmp_path / "site"
    build_site(out, crowd(make_book(), 450), config=Config(templates=mine),
               now=dt.datetime.now(dt.UTC))
    page, watch = open_page(browser, TABLETS[0])
    page.goto((out / "clients.html").as_uri())
    assert page.locator("#client-list > li").count() == 455
    page.fill("#q", "zed04")
    assert page.locator("#client-list > li").count() == 51
    assert watch.errors == []
    page.context.close()


def test_a_busy_today_links_the_rest_of_each_long_section(
    browser: Browser, tmp_path: Path
) -> None:
    book = crowd(make_book(XSS), 50, XSS)
    build_site(tmp_path, book, agenda=busy_agenda(book), now=dt.datetime.now(dt.UTC))
    page, watch = open_page(browser, TABLETS[0])
    page.goto((tmp_path / "index.html").as_uri())
    coming = page.locator("section[aria-label='Coming up']")
    assert coming.locator("li.card").count() == 30
    assert page.evaluate(TAP_TARGETS) == []
    coming.get_by_role("link", name="And 22 more on the Calendar ›").click()
    page.wait_for_url("**/calendar.html")
    page.go_back()
    page.get_by_role("link", name="And 12 more on Follow-ups ›").click()
    page.wait_for_url("**/followups.html")
    assert page.locator("#g-overdue + ul > li.card").count() == 41
    assert page.evaluate(TAP_TARGETS) == []
    assert page.evaluate("window.__pwned") is None
    assert watch.errors == [] and watch.dialogs == [] and watch.foreign == []
    page.context.close()


def test_a_long_follow_up_group_opens_whole_on_a_page_of_its_own(
    browser: Browser, tmp_path: Path
) -> None:
    book = crowd(make_book(XSS), 150, XSS)
    build_site(tmp_path, book, agenda=busy_agenda(book, overdue_count=130),
               now=dt.datetime.now(dt.UTC))
    page, watch = open_page(browser, TABLETS[1])
    page.goto((tmp_path / "followups.html").as_uri())
    assert page.locator("#g-overdue + ul > li.card").count() == 100
    page.get_by_role("link", name="All 131 overdue ›").click()
    page.wait_for_url("**/followups/overdue.html")
    assert page.locator("ul.cards > li.card").count() == 131
    assert page.evaluate(TAP_TARGETS) == []
    assert page.evaluate("document.scrollingElement.scrollWidth <= innerWidth")
    last = page.locator("ul.cards > li.card").last.locator("a.who")
    name = last.inner_text()
    last.click()
    page.wait_for_url("**/clients/*.html")
    assert name in page.inner_text("h1")
    page.go_back()
    page.get_by_role("link", name="Back to follow-ups").click()
    page.wait_for_url("**/followups.html")
    page.get_by_role("link", name="And 13 more on the call sheet of Marcus ›").click()
    page.wait_for_url("**/calls/*.html")
    assert page.locator("table.call-sheet tbody tr").count() == 43
    assert page.evaluate("window.__pwned") is None
    assert watch.errors == [] and watch.dialogs == [] and watch.foreign == []
    page.context.close()


def test_a_group_longer_than_a_page_steps_through_its_pages(
    browser: Browser, tmp_path: Path
) -> None:
    book = crowd(make_book(XSS), 1100, XSS)
    build_site(tmp_path, book, agenda=busy_agenda(book, overdue_count=1050),
               now=dt.datetime.now(dt.UTC))
    page, watch = open_page(browser, TABLETS[0])
    page.goto((tmp_path / "followups" / "overdue.html").as_uri())
    cards = page.locator("ul.cards > li.card")
    assert cards.count() == 1000 and page.inner_text("p.part").startswith("1–1,000 of 1,051")
    assert page.locator("text=‹ previous page").count() == 0
    for check in (TAP_TARGETS, ACCESSIBILITY):
        assert page.evaluate(check) == [], check
    page.click("text=next page ›")
    page.wait_for_url("**/followups/overdue-2.html")
    assert cards.count() == 51 and page.inner_text("p.part").startswith("1,001–1,051 of 1,051")
    assert page.locator("text=next page ›").count() == 0
    page.click("text=‹ previous page")
    page.wait_for_url("**/followups/overdue.html")
    assert page.evaluate("window.__pwned") is None
    assert watch.errors == [] and watch.dialogs == [] and watch.foreign == []
    page.context.close()


def test_print_hides_navigation_and_buttons_and_goes_black_and_white(
    browser: Browser, hostile_site: Path
) -> None:
    page, _ = open_page(browser, TABLETS[0])
    sheet = sorted((hostile_site / "calls").glob("*.html"))[0]
    page.goto(sheet.as_uri())
    assert page.locator("nav.nav").is_visible()
    page.emulate_media(media="print")
    assert page.locator("nav.nav").is_hidden()
    assert page.locator(".toolbar").is_hidden()
    assert page.locator("table.call-sheet").is_visible()
    colour = page.eval_on_selector("tr td", "td => getComputedStyle(td).color")
    assert colour == "rgb(0, 0, 0)"
    page.context.close()


def test_printed_today_and_follow_ups_give_numbers_and_addresses_instead_of_buttons(
    browser: Browser, tmp_path: Path
) -> None:
    build_site(tmp_path, now=dt.datetime.now(dt.UTC))
    page, _ = open_page(browser, TABLETS[0])
    expected = {
        "index.html": ["Call: 07700 900123", "Call: 01225 555000", "Email: priya@example.com"],
        "followups.html": ["Call: 07700 900123", "Text: +44 7700 900456"],
    }
    for name, lines in expected.items():
        page.goto((tmp_path / name).as_uri())
        contacts = page.locator(".print-contact")
        assert contacts.filter(visible=True).count() == 0, name  # on screen: the buttons
        page.emulate_media(media="print")
        assert page.locator(".actions").filter(visible=True).count() == 0, name
        printed = contacts.filter(visible=True).all_inner_texts()
        assert all(line in printed for line in lines), (name, printed)
        pills = page.locator(".button").filter(visible=True).evaluate_all(
            "els => els.map(e => getComputedStyle(e).backgroundColor)")
        assert set(pills) <= {"rgba(0, 0, 0, 0)"}, name  # no solid black buttons
        page.emulate_media(media="screen")
    assert page.locator(".sheet-links").is_visible()
    page.emulate_media(media="print")
    assert page.locator(".sheet-links").is_hidden()  # links to other pages: no use on paper
    page.context.close()


def contrast(foreground: str, background: str) -> float:
    """Give the WCAG contrast ratio of two opaque colours as getComputedStyle gives them."""
    def luminance(colour: str) -> float:
        channels = [int(c) / 255 for c in colour[colour.index("(") + 1:-1].split(",")[:3]]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
                   for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_book_problems_badge_in_the_navigation_is_easy_to_read(
    browser: Browser, tmp_path: Path, scheme: Any
) -> None:
    build_site(tmp_path, now=dt.datetime.now(dt.UTC))
    page, _ = open_page(browser, TABLETS[0])
    page.emulate_media(color_scheme=scheme)
    page.goto((tmp_path / "index.html").as_uri())
    badge = page.locator('nav [data-status="errors"]')
    assert badge.inner_text() == "1"
    colours = badge.evaluate("el => [getComputedStyle(el).color, "
                             "getComputedStyle(el).backgroundColor]")
    assert contrast(*colours) >= 4.5, colours
    page.context.close()


#: Words (split at spaces and hyphens) of the shown cells and facts that a line break cuts in two.
CUT_WORDS = """() => {
  const cut = [];
  for (const box of document.querySelectorAll('main td, main dt, main dd')) {
    if (box.getBoundingClientRect().width < 2) continue;  // hidden from sight (a phone's headings)
    const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const word of node.data.matchAll(/[^\\s-]+/g)) {
        const range = document.createRange();
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        const lines = new Set([...range.getClientRects()].filter(r => r.width > 0)
                              .map(r => Math.round(r.top)));
        if (lines.size > 1) cut.push(word[0]);
      }
    }
  }
  return cut;
}"""
FITS = "document.documentElement.scrollWidth <= document.documentElement.clientWidth"


@pytest.mark.parametrize("size", EVERY_WAY, ids=lambda s: f"{s[0]}x{s[1]}")
def test_call_sheets_follow_ups_and_profiles_keep_words_and_dates_whole_without_side_scrolling(
    browser: Browser, tmp_path: Path, size: tuple[int, int]
) -> None:
    book = make_book()
    beatrice = dataclasses.replace(
        book.clients[list(book.clients)[1]], first_name="Beatrice", last_name="Holloway",
        email="beatrice.holloway@example.org")
    book = dataclasses.replace(
        book, clients={**book.clients, beatrice.id: beatrice},
        dates=[dataclasses.replace(book.dates[0], occasion="Daughter Lucia's christening day")])
    build_site(tmp_path, book, now=dt.datetime.now(dt.UTC))
    page, watch = open_page(browser, size, touch=size[0] < 1000)
    pages = [tmp_path / "followups.html", *sorted((tmp_path / "calls").glob("*.html")),
             *sorted((tmp_path / "clients").glob("*.html"))]
    for path in pages:
        page.goto(path.as_uri())
        where = f"{path.relative_to(tmp_path)} at {size}"
        assert page.evaluate(FITS), where
        assert page.evaluate(CUT_WORDS) == [], where
        assert page.evaluate(TAP_TARGETS) == [], where
    assert watch.errors == []
    page.context.close()


@pytest.mark.parametrize("size", EVERY_WAY, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_two_hundred_character_email_or_note_never_widens_the_page(
    browser: Browser, tmp_path: Path, size: tuple[int, int]
) -> None:
    book = make_book(" " + "Unbroken" * 25)
    long_email = {key: dataclasses.replace(client, email="a" * 188 + "@example.com")
                  for key, client in book.clients.items()}
    build_site(tmp_path, dataclasses.replace(book, clients=long_email),
               now=dt.datetime.now(dt.UTC))
    page, watch = open_page(browser, size, touch=size[0] < 1000)
    for path in site_pages(tmp_path):
        page.goto(path.as_uri())
        assert page.evaluate(FITS), f"{path.relative_to(tmp_path)} at {size}"
    assert watch.errors == []
    page.context.close()


@pytest.mark.parametrize("typed", [
    "07700 900456", "+44 7700 900456", "+447700900456", "0044 7700 900456", "(07700) 900-456",
    "7700900456", "900456",
])
def test_searching_a_phone_number_finds_it_however_either_side_wrote_it(
    browser: Browser, hostile_site: Path, typed: str
) -> None:
    page, watch = open_page(browser, PHONE, touch=True)
    page.goto((hostile_site / "clients.html").as_uri())
    rows = page.locator("#client-list > li")
    page.fill("#q", typed)  # Tom's, kept in the book as +44 7700 900456
    assert rows.count() == 1 and "Tom" in rows.inner_text(), typed
    maria = typed.replace("456", "123")  # Maria's, kept as 07700 900123
    page.fill("#q", maria)
    assert rows.count() == 1 and "Maria" in rows.inner_text(), maria
    page.fill("#q", typed.replace("456", "999"))  # nobody's
    assert rows.count() == 0
    assert watch.errors == []
    page.context.close()


def test_a_failed_update_shows_on_every_page_with_its_reason(
    browser: Browser, tmp_path: Path
) -> None:
    build_site(tmp_path, now=dt.datetime.now(dt.UTC))
    with pytest.raises(BookNotFound), failure_recorded(tmp_path):
        raise BookNotFound(f"The book is not in its folder any more {XSS}")
    page, watch = open_page(browser, TABLETS[1])
    for name in ("index.html", "clients.html"):
        page.goto((tmp_path / name).as_uri())
        banner = page.locator("#banner-failed")
        assert banner.is_visible() and "not in its folder any more" in banner.inner_text()
    assert page.evaluate("window.__pwned") is None and watch.dialogs == []
    page.context.close()


def test_a_site_older_than_a_day_says_so(browser: Browser, tmp_path: Path) -> None:
    build_site(tmp_path, now=dt.datetime.now(dt.UTC) - dt.timedelta(days=3))
    page, _ = open_page(browser, TABLETS[0])
    page.goto((tmp_path / "index.html").as_uri())
    assert page.locator("#banner-stale").is_visible()
    assert "3 days ago" in page.inner_text("#banner-stale")
    page.context.close()


@pytest.fixture(scope="module")
def served(hostile_site: Path) -> Iterator[str]:
    handler = functools.partial(QuietHandler, directory=str(hostile_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def test_the_site_works_from_a_web_server_too(browser: Browser, served: str) -> None:
    page, watch = open_page(browser, TABLETS[1])
    failed: list[str] = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    for name in ("index.html", "clients.html", "followups.html"):
        page.goto(f"{served}/{name}")
    page.goto(f"{served}/clients.html")
    page.fill("#q", "reyes")
    assert page.locator("#client-list > li:visible").count() == 2
    assert failed == [] and watch.errors == [] and watch.foreign == []
    page.context.close()


def test_screenshots_of_today_and_a_profile(browser: Browser, tmp_path: Path) -> None:
    build_site(tmp_path, now=dt.datetime.now(dt.UTC))
    ARTIFACTS.mkdir(exist_ok=True)
    for width, height in TABLETS:
        page, watch = open_page(browser, (width, height))
        page.goto((tmp_path / "index.html").as_uri())
        page.screenshot(path=ARTIFACTS / f"today-{width}x{height}.png", full_page=True)
        page.goto(next((tmp_path / "clients").glob("c-001-*.html")).as_uri())
        page.screenshot(path=ARTIFACTS / f"profile-{width}x{height}.png", full_page=True)
        assert watch.errors == []
        page.context.close()
    assert (ARTIFACTS / "today-1024x768.png").stat().st_size > 10_000
