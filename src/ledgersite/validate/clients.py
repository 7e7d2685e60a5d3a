"""The Clients sheet: one `Client` per row, with IDs made up where missing and partners linked.

A row without a Client ID gets a stable one, "C-" and six characters of a digest of its name and
email, so links from other sheets and the site's pages survive re-reading the book.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Callable
from functools import partial

from ledgersite.book import Client, ContactChannel, PartialDate, Settings
from ledgersite.errors import BookInvalid
from ledgersite.names import split_name
from ledgersite.validate.cells import BadCell
from ledgersite.validate.country import country_code
from ledgersite.validate.dates import born, to_date, to_partial
from ledgersite.validate.headers import FIELD_ALIASES, squeeze
from ledgersite.validate.phones import phone
from ledgersite.validate.table import Table, day_order
from ledgersite.validate.values import boolean, text

_TEXT_FIELDS = (
    "partner_name",
    "email",
    "address",
    "city",
    "postcode",
    "discreet",
    "status",
    "associate",
    "ring_size",
    "metal",
    "style",
    "stones",
    "likes",
    "allergies",
    "notes",
    "referred_by",
    "household",
    "source",
)
_CHANNELS: dict[str, ContactChannel] = {
    "phone": "phone",
    "call": "phone",
    "telephone": "phone",
    "ring": "phone",
    "text": "text",
    "sms": "text",
    "whatsapp": "text",
    "message": "text",
    "email": "email",
    "e-mail": "email",
    "mail": "mail",
    "post": "mail",
    "letter": "mail",
}


def _channel(value: object) -> ContactChannel:
    word = text(value).casefold().strip(".")
    if word in _CHANNELS:
        return _CHANNELS[word]
    raise BadCell("is not a way to contact.", "Type phone, text, email or mail.")


def made_up_id(first: str, last: str, email: str) -> str:
    """Give the stable ID of a client row that has none: "C-" and a digest of name and email."""
    digest = hashlib.sha1(f"{first}|{last}|{email}".casefold().encode()).hexdigest()
    return f"C-{digest[:6].upper()}"


def read_clients(
    table: Table, settings: Settings, epoch: dt.date, today: dt.date
) -> tuple[dict[str, Client], list[str], dict[str, int]]:
    """Give clients by ID, the store's own headers, and the rows left out by the ways other
    sheets may name them; raise `BookInvalid` without names."""
    cols = table.columns
    if not ({"first_name", "last_name", "full_name"} & cols.keys()):
        raise BookInvalid(
            f'The "{table.sheet.name}" sheet has no name column: add a column headed '
            '"First name" and one headed "Last name" (or one headed "Name").'
        )
    known = set(cols.values())
    extra = [(col, text(h)) for col, h in enumerate(table.headers) if col not in known and text(h)]

    def as_partial(name: str) -> Callable[[object], PartialDate | None]:
        return partial(
            to_partial, epoch=epoch, day_first=day_order(table, name, settings.day_first)
        )

    as_phone = partial(phone, country=country_code(settings.country))

    def as_birthday(name: str) -> Callable[[object], PartialDate | None]:
        read = as_partial(name)

        def convert(value: object) -> PartialDate | None:
            date = read(value)
            return born(date, value, today) if date else None

        return convert

    birthday, partner_birthday = as_birthday("birthday"), as_birthday("partner_birthday")
    anniversary = as_partial("anniversary")
    since = partial(
        to_date, epoch=epoch, day_first=day_order(table, "client_since", settings.day_first)
    )
    texts = [(name, table.cell(name)) for name in _TEXT_FIELDS if name in cols]
    clients: dict[str, Client] = {}
    made_up: set[str] = set()
    left_out: dict[str, int] = {}
    for row, cells in table.rows():
        first, last = text(table.raw(cells, "first_name")), text(table.raw(cells, "last_name"))
        if not (first or last):
            first, last = split_name(text(table.raw(cells, "full_name")))
        client = Client(id="", first_name=first, last_name=last.strip(), row=row)
        for name, cell in texts:
            setattr(client, name, text(cell(cells)))
        client.phone = table.get(cells, row, "phone", as_phone) or ""
        client.birthday = table.get(cells, row, "birthday", birthday)
        client.partner_birthday = table.get(cells, row, "partner_birthday", partner_birthday)
        client.anniversary = table.get(cells, row, "anniversary", anniversary)
        client.client_since = table.get(cells, row, "client_since", since)
        client.preferred_contact = table.get(cells, row, "preferred_contact", _channel)
        ok = table.get(cells, row, "contact_ok", boolean)
        client.contact_ok = True if ok is None else ok
        tags = text(table.raw(cells, "tags"))
        client.tags = tuple(t.strip() for t in tags.replace(";", ",").split(",") if t.strip())
        client.extra = {h: text(cells[c]) for c, h in extra if c < len(cells) and text(cells[c])}
        if not (client.first_name or client.last_name):
            table.problem(
                "warning",
                row,
                "first_name" if "first_name" in cols else "full_name",
                None,
                "This client has no name.",
                "Type the client's first and last name.",
            )
        cid = text(table.raw(cells, "client_id"))
        if not cid:
            cid = _unused(made_up_id(client.first_name, client.last_name, client.email), clients)
            made_up.add(cid)
            if "client_id" in cols:
                table.problem(
                    "warning",
                    row,
                    "client_id",
                    None,
                    "This client has no Client ID.",
                    f"Give each client an ID; {cid} is used for now.",
                )
        if cid in clients:
            other = clients[cid]
            left_out.update((key, row) for key in (cid, client.name, client.email) if key)
            table.problem(
                "error",
                row,
                "client_id",
                cid,
                f"The Client ID {cid} is also used by {other.name} (row {other.row}).",
                "Give each client a Client ID of their own.",
            )
            continue
        client.id = cid
        clients[cid] = client
    _report_duplicates(table, clients)
    _report_alike(table, clients, made_up)
    _link_partners(clients)
    return clients, [h for _, h in extra], left_out


def _unused(cid: str, clients: dict[str, Client]) -> str:
    """Give the made-up `cid`, or it with "-2", "-3"... when a client of the same name has it."""
    number, free = 1, cid
    while free in clients:
        number += 1
        free = f"{cid}-{number}"
    return free


def _report_alike(table: Table, clients: dict[str, Client], made_up: set[str]) -> None:
    """Warn about clients without an ID or email who share a name: only their order in the
    sheet tells their made-up IDs apart, so sorting the sheet would swap their pages."""
    first_of: dict[str, Client] = {}
    for client in sorted((clients[cid] for cid in made_up), key=lambda c: c.row):
        key = f"{client.first_name}|{client.last_name}|{client.email}".casefold()
        first = first_of.setdefault(key, client)
        if first is not client:
            apart = "a Client ID" if client.email else "a Client ID or email"
            table.problem(
                "warning",
                client.row,
                "client_id" if "client_id" in table.columns else None,
                None,
                f"{client.name} has the same name as the client in row {first.row}, and neither"
                f" has {apart} to tell them apart.",
                "Give each of them a Client ID (or an email), or keep one row if they are the"
                " same person.",
            )


def _report_duplicates(table: Table, clients: dict[str, Client]) -> None:
    for name in ("email", "phone"):
        seen: dict[str, list[Client]] = defaultdict(list)
        for client in clients.values():
            value = getattr(client, name)
            key = value.casefold() if name == "email" else "".join(c for c in value if c.isdigit())
            if key:
                seen[key].append(client)
        label = FIELD_ALIASES[name][0].lower()
        for group in seen.values():
            for later in group[1:]:
                first = group[0]
                table.problem(
                    "warning",
                    later.row,
                    name,
                    getattr(later, name),
                    f"{later.name} has the same {label} as {first.name} (row {first.row}).",
                    f"If they are the same person, keep one row; if not, correct the {label}.",
                )


def _link_partners(clients: dict[str, Client]) -> None:
    by_name: dict[str, list[str]] = defaultdict(list)
    households: dict[str, list[str]] = defaultdict(list)
    for client in clients.values():
        by_name[squeeze(client.name)].append(client.id)
        if client.household:
            households[squeeze(client.household)].append(client.id)
    for client in clients.values():
        if client.partner_name:
            ids = [i for i in by_name.get(squeeze(client.partner_name), []) if i != client.id]
            if len(ids) == 1:
                client.partner_id = ids[0]
                continue
        if client.household:
            others = [i for i in households[squeeze(client.household)] if i != client.id]
            if len(others) == 1:
                client.partner_id = others[0]
