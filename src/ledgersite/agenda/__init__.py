"""The agenda for one day: whom to remember and what to do, derived from the book.

    build_agenda(book, today)  ->  Agenda  ->  to_json(agenda)  (what `ledgersite agenda` prints)

Pure functions of (book, today): nothing here reads the clock or the disk.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ledgersite import collector
from ledgersite.agenda.followups import build_followups
from ledgersite.agenda.gifts import build_gift_ideas
from ledgersite.agenda.index import BookIndex, index_book
from ledgersite.agenda.milestones import collect_milestones, shown
from ledgersite.agenda.model import Agenda, Milestone
from ledgersite.agenda.stay_in_touch import build_stay_in_touch
from ledgersite.agenda.waiting import build_waiting
from ledgersite.book import Book

__all__ = ["agenda_and_calendar", "build_agenda", "calendar_milestones", "to_json"]


def build_agenda(book: Book, today: dt.date, *, days: int | None = None) -> Agenda:
    """Give the agenda for `today`, looking `days` ahead (default: the store's look-ahead)."""
    with collector.paused():
        return _agenda(book, today, days, index_book(book), reach=None)[0]


def calendar_milestones(book: Book, today: dt.date, days: int = 365) -> list[Milestone]:
    """Give `build_agenda(book, today, days=days).milestones`, working out nothing else."""
    with collector.paused():
        return shown(collect_milestones(book, today, days), days)


def agenda_and_calendar(
    book: Book, today: dt.date, calendar_days: int = 365
) -> tuple[Agenda, list[Milestone]]:
    """Give `build_agenda(book, today)` and `calendar_milestones(book, today, calendar_days)`.

    Quicker than the two apart: one pass over the book's occasions serves both.
    """
    with collector.paused():
        agenda, found = _agenda(book, today, None, index_book(book), reach=calendar_days)
        return agenda, shown(found, calendar_days)


def _agenda(
    book: Book, today: dt.date, days: int | None, index: BookIndex, *, reach: int | None
) -> tuple[Agenda, list[Milestone]]:
    """Give the agenda and the milestones found on the way, up to `reach` days ahead or more."""
    # Tens of thousands of records and no reference cycles: the caller pauses the collector.
    horizon = book.settings.horizon_days if days is None else days
    # One pass over the occasions serves every list below.
    upcoming = collect_milestones(book, today, max(horizon, reach or 0), index)
    waiting = build_waiting(book, today, index)
    agenda = Agenda(
        today=today,
        milestones=shown(upcoming, days),
        followups=build_followups(book, today, horizon, index),
        stay_in_touch=build_stay_in_touch(book, today, {w.client_id for w in waiting}, index),
        # A gift takes longer to choose than a card: ideas show across the whole look-ahead.
        gift_ideas=build_gift_ideas(book, shown(upcoming, horizon), index),
        waiting=waiting,
    )
    return agenda, upcoming


def to_json(agenda: Agenda) -> dict[str, Any]:
    """Give the agenda as plain JSON data (dates as YYYY-MM-DD)."""
    return {
        "today": agenda.today.isoformat(),
        "waiting": [
            {"client_id": w.client_id, "client": w.client, "since": w.since and w.since.isoformat(),
             "days_waiting": w.days_waiting, "reason": w.reason}
            for w in agenda.waiting
        ],
        "milestones": [
            {"date": m.date.isoformat(), "client_id": m.client_id, "client": m.client,
             "kind": m.kind, "label": m.label, "years": m.years, "lead_days": m.lead_days,
             "days_away": m.days_away, "other_client_ids": list(m.other_client_ids),
             "gift_theme": m.gift_theme, "discreet": m.discreet, "contact_ok": m.contact_ok}
            for m in agenda.milestones
        ],
        "followups": [
            {"due": f.due.isoformat(), "client_id": f.client_id, "client": f.client,
             "task": f.task, "status": f.status, "associate": f.associate, "reason": f.reason,
             "kind": f.kind, "channel": f.channel, "discreet": f.discreet}
            for f in agenda.followups
        ],
        "stay_in_touch": [
            {"client_id": s.client_id, "client": s.client,
             "days_since_purchase": s.days_since_purchase,
             "days_since_contact": s.days_since_contact}
            for s in agenda.stay_in_touch
        ],
        "gift_ideas": [
            {"for_client_id": g.for_client_id, "buyer_client_id": g.buyer_client_id,
             "occasion_date": g.occasion_date.isoformat(), "items": list(g.items),
             "occasion": g.occasion, "message": g.message}
            for g in agenda.gift_ideas
        ],
    }
