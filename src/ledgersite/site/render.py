"""Every file of the site as bytes: pages from jinja2 templates, assets, search data, exports.

Each page carries the digest of what it was rendered from (its view data, the templates and the
stylesheet), so a later build can skip pages whose digest is unchanged.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import markdown
import nh3
from markupsafe import Markup, escape

from ledgersite.agenda.model import Agenda, Milestone
from ledgersite.book import Book, Client
from ledgersite.config import Config
from ledgersite.csv_safe import csv_bytes
from ledgersite.errors import ConfigError, TemplateProblem
from ledgersite.site import views
from ledgersite.site.names import client_file_names
from ledgersite.site.theme import ASSETS, TEMPLATES, stylesheet, templates_fingerprint

_NOTE_TAGS = {
    "p", "br", "strong", "em", "b", "i", "u", "s", "ul", "ol", "li", "blockquote", "code",
    "pre", "h3", "h4", "h5", "h6", "hr", "a", "table", "thead", "tbody", "tr", "th", "td",
}


@dataclass(slots=True)
class Page:
    """One file of the site: where it goes, what it was made from, and (once rendered) bytes.

    A page's context is either ready or made by `make_context` only when the page is rendered.
    """

    path: str
    digest: str
    template: str | None = None
    context: dict[str, Any] | None = None
    content: bytes | None = None
    make_context: Callable[[], dict[str, Any]] | None = None
    #: Lists many clients (Today, a month of the calendar): rendered apart from other pages.
    heavy: bool = False

    def release(self) -> None:
        """Forget this page's data once rendered or handed to a worker: a big book's add up."""
        self.context = self.content = self.make_context = None

    def ready(self) -> Page:
        """Give a copy of this page with its context made: plain data, to send to a worker."""
        context = self.context if self.make_context is None else self.make_context()
        return Page(self.path, self.digest, self.template, context, self.content, heavy=self.heavy)


#: One converter for every note: building a new one per note costs more than converting.
_MARKDOWN = markdown.Markdown(extensions=["sane_lists", "nl2br"])


@functools.lru_cache(maxsize=4096)
def notes_html(text: str) -> Markup:
    """Give markdown notes as HTML with anything unsafe (scripts, images, styles) removed."""
    html = _MARKDOWN.reset().convert(text)
    clean = nh3.clean(
        html,
        tags=_NOTE_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    )
    return Markup(clean)  # safe: sanitised by nh3 just above


def email_html(email: str) -> Markup:
    """Give an email address as HTML that may wrap before its "@", so a narrow column shows
    "maria.reyes" and "@example.org" rather than breaking a word."""
    local, at, domain = email.rpartition("@")
    if not (local and at):
        return escape(email)
    return escape(local) + Markup("<wbr>") + escape(at + domain)


class _Environment(jinja2.Environment):
    """jinja2 for views made of dicts: `view.name` looks up the key first.

    jinja2 tries an attribute first, and the failed attempt costs more than the lookup; with
    10,000 profiles of a hundred fields each, that was a third of the rendering time.
    (Templates write `view["items"]` for keys named like dict methods, as before.)
    """

    def getattr(self, obj: Any, attribute: str) -> Any:
        if obj.__class__ is dict:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


def make_environment(config: Config) -> jinja2.Environment:
    """Give the jinja2 environment: the store's templates first, then ours, all autoescaped."""
    loaders: list[jinja2.BaseLoader] = []
    if config.templates is not None:
        if not config.templates.is_dir():
            raise ConfigError(
                f"The templates folder {config.templates} named in the settings file is missing."
            )
        loaders.append(jinja2.FileSystemLoader(config.templates))
    loaders.append(jinja2.FileSystemLoader(TEMPLATES))
    env = _Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # a build is over before anyone edits a template
    )
    env.filters["notes"] = notes_html
    env.filters["email"] = email_html
    env.globals["icon"] = _icons(env)
    return env


def _icons(env: jinja2.Environment) -> Callable[[str], Markup]:
    """Give `icon(name)` for templates: the `icon` macro of macros.html, made once per name.

    A page shows a dozen icons, and calling a macro costs more than the rest of the page's
    header; an icon depends on its name alone.
    """

    @functools.cache
    def icon(name: str) -> Markup:
        return Markup(env.get_template("macros.html").module.icon(name))  # type: ignore[attr-defined]

    return icon


