"""Which column holds which field: headers and sheet names matched forgivingly, with aliases."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from ledgersite.sources.raw import CellValue, RawBook, RawSheet

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")

#: Our sheet key -> the names staff give that tab (compared squeezed).
SHEET_NAMES: dict[str, tuple[str, ...]] = {
    "clients": ("clients", "client", "customers", "customer", "clientbook", "contacts"),
    "purchases": ("purchases", "purchase", "sales", "orders"),
    "dates": ("dates", "importantdates", "otherdates", "occasions"),
    "wishes": ("wishlist", "wishes", "wish", "wishlists"),
    "contacts": ("contactlog", "contacthistory", "log", "touches"),
    "tasks": ("tasks", "todo", "todos", "promises"),
    "rules": ("followuprules", "followups", "cadence", "rules"),
    "settings": ("settings", "setting", "options"),
    "gifts": ("anniversarygifts", "giftthemes", "gifts"),
}

#: Field -> the headers that mean it (compared squeezed); the first is the canonical header.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "client_id": (
        "Client ID",
        "id",
        "clientno",
        "clientnumber",
        "customerid",
        "customerkey",
        "customeralternatekey",
        "customernumber",
        "custid",
        "accountnumber",
    ),
    "first_name": ("First name", "firstname", "givenname", "forename", "first", "fname"),
    "last_name": ("Last name", "surname", "familyname", "last", "lname"),
    "full_name": ("Name", "fullname", "clientname", "customername", "contactname"),
    "partner_name": ("Partner name", "partner", "spouse", "spousename", "husband", "wife"),
    "email": ("Email", "e-mail", "emailaddress", "mail", "emailaddr"),
    "phone": (
        "Phone",
        "telephone",
        "tel",
        "mobile",
        "cell",
        "cellphone",
        "phonenumber",
        "mobilenumber",
        "mobilephone",
    ),
    "address": ("Address", "street", "addressline1", "streetaddress"),
    "city": ("City", "town"),
    "postcode": ("Postcode", "postalcode", "zip", "zipcode", "postcodezip"),
    "birthday": ("Birthday", "dob", "dateofbirth", "birthdate", "born", "bday"),
    "partner_birthday": (
        "Partner birthday",
        "partnerdob",
        "partnersbirthday",
        "partnerdateofbirth",
        "spousebirthday",
    ),
    "anniversary": ("Anniversary", "weddinganniversary", "weddingdate", "weddingday"),
    "preferred_contact": (
        "Preferred contact",
        "contactby",
        "preferredchannel",
        "contactmethod",
        "preferredcontactmethod",
    ),
    "contact_ok": (
        "Contact OK",
        "consent",
        "contactconsent",
        "okaytocontact",
        "marketingok",
        "optin",
        "maywecontact",
    ),
    "discreet": ("Discreet", "discretion", "discreetnote"),
    "status": ("Status", "clientstatus"),
    "associate": ("Associate", "salesperson", "staff", "associatename", "advisor", "seller"),
    "ring_size": ("Ring size", "ringsize", "size"),
    "metal": ("Metal", "metals", "preferredmetal"),
    "style": ("Style", "styles"),
    "stones": ("Stones", "gemstones", "gems", "favouritestones", "favoritestones"),
    "likes": ("Likes & interests", "likesandinterests", "likes", "interests", "hobbies"),
    "allergies": ("Allergies", "allergy"),
    "notes": ("Notes", "note", "comments", "comment", "remarks"),
    "referred_by": ("Referred by", "referral", "referredby", "referrer"),
    "household": ("Household", "householdid", "family"),
    "source": ("Source", "leadsource", "howheard", "howdidyouhearaboutus"),
    "client_since": (
        "Client since",
        "customersince",
        "since",
        "datefirstpurchase",
        "firstpurchase",
        "joined",
        "datejoined",
    ),
    "tags": ("Tags", "tag", "labels"),
    # other sheets
    "client": ("Client", "customer", "clientid", "clientname", "who"),
    "date": ("Date", "on", "when", "purchasedate", "saledate", "contactdate"),
    "item": ("Item", "piece", "product", "description"),
    "category": ("Category", "type"),
    "price": ("Price", "amount", "total", "value", "cost"),
    "occasion": ("Occasion", "reason", "event"),
    "recipient": ("For", "recipient", "forwhom", "giftfor"),
    "remind_days": ("Remind days before", "reminddays", "remind", "leaddays", "daysbefore"),
    "noted_on": ("Noted on", "noted", "dateadded", "added", "seenon", "admiredon"),
    "fulfilled_on": ("Fulfilled on", "fulfilled", "bought", "boughton", "purchasedon"),
    "kind": ("Kind", "type", "contacttype", "what"),
    "by": ("By", "associate", "staff", "who"),
    "task": ("Task", "todo", "action", "what"),
    "due": ("Due", "duedate", "dueon", "by"),
    "assigned_to": ("Assigned to", "assignee", "owner", "associate"),
    "done_on": ("Done on", "done", "completed", "completedon"),
    "trigger": ("Trigger", "when", "triggeredby"),
    "trigger_value": (
        "Category or occasion",
        "categoryoroccasion",
        "value",
        "category",
        "occasion",
    ),
    "min_price": ("Min price", "minimumprice", "minprice", "over", "pricefrom"),
    "after": ("After", "wait", "offset", "delay"),
    "setting": ("Setting", "name", "key"),
    "setting_value": ("Value", "setting value"),
    "year": ("Year", "years", "anniversary"),
    "traditional": ("Traditional",),
    "modern": ("Modern",),
}

#: The fields each sheet knows, in the order its columns are claimed.
SHEET_FIELDS: dict[str, tuple[str, ...]] = {
    "clients": (
        "client_id",
        "first_name",
        "last_name",
        "full_name",
        "partner_name",
        "email",
        "phone",
        "address",
        "city",
        "postcode",
        "partner_birthday",
        "birthday",
        "anniversary",
        "preferred_contact",
        "contact_ok",
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
        "client_since",
        "tags",
    ),
    "purchases": (
        "date",
        "client",
        "item",
        "category",
        "price",
        "associate",
        "occasion",
        "recipient",
        "notes",
    ),
    "dates": ("client", "date", "occasion", "remind_days", "notes"),
    "wishes": ("client", "item", "noted_on", "price", "notes", "fulfilled_on"),
    "contacts": ("date", "client", "kind", "by", "notes"),
    "tasks": ("client", "task", "due", "assigned_to", "done_on"),
    "rules": ("trigger", "trigger_value", "min_price", "after", "task"),
    "settings": ("setting", "setting_value"),
    "gifts": ("year", "traditional", "modern"),
}


def squeeze(text: str) -> str:
    """Give `text` folded for comparison: lower case, letters and digits only."""
    return _NOT_ALNUM.sub("", text.replace("&", "and").casefold())


def find_sheet(raw: RawBook, key: str, mapping: Mapping[str, str]) -> RawSheet | None:
    """Give the sheet that plays the part `key` ("clients", "purchases", ...), or None.

    The owner's `[sheets]` name wins; without a tab of that name the usual names are tried, so
    one ledgersite.toml serves both a shop's export and a book with our own tab names.
    """
    choices = ([{squeeze(mapping[key])}] if key in mapping else []) + [set(SHEET_NAMES[key])]
    for wanted in choices:
        for sheet in raw.sheets:
            if squeeze(sheet.name) in wanted:
                return sheet
    return None


def header_row(sheet: RawSheet) -> int:
    """Give the 0-based index of the header row: the first row with any text in it."""
    for i, row in enumerate(sheet.rows[:20]):
        if any(isinstance(v, str) and v.strip() for v in row):
            return i
    return 0


def field_of(key: str) -> str | None:
    """Give our field for a `[columns]` key of ledgersite.toml ("id", "Birthday", "birthday")."""
    wanted = squeeze(key)
    for name, aliases in FIELD_ALIASES.items():
        if wanted == squeeze(name) or wanted in (squeeze(a) for a in aliases[:1]):
            return name
    for name, aliases in FIELD_ALIASES.items():
        if wanted in (squeeze(a) for a in aliases):
            return name
    return None


def match_columns(
    headers: Sequence[CellValue], fields: Sequence[str], mapping: Mapping[str, str]
) -> dict[str, int]:
    """Give field -> 0-based column for the headers recognised; the owner's mapping wins.

    A mapped header that is not in the sheet is passed over, so the same ledgersite.toml
    serves both a shop's export and a book with our own headers.
    """
    squeezed = [squeeze(h) if isinstance(h, str) else "" for h in headers]
    found: dict[str, int] = {}
    taken: set[int] = set()
    for key, header in mapping.items():
        name = field_of(key)
        if name is None or name not in fields or name in found:
            continue
        target = squeeze(header)
        for col, text in enumerate(squeezed):
            if text == target and col not in taken:
                found[name] = col
                taken.add(col)
                break
    for name in fields:
        if name in found:
            continue
        aliases = {squeeze(a) for a in FIELD_ALIASES[name]}
        for col, text in enumerate(squeezed):
            if text and text in aliases and col not in taken:
                found[name] = col
                taken.add(col)
                break
    return found


def canonical(name: str) -> str:
    """Give the header staff would write for field `name` ("birthday" -> "Birthday")."""
    return FIELD_ALIASES[name][0]
