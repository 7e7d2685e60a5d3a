"""Ready-made data for every page, built from the book and the day's agenda.

Templates only lay these dictionaries out; every decision (what is due, what is missing,
which link to offer) is made here. URLs are relative to the site's root folder.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import operator
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ledgersite.agenda.model import Agenda, FollowUp, Milestone
from ledgersite.agenda.waiting import waited
from ledgersite.book import (
    Book,
    Client,
    Contact,
    ImportantDate,
    Problem,
    Purchase,
    Task,
    WishItem,
)
from ledgersite.site import formats
from ledgersite.site.names import short_hash

View = dict[str, Any]

UNASSIGNED = "Not assigned"
WEEK = 7
STAY_IN_TOUCH_SHOWN = 12
#: The page of everyone to get back in touch with, when Today cannot show them all.
STAY_IN_TOUCH_PAGE = "followups/stay-in-touch.html"
#: How many cards Today shows of its follow-ups, today's occasions and coming dates; the rest
#: are a tap away on Follow-ups and the Calendar (a 10,000-client book had 1,400 coming up).
TODAY_SHOWN = 30
#: How many clients the Clients page lists at a time.
LIST_PAGE = 200
#: How many cards each group of the Follow-ups page shows, and how many rows each associate's
#: table there: the rest are on the group's own page and on the associate's call sheet.
FOLLOWUPS_SHOWN = 100
ASSOCIATE_ROWS_SHOWN = 30
#: How many cards each page of a whole group of follow-ups shows (a 100,000-client book had
#: 18,000 overdue: 17 MB on one page).
GROUP_PAGE = 1000
#: How many of one day's occasions a Calendar month shows; a busier day has a page of its own
#: (a 10,000-client book has about 125 a day, 3,900 a month).
DAY_SHOWN = 25


def client_url(names: dict[str, str], client_id: str | None) -> str:
    """Give the profile's URL from the site root, or "" for an unknown client."""
    if client_id is None or client_id not in names:
        return ""
    return f"clients/{names[client_id]}"


def call_sheet_stem(associate: str) -> str:
    """Give the file stem of an associate's call sheet (no names in file names)."""
    return f"calls/sheet-{short_hash(associate or UNASSIGNED)}"


def contact_actions(client: Client | None) -> list[View]:
    """Give the tap-to-call/text/email links to offer for `client`: none without consent.

    The preferred channel alone when it can be used; otherwise every channel the book has.
    Each carries the number or address as typed, which a printed page shows instead.
    """
    if client is None or not client.contact_ok:
        return []
    phone, mail = client.phone, client.email
    call = {"kind": "call", "label": "Call", "href": formats.tel_href(phone), "address": phone}
    text = {"kind": "text", "label": "Text", "href": formats.sms_href(phone), "address": phone}
    email = {"kind": "email", "label": "Email", "href": formats.mailto_href(mail), "address": mail}
    preferred = {"phone": [call], "text": [text], "email": [email], "mail": []}
    chosen = preferred.get(client.preferred_contact or "", [])
    if not chosen or not chosen[0]["href"]:
        chosen = [call, email]
    return [action for action in chosen if action["href"]]


def _person(book: Book, names: dict[str, str], client_id: str, label: str) -> View:
    client = book.clients.get(client_id)
    return {
        "name": label or (client.name if client else client_id),
        "url": client_url(names, client_id),
        "actions": contact_actions(client),
        "do_not_contact": client is not None and not client.contact_ok,
        "discreet": client.discreet if client else "",
        "phone": client.phone if client else "",
        "email": client.email if client else "",
    }


def followup_view(book: Book, names: dict[str, str], item: FollowUp, today: dt.date) -> View:
    """Give one follow-up as a card: who, what, why, when, and how to reach them."""
    person = _person(book, names, item.client_id, item.client)
    return {
        **person,
        "task": item.task,
        "reason": item.reason,
        "status": item.status,
        "due": formats.day(item.due),
        "when": formats.days_away((item.due - today).days),
        "associate": item.associate or UNASSIGNED,
        "discreet": item.discreet or person["discreet"],
    }


def milestone_view(book: Book, names: dict[str, str], item: Milestone) -> View:
    """Give one milestone as a card."""
    return {
        **_person(book, names, item.client_id, item.client),
        "label": item.label,
        "kind": item.kind,
        "date": formats.day_with_weekday(item.date),
        "when": formats.days_away(item.days_away),
        "today": item.days_away == 0,
        "gift_theme": item.gift_theme,
        "discreet": item.discreet,
        "do_not_contact": not item.contact_ok,
        "actions": _person(book, names, item.client_id, "")["actions"] if item.contact_ok else [],
    }


