"""What staff owe clients: cadence steps after purchases, and promises from the Tasks sheet."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from functools import lru_cache

from dateutil.relativedelta import relativedelta

from ledgersite.agenda.index import BookIndex, index_book
from ledgersite.agenda.matching import same_kind
from ledgersite.agenda.model import FollowUp, FollowUpStatus
from ledgersite.agenda.wording import in_sentence
from ledgersite.book import Book, Contact, FollowUpRule, Offset, Purchase

#: An unmet cadence step this far past its day drops off: too late for a thank-you note.
GIVE_UP_AFTER_DAYS = 60

#: The cadence used when the book has no Follow-up rules sheet.
DEFAULT_RULES: tuple[FollowUpRule, ...] = (
    FollowUpRule("purchase", Offset(2, "days"), "Handwritten thank-you note"),
    FollowUpRule("purchase", Offset(2, "weeks"), "Check-in call"),
    FollowUpRule("category", Offset(6, "months"), "Free cleaning and prong check", value="ring"),
    FollowUpRule("category", Offset(6, "months"), "Free cleaning and prong check", value="bridal"),
    FollowUpRule("category", Offset(1, "years"), "Anniversary call", value="bridal"),
    FollowUpRule("category", Offset(1, "weeks"), "Repair pick-up check", value="repair"),
)


def rules_of(book: Book) -> tuple[FollowUpRule, ...]:
    """Give the book's Follow-up rules, or the built-in cadence when it has none."""
    return tuple(book.rules) or DEFAULT_RULES


def status_of(due: dt.date, today: dt.date) -> FollowUpStatus:
    """Give "overdue", "due" (today) or "upcoming"."""
    return "overdue" if due < today else "due" if due == today else "upcoming"


def build_followups(
    book: Book, today: dt.date, days: int, index: BookIndex | None = None
) -> list[FollowUp]:
    """Give open follow-ups: overdue first, then due today, then those within `days`."""
    index = index or index_book(book)
    found = [*_cadence(book, today, index), *_promises(book, today, index)]
    shown = [f for f in found if (f.due - today).days <= days]
    return sorted(shown, key=lambda f: (f.due, f.client.casefold(), f.task))


@lru_cache(maxsize=8192)  # thousands of purchases share a few hundred days and a few offsets
def _after(start: dt.date, offset: Offset) -> dt.date:
    if offset.unit in ("days", "weeks"):
        return start + dt.timedelta(**{offset.unit: offset.amount})
    return start + relativedelta(**{offset.unit: offset.amount})  # type: ignore[arg-type]


def _longest_days(rules: tuple[FollowUpRule, ...]) -> int:
    """Give an upper bound, in days, of the longest offset among `rules`."""
    per_unit = {"days": 1, "weeks": 7, "months": 31, "years": 366}
    return max((r.after.amount * per_unit[r.after.unit] for r in rules), default=0)


def matches(rule: FollowUpRule, purchase: Purchase) -> bool:
    """Tell whether `purchase` sets off `rule`."""
    if rule.min_price is not None and (purchase.price is None or purchase.price < rule.min_price):
        return False
    wanted = rule.value.strip().casefold()
    if rule.trigger == "purchase" or not wanted:
        return True
    if rule.trigger == "category":
        return wanted in purchase.category.casefold()
    return wanted in purchase.occasion.casefold()


def _cadence(book: Book, today: dt.date, index: BookIndex) -> list[FollowUp]:
    rules = rules_of(book)
    too_old = today - dt.timedelta(days=_longest_days(rules) + GIVE_UP_AFTER_DAYS)
    given_up = today - dt.timedelta(days=GIVE_UP_AFTER_DAYS)
    recent = [p for p in book.purchases if p.date >= too_old]  # the rest set off nothing now
    log: dict[str, list[Contact]] = defaultdict(list)
    for entry in book.contacts:
        log[entry.client_id].append(entry)
    steps = [(rule, rule.task.strip().casefold()) for rule in rules]
    found: list[FollowUp] = []
    for purchase in recent:
        client = index.reachable(purchase.client_id)
        if client is None:
            continue
        tasks_done: set[str] = set()
        for rule, key in steps:
            if key in tasks_done or not matches(rule, purchase):
                continue  # one ring that is also bridal needs one cleaning, not two
            due = _after(purchase.date, rule.after)
            if due < given_up:
                continue
            tasks_done.add(key)
            if _done(log[client.id], rule.task, purchase.date):
                continue
            found.append(FollowUp(
                due=due, client_id=client.id, client=client.name, task=rule.task,
                status=status_of(due, today),
                associate=purchase.associate or client.associate,
                reason=f"Bought {_item(purchase)} on {_day(purchase.date)}",
                kind="rule", channel=client.preferred_contact, discreet=client.discreet,
            ))
    return found


def _done(log: list[Contact], task: str, opened: dt.date) -> bool:
    return any(c.date >= opened and same_kind(c.kind, task) for c in log)


def _promises(book: Book, today: dt.date, index: BookIndex) -> list[FollowUp]:
    found: list[FollowUp] = []
    for task in book.tasks:
        client = index.reachable(task.client_id or "")
        if task.done_on is not None or client is None:
            continue
        due = task.due or today
        found.append(FollowUp(
            due=due, client_id=client.id, client=client.name, task=task.task,
            status=status_of(due, today),
            associate=task.assigned_to or client.associate,
            reason="Promised to the client (Tasks sheet)" if task.due
            else "Promised to the client (Tasks sheet, no due date)",
            kind="task", channel=client.preferred_contact, discreet=client.discreet,
        ))
    return found


def _item(purchase: Purchase) -> str:
    return in_sentence(purchase.item) or "something"


@lru_cache(maxsize=4096)  # strftime is slow; thousands of reasons share a few hundred days
def _day(date: dt.date) -> str:
    return f"{date.day} {date:%B %Y}"
