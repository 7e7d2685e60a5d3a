"""What the agenda holds for one day: whom to remember and what to do.

These records are what `ledgersite agenda --json` prints (see `to_json`) and what the site shows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

FollowUpStatus = Literal["overdue", "due", "upcoming"]


@dataclass(slots=True)
class Milestone:
    """An occasion on `date` (the next occurrence on or after today) for one client or couple.

    Keep the fields in this order: `milestones._Pass.make` passes them by position.
    """

    date: dt.date
    client_id: str
    client: str  # display name; "Maria & Tom Reyes" for a couple who are both clients
    kind: str  # "birthday", "partner_birthday", "anniversary", "date", "purchase_anniversary"
    label: str  # "Maria turns 40", "25th wedding anniversary", "Engagement ring, 1 year"
    years: int | None  # age or anniversary number, when the year is known
    lead_days: int  # how many days before `date` it starts showing
    days_away: int = 0
    other_client_ids: tuple[str, ...] = ()  # the partner, for a couple who are both clients
    gift_theme: str = ""  # "Silver (traditional) · Silver (modern)" for anniversaries
    discreet: str = ""
    contact_ok: bool = True


@dataclass(slots=True)
class FollowUp:
    """Something staff owe a client: a cadence step, or a promise from the Tasks sheet."""

    due: dt.date
    client_id: str
    client: str
    task: str
    status: FollowUpStatus
    associate: str
    reason: str  # "Bought the sapphire halo ring on 3 May"
    kind: str = "rule"  # "rule" or "task"
    channel: str | None = None  # preferred contact: "phone", "text", "email", "mail"
    discreet: str = ""


@dataclass(slots=True)
class StayInTouch:
    """A client nobody has bought from or spoken to for a while."""

    client_id: str
    client: str
    days_since_purchase: int | None
    days_since_contact: int | None


@dataclass(slots=True)
class GiftIdea:
    """A client's open wish-list items, shown to the partner as the client's occasion nears."""

    for_client_id: str
    buyer_client_id: str
    occasion_date: dt.date
    items: list[str]
    occasion: str = ""  # "birthday", "anniversary"
    message: str = ""  # "Maria's birthday is in 18 days: she admired the sapphire ring on 3 May"


@dataclass(slots=True)
class Waiting:
    """Someone who wrote in and has had no answer yet."""

    client_id: str
    client: str
    since: dt.date | None  # None: a new enquiry whose date is not in the book
    days_waiting: int | None
    reason: str


@dataclass
class Agenda:
    """Everything derived for one day."""

    today: dt.date
    milestones: list[Milestone] = field(default_factory=list)
    followups: list[FollowUp] = field(default_factory=list)
    stay_in_touch: list[StayInTouch] = field(default_factory=list)
    gift_ideas: list[GiftIdea] = field(default_factory=list)
    waiting: list[Waiting] = field(default_factory=list)