def _is_open_now(item: FollowUp) -> bool:
    return item.status in ("overdue", "due")


def today_view(book: Book, agenda: Agenda, names: dict[str, str]) -> View:
    """Give the Today page: replies owed first, then follow-ups, milestones, tasks, gifts."""
    today = agenda.today
    shown_tasks = {(f.client_id, f.task) for f in agenda.followups if _is_open_now(f)}
    open_tasks = [
        {
            **(_person(book, names, t.client_id, "") if t.client_id else {"name": "", "url": ""}),
            "task": t.task,
            "due": formats.day(t.due),
            "when": formats.days_away((t.due - today).days) if t.due else "",
            "associate": t.assigned_to,
        }
        for t in sorted(book.tasks, key=lambda t: (t.due or dt.date.max, t.row))
        if t.done_on is None and (t.client_id, t.task) not in shown_tasks
    ]
    # Today's first, then the overdue from yesterday back: what can still be done well comes
    # before a weeks-old thank-you note (Follow-ups lists those, most overdue first).
    followups = sorted(
        (f for f in agenda.followups if _is_open_now(f)),
        key=lambda f: (f.due != today, -f.due.toordinal(), f.client),
    )
    occasions = [m for m in agenda.milestones if m.days_away == 0]
    soon = [m for m in agenda.milestones if m.days_away != 0]
    return {
        "today": formats.day_with_weekday(today),
        "waiting": [
            {
                **_person(book, names, w.client_id, w.client),
                "since": formats.day(w.since),
                "days_waiting": w.days_waiting,
                "reason": w.reason,
            }
            for w in sorted(agenda.waiting, key=waited)
        ],
        "followups": [followup_view(book, names, f, today) for f in followups[:TODAY_SHOWN]],
        "followups_more": max(0, len(followups) - TODAY_SHOWN),
        "milestones_today": [milestone_view(book, names, m) for m in occasions[:TODAY_SHOWN]],
        "milestones_today_more": max(0, len(occasions) - TODAY_SHOWN),
        "milestones_soon": [milestone_view(book, names, m) for m in soon[:TODAY_SHOWN]],
        "milestones_soon_more": max(0, len(soon) - TODAY_SHOWN),
        "tasks": open_tasks,
        "gift_ideas": [
            {
                "message": g.message,
                "items": g.items,
                "buyer": _person(book, names, g.buyer_client_id, ""),
                "for": _person(book, names, g.for_client_id, ""),
                "date": formats.day_with_weekday(g.occasion_date),
            }
            for g in agenda.gift_ideas
        ],
        "stay_in_touch": stay_in_touch_cards(book, agenda, names, STAY_IN_TOUCH_SHOWN),
        "stay_in_touch_more": max(0, len(agenda.stay_in_touch) - STAY_IN_TOUCH_SHOWN),
        "stay_in_touch_page": STAY_IN_TOUCH_PAGE,
        "problems": problem_counts(book.problems),
    }


def stay_in_touch_cards(
    book: Book, agenda: Agenda, names: dict[str, str], shown: int | None = None
) -> list[View]:
    """Give the first `shown` (default: all) clients to get back in touch with, longest first."""
    return [
        {
            **_person(book, names, s.client_id, s.client),
            "since": _since_text(s.days_since_purchase, s.days_since_contact),
        }
        for s in agenda.stay_in_touch[:shown]
    ]


def _since_text(purchase: int | None, contact: int | None) -> str:
    parts = []
    if purchase is not None:
        parts.append(f"last bought {_ago(purchase)}")
    if contact is not None:
        parts.append(f"last in touch {_ago(contact)}")
    return "; ".join(parts) or "no purchase or contact on record"


def _ago(days: int) -> str:
    if days >= 730:
        return f"{days // 365} years ago"
    if days >= 60:
        return f"{days // 30} months ago"
    return formats.days_away(-days)


def problem_counts(problems: list[Problem]) -> View:
    """Give how many errors and warnings the book has."""
    errors = sum(p.severity == "error" for p in problems)
    return {"errors": errors, "warnings": len(problems) - errors, "total": len(problems)}