def _digest(fingerprint: str, *parts: Any) -> str:
    """Give the digest of a page's inputs: plain data (views are dicts, lists, text, dates).

    repr, not JSON: three times quicker, and just as stable for data built in the same order.
    """
    data = fingerprint + repr(parts)
    return hashlib.sha256(data.encode("utf-8", "surrogatepass")).hexdigest()


def plan_site(
    book: Book,
    agenda: Agenda,
    calendar: list[Milestone],
    *,
    feed: bytes,
    config: Config,
) -> list[Page]:
    """Give every file of the site with its digest; pages are rendered later, when needed."""
    fingerprint = templates_fingerprint(config)
    names = client_file_names(book.clients)
    # Only what seldom changes goes on every page; the rest (when read, how many problems)
    # is in assets/status.js, so a fix in one row does not rewrite every profile.
    site = {"store_name": book.settings.store_name, "origin": book.source.origin}
    pages: list[Page] = []

    def full(path: str, key: str, title: str, **context: Any) -> dict[str, Any]:
        root = "../" * path.count("/")
        return {"site": site, "root": root, "nav": key, "title": title, **context}

    def page(path: str, template: str, key: str, title: str, **context: Any) -> None:
        ready = full(path, key, title, **context)
        digest = _digest(fingerprint, path, template, ready)
        pages.append(Page(path, digest, template, ready, heavy=True))

    def profile(client: Client) -> dict[str, Any]:
        view = views.profile_view(book, client, names, index)
        return full(f"clients/{names[client.id]}", "clients", client.name, view=view)

    def raw(path: str, content: bytes) -> None:
        pages.append(Page(path, hashlib.sha256(content).hexdigest(), content=content))

    page("index.html", "today.html", "today", "Today", view=views.today_view(book, agenda, names))
    groups = views.followup_groups(book, agenda, names)
    sheets = views.call_sheets(groups, agenda.today)
    followups = views.followups_view(agenda.today, groups, sheets)
    page("followups.html", "followups.html", "followups", "Follow-ups", view=followups)
    for group, shown in zip(groups, followups["groups"], strict=True):
        if not shown["more"]:
            continue
        # Too many for the Follow-ups page: all of them on pages of their own.
        parts = views.group_pages(group)
        for part in parts:
            title = f"Follow-ups: {group['title']}"
            if len(parts) > 1:
                title += f", {part['first']:,}–{part['last']:,} of {part['total']:,}"
            page(part["html"], "followup_group.html", "followups", title, view=part,
                 date=followups["today"])
    stay = views.stay_in_touch_cards(book, agenda, names)
    if len(stay) > views.STAY_IN_TOUCH_SHOWN:
        # More than Today shows: everyone on pages of their own, longest out of touch first.
        group = {"title": "Stay in touch", "html": views.STAY_IN_TOUCH_PAGE, "items": stay}
        for part in (parts := views.group_pages(group)):
            title = "Stay in touch"
            if len(parts) > 1:
                title += f", {part['first']:,}–{part['last']:,} of {part['total']:,}"
            page(part["html"], "stay_in_touch.html", "today", title, view=part)
    for sheet in sheets:
        page(sheet["html"], "call_sheet.html", "followups", f"Call sheet: {sheet['associate']}",
             view=sheet, date=followups["today"])
        raw(sheet["csv"], csv_bytes(*views.call_sheet_rows(sheet)))
    rows = views.client_rows(book, names)
    page("clients.html", "clients.html", "clients", "Clients", view=views.clients_view(rows))
    search = json.dumps(views.search_data(rows), ensure_ascii=True, separators=(",", ":"))
    # Escaped as well, so the data stays inert even if someone pastes it into a page.
    search = search.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    raw("assets/clients-data.js", f"window.LEDGERSITE_CLIENTS = {search};\n".encode())
    index = views.related(book)
    for client in book.clients.values():
        path = f"clients/{names[client.id]}"
        # Digested from its inputs: the view is only made for a page that must be rendered.
        inputs = views.profile_inputs(book, client, names, index)  # text: digested as it is
        digest = _digest(fingerprint + inputs, path, "profile.html", site)
        later = functools.partial(profile, client)
        pages.append(Page(path, digest, "profile.html", make_context=later))
    # One page per month, the first month again as the tab's page, and a page for each day
    # too busy to show whole on its month's: digested from what their entries show, their
    # views made only for the pages that must be rendered.
    months = [(year, number, views.calendar_days(items))
              for year, number, items in views.calendar_months(calendar)]
    nav = [(year, number, sum(len(items) for _, items in days)) for year, number, days in months]

    def month_context(path: str, at: int, neighbours: bool) -> dict[str, Any]:
        view = views.calendar_month_view(nav, at, months[at][2], names, neighbours=neighbours)
        title = "Calendar" if path == "calendar.html" else f"Calendar: {view['month']['title']}"
        return full(path, "calendar", title, view=view)

    def month_page(path: str, at: int, neighbours: bool = True) -> None:
        year, number, days = months[at]
        inputs = ((year, number), nav, views.calendar_month_key(days, names))
        digest = _digest(fingerprint, path, "calendar.html", site, inputs)
        later = functools.partial(month_context, path, at, neighbours)
        pages.append(Page(path, digest, "calendar.html", make_context=later, heavy=True))

    def day_context(path: str, day: dt.date, items: list[Milestone]) -> dict[str, Any]:
        view = views.calendar_day_view(day, items, names)
        return full(path, "calendar", f"Calendar: {view['title']}", view=view)

    if months:
        month_page("calendar.html", 0, neighbours=False)
    else:
        page("calendar.html", "calendar.html", "calendar", "Calendar", view={"months": []})
    for at, (year, number, days) in enumerate(months):
        month_page(views.calendar_month_path(year, number), at)
        for day, items in days:
            if len(items) > views.DAY_SHOWN:
                path = views.calendar_day_path(day)
                shown = views.calendar_day_key(items, names)
                digest = _digest(fingerprint, path, "calendar_day.html", site, shown)
                later = functools.partial(day_context, path, day, items)
                pages.append(Page(path, digest, "calendar_day.html", make_context=later,
                                  heavy=True))
    raw("calendar.ics", feed)
    page("health.html", "health.html", "health", "Book health", view=views.health_view(book))
    raw("assets/site.css", stylesheet(config))
    for asset in ASSETS[1:]:
        raw(f"assets/{asset}", (TEMPLATES / "assets" / asset).read_bytes())
    return pages


