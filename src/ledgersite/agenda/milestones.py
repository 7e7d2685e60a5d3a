"""The occasions to remember: birthdays, partners' birthdays, anniversaries, dates, purchases."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict

from ledgersite.agenda.couples import couple_name, first_name
from ledgersite.agenda.gift_themes import MILESTONE_YEARS, gift_theme
from ledgersite.agenda.index import BookIndex, index_book
from ledgersite.agenda.model import Milestone
from ledgersite.agenda.occurs import next_occurrence, ordinal, upcoming_days, years_since
from ledgersite.book import Book, Client, PartialDate, Purchase

#: Purchases remembered every year (others only on their first anniversary).
KEEPSAKE = re.compile(r"engag|bridal|wedding|anniversar|eternity", re.IGNORECASE)
DIGIT = re.compile(r"\d")


def build_milestones(book: Book, today: dt.date, days: int | None = None) -> list[Milestone]:
    """Give the milestones to show on `today`, soonest first.

    Without `days`, each shows from its own lead time before the day (the store's reminder days
    for its kind, the row's own, or the longer one of a milestone anniversary); with `days`,
    every milestone of the next `days` days shows.
    """
    return shown(collect_milestones(book, today, days), days)


def shown(milestones: list[Milestone], days: int | None = None) -> list[Milestone]:
    """Give those of `milestones` that `build_milestones(..., days)` shows, in the same order."""
    return [m for m in milestones if m.days_away <= (m.lead_days if days is None else days)]


def collect_milestones(
    book: Book, today: dt.date, reach: int | None = None, index: BookIndex | None = None
) -> list[Milestone]:
    """Give, soonest first, each milestone due within its own lead time or within `reach` days.

    One pass serves several look-aheads: `shown(found, days)` for any `days` up to `reach`
    gives what `build_milestones(book, today, days)` would, and `shown(found)` the default.
    """
    run = _Pass(book, today, reach, index or index_book(book))
    return _soonest_first(
        [*_client_milestones(run), *_date_milestones(run), *_purchase_milestones(run)])


def _soonest_first(found: list[Milestone]) -> list[Milestone]:
    """Give `found` sorted by date, then client, kind and label (ties keep their order).

    Tens of thousands fall on a year's days at most: sorting each day's apart is quicker than
    one sort comparing dates over and over.
    """
    by_day: dict[dt.date, list[Milestone]] = defaultdict(list)
    for m in found:
        by_day[m.date].append(m)
    ordered: list[Milestone] = []
    for day in sorted(by_day):
        ordered += sorted(by_day[day], key=lambda m: (m.client.casefold(), m.kind, m.label))
    return ordered


class _Pass:
    """What one pass over the book for `today` needs: where each day falls, which to keep."""

    def __init__(self, book: Book, today: dt.date, reach: int | None, index: BookIndex) -> None:
        self.book, self.today, self.reach, self.index = book, today, reach, index
        self.settings = book.settings
        #: (month, day) -> the next day it is kept, on or after today, and how many days away.
        self.upcoming = {key: (when, (when - today).days)
                         for key, when in upcoming_days(today, book.settings.leap_day).items()}
        # A client has several milestones, a kind of purchase many: each worked out once.
        self._names: dict[str, str] = {}
        self._keepsakes: dict[tuple[str, str, str], bool] = {}

    def next(self, date: PartialDate | dt.date) -> tuple[dt.date, int]:
        """Give the next day `date` is kept, on or after today, and how many days away it is."""
        found = self.upcoming.get((date.month, date.day))
        if found is None:  # not a day of the calendar: let next_occurrence say what is wrong
            when = next_occurrence(PartialDate(date.month, date.day), self.today,
                                   self.settings.leap_day)
            return when, (when - self.today).days
        return found

    def keeps(self, days_away: int, lead_days: int) -> bool:
        """Tell whether a milestone this far away shows, by its lead time or the reach."""
        return days_away <= self.cutoff(lead_days)

    def cutoff(self, lead_days: int) -> int:
        """Give how many days away a milestone with this lead time may be and still show."""
        return lead_days if self.reach is None else max(lead_days, self.reach)

    def keepsake(self, purchase: Purchase) -> bool:
        """Tell whether `purchase` is remembered every year, not only on its first anniversary."""
        key = (purchase.category, purchase.occasion, purchase.item)
        found = self._keepsakes.get(key)
        if found is None:
            found = self._keepsakes[key] = bool(KEEPSAKE.search(" ".join(key)))
        return found

    def make(
        self, client: Client, when: dt.date, days_away: int, kind: str, label: str,
        lead_days: int, years: int | None = None,
    ) -> Milestone:
        """Give the milestone of `client` on `when`.

        The calendar makes tens of thousands: the fields go in by position, in the order
        `Milestone` declares them (keywords cost a third more), and each name is joined once.
        """
        name = self._names.get(client.id)
        if name is None:
            name = self._names[client.id] = client.name
        return Milestone(when, client.id, name, kind, label, years, lead_days, days_away,
                         (), "", client.discreet, client.contact_ok)


def _client_milestones(run: _Pass) -> list[Milestone]:
    lead = run.settings.lead_days
    birthday_lead = lead.get("birthday", 14)
    partner_lead = lead.get("partner_birthday", 14)
    birthday_cutoff, partner_cutoff = run.cutoff(birthday_lead), run.cutoff(partner_lead)
    couples = run.index.partners
    clients = run.book.clients
    found: list[Milestone] = []
    for client in run.index.active.values():
        if client.birthday:
            when, away = run.next(client.birthday)
            if away <= birthday_cutoff:
                name = first_name(client)
                age = years_since(client.birthday, when)
                label = f"{name} turns {age}" if age else f"{name}'s birthday"
                found.append(run.make(client, when, away, "birthday", label, birthday_lead, age))
        partner = clients.get(couples.get(client.id, ""))
        if client.partner_birthday and not (partner and partner.birthday):
            when, away = run.next(client.partner_birthday)
            if away <= partner_cutoff:
                name = first_name(client)
                age = years_since(client.partner_birthday, when)
                who = (client.partner_name or (partner and first_name(partner))
                       or f"{name}'s partner")
                label = f"{who} turns {age}" if age else f"{who}'s birthday"
                found.append(run.make(client, when, away, "partner_birthday",
                                      f"{label} ({name}'s partner)", partner_lead, age))
        if client.anniversary:
            if partner and partner.anniversary == client.anniversary and partner.id < client.id:
                continue  # the couple's shared anniversary is listed once, under the first id
            item = _anniversary(run, client, client.anniversary, partner)
            if item is not None:
                found.append(item)
    return found


def _anniversary(
    run: _Pass, client: Client, date: PartialDate, partner: Client | None
) -> Milestone | None:
    settings = run.settings
    when, away = run.next(date)
    years = years_since(date, when)
    lead = settings.lead_days.get("anniversary", 21)
    if years in MILESTONE_YEARS:
        lead = max(lead, settings.milestone_lead_days)
    if not run.keeps(away, lead):
        return None
    label = f"{ordinal(years)} anniversary" if years else "Wedding anniversary"
    item = run.make(client, when, away, "anniversary", label, lead, years)
    item.gift_theme = gift_theme(years, settings.gift_themes)
    if partner and partner.anniversary == date:
        item.client = couple_name(client, partner)
        item.other_client_ids = (partner.id,)
        item.contact_ok = client.contact_ok and partner.contact_ok
        item.discreet = " · ".join(d for d in (client.discreet, partner.discreet) if d)
    return item


def _date_milestones(run: _Pass) -> list[Milestone]:
    book = run.book
    couples = run.index.partners
    default_lead = run.settings.lead_days.get("date", 7)
    # Each row's day as a plain tuple and its occasion as compared: keys of the sets below.
    rows = [(row, (row.date.month, row.date.day, row.date.year), row.occasion.strip().casefold())
            for row in book.dates]
    typed = {(row.client_id, day, occasion) for row, day, occasion in rows}
    seen: set[tuple[str, str, tuple[int, int, int | None], str]] = set()
    found: list[Milestone] = []
    for row, day, occasion in rows:
        client = run.index.active.get(row.client_id)
        if client is None:
            continue
        one, other = client.id, couples.get(client.id, client.id)
        key = (min(one, other), max(one, other), day, occasion)  # the couple, either way round
        if key in seen:
            continue  # the same date typed for both partners
        seen.add(key)
        lead = default_lead if row.remind_days is None else row.remind_days
        when, away = run.next(row.date)
        if not run.keeps(away, lead):
            continue
        years = years_since(row.date, when)
        label = row.occasion.strip() or "Important date"
        if years and not DIGIT.search(label):  # "Daughter's 18th birthday" says it already
            label = f"{label} ({years} {'year' if years == 1 else 'years'})"
        item = run.make(client, when, away, "date", label, lead, years)
        partner = book.clients.get(couples.get(client.id, ""))
        if partner and (partner.id, day, occasion) in typed:
            item.client = couple_name(client, partner)
            item.other_client_ids = (partner.id,)
        found.append(item)
    return found


def _purchase_milestones(run: _Pass) -> list[Milestone]:
    lead = run.settings.lead_days.get("purchase_anniversary", 7)
    today, cutoff, upcoming, active = run.today, run.cutoff(lead), run.upcoming, run.index.active
    found: list[Milestone] = []
    for purchase in run.book.purchases:  # tens of thousands: the cheapest tests first
        bought = purchase.date
        if bought >= today:
            continue
        when, away = upcoming[bought.month, bought.day]
        if away > cutoff:
            continue
        client = active.get(purchase.client_id)
        if client is None:
            continue
        years = when.year - bought.year
        if years > 1 and not run.keepsake(purchase):
            continue
        label = f"{purchase.item}: bought {years} {'year' if years == 1 else 'years'} ago"
        found.append(run.make(client, when, away, "purchase_anniversary", label, lead, years))
    return found
