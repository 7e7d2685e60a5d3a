"""The starter workbook's sheets: their headers (the contract's names), widths, formats, lists."""

from __future__ import annotations

from typing import Literal, NamedTuple

#: How a column's cells are formatted: dates show as "14 Mar 1985" (clear whichever way round
#: the shop writes dates), IDs, phones and postcodes are text so a leading zero is kept.
Format = Literal["general", "text", "date", "money", "whole"]

#: The drop-down a column offers, by name (see `FIXED_CHOICES` and the Settings lists).
Choices = Literal["contact", "yes_no", "status", "trigger", "staff", "kinds", ""]


class Column(NamedTuple):
    """One column of a sheet: its header, width in characters, format and drop-down."""

    header: str
    width: int
    format: Format = "general"
    choices: Choices = ""


CLIENTS = "Clients"
PURCHASES = "Purchases"
DATES = "Dates"
WISH_LIST = "Wish list"
CONTACT_LOG = "Contact log"
TASKS = "Tasks"
RULES = "Follow-up rules"
SETTINGS = "Settings"
INSTRUCTIONS = "Instructions"

SHEETS: dict[str, tuple[Column, ...]] = {
    CLIENTS: (
        Column("Client ID", 10, "text"),
        Column("First name", 14),
        Column("Last name", 18),
        Column("Partner name", 16),
        Column("Email", 28),
        Column("Phone", 16, "text"),
        Column("Address", 28),
        Column("City", 14),
        Column("Postcode", 10, "text"),
        Column("Birthday", 13, "date"),
        Column("Partner birthday", 13, "date"),
        Column("Anniversary", 13, "date"),
        Column("Preferred contact", 11, choices="contact"),
        Column("Contact OK", 9, choices="yes_no"),
        Column("Status", 13, choices="status"),
        Column("Discreet", 26),
        Column("Associate", 12, choices="staff"),
        Column("Ring size", 8),
        Column("Metal", 14),
        Column("Style", 16),
        Column("Stones", 14),
        Column("Likes & interests", 26),
        Column("Allergies", 12),
        Column("Notes", 40),
        Column("Referred by", 16),
        Column("Household", 14),
        Column("Source", 14),
        Column("Client since", 13, "date"),
        Column("Tags", 18),
    ),
    PURCHASES: (
        Column("Date", 13, "date"),
        Column("Client", 24),
        Column("Item", 30),
        Column("Category", 14),
        Column("Price", 11, "money"),
        Column("Associate", 12, choices="staff"),
        Column("Occasion", 14),
        Column("For", 16),
        Column("Notes", 36),
    ),
    DATES: (
        Column("Client", 24),
        Column("Date", 13, "date"),
        Column("Occasion", 22),
        Column("Remind days before", 10, "whole"),
        Column("Notes", 36),
    ),
    WISH_LIST: (
        Column("Client", 24),
        Column("Item", 32),
        Column("Noted on", 13, "date"),
        Column("Price", 11, "money"),
        Column("Notes", 36),
        Column("Fulfilled on", 13, "date"),
    ),
    CONTACT_LOG: (
        Column("Date", 13, "date"),
        Column("Client", 24),
        Column("Kind", 22, choices="kinds"),
        Column("By", 12, choices="staff"),
        Column("Notes", 40),
    ),
    TASKS: (
        Column("Client", 24),
        Column("Task", 40),
        Column("Due", 13, "date"),
        Column("Assigned to", 12, choices="staff"),
        Column("Done on", 13, "date"),
    ),
    RULES: (
        Column("Trigger", 11, choices="trigger"),
        Column("Category or occasion", 20),
        Column("Min price", 11, "money"),
        Column("After", 10),
        Column("Task", 34),
    ),
    SETTINGS: (
        Column("Setting", 34),
        Column("Value", 24),
    ),
}

#: Drop-downs whose answers never change; the first of each is what the readers expect.
FIXED_CHOICES: dict[str, tuple[str, ...]] = {
    "contact": ("Phone", "Text", "Email", "Mail"),
    "yes_no": ("Yes", "No"),
    "status": ("Client", "Prospect", "New enquiry", "Archived", "Deceased"),
    "trigger": ("Purchase", "Category", "Occasion"),
}

#: The lists beside the settings, which staff extend: (header, column letter, drop-down name).
#: Column C stays empty so the settings table reads as its own block.
SETTINGS_LISTS: tuple[tuple[str, str, Choices], ...] = (
    ("Associates", "D", "staff"),
    ("Contact kinds", "E", "kinds"),
)
SETTINGS_LIST_WIDTH = 24
#: How far down a Settings list the drop-downs look: room for a shop's staff and kinds.
SETTINGS_LIST_ROWS = 60

#: What each drop-down says when a cell is selected, and when the answer is not in the list.
PROMPTS: dict[str, tuple[str, str]] = {
    "contact": ("How to reach them", "Phone, Text, Email or Mail."),
    "yes_no": ("Happy to hear from us?", "Yes, or No if they asked not to be contacted."),
    "status": ("Status", "Client, Prospect, New enquiry, Archived or Deceased."),
    "trigger": ("What starts it", "Purchase (any sale), Category or Occasion."),
    "staff": ("Who", "Pick a name. Add staff to the Associates list on the Settings sheet."),
    "kinds": ("What happened", "Pick one. Add kinds to the list on the Settings sheet."),
}

#: Lists staff choose from but may go beyond (a new colleague, an unusual kind of contact).
OPEN_CHOICES = frozenset({"staff", "kinds", "status"})