class Renderer:
    """Gives the bytes of a page, rendering its template when it has no content yet.

    Picklable: only the settings travel, and a render worker makes its own environment.
    """

    def __init__(self, config: Config) -> None:
        self.config = config
        self.env = make_environment(config)

    def __getstate__(self) -> tuple[Config]:
        return (self.config,)

    def __setstate__(self, state: tuple[Config]) -> None:
        self.__init__(*state)  # type: ignore[misc]

    def __call__(self, page: Page) -> bytes:
        if page.content is not None:
            return page.content
        context = page.context if page.make_context is None else page.make_context()
        assert page.template is not None and context is not None
        try:
            return self.env.get_template(page.template).render(context).encode("utf-8")
        except Exception as err:
            problem = store_template_problem(err, self.config.templates)
            if problem is None:
                raise
            raise problem from err


def store_template_problem(err: Exception, folder: Path | None) -> TemplateProblem | None:
    """Give what to tell the owner when `err` came from the store's own templates.

    That is when one of theirs failed, or one of ours failed while the store has templates of
    its own (most likely a copy of an older version of one ours uses, such as macros.html).
    None when the store has none: that is our mistake, not one the owner can fix.
    """
    if folder is None:
        return None
    folder = folder.resolve()
    spots = [(frame.filename, frame.lineno) for frame in traceback.extract_tb(err.__traceback__)]
    if isinstance(err, jinja2.TemplateSyntaxError) and err.filename:
        spots.append((err.filename, err.lineno))
    what = err.message if isinstance(err, jinja2.TemplateError) else str(err)
    if isinstance(err, jinja2.TemplateNotFound):
        what = f'it uses "{err.name}", which is neither among yours nor ours'
    what = what or type(err).__name__
    for filename, line in reversed(spots):  # the innermost first
        path = Path(filename).resolve()
        if path.is_relative_to(folder):
            return TemplateProblem(
                f'The page template "{path.relative_to(folder)}" in {folder} stopped the build '
                f"at line {line}: {what}. Correct it (ours, in site_templates/, show what each "
                "page is given), or remove it to use ours."
            )
    theirs = sorted(str(p.relative_to(folder)) for p in folder.rglob("*.html"))
    if not theirs:
        return None
    for filename, line in reversed(spots):
        path = Path(filename).resolve()
        if path.is_relative_to(TEMPLATES):
            return TemplateProblem(
                f'Our page template "{path.relative_to(TEMPLATES)}" stopped the build at line '
                f"{line}: {what}. It uses your own templates in {folder} "
                f"({', '.join(theirs)}): they may be copies of an older version. Compare them "
                "with ours in site_templates/, or remove them to use ours."
            )
    return None
