"""What a starter workbook holds before staff type anything: settings, cadence, examples."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ledgersite.sources.raw import CellValue

#: What a starter cell may hold: what the readers give back, or an exact amount of money.
Value = CellValue | Decimal

#: Contact-log kinds that mean the client got in touch with us (the shared vocabulary).
INCOMING_KINDS = (
    "Enquiry",
    "Email received",
    "Call received",
    "Website form",
    "Message received",
    "Walk-in",
)

#: A jeweler's usual cadence: Trigger, Category or occasion, Min price, After, Task.
DEFAULT_RULES: tuple[tuple[str, str, Decimal | None, str, str], ...] = (
    ("Purchase", "", None, "2 days", "Thank-you note"),
    ("Purchase", "", None, "2 weeks", "Check-in call"),
    ("Category", "Engagement ring", None, "6 months", "Free clean and check"),
    ("Purchase", "", Decimal(1000), "1 year", "Invite in for a clean"),
    ("Occasion", "Anniversary", None, "11 months", "Anniversary reminder call"),
)

#: Example staff for the Associates list; the examples below refer to them.
EXAMPLE_STAFF = ("Anna", "Ben")


def settings_rows(
    *, store_name: str, time_zone: str, country: str, currency: str, day_first: bool
) -> list[tuple[str, Value]]:
    """Give the Settings rows (name, value) with a jeweler's usual lead times."""
    return [
        ("Store name", store_name),
        ("Time zone", time_zone),
        ("Country", country),
        ("Currency", currency),
        ("Day-first dates", "Yes" if day_first else "No"),
        ("Birthday reminder days", 14),
        ("Anniversary reminder days", 21),
        ("Partner birthday reminder days", 14),
        ("Date reminder days", 7),
        ("Purchase anniversary reminder days", 7),
        ("Milestone anniversary reminder days", 45),
        ("Stay in touch after (months)", 12),
        ("Look ahead (days)", 30),
        ("Leap-day birthdays on", "28 February"),
    ]


#: Settings values that have a drop-down: setting -> answers.
SETTING_CHOICES: dict[str, tuple[str, ...]] = {
    "Day-first dates": ("Yes", "No"),
    "Leap-day birthdays on": ("28 February", "1 March"),
}


def contact_kinds(rules: tuple[tuple[str, str, Decimal | None, str, str], ...]) -> list[str]:
    """Give the Contact log kinds: each rule's task, then the ways clients get in touch."""
    kinds: list[str] = []
    for task in [rule[4] for rule in rules] + list(INCOMING_KINDS):
        if task not in kinds:
            kinds.append(task)
    return kinds


MARIA = "Maria Reyes (example)"
DANIEL = "Daniel Reyes (example)"
PRIYA = "Priya Shah (example)"
_DELETE_ME = "Example row: delete it once your own are in."

#: Example rows per sheet, header -> value; clearly marked so nobody mistakes them for clients.
EXAMPLES: dict[str, list[dict[str, Value]]] = {
    "Clients": [
        {
            "Client ID": "EX1",
            "First name": "Maria",
            "Last name": "Reyes (example)",
            "Partner name": "Daniel Reyes",
            "Email": "maria.reyes@example.com",
            "Phone": "555 0101",
            "Address": "12 Harbour Street",
            "City": "Springfield",
            "Postcode": "01234",
            "Birthday": dt.date(1985, 3, 14),
            "Partner birthday": dt.date(1983, 11, 2),
            "Anniversary": dt.date(2012, 6, 9),
            "Preferred contact": "Text",
            "Contact OK": "Yes",
            "Status": "Client",
            "Associate": "Anna",
            "Ring size": "6.5",
            "Metal": "Yellow gold",
            "Style": "Vintage",
            "Stones": "Sapphire",
            "Likes & interests": "Art deco, gardening",
            "Allergies": "Nickel",
            "Notes": f"Prefers a text after 5 pm. **Loves** blue stones. {_DELETE_ME}",
            "Household": "Reyes",
            "Source": "Walk-in",
            "Client since": dt.date(2019, 5, 2),
            "Tags": "VIP, example",
        },
        {
            "Client ID": "EX2",
            "First name": "Daniel",
            "Last name": "Reyes (example)",
            "Partner name": "Maria Reyes",
            "Email": "daniel.reyes@example.com",
            "Phone": "555 0102",
            "Birthday": dt.date(1983, 11, 2),
            "Partner birthday": dt.date(1985, 3, 14),
            "Anniversary": dt.date(2012, 6, 9),
            "Preferred contact": "Phone",
            "Contact OK": "Yes",
            "Status": "Client",
            "Discreet": "Planning a surprise anniversary gift: don't mention it to Maria",
            "Associate": "Ben",
            "Notes": _DELETE_ME,
            "Household": "Reyes",
            "Referred by": MARIA,
            "Client since": dt.date(2019, 5, 2),
            "Tags": "example",
        },
        {
            "Client ID": "EX3",
            "First name": "Priya",
            "Last name": "Shah (example)",
            "Email": "priya.shah@example.com",
            "Preferred contact": "Email",
            "Contact OK": "No",
            "Status": "New enquiry",
            "Associate": "Anna",
            "Notes": f"Asked about engagement rings; no newsletters, please. {_DELETE_ME}",
            "Source": "Website",
            "Client since": dt.date(2025, 1, 20),
            "Tags": "example",
        },
    ],
    "Purchases": [
        {
            "Date": dt.date(2019, 5, 2),
            "Client": MARIA,
            "Item": "Gold hoop earrings",
            "Category": "Earrings",
            "Price": Decimal("320.00"),
            "Associate": "Anna",
            "Notes": _DELETE_ME,
        },
        {
            "Date": dt.date(2024, 12, 20),
            "Client": DANIEL,
            "Item": "Sapphire pendant",
            "Category": "Necklace",
            "Price": Decimal("1250.00"),
            "Associate": "Ben",
            "Occasion": "Christmas",
            "For": "Maria",
            "Notes": _DELETE_ME,
        },
    ],
    "Dates": [
        {
            "Client": MARIA,
            "Date": dt.date(1958, 8, 21),
            "Occasion": "Her mother's birthday",
            "Remind days before": 10,
            "Notes": f"Her mother Rosa loves pearls. {_DELETE_ME}",
        },
    ],
    "Wish list": [
        {
            "Client": MARIA,
            "Item": "Sapphire halo ring",
            "Noted on": dt.date(2025, 2, 14),
            "Price": Decimal("2400.00"),
            "Notes": f"Tried it on twice. {_DELETE_ME}",
        },
    ],
    "Contact log": [
        {
            "Date": dt.date(2024, 12, 22),
            "Client": DANIEL,
            "Kind": "Thank-you note",
            "By": "Ben",
            "Notes": f"Handwritten card. {_DELETE_ME}",
        },
        {
            "Date": dt.date(2025, 1, 20),
            "Client": PRIYA,
            "Kind": "Enquiry",
            "By": "Anna",
            "Notes": f"Asked about lab-grown diamonds, around 3,000. {_DELETE_ME}",
        },
    ],
    "Tasks": [
        {
            "Client": MARIA,
            "Task": "Call when the sapphire halo ring is back from the workshop",
            "Due": dt.date(2025, 3, 1),
            "Assigned to": "Anna",
            "Done on": dt.date(2025, 2, 28),
        },
    ],
}
