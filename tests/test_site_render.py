"""What the rendered pages contain: escaped text, sanitised notes, safe headers, whole links."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from ledgersite.config import Config
from ledgersite.pipeline import build_book
from ledgersite.site.formats import national_digits
from ledgersite.site.publish import read_manifest
from ledgersite.site.render import email_html, notes_html
from ledgersite.site.theme import TEMPLATES
from ledgersite.site.views import DAY_SHOWN, GROUP_PAGE, group_pages
from site_books import XSS, build_site, busy_agenda, busy_day, crowd, make_book


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("hostile")
    build_site(out, make_book(XSS, hostile_ids=True))
    return out


class Links(HTMLParser):
    """Collect tags and the URLs they point at."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        for name in ("href", "src"):
            value = dict(attrs).get(name)
            if value is not None:
                self.urls.append(value)


def parse(path: Path) -> Links:
    links = Links()
    links.feed(path.read_text(encoding="utf-8"))
    return links


def pages(out: Path) -> list[Path]:
    return sorted(p for p in out.rglob("*.html") if ".ledgersite" not in p.parts)


def test_script_payload_in_every_text_field_is_shown_as_text_never_as_markup(
    hostile_site: Path,
) -> None:
    for page in pages(hostile_site):
        html = page.read_text(encoding="utf-8")
        assert "<script>" not in html, page
        assert "<img" not in html and "<svg onload" not in html, page
        assert "onerror=" not in html.replace("onerror=&#34;", ""), page
        tags = parse(page).tags
        assert [t for t, _ in tags if t == "script"] == ["script"] * sum(
            1 for t, a in tags if t == "script" and a.get("src")
        ), page
        assert not any(k.startswith("on") for _, attrs in tags for k in attrs), page
    profile = next((hostile_site / "clients").glob("etc-*.html")).read_text(encoding="utf-8")
    for field in ("Maria", "Reyes", "Nickel", "Sapphire halo ring", "Emerald pendant",
                  "Thank-you note", "s birthday", "Favourite colour", "Blue", "Walk-in"):
        assert f"{field}&lt;script&gt;window.__pwned=1" in profile, field


def test_no_link_uses_a_javascript_address(hostile_site: Path) -> None:
    for page in pages(hostile_site):
        for url in parse(page).urls:
            assert not url.strip().lower().startswith("javascript:"), (page, url)


def test_markdown_notes_keep_formatting_and_lose_scripts_images_and_handlers() -> None:
    html = str(notes_html(
        "**Bold** and [site](https://example.com) and [bad](javascript:alert(1))\n\n"
        '<script>alert(1)</script><img src="https://tracker.example/x.png" onerror="alert(2)">'
        '<a href="#" onclick="alert(3)">x</a><style>body{}</style><iframe src="x"></iframe>'
    ))
    assert "<strong>Bold</strong>" in html
    assert 'href="https://example.com"' in html and 'rel="noopener noreferrer"' in html
    for bad in ("<script", "<img", "onerror", "onclick", "javascript:", "<style", "<iframe"):
        assert bad not in html, bad


def test_every_page_has_noindex_a_strict_policy_and_asks_no_other_host(hostile_site: Path) -> None:
    for page in pages(hostile_site):
        html = page.read_text(encoding="utf-8")
        assert '<meta name="robots" content="noindex, nofollow">' in html
        policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
        assert policy and "default-src 'self'" in policy[1] and "unsafe-inline" not in policy[1]
        for tag, attrs in parse(page).tags:
            if tag in ("script", "link", "img", "iframe", "source"):
                url = attrs.get("src") or attrs.get("href") or ""
                assert not urlsplit(url).scheme and not url.startswith("//"), (page, url)


def test_every_internal_link_leads_to_a_file_of_the_site(hostile_site: Path) -> None:
    checked = 0
    for page in pages(hostile_site):
        for url in parse(page).urls:
            parts = urlsplit(url)
            if parts.scheme or url.startswith("#"):
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            assert target.is_file(), (page, url)
            assert hostile_site.resolve() in target.parents, (page, url)
            checked += 1
    assert checked > 100


