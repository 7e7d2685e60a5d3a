"""The sheets that refer to clients (Purchases, Dates, Wish list, Contact log, Tasks) and the
Follow-up rules sheet, one reader each over the same `Table`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from functools import partial
from typing import TypeVar

from ledgersite.book import (
    Contact,
    FollowUpRule,
    ImportantDate,
    PartialDate,
    Purchase,
    Settings,
    Task,
    TriggerKind,
    WishItem,
)
from ledgersite.sources.raw import CellValue
from ledgersite.validate.cells import BadCell
from ledgersite.validate.country import decimal_comma
from ledgersite.validate.dates import to_date, to_partial
from ledgersite.validate.references import ClientIndex
from ledgersite.validate.table import Table, day_order
from ledgersite.validate.values import days, money, offset, text

_D = TypeVar("_D", dt.date, PartialDate)


class Sheet:
    """A referring sheet's converters, built once: dates in each column's order, clients."""

    def __init__(self, table: Table, settings: Settings, epoch: dt.date, index: ClientIndex):
        self.table = table
        self.settings = settings
        self.epoch = epoch
        self.index = index
        self.money = amounts(settings)
        self._client = table.cell("client")

    def date(self, name: str) -> Callable[[object], dt.date | None]:
        """Give the converter of full dates in column `name`."""
        order = day_order(self.table, name, self.settings.day_first)
        return partial(to_date, epoch=self.epoch, day_first=order)

    def partial_date(self, name: str) -> Callable[[object], PartialDate | None]:
        """Give the converter of maybe year-less dates in column `name`."""
        order = day_order(self.table, name, self.settings.day_first)
        return partial(to_partial, epoch=self.epoch, day_first=order)

    def client(self, cells: list[CellValue], row: int, *, required: bool = True) -> str | None:
        """Give the client ID the row names, None (reported when required) otherwise."""
        value = self._client(cells)
        if value.__class__ is str and value in self.index.clients:
            return value  # the usual case: an ID, exactly
        if text(value) == "":
            if required:
                self.table.problem(
                    "error",
                    row,
                    "client",
                    None,
                    "This row names no client.",
                    "Type the client's ID, email or full name.",
                )
            return None
        return self.table.get(
            cells, row, "client", lambda v: self.index.resolve(text(v)), severity="error"
        )

    def dated(
        self, cells: list[CellValue], row: int, convert: Callable[[object], _D | None]
    ) -> _D | None:
        """Give the row's Date, reporting it when it is bad or missing (the row is left out)."""
        when = self.table.get(cells, row, "date", convert, severity="error")
        if when is None and self.table.raw(cells, "date") is None:
            self.required(row, "date", "date")
        return when

    def required(self, row: int, name: str, what: str) -> None:
        """Record that the row lacks `what`."""
        self.table.problem(
            "error",
            row,
            name,
            None,
            f"This row has no {what}.",
            f"Type the {what}, or delete the row.",
        )


def read_purchases(s: Sheet) -> list[Purchase]:
    """Give the sales whose client and date are known."""
    t, out, date = s.table, [], s.date("date")
    item, category, associate, occasion, recipient, notes = map(
        t.cell, ("item", "category", "associate", "occasion", "recipient", "notes")
    )
    for row, cells in t.rows():
        cid = s.client(cells, row)
        when = t.get(cells, row, "date", date, severity="error")
        if "date" in t.columns and when is None and t.raw(cells, "date") is None:
            s.required(row, "date", "date")
        price = t.get(cells, row, "price", s.money)  # checked even when the row is left out
        if cid is None or when is None:
            continue
        out.append(
            Purchase(
                cid,
                when,
                text(item(cells)),
                row,
                text(category(cells)),
                price,
                text(associate(cells)),
                text(occasion(cells)),
                text(recipient(cells)),
                text(notes(cells)),
            )
        )
    return out


def read_dates(s: Sheet) -> list[ImportantDate]:
    """Give the other dates to remember."""
    t, out, date = s.table, [], s.partial_date("date")
    for row, cells in t.rows():
        cid = s.client(cells, row)
        when = s.dated(cells, row, date)
        if cid is None or when is None:
            continue
        out.append(
            ImportantDate(
                cid,
                when,
                text(t.raw(cells, "occasion")),
                row,
                t.get(cells, row, "remind_days", days),
                text(t.raw(cells, "notes")),
            )
        )
    return out


def read_wishes(s: Sheet) -> list[WishItem]:
    """Give the wish-list items."""
    t, out = s.table, []
    noted, fulfilled = s.date("noted_on"), s.date("fulfilled_on")
    for row, cells in t.rows():
        cid = s.client(cells, row)
        if cid is None:
            continue
        out.append(
            WishItem(
                cid,
                text(t.raw(cells, "item")),
                row,
                t.get(cells, row, "noted_on", noted),
                t.get(cells, row, "price", s.money),
                text(t.raw(cells, "notes")),
                t.get(cells, row, "fulfilled_on", fulfilled),
            )
        )
    return out


def read_contacts(s: Sheet) -> list[Contact]:
    """Give the contact log entries whose client and date are known."""
    t, out, date = s.table, [], s.date("date")
    kind, by, notes = map(t.cell, ("kind", "by", "notes"))
    for row, cells in t.rows():
        cid = s.client(cells, row)
        when = s.dated(cells, row, date)
        if cid is None or when is None:
            continue
        out.append(
            Contact(
                cid,
                when,
                text(kind(cells)),
                row,
                text(by(cells)),
                text(notes(cells)),
            )
        )
    return out


def read_tasks(s: Sheet) -> list[Task]:
    """Give the one-off tasks (a task may name no client)."""
    t, out = s.table, []
    due, done = s.date("due"), s.date("done_on")
    for row, cells in t.rows():
        task = text(t.raw(cells, "task"))
        if not task:
            s.required(row, "task", "task")
            continue
        cid = s.client(cells, row, required=False)
        out.append(
            Task(
                cid,
                task,
                row,
                t.get(cells, row, "due", due),
                text(t.raw(cells, "assigned_to")),
                t.get(cells, row, "done_on", done),
            )
        )
    return out


def amounts(settings: Settings) -> Callable[[object], Decimal | None]:
    """Give the converter of amounts written the store's way (1,250.00 or 1.250,00)."""
    return partial(money, comma=decimal_comma(settings.country, settings.currency))


def _trigger(value: object) -> TriggerKind:
    word = text(value).casefold()
    for kind in ("purchase", "category", "occasion"):
        if word.startswith(kind[:5]) or word == kind:
            return kind
    if word in ("any purchase", "sale", "any sale", ""):
        return "purchase"
    raise BadCell("is not a trigger I know.", "Type Purchase, Category or Occasion.")


def read_rules(table: Table, settings: Settings) -> list[FollowUpRule]:
    """Give the follow-up rules that have an offset and a task."""
    out, min_price = [], amounts(settings)
    for row, cells in table.rows():
        kind = table.get(cells, row, "trigger", _trigger, severity="error")
        after = table.get(cells, row, "after", offset, severity="error")
        task = text(table.raw(cells, "task"))
        if not task:
            table.problem(
                "error",
                row,
                "task",
                None,
                "This rule has no task.",
                "Type what should be done, e.g. Handwritten thank-you note.",
            )
        if kind is None and table.raw(cells, "trigger") is None:
            kind = "purchase"
        if kind is None or after is None or not task:
            continue
        out.append(
            FollowUpRule(
                kind,
                after,
                task,
                text(table.raw(cells, "trigger_value")),
                table.get(cells, row, "min_price", min_price),
                row,
            )
        )
    return out
