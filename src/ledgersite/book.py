"""The validated client book: typed records, the store's settings, and the problems found.

Everything downstream (agenda, site) reads only these dataclasses, never raw cells.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing staff should fix, pinned to a cell where there is one."""

    severity: Severity
    sheet: str
    row: int | None
    column: str | None  # spreadsheet letter, e.g. "C"
    field: str | None  # our field name, e.g. "birthday"
    value: str | None  # the cell as staff typed it
    message: str  # plain English: what is wrong
    fix: str = ""  # plain English: what to do about it

    @property
    def where(self) -> str:
        """Give "Purchases, row 14, column C" (as much of it as is known)."""
        parts = [self.sheet]
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(f"column {self.column}")
        return ", ".join(parts)


@dataclass(frozen=True, order=True, slots=True)
class PartialDate:
    """A calendar date whose year may be unknown (a birthday typed as "14 March")."""

    month: int
    day: int
    year: int | None = None

    def as_date(self) -> dt.date | None:
        """Give the full date, or None when the year is unknown."""
        return dt.date(self.year, self.month, self.day) if self.year else None

    def __repr__(self) -> str:  # the dataclass's own is five times slower; digests use many
        return f"PartialDate({self.month}, {self.day}, {self.year})"

    def __str__(self) -> str:
        text = dt.date(2000, self.month, self.day).strftime("%-d %B")
        return f"{text} {self.year}" if self.year else text


ContactChannel = Literal["phone", "text", "email", "mail"]


@dataclass(slots=True)
class Client:
    """A client or prospect: one row of the Clients sheet."""

    id: str
    first_name: str = ""
    last_name: str = ""
    row: int = 0
    partner_name: str = ""
    partner_id: str | None = None  # set when the partner is a client too
    email: str = ""
    phone: str = ""
    address: str = ""
    city: str = ""
    postcode: str = ""
    birthday: PartialDate | None = None
    partner_birthday: PartialDate | None = None
    anniversary: PartialDate | None = None
    preferred_contact: ContactChannel | None = None
    contact_ok: bool = True
    discreet: str = ""  # e.g. "surprise gift: don't tell the partner"; empty when not discreet
    status: str = ""  # e.g. "prospect", "new enquiry", "archived", "deceased"
    associate: str = ""
    ring_size: str = ""
    metal: str = ""
    style: str = ""
    stones: str = ""
    likes: str = ""
    allergies: str = ""
    notes: str = ""  # markdown, as typed
    referred_by: str = ""
    household: str = ""
    source: str = ""
    client_since: dt.date | None = None
    tags: tuple[str, ...] = ()
    #: The store's own columns, header -> value as text, in sheet order.
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def name(self) -> str:
        """Give the name staff use: "Maria Reyes" (when the row has no name, its email, phone
        or ID)."""
        name = " ".join(p for p in (self.first_name, self.last_name) if p)
        return name or self.email or self.phone or self.id

    @property
    def inactive(self) -> bool:
        """Tell whether the client is archived or deceased (no milestones, no outreach)."""
        s = self.status.casefold()
        return any(word in s for word in ("archiv", "deceased", "passed away", "inactive"))


@dataclass(slots=True)
class Purchase:
    """A sale: one row of the Purchases sheet."""

    client_id: str
    date: dt.date
    item: str
    row: int = 0
    category: str = ""
    price: Decimal | None = None
    associate: str = ""
    occasion: str = ""
    recipient: str = ""
    notes: str = ""


@dataclass(slots=True)
class ImportantDate:
    """Another date to remember: one row of the Dates sheet."""

    client_id: str
    date: PartialDate
    occasion: str
    row: int = 0
    remind_days: int | None = None
    notes: str = ""


@dataclass(slots=True)
class WishItem:
    """Something a client admired: one row of the Wish list sheet."""

    client_id: str
    item: str
    row: int = 0
    noted_on: dt.date | None = None
    price: Decimal | None = None
    notes: str = ""
    fulfilled_on: dt.date | None = None


@dataclass(slots=True)
class Contact:
    """A touch that happened: one row of the Contact log."""

    client_id: str
    date: dt.date
    kind: str  # "thank-you note", "check-in call", "enquiry", ...
    row: int = 0
    by: str = ""
    notes: str = ""


@dataclass(slots=True)
class Task:
    """A promise or one-off to-do: one row of the Tasks sheet."""

    client_id: str | None
    task: str
    row: int = 0
    due: dt.date | None = None
    assigned_to: str = ""
    done_on: dt.date | None = None


TriggerKind = Literal["purchase", "category", "occasion"]
SpanUnit = Literal["days", "weeks", "months", "years"]


@dataclass(frozen=True)
class Offset:
    """A span such as "2 weeks" or "6 months"."""

    amount: int
    unit: SpanUnit

    def __str__(self) -> str:
        unit = self.unit[:-1] if self.amount == 1 else self.unit
        return f"{self.amount} {unit}"


@dataclass
class FollowUpRule:
    """A cadence step: after a matching purchase (or occasion), do `task` after `after`."""

    trigger: TriggerKind
    after: Offset
    task: str
    value: str = ""  # the category or occasion the trigger names; empty for any purchase
    min_price: Decimal | None = None
    row: int = 0  # 0 for a built-in default rule


LeapDay = Literal["feb28", "mar1"]


@dataclass
class Settings:
    """The store's settings (the Settings sheet), with defaults a jeweler would expect."""

    store_name: str = "Our client book"
    day_first: bool | None = None  # None: not said; ambiguous text dates are reported
    time_zone: str = "UTC"
    country: str = ""  # ISO code or name; implies phone numbers' leading zero
    currency: str = ""
    leap_day: LeapDay = "feb28"
    lead_days: dict[str, int] = field(
        default_factory=lambda: {
            "birthday": 14,
            "anniversary": 21,
            "partner_birthday": 14,
            "date": 7,
            "purchase_anniversary": 7,
        }
    )
    milestone_lead_days: int = 45  # for 10th, 25th, 30th, 40th, 50th, 60th anniversaries
    lapse_after_days: int = 365  # "stay in touch" after this long without purchase or contact
    horizon_days: int = 30  # how far ahead Today looks
    #: Settings rows we do not know, name -> value as typed.
    extra: dict[str, str] = field(default_factory=dict)
    #: The "Anniversary gifts" sheet: year -> (traditional, modern); overrides the built-in table.
    gift_themes: dict[int, tuple[str, str]] = field(default_factory=dict)


@dataclass
class SourceInfo:
    """Where the book came from and when it was read."""

    origin: str
    kind: str
    read_at: dt.datetime  # timezone-aware


@dataclass
class Book:
    """A validated client book. Records refer to clients by `Client.id`."""

    clients: dict[str, Client]
    source: SourceInfo
    settings: Settings = field(default_factory=Settings)
    purchases: list[Purchase] = field(default_factory=list)
    dates: list[ImportantDate] = field(default_factory=list)
    wishes: list[WishItem] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    rules: list[FollowUpRule] = field(default_factory=list)  # empty: the built-in cadence
    problems: list[Problem] = field(default_factory=list)
    #: The store's own column headers on the Clients sheet, in order.
    extra_columns: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        """Give the problems of severity "error"."""
        return [p for p in self.problems if p.severity == "error"]