def test_client_search_data_is_plain_json_in_a_script_file(hostile_site: Path) -> None:
    text = (hostile_site / "assets" / "clients-data.js").read_text(encoding="utf-8")
    prefix = "window.LEDGERSITE_CLIENTS = "
    assert text.startswith(prefix) and text.endswith(";\n")
    data = json.loads(text[len(prefix):-2])
    assert len(data) == 5 and all({"s", "a", "t"} <= entry.keys() for entry in data)
    assert "<" not in text


def test_a_long_clients_list_shows_its_first_page_and_the_search_data_holds_everyone(
    tmp_path: Path,
) -> None:
    build_site(tmp_path, crowd(make_book(), 450))
    page = (tmp_path / "clients.html").read_text(encoding="utf-8")
    listed = re.findall(r'<li>\s*<a href="([^"]+)">\s*<span class="who">([^<]*)</span>', page)
    assert len(listed) == 200
    names = [name for _, name in listed]
    assert names[:6] == ["James", "Aisha Khan", "Priya Novak", "Maria Reyes", "Tom Reyes",
                         "Client 0001 Zed0001"]  # by last name
    assert names[-1] == "Client 0195 Zed0195"
    assert "455</span> of 455" in page and "The first 200 of 455 clients, by last name." in page
    text = (tmp_path / "assets" / "clients-data.js").read_text(encoding="utf-8")
    data = json.loads(text[text.index("["):-2])
    assert len(data) == 455
    assert [(e["u"], e["n"]) for e in data[:200]] == listed  # the same order as the page
    last = data[-1]
    assert last["n"] == "Client 0450 Zed0450" and last["c"] == "01632 960450"
    assert last["a"] == "Marcus" and last["t"] == ["regular"]
    assert all((tmp_path / e["u"]).is_file() for e in data)


@pytest.mark.parametrize(("typed", "digits"), [
    ("07700 900884", "7700900884"),
    ("+44 7700 900884", "7700900884"),
    ("+447700900884", "7700900884"),
    ("0044 7700 900884", "7700900884"),
    ("447700900884", "7700900884"),  # a till's export: the code without its +
    ("(07700) 900-884", "7700900884"),
    ("+1 (212) 555-0100", "2125550100"),
    ("212-555-0100", "2125550100"),
    ("+33 6 12 34 56 78", "612345678"),
    ("06 12 34 56 78", "612345678"),
    ("+39 06 1234 5678", "612345678"),  # Italy keeps its 0 after the code
    ("900884", "900884"),  # part of a number stays as it is
    ("01225 555000", "1225555000"),
    ("", ""),
])
def test_phone_numbers_are_searched_by_their_digits_without_country_code_or_leading_0(
    typed: str, digits: str
) -> None:
    assert national_digits(typed) == digits


def test_the_search_data_finds_each_phone_by_its_national_digits(hostile_site: Path) -> None:
    text = (hostile_site / "assets" / "clients-data.js").read_text(encoding="utf-8")
    data = {entry["c"]: entry["s"] for entry in json.loads(text[text.index("["):-2])}
    assert "7700900123" in data["07700 900123 · maria.reyes@example.com"]
    assert "7700900456" in data["+44 7700 900456 · tom@example.com"]


def test_an_email_may_wrap_before_its_at_sign_and_nowhere_else() -> None:
    assert email_html("maria.reyes@example.org") == "maria.reyes<wbr>@example.org"
    assert email_html("<b>@x") == "&lt;b&gt;<wbr>@x"
    assert email_html("no address") == "no address"


def test_a_short_clients_list_lists_everyone_and_offers_no_more(hostile_site: Path) -> None:
    page = (hostile_site / "clients.html").read_text(encoding="utf-8")
    assert page.count('<span class="who">') == 5
    assert re.search(r'<p class="list-more" id="list-more" hidden>', page)