def followup_groups(book: Book, agenda: Agenda, names: dict[str, str]) -> list[View]:
    """Give every follow-up by when it is due: overdue, today, this week, later."""
    today = agenda.today
    groups: dict[str, list[View]] = {"overdue": [], "today": [], "week": [], "later": []}
    for f in sorted(agenda.followups, key=lambda f: (f.due, f.client)):
        days = (f.due - today).days
        key = "overdue" if days < 0 else "today" if days == 0 else "later"
        if 0 < days <= WEEK:
            key = "week"
        groups[key].append(followup_view(book, names, f, today))
    titles = {"overdue": "Overdue", "today": "Due today", "week": "This week", "later": "Later"}
    return [
        {"key": key, "title": titles[key], "items": items, "html": f"followups/{key}.html"}
        for key, items in groups.items()
    ]


def group_pages(group: View) -> list[View]:
    """Give the pages of a whole group of cards, GROUP_PAGE each, linked in order.

    The first is the group's own page (`html`); the others add "-2", "-3"... to its name.
    """
    items = group["items"]
    count = max(1, -(-len(items) // GROUP_PAGE))
    stem = group["html"].removesuffix(".html")
    urls = [group["html"]] + [f"{stem}-{n}.html" for n in range(2, count + 1)]
    return [
        {
            **group,
            "html": url,
            "items": items[at * GROUP_PAGE:(at + 1) * GROUP_PAGE],
            "total": len(items),
            "first": at * GROUP_PAGE + 1,
            "last": min(len(items), (at + 1) * GROUP_PAGE),
            "previous": urls[at - 1] if at > 0 else None,
            "next": urls[at + 1] if at + 1 < count else None,
        }
        for at, url in enumerate(urls)
    ]


def followups_view(today: dt.date, groups: list[View], sheets: list[View]) -> View:
    """Give the Follow-ups page: the first cards of each group (the rest on the group's own
    page), and the first rows of each associate's follow-ups (the rest on their call sheet)."""
    return {
        "today": formats.day_with_weekday(today),
        "groups": [
            {**group, "items": group["items"][:FOLLOWUPS_SHOWN], "total": len(group["items"]),
             "more": max(0, len(group["items"]) - FOLLOWUPS_SHOWN)}
            for group in groups
        ],
        "total": sum(len(group["items"]) for group in groups),
        "associates": [
            {**sheet, "items": sheet["items"][:ASSOCIATE_ROWS_SHOWN], "total": len(sheet["items"]),
             "more": max(0, len(sheet["items"]) - ASSOCIATE_ROWS_SHOWN)}
            for sheet in sheets
        ],
    }


def call_sheets(groups: list[View], today: dt.date) -> list[View]:
    """Give one call sheet per associate: what is overdue, due today and due this week.

    `groups` are `followup_groups`, whose cards are in order of when they are due.
    """
    per: dict[str, list[View]] = defaultdict(list)
    for group in groups:
        if group["key"] != "later":
            for view in group["items"]:
                per[view["associate"]].append(view)
    sheets = []
    for associate in sorted(per, key=lambda a: (a == UNASSIGNED, a.casefold())):
        stem = call_sheet_stem(associate)
        sheets.append(
            {
                "associate": associate,
                "items": per[associate],
                "html": f"{stem}.html",
                "csv": f"{stem}.csv",
                "download_name": f"Call sheet {associate} {today.isoformat()}.csv",
            }
        )
    return sheets


def call_sheet_rows(sheet: View) -> tuple[list[str], list[list[str]]]:
    """Give the header and rows of one call sheet, for the CSV export."""
    header = ["Due", "Client", "Phone", "Email", "To do", "Why", "Take care", "Done"]
    rows = [
        [
            item["due"],
            item["name"],
            "" if item["do_not_contact"] else item["phone"],
            "" if item["do_not_contact"] else item["email"],
            item["task"],
            item["reason"],
            "Do not contact. " * item["do_not_contact"] + item["discreet"],
            "",
        ]
        for item in sheet["items"]
    ]
    return header, rows


def client_rows(book: Book, names: dict[str, str]) -> list[View]:
    """Give a row of the Clients list for every client, by last name."""
    clients = sorted(book.clients.values(), key=lambda c: (c.last_name.casefold(), c.name))
    return [
        {
            "name": c.name,
            "url": client_url(names, c.id),
            "contact": " · ".join(filter(None, (c.phone, c.email))),
            "phone": c.phone,
            "email": c.email,
            "associate": c.associate,
            "tags": list(c.tags),
            "status": c.status,
            "city": c.city,
        }
        for c in clients
    ]


def clients_view(rows: list[View]) -> View:
    """Give the Clients page: its first `LIST_PAGE` rows, how many in all, the filters.

    The page lists the first rows itself (so it shows at once, even without scripts); its
    script lists the rest from the search data, `LIST_PAGE` at a time, and searches them all.
    A page listing 100,000 clients took Chromium 25 seconds to open.
    """
    return {
        "rows": rows[:LIST_PAGE],
        "total": len(rows),
        "page": LIST_PAGE,
        "associates": sorted({r["associate"] for r in rows if r["associate"]}, key=str.casefold),
        "tags": sorted({t for r in rows for t in r["tags"] if t}, key=str.casefold),
    }


def search_data(rows: list[View]) -> list[View]:
    """Give the client search data: for each row of the Clients list, in order, what it shows
    (name, link, contact, status) and what finds it (text, associate, tags)."""
    return [
        {
            "s": " ".join(
                [
                    row["name"],
                    row["email"],
                    row["phone"],
                    formats.national_digits(row["phone"]),
                    " ".join(row["tags"]),
                    row["city"],
                ]
            ).casefold(),
            "a": row["associate"],
            "t": row["tags"],
            "n": row["name"],
            "u": row["url"],
            "c": row["contact"],
            "g": row["status"],
        }
        for row in rows
    ]


def still_to_learn(client: Client) -> list[str]:
    """Give what the book does not know yet about `client`, in the words staff would ask."""
    missing = []
    if not (client.first_name and client.last_name):
        missing.append("full name")
    if not (client.phone or client.email or client.address):
        missing.append("a way to reach them")
    if client.birthday is None:
        missing.append("birthday")
    if client.anniversary is None:
        missing.append("anniversary")
    if not client.partner_name and not client.partner_id:
        missing.append("partner's name")
    if not any((client.ring_size, client.metal, client.style, client.stones, client.likes)):
        missing.append("preferences (ring size, metal, style, stones)")
    return missing


@dataclass
class Related:
    """Every record of the book filed under its client, so a profile never scans whole sheets."""

    purchases: dict[str, list[Purchase]] = field(default_factory=lambda: defaultdict(list))
    dates: dict[str, list[ImportantDate]] = field(default_factory=lambda: defaultdict(list))
    wishes: dict[str, list[WishItem]] = field(default_factory=lambda: defaultdict(list))
    contacts: dict[str, list[Contact]] = field(default_factory=lambda: defaultdict(list))
    tasks: dict[str, list[Task]] = field(default_factory=lambda: defaultdict(list))
    households: dict[str, list[Client]] = field(default_factory=lambda: defaultdict(list))


def related(book: Book) -> Related:
    """Give the book's records grouped by client (and clients grouped by household)."""
    index = Related()
    for p in book.purchases:
        index.purchases[p.client_id].append(p)
    for d in book.dates:
        index.dates[d.client_id].append(d)
    for w in book.wishes:
        index.wishes[w.client_id].append(w)
    for c in book.contacts:
        index.contacts[c.client_id].append(c)
    for t in book.tasks:
        if t.client_id is not None:
            index.tasks[t.client_id].append(t)
    for client in book.clients.values():
        if client.household:
            index.households[client.household].append(client)
    return index


def profile_inputs(book: Book, client: Client, names: dict[str, str], index: Related) -> str:
    """Give, as text, everything `profile_view` reads for `client`: a key for its page's digest.

    Much quicker than the view itself, so unchanged profiles of a big book need no view at all.
    """
    others = [book.clients.get(client.partner_id or ""), book.clients.get(client.referred_by)]
    others += index.households.get(client.household, []) if client.household else []
    return repr((
        _SHOWN[Client](client), names[client.id], book.settings.currency,
        [(o.id, o.name, names.get(o.id)) for o in others if o is not None],
        list(map(_SHOWN[Purchase], index.purchases.get(client.id, ()))),
        list(map(_SHOWN[ImportantDate], index.dates.get(client.id, ()))),
        list(map(_SHOWN[WishItem], index.wishes.get(client.id, ()))),
        list(map(_SHOWN[Contact], index.contacts.get(client.id, ()))),
        list(map(_SHOWN[Task], index.tasks.get(client.id, ()))),
    ))


def _fields_but_row(kind: type) -> Callable[[Any], tuple[Any, ...]]:
    names = [f.name for f in dataclasses.fields(kind) if f.name != "row"]
    return operator.attrgetter(*names)


#: A record's fields without its row number, which no profile shows: a row inserted above
#: moves every row below it, and must not re-render their profiles.
_SHOWN = {
    kind: _fields_but_row(kind)
    for kind in (Client, Purchase, ImportantDate, WishItem, Contact, Task)
}


def profile_view(book: Book, client: Client, names: dict[str, str], index: Related) -> View:
    """Give everything the book knows about one client, ready to show."""
    currency = book.settings.currency
    purchases = sorted(index.purchases.get(client.id, []), key=lambda p: p.date, reverse=True)
    total = sum((p.price for p in purchases if p.price is not None), Decimal(0))
    priced = [p for p in purchases if p.price is not None]
    partner = book.clients.get(client.partner_id) if client.partner_id else None
    household = [
        {"name": other.name, "url": client_url(names, other.id)}
        for other in index.households.get(client.household, [])
        if other.id not in (client.id, client.partner_id)
    ]
    referrer = book.clients.get(client.referred_by)
    dates = [
        {"label": label, "date": formats.partial(value), "notes": ""}
        for label, value in (
            ("Birthday", client.birthday),
            ("Anniversary", client.anniversary),
            ("Partner's birthday", client.partner_birthday),
        )
        if value
    ] + [
        {"label": d.occasion, "date": formats.partial(d.date), "notes": d.notes}
        for d in sorted(index.dates.get(client.id, []), key=lambda d: (d.date.month, d.date.day))
    ]
    address = [part for part in (client.address, client.city, client.postcode) if part]
    return {
        "id": client.id,
        "name": client.name,
        "status": client.status,
        "associate": client.associate,
        "tags": list(client.tags),
        "client_since": formats.day(client.client_since),
        "source": client.source,
        "referred_by": {
            "name": referrer.name if referrer else client.referred_by,
            "url": client_url(names, referrer.id) if referrer else "",
        },
        "contact": {
            "phone": client.phone,
            "email": client.email,
            "address": address,
            "preferred": client.preferred_contact or "",
            "do_not_contact": not client.contact_ok,
            "actions": contact_actions(client),
        },
        "discreet": client.discreet,
        "partner": {
            "name": partner.name if partner else client.partner_name,
            "url": client_url(names, partner.id) if partner else "",
            "birthday": formats.partial(client.partner_birthday),
        },
        "household": household,
        "household_name": client.household,
        "preferences": [
            {"label": label, "value": value}
            for label, value in (
                ("Ring size", client.ring_size),
                ("Metal", client.metal),
                ("Style", client.style),
                ("Stones", client.stones),
                ("Likes", client.likes),
            )
            if value
        ],
        "allergies": client.allergies,
        "dates": dates,
        "purchases": [
            {
                "date": formats.day(p.date),
                "item": p.item,
                "category": p.category,
                "price": formats.money(p.price, currency),
                "occasion": p.occasion,
                "recipient": p.recipient,
                "associate": p.associate,
                "notes": p.notes,
            }
            for p in purchases
        ],
        "purchase_count": len(purchases),
        "lifetime_value": formats.money(total, currency) if priced else "",
        "average": formats.money(total / len(priced), currency) if priced else "",
        "wishes": [
            {
                "item": w.item,
                "noted_on": formats.day(w.noted_on),
                "price": formats.money(w.price, currency),
                "notes": w.notes,
                "fulfilled_on": formats.day(w.fulfilled_on),
            }
            for w in sorted(
                index.wishes.get(client.id, []),
                key=lambda w: (w.fulfilled_on is not None, w.noted_on or dt.date.min),
            )
        ],
        "contacts": [
            {"date": formats.day(c.date), "kind": c.kind, "by": c.by, "notes": c.notes}
            for c in sorted(index.contacts.get(client.id, []), key=lambda c: c.date, reverse=True)
        ],
        "tasks": [
            {"task": t.task, "due": formats.day(t.due), "assigned_to": t.assigned_to}
            for t in index.tasks.get(client.id, [])
            if t.done_on is None
        ],
        "notes": client.notes,
        "extra": [{"label": k, "value": v} for k, v in client.extra.items() if v],
        "still_to_learn": still_to_learn(client),
    }


#: The milestones of one month, in date then client order: (year, month, milestones).
CalendarMonth = tuple[int, int, list[Milestone]]
#: The Calendar's month navigation: (year, month, how many milestones) for each month.
MonthNav = list[tuple[int, int, int]]
#: The milestones of one day of the Calendar, in client order.
CalendarDay = tuple[dt.date, list[Milestone]]


def calendar_months(milestones: list[Milestone]) -> list[CalendarMonth]:
    """Give the milestones grouped by month, each month's sorted by date, then client name."""
    months: list[CalendarMonth] = []
    for m in sorted(milestones, key=lambda m: (m.date, m.client)):
        if not months or months[-1][:2] != (m.date.year, m.date.month):
            months.append((m.date.year, m.date.month, []))
        months[-1][2].append(m)
    return months


def calendar_month_path(year: int, month: int) -> str:
    """Give the URL, from the site root, of one month's Calendar page."""
    return f"calendar/{year:04d}-{month:02d}.html"


def _month_title(year: int, month: int) -> str:
    return f"{dt.date(year, month, 1):%B %Y}"


def calendar_days(items: list[Milestone]) -> list[CalendarDay]:
    """Give a month's milestones (in date order) grouped by day."""
    return [(day, list(group)) for day, group in itertools.groupby(items, key=_date)]


def calendar_day_path(day: dt.date) -> str:
    """Give the URL, from the site root, of the Calendar page of one busy day."""
    return f"calendar/{day:%Y-%m-%d}.html"


def calendar_month_key(days: list[CalendarDay], names: dict[str, str]) -> list[tuple[Any, ...]]:
    """Give exactly what a month's page shows of its days: a key for the page's digest."""
    return [(day, len(items), calendar_day_key(items[:DAY_SHOWN], names)) for day, items in days]


def calendar_day_key(items: list[Milestone], names: dict[str, str]) -> list[tuple[Any, ...]]:
    """Give exactly what each of these entries shows: a key for their page's digest."""
    return [
        (m.date, m.label, m.client, m.client_id, names.get(m.client_id), m.gift_theme)
        for m in items
    ]


def calendar_month_view(
    nav: MonthNav, at: int, days: list[CalendarDay], names: dict[str, str], *,
    neighbours: bool = True,
) -> View:
    """Give the Calendar page of month `nav[at]`: the months, its entries, and its neighbours.

    A day with more than DAY_SHOWN entries shows that many; the last one shown carries `more`,
    the link to the day's own page. `neighbours=False` leaves out the previous and next month.
    """

    def link(i: int) -> View:
        year, month, count = nav[i]
        return {"title": _month_title(year, month), "count": count,
                "url": calendar_month_path(year, month), "current": i == at}

    months = [link(i) for i in range(len(nav))]
    entries: list[View] = []
    for day, items in days:
        shown = [_calendar_entry(m, names) for m in items[:DAY_SHOWN]]
        if len(items) > DAY_SHOWN:
            shown[-1]["more"] = {"count": len(items), "url": calendar_day_path(day),
                                 "day": f"{day:%A %-d %B}"}
        entries += shown
    return {
        "months": months,
        "month": {"title": months[at]["title"], "count": nav[at][2], "items": entries},
        "previous": months[at - 1] if neighbours and at > 0 else None,
        "next": months[at + 1] if neighbours and at + 1 < len(months) else None,
    }


def calendar_day_view(day: dt.date, items: list[Milestone], names: dict[str, str]) -> View:
    """Give the Calendar page of one busy day: all its entries, and the way back to its month."""
    return {
        "title": f"{day:%A %-d %B %Y}",
        "month": {"title": _month_title(day.year, day.month),
                  "url": calendar_month_path(day.year, day.month)},
        "items": [_calendar_entry(m, names) for m in items],
    }


def _date(m: Milestone) -> dt.date:
    return m.date


def _calendar_entry(m: Milestone, names: dict[str, str]) -> View:
    return {
        "day": m.date.day,
        "weekday": f"{m.date:%a}",
        "label": m.label,
        "name": m.client,
        "url": client_url(names, m.client_id),
        "gift_theme": m.gift_theme,
        "more": None,
    }


def health_view(book: Book) -> View:
    """Give every problem in the book, grouped by sheet, errors first within each sheet."""
    per: dict[str, list[Problem]] = defaultdict(list)
    for p in book.problems:
        per[p.sheet].append(p)
    return {
        "counts": problem_counts(book.problems),
        "sheets": [
            {
                "sheet": sheet,
                "problems": [
                    {
                        "severity": p.severity,
                        "where": p.where,
                        "message": p.message,
                        "fix": p.fix,
                        "value": p.value or "",
                    }
                    for p in sorted(per[sheet], key=_problem_order)
                ],
            }
            for sheet in sorted(per, key=lambda s: (s.casefold() != "clients", s.casefold()))
        ],
    }


def _problem_order(p: Problem) -> tuple[bool, int, str]:
    return (p.severity != "error", p.row or 0, p.column or "")
