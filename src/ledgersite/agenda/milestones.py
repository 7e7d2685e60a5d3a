"""The occasions to remember: birthdays, partners' birthdays, anniversaries, dates, purchases."""

from __future__ import annotations

import datetime as dt
import re

from ledgersite.agenda.couples import couple_name, first_name, partners
from ledgersite.agenda.gift_themes import MILESTONE_YEARS, gift_theme
from ledgersite.agenda.model import Milestone
from ledgersite.agenda.occurs import next_occurrence, ordinal, years_since
from ledgersite.book import Book, Client, PartialDate, Purchase

#: Purchases remembered every year (others only on their first anniversary).
KEEPSAKE = re.compile(r"engag|bridal|wedding|anniversar|eternity", re.IGNORECASE)


def build_milestones(book: Book, today: dt.date, days: int | None = None) -> list[Milestone]:
    """Give the milestones to show on `today`, soonest first.

    Without `days`, each shows from its own lead time before the day (the store's reminder days
    for its kind, the row's own, or the longer one of a milestone anniversary); with `days`,
    every milestone of the next `days` days shows.
    """
    found = [
        *_client_milestones(book, today),
        *_date_milestones(book, today),
        *_purchase_milestones(book, today),
    ]
    shown = [m for m in found if m.days_away <= (m.lead_days if days is None else days)]
    return sorted(shown, key=lambda m: (m.date, m.client.casefold(), m.kind, m.label))


def _make(
    book: Book, today: dt.date, client: Client, date: PartialDate, kind: str, label: str,
    lead_days: int, years: int | None = None,
) -> Milestone:
    when = next_occurrence(date, today, book.settings.leap_day)
    return Milestone(
        date=when, client_id=client.id, client=client.name, kind=kind, label=label,
        years=years, lead_days=lead_days, days_away=(when - today).days,
        discreet=client.discreet, contact_ok=client.contact_ok,
    )


def _client_milestones(book: Book, today: dt.date) -> list[Milestone]:
    settings = book.settings
    lead = settings.lead_days
    couples = partners(book)
    found: list[Milestone] = []
    for client in book.clients.values():
        if client.inactive:
            continue
        name = first_name(client)
        if client.birthday:
            when = next_occurrence(client.birthday, today, settings.leap_day)
            age = years_since(client.birthday, when)
            label = f"{name} turns {age}" if age else f"{name}'s birthday"
            found.append(_make(book, today, client, client.birthday, "birthday", label,
                               lead.get("birthday", 14), age))
        partner = book.clients.get(couples.get(client.id, ""))
        if client.partner_birthday and not (partner and partner.birthday):
            when = next_occurrence(client.partner_birthday, today, settings.leap_day)
            age = years_since(client.partner_birthday, when)
            who = client.partner_name or (partner and first_name(partner)) or f"{name}'s partner"
            label = f"{who} turns {age}" if age else f"{who}'s birthday"
            found.append(_make(book, today, client, client.partner_birthday, "partner_birthday",
                               f"{label} ({name}'s partner)", lead.get("partner_birthday", 14),
                               age))
        if client.anniversary:
            if partner and partner.anniversary == client.anniversary and partner.id < client.id:
                continue  # the couple's shared anniversary is listed once, under the first id
            found.append(_anniversary(book, today, client, client.anniversary, partner))
    return found


def _anniversary(
    book: Book, today: dt.date, client: Client, date: PartialDate, partner: Client | None
) -> Milestone:
    settings = book.settings
    when = next_occurrence(date, today, settings.leap_day)
    years = years_since(date, when)
    label = f"{ordinal(years)} anniversary" if years else "Wedding anniversary"
    lead = settings.lead_days.get("anniversary", 21)
    if years in MILESTONE_YEARS:
        lead = max(lead, settings.milestone_lead_days)
    item = _make(book, today, client, date, "anniversary", label, lead, years)
    item.gift_theme = gift_theme(years, settings.gift_themes)
    if partner and partner.anniversary == date:
        item.client = couple_name(client, partner)
        item.other_client_ids = (partner.id,)
        item.contact_ok = client.contact_ok and partner.contact_ok
        item.discreet = " · ".join(d for d in (client.discreet, partner.discreet) if d)
    return item


def _date_milestones(book: Book, today: dt.date) -> list[Milestone]:
    couples = partners(book)
    typed = {(d.client_id, d.date, d.occasion.strip().casefold()) for d in book.dates}
    seen: set[tuple[frozenset[str], PartialDate, str]] = set()
    found: list[Milestone] = []
    for row in book.dates:
        client = book.clients.get(row.client_id)
        if client is None or client.inactive:
            continue
        couple = frozenset({client.id, couples.get(client.id, client.id)})
        key = (couple, row.date, row.occasion.strip().casefold())
        if key in seen:
            continue  # the same date typed for both partners
        seen.add(key)
        lead = row.remind_days
        if lead is None:
            lead = book.settings.lead_days.get("date", 7)
        when = next_occurrence(row.date, today, book.settings.leap_day)
        years = years_since(row.date, when)
        label = row.occasion.strip() or "Important date"
        if years and not re.search(r"\d", label):  # "Daughter's 18th birthday" says it already
            label = f"{label} ({years} {'year' if years == 1 else 'years'})"
        item = _make(book, today, client, row.date, "date", label, lead, years)
        partner = book.clients.get(couples.get(client.id, ""))
        if partner and (partner.id, row.date, key[2]) in typed:
            item.client = couple_name(client, partner)
            item.other_client_ids = (partner.id,)
        found.append(item)
    return found


def _purchase_milestones(book: Book, today: dt.date) -> list[Milestone]:
    lead = book.settings.lead_days.get("purchase_anniversary", 7)
    found: list[Milestone] = []
    for purchase in book.purchases:
        client = book.clients.get(purchase.client_id)
        if client is None or client.inactive or purchase.date >= today:
            continue
        date = PartialDate(purchase.date.month, purchase.date.day, purchase.date.year)
        when = next_occurrence(date, today, book.settings.leap_day)
        years = when.year - purchase.date.year
        if years > 1 and not _keepsake(purchase):
            continue
        label = f"{purchase.item}, {years} {'year' if years == 1 else 'years'}"
        found.append(_make(book, today, client, date, "purchase_anniversary", label, lead, years))
    return found


def _keepsake(purchase: Purchase) -> bool:
    return bool(KEEPSAKE.search(f"{purchase.category} {purchase.occasion} {purchase.item}"))