def test_today_shows_the_first_of_a_long_section_and_links_the_page_with_the_rest(
    tmp_path: Path,
) -> None:
    book = crowd(make_book(), 50)
    build_site(tmp_path, book, agenda=busy_agenda(book))
    today = (tmp_path / "index.html").read_text(encoding="utf-8")
    sections = {
        part[:part.index('"')]: part
        for part in today.split('<section class="block" aria-label="')[1:]
    }
    expected = {  # title: (count, more, page)
        "Follow-ups due": (42, 12, "followups.html"),
        "Today&#39;s occasions": (36, 6, "calendar.html"),
        "Coming up": (52, 22, "calendar.html"),
    }
    for title, (count, more, page) in expected.items():
        section = sections[title]
        assert f'<span class="count">{count}</span>' in section, title
        assert section.count('<li class="card') == 30, title
        link = re.search(r'<p class="section-more"><a class="inline-link" href="([^"]+)">'
                         r"And (\d+) more on", section)
        assert link and link.groups() == (page, str(more)), title
    cards = sections["Follow-ups due"].split('<li class="card')[1:]
    kinds = [card.split('"')[0].strip() for card in cards]
    due = kinds.count("status-due")
    assert due and kinds == ["status-due"] * due + ["status-overdue"] * (30 - due)
    # Then the overdue from yesterday back; Client 0040, due 40 days ago, is left for Follow-ups.
    assert "Client 0001" in cards[due] and "Client 0002" in cards[due + 1]
    assert not any("Client 0040" in card for card in cards)
    assert "section-more" not in sections["Stay in touch"]
    followups = (tmp_path / "followups.html").read_text(encoding="utf-8")
    overdue = followups.split('id="g-overdue"')[1].split("</section>")[0]
    assert overdue.count('<li class="card') == 41  # every one, on Follow-ups


def test_follow_ups_show_the_first_of_a_long_group_and_link_all_of_it(tmp_path: Path) -> None:
    book = crowd(make_book(), 150)
    build_site(tmp_path, book, agenda=busy_agenda(book, overdue_count=130))
    page = (tmp_path / "followups.html").read_text(encoding="utf-8")
    overdue = page.split('id="g-overdue"')[1].split("</section>")[0]
    assert '<span class="count">131</span>' in overdue
    assert overdue.count('<li class="card') == 100
    link = re.search(r'<a class="inline-link" href="([^"]+)">All 131 overdue ›</a>', overdue)
    assert link and link[1] == "followups/overdue.html"
    whole = (tmp_path / "followups" / "overdue.html").read_text(encoding="utf-8")
    assert whole.count('<li class="card') == 131
    assert 'href="../followups.html"' in whole and 'href="../clients/z-0130' in whole
    assert not (tmp_path / "followups" / "later.html").exists()  # a short group has no page
    # Each associate's table: its first 30 rows, the rest on the call sheet.
    tables = page.split('id="by-associate"')[1].split("<h3>")[1:]
    assert len(tables) >= 2
    for table in tables:
        rows = table.count("<tr class=")
        assert rows <= 30
        more = re.search(r'href="(calls/[^"]+)">And (\d+) more on the call sheet of', table)
        sheet = (tmp_path / more[1]).read_text(encoding="utf-8") if more else ""
        if more:
            assert rows == 30 and sheet.count("<tr class=") == 30 + int(more[2])
    assert re.search(r"And \d+ more on the call sheet of Marcus", page)
    build_site(tmp_path, book)  # the overdue caught up with: the group's page goes
    assert not (tmp_path / "followups" / "overdue.html").exists()
    assert "All 131 overdue" not in (tmp_path / "followups.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("count", [1, GROUP_PAGE, GROUP_PAGE + 1, 2 * GROUP_PAGE + 1])
def test_a_whole_group_is_split_at_exactly_each_page_full(count: int) -> None:
    group = {"key": "later", "title": "Later", "items": list(range(count)),
             "html": "followups/later.html"}
    parts = group_pages(group)
    assert len(parts) == -(-count // GROUP_PAGE)
    assert [item for part in parts for item in part["items"]] == list(range(count))
    assert all(part["items"] for part in parts)  # no empty page at the end
    assert [part["html"] for part in parts] == ["followups/later.html"] + [
        f"followups/later-{n}.html" for n in range(2, len(parts) + 1)]
    for at, part in enumerate(parts):
        assert (part["first"], part["last"]) == (part["items"][0] + 1, part["items"][-1] + 1)
        assert part["previous"] == (parts[at - 1]["html"] if at else None)
        assert part["next"] == (parts[at + 1]["html"] if at + 1 < len(parts) else None)


def test_a_whole_group_longer_than_a_page_is_split_into_pages_linked_in_order(
    tmp_path: Path,
) -> None:
    book = crowd(make_book(), 2100)
    build_site(tmp_path, book, agenda=busy_agenda(book, overdue_count=2050))
    followups = (tmp_path / "followups.html").read_text(encoding="utf-8")
    assert 'href="followups/overdue.html">All 2,051 overdue ›</a>' in followups
    pages = ["overdue.html", "overdue-2.html", "overdue-3.html"]
    parts = [(tmp_path / "followups" / name).read_text(encoding="utf-8") for name in pages]
    assert [part.count('<li class="card') for part in parts] == [1000, 1000, 51]
    assert not (tmp_path / "followups" / "overdue-4.html").exists()
    for at, part in enumerate(parts):
        first, last = at * 1000 + 1, min(2051, at * 1000 + 1000)
        assert f"{first:,}–{last:,} of 2,051, in order of when they are due" in part
        assert f"<title>Follow-ups: Overdue, {first:,}–{last:,} of 2,051 · " in part
        steps = dict(re.findall(r'href="\.\./followups/([^"]+)" rel="(prev|next)"', part))
        assert steps == {
            **({pages[at - 1]: "prev"} if at > 0 else {}),
            **({pages[at + 1]: "next"} if at < 2 else {}),
        }
    cards = "".join(parts)  # every card once, the longest overdue first
    dues = [dt.datetime.strptime(due, "%d %b %Y").date()  # noqa: DTZ007 (a day, no time)
            for due in re.findall(r'<p class="muted small">Due (\d+ \w+ \d{4}) ·', cards)]
    assert len(dues) == 2051 and dues == sorted(dues) and dues[0] < dues[-1]
    assert len(set(re.findall(r'class="who" href="([^"]+)"', cards))) == 2051
    book = crowd(make_book(), 2100)  # fewer overdue: the pages no longer needed go
    build_site(tmp_path, book, agenda=busy_agenda(book, overdue_count=1500))
    assert (tmp_path / "followups" / "overdue-2.html").exists()
    assert not (tmp_path / "followups" / "overdue-3.html").exists()


def test_a_busy_day_shows_its_first_entries_on_the_month_and_all_of_them_on_a_page_of_its_own(
    tmp_path: Path,
) -> None:
    book = crowd(make_book(), 60)
    busy, full = dt.date(2026, 7, 14), dt.date(2026, 7, 15)
    calendar = busy_day(book, busy, 40) + busy_day(book, full, DAY_SHOWN)
    build_site(tmp_path, book, calendar=calendar)
    month = (tmp_path / "calendar" / "2026-07.html").read_text(encoding="utf-8")
    assert '<span class="count">65</span>' in month and "July 2026 · 65" in month
    assert month.count('<span class="d">14</span>') == DAY_SHOWN
    assert month.count('<span class="d">15</span>') == DAY_SHOWN
    assert "Client 0025 Zed0025" in month and "Client 0026 Zed0026" not in month
    links = re.findall(r'<li class="day-more"><a class="inline-link" href="(.+?)">(.*?)</a>', month)
    assert links == [("../calendar/2026-07-14.html", "All 40 on Tuesday 14 July ›")]
    tab = (tmp_path / "calendar.html").read_text(encoding="utf-8")  # the first month again
    assert 'href="calendar/2026-07-14.html">All 40 on Tuesday 14 July ›' in tab
    day = (tmp_path / "calendar" / "2026-07-14.html").read_text(encoding="utf-8")
    assert "<h1>Tuesday 14 July 2026 " in day and "<title>Calendar: Tuesday 14 July 2026" in day
    assert day.count('<span class="d">14</span>') == 40 and "Client 0040 Zed0040" in day
    assert 'href="../calendar/2026-07.html">‹ July 2026</a>' in day
    assert 'href="../calendar.html" aria-current="page"' in day  # the Calendar tab
    assert not (tmp_path / "calendar" / "2026-07-15.html").exists()  # shown whole: no page
    # A change to an entry only the day's page shows renders that page, not the month's.
    before = read_manifest(tmp_path)["files"]
    calendar[-1 - DAY_SHOWN] = dataclasses.replace(calendar[-1 - DAY_SHOWN], label="Party")
    build_site(tmp_path, book, calendar=calendar)
    after = read_manifest(tmp_path)["files"]
    changed = {path for path, entry in after.items() if before[path] != entry}
    assert changed == {"calendar/2026-07-14.html"}
    # One more on another busy day of the month, one fewer on this: the shown entries and the
    # month's count stay, the "All N" links change, so the month's pages are rendered again.
    calendar += busy_day(book, dt.date(2026, 7, 20), 30)
    build_site(tmp_path, book, calendar=calendar)
    before = read_manifest(tmp_path)["files"]
    calendar[-1 - DAY_SHOWN - 30] = dataclasses.replace(
        calendar[-1 - DAY_SHOWN - 30], date=dt.date(2026, 7, 20))
    build_site(tmp_path, book, calendar=calendar)
    after = read_manifest(tmp_path)["files"]
    changed = {path for path, entry in after.items() if before.get(path) != entry}
    assert changed == {"calendar.html", "calendar/2026-07.html", "calendar/2026-07-14.html",
                       "calendar/2026-07-20.html"}
    month = (tmp_path / "calendar" / "2026-07.html").read_text(encoding="utf-8")
    assert "All 39 on Tuesday 14 July ›" in month and "All 31 on Monday 20 July ›" in month
    calendar = calendar[:-30]
    calendar[39] = dataclasses.replace(calendar[39], date=busy)
    # The day is no longer busy: its page goes, and so does the link to it.
    build_site(tmp_path, book, calendar=calendar[15:])
    assert not (tmp_path / "calendar" / "2026-07-14.html").exists()
    month = (tmp_path / "calendar" / "2026-07.html").read_text(encoding="utf-8")
    assert "day-more" not in month and month.count('<span class="d">14</span>') == DAY_SHOWN


def test_profile_shows_totals_allergies_still_to_learn_and_the_stores_own_columns(
    tmp_path: Path,
) -> None:
    build_site(tmp_path)
    maria = (tmp_path / "clients").glob("c-001-*.html").__next__().read_text(encoding="utf-8")
    assert "£2,830.50" in maria and "average £1,415.25" in maria
    assert 'class="allergy"' in maria and "Nickel" in maria
    assert "Favourite colour" in maria and "Blue" in maria
    assert 'href="tel:07700900123"' in maria
    james = (tmp_path / "clients").glob("c-004-*.html").__next__().read_text(encoding="utf-8")
    assert "Still to learn" in james
    for missing in ("full name", "birthday", "anniversary", "partner&#39;s name", "preferences"):
        assert missing in james, missing
    assert "Maria Reyes" in james  # referred by, linked to her profile


def test_clients_who_said_no_to_contact_get_no_call_text_or_email_links(tmp_path: Path) -> None:
    build_site(tmp_path)
    aisha = next((tmp_path / "clients").glob("c-003-*.html")).read_text(encoding="utf-8")
    assert "Do not contact" in aisha
    assert "mailto:" not in aisha and "tel:" not in aisha and "sms:" not in aisha
    followups = (tmp_path / "followups.html").read_text(encoding="utf-8")
    assert "mailto:aisha@example.com" not in followups
    assert "sms:+447700900456" in followups  # Tom prefers text


def test_today_puts_replies_owed_first_and_links_the_book_problems(tmp_path: Path) -> None:
    build_site(tmp_path)
    html = (tmp_path / "index.html").read_text(encoding="utf-8")
    headings = ("Waiting for a reply", "Follow-ups due", "Today&#39;s occasions", "Coming up",
                "Gift ideas", "Open tasks")
    order = [html.index(h) for h in headings]
    assert order == sorted(order)
    assert 'href="health.html"' in html and "1 problem to fix" in html
    assert "Surprise gift: don&#39;t tell Maria" in html


def test_each_associate_gets_a_call_sheet_and_a_csv(tmp_path: Path) -> None:
    build_site(tmp_path)
    sheets = sorted((tmp_path / "calls").glob("*.html"))
    assert len(sheets) == 3  # Hannah, Marcus, and the unassigned
    csvs = sorted((tmp_path / "calls").glob("*.csv"))
    assert len(csvs) == 3
    hannah = next(p for p in csvs if "Maria Reyes" in p.read_text(encoding="utf-8-sig"))
    assert "Thank-you note" in hannah.read_text(encoding="utf-8-sig")


def test_the_store_can_override_a_template_and_the_stylesheet(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "health.html").write_text(
        '{% extends "base.html" %}{% block content %}<h1>Our own health page</h1>{% endblock %}'
    )
    css = tmp_path / "style.css"
    css.write_text("body { color: black; }")
    out = tmp_path / "site"
    build_site(out, config=Config(templates=mine, stylesheet=css))
    assert "Our own health page" in (out / "health.html").read_text(encoding="utf-8")
    assert (out / "assets" / "site.css").read_text() == "body { color: black; }"
    assert "Today" in (out / "index.html").read_text(encoding="utf-8")


def test_the_stores_own_icons_show_on_every_page(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    ours = (TEMPLATES / "macros.html").read_text(encoding="utf-8")
    start, end = ours.index("{% macro icon(name)"), ours.index("{%- endmacro %}") + 15
    own_icon = '{% macro icon(name) -%}<b class="own-icon">{{ name }}</b>{%- endmacro %}'
    (mine / "macros.html").write_text(ours[:start] + own_icon + ours[end:], encoding="utf-8")
    out = tmp_path / "site"
    build_site(out, config=Config(templates=mine))
    for page in ("index.html", "clients/" + next(p.name for p in (out / "clients").iterdir())):
        html = (out / page).read_text(encoding="utf-8")
        assert '<b class="own-icon">today</b>' in html and '<svg class="icon"' not in html


def test_call_sheet_csv_neutralises_formulas_staff_typed(tmp_path: Path) -> None:
    book = make_book()
    maria = book.clients["C-001"]
    maria.first_name, maria.phone = "=HYPERLINK(\"http://evil\")", "+44 7700 900123"
    build_site(tmp_path, book)
    rows = [
        row
        for sheet in (tmp_path / "calls").glob("*.csv")
        for row in csv.reader(io.StringIO(sheet.read_text(encoding="utf-8-sig")))
    ]
    maria_row = next(row for row in rows if "HYPERLINK" in row[1])
    assert maria_row[1].startswith("'=") and maria_row[2] == "'+44 7700 900123"


class CalendarLinks(HTMLParser):
    """Collect a Calendar page's month navigation and its links to the previous and next month."""

    def __init__(self) -> None:
        super().__init__()
        self.months: list[tuple[str, str, bool]] = []  # (href, text, is the page's month)
        self.steps: dict[str, str] = {}  # rel ("prev", "next") -> href
        self._nav = ""
        self._link: list[Any] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "nav":
            self._nav = a.get("class") or ""
        elif tag == "a" and self._nav == "months":
            self._link = [a["href"], "", a.get("aria-current") == "page"]
        elif tag == "a" and self._nav == "month-steps":
            self.steps[a["rel"] or ""] = a["href"] or ""

    def handle_data(self, data: str) -> None:
        if self._link is not None:
            self._link[1] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._link is not None:
            self.months.append((self._link[0], self._link[1], self._link[2]))
            self._link = None
        elif tag == "nav":
            self._nav = ""


def calendar_links(path: Path) -> CalendarLinks:
    links = CalendarLinks()
    links.feed(path.read_text(encoding="utf-8"))
    return links


#: The Calendar of `make_book()` on 1 June 2026: each month with its page and what it shows.
REAL_MONTHS = [
    ("June 2026", "2026-06", ("Tom&#39;s birthday", "14th anniversary")),
    ("September 2026", "2026-09", ("Daughter&#39;s birthday (7 years)",)),
    ("March 2027", "2027-03", ("Maria turns 41",)),
    ("May 2027", "2027-05", ("Sapphire halo ring: bought 1 year ago",)),
]


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("real")
    report = build_book(make_book(), out, config=Config(), today=dt.date(2026, 6, 1))
    assert report.clients == 5 and report.written > 10
    return out


def test_with_the_real_agenda_the_calendar_covers_the_coming_twelve_months(
    real_site: Path,
) -> None:
    tab = calendar_links(real_site / "calendar.html")
    assert tab.months == [
        (f"calendar/{stem}.html", f"{title} · {len(shown)}", at == 0)
        for at, (title, stem, shown) in enumerate(REAL_MONTHS)
    ]
    assert tab.steps == {}
    pages = [("calendar.html", REAL_MONTHS[0])] + [
        (f"calendar/{month[1]}.html", month) for month in REAL_MONTHS
    ]
    for path, (title, _, shown) in pages:
        html = (real_site / path).read_text(encoding="utf-8")
        assert f'<h2 id="month">{title} <span class="count">{len(shown)}</span></h2>' in html
        for other_title, _, labels in REAL_MONTHS:
            for label in labels:
                assert (label in html) == (other_title == title), (path, label)
    assert sorted(p.name for p in (real_site / "calendar").iterdir()) == [
        f"{stem}.html" for _, stem, _ in REAL_MONTHS
    ]
    for page in [real_site / "calendar.html", *(real_site / "calendar").iterdir()]:
        assert "June 2027" not in page.read_text(encoding="utf-8"), page
    assert (real_site / "calendar.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")


def test_each_month_page_links_to_its_neighbours_and_marks_its_own_month(
    real_site: Path,
) -> None:
    stems = [stem for _, stem, _ in REAL_MONTHS]
    for at, stem in enumerate(stems):
        page = real_site / "calendar" / f"{stem}.html"
        links = calendar_links(page)
        assert [href for href, _, _ in links.months] == [f"../calendar/{s}.html" for s in stems]
        assert [current for _, _, current in links.months] == [s == stem for s in stems]
        neighbours = {"prev": at - 1, "next": at + 1}
        assert links.steps == {
            rel: f"../calendar/{stems[i]}.html"
            for rel, i in neighbours.items() if 0 <= i < len(stems)
        }
        html = page.read_text(encoding="utf-8")
        assert ("‹ previous month" in html) == (at > 0)
        assert ("next month ›" in html) == (at < len(stems) - 1)
        assert f"<title>Calendar: {REAL_MONTHS[at][0]} · " in html
        assert 'href="../calendar.html" aria-current="page"' in html  # the Calendar tab


def test_an_enquiry_without_a_date_on_today_says_so_rather_than_zero_days(tmp_path: Path) -> None:
    from ledgersite.agenda.model import Waiting
    from site_books import make_agenda

    book = make_book()
    agenda = make_agenda(book)
    tom = book.clients["C-002"]
    agenda.waiting.append(Waiting(tom.id, tom.name, None, None, "New enquiry, no reply on record"))
    build_site(tmp_path, book, agenda=agenda)
    today = (tmp_path / "index.html").read_text(encoding="utf-8")
    at = today.index("New enquiry, no reply on record")
    card = today[today.rindex("<li", 0, at): today.index("</li>", at)]
    assert "No date on record: add their enquiry to the Contact log." in card
    assert "None" not in card and "0 days" not in card
    assert "3 days" in today and "Since 29 May 2026" in today  # the dated one as before


def test_a_long_stay_in_touch_list_is_linked_from_today_and_listed_whole(tmp_path: Path) -> None:
    from ledgersite.agenda.model import StayInTouch
    from site_books import make_agenda

    book = crowd(make_book(), 1030)
    agenda = make_agenda(book)
    agenda.stay_in_touch += [StayInTouch(c.id, c.name, 800 + n, None)
                             for n, c in enumerate(book.clients.values()) if c.id[0] == "Z"]
    build_site(tmp_path, book, agenda=agenda)
    today = (tmp_path / "index.html").read_text(encoding="utf-8")
    section = today.split('aria-label="Stay in touch"')[1].split("</section>")[0]
    assert '<span class="count">1,031</span>' in section
    assert section.count('<li class="card') == 12
    assert ('<a class="inline-link" href="followups/stay-in-touch.html">And 1,019 more on the'
            " Stay in touch list ›</a>") in section
    first = (tmp_path / "followups" / "stay-in-touch.html").read_text(encoding="utf-8")
    second = (tmp_path / "followups" / "stay-in-touch-2.html").read_text(encoding="utf-8")
    assert "1–1,000 of 1,031" in first and "1,001–1,031 of 1,031" in second
    assert 'href="../followups/stay-in-touch-2.html" rel="next"' in first
    assert 'href="../followups/stay-in-touch.html" rel="prev"' in second
    names = re.findall(r'class="who" href="\.\./(clients/[^"]+)"', first + second)
    assert len(names) == len(set(names)) == 1031
    assert all((tmp_path / unquote(n)).is_file() for n in names)
    assert "last bought 2 years ago" in first  # 800 days: years, not "26 months"
    agenda.stay_in_touch = agenda.stay_in_touch[:12]
    build_site(tmp_path, book, agenda=agenda)
    assert not (tmp_path / "followups" / "stay-in-touch.html").exists()
    assert "section-more" not in (tmp_path / "index.html").read_text(encoding="utf-8").split(
        'aria-label="Stay in touch"')[1].split("</section>")[0]
