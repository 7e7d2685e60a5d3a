"""Which column holds which field: headers and sheet names matched forgivingly, with aliases."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from ledgersite.sources.raw import CellValue, RawBook, RawSheet

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
#: What a header may end with when it means "the number of" the thing: "Tel. No", "Client #".
_NUMBER_WORD = re.compile(r"(?:number|num|nr|no)$")
#: Rows searched for the headers: a title and a blank row above them are common.
HEADER_SEARCH_ROWS = 20

#: Our sheet key -> the names staff give that tab (compared squeezed).
SHEET_NAMES: dict[str, tuple[str, ...]] = {
    "clients": (
        "clients",
        "client",
        "customers",
        "customer",
        "clientbook",
        "contacts",
        "clientlist",
        "customerlist",
        "clientrecords",
        "customerrecords",
    ),
    "purchases": ("purchases", "purchase", "sales", "orders"),
    "dates": ("dates", "importantdates", "otherdates", "occasions"),
    "wishes": ("wishlist", "wishes", "wish", "wishlists"),
    "contacts": ("contactlog", "contacthistory", "log", "touches"),
    "tasks": ("tasks", "todo", "todos", "promises"),
    "rules": ("followuprules", "followups", "cadence", "rules"),
    "settings": ("settings", "setting", "options"),
    "gifts": ("anniversarygifts", "giftthemes", "gifts"),
}

#: Our sheet key -> the tab's name as staff know it.
TAB_TITLES = {
    "clients": "Clients", "purchases": "Purchases", "dates": "Dates", "wishes": "Wish list",
    "contacts": "Contact log", "tasks": "Tasks", "rules": "Follow-up rules",
    "settings": "Settings", "gifts": "Anniversary gifts",
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

# The other sheets name a client the ways the Clients sheet heads its ID ("Account No"), but a
# bare "ID" there may be the row's own (a sale's number).
FIELD_ALIASES["client"] += tuple(a for a in FIELD_ALIASES["client_id"][1:] if a != "id")

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
    one ledgersite.toml serves both a shop's export and a book with our own tab names. A usual
    name with a year after it counts too ("Customers 2024"), when only one tab is named so; and
    a workbook of one sheet is the Clients sheet whatever its tab is called ("Sheet1"), as a
    lone CSV file is.
    """
    names = _tab_names(key, mapping)
    for name in names:
        for sheet in raw.sheets:
            if squeeze(sheet.name) == name:
                return sheet
    dated = dated_sheets(raw, key, mapping)
    if len(dated) == 1:
        return dated[0]
    if key == "clients" and len(raw.sheets) == 1:
        return raw.sheets[0]
    return None


def _tab_names(key: str, mapping: Mapping[str, str]) -> tuple[str, ...]:
    """Give the names the part `key` goes by, squeezed: the owner's first, then the usual."""
    return ((squeeze(mapping[key]),) if key in mapping else ()) + SHEET_NAMES[key]


def dated_sheets(raw: RawBook, key: str, mapping: Mapping[str, str]) -> list[RawSheet]:
    """Give the tabs named, with a year or number after it, as the part `key` is named in
    ledgersite.toml, else by the likeliest of its usual names that any tab has so."""
    names = _tab_names(key, mapping)
    dated: dict[str, list[RawSheet]] = {}
    for sheet in raw.sheets:
        name = squeeze(sheet.name)
        stem = name.rstrip("0123456789")
        if stem != name:
            dated.setdefault(stem, []).append(sheet)
    return next((dated[name] for name in names if name in dated), [])


def header_row(sheet: RawSheet, fields: Sequence[str], mapping: Mapping[str, str]) -> int:
    """Give the 0-based index of the header row: of the first rows, the one naming the most
    of `fields`, else the first row with any text in it (a title above the headers is passed
    over)."""
    first: int | None = None
    best, most = 0, 0
    for i, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        if not any(isinstance(v, str) and v.strip() for v in row):
            continue
        if first is None:
            first = i
        named = len(match_columns(row, fields, mapping))
        if named > most:
            best, most = i, named
    return best if most else first or 0


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
    squeezed = [_header_key(h) if isinstance(h, str) else "" for h in headers]
    loose = [_loosely(text) for text in squeezed]
    found: dict[str, int] = {}
    taken: set[int] = set()
    for key, header in mapping.items():
        name = field_of(key)
        if name is None or name not in fields or name in found:
            continue
        target = _header_key(header)
        for col, text in enumerate(squeezed):
            if text == target and col not in taken:
                found[name] = col
                taken.add(col)
                break
    # Headers as they are first, so that a loose reading never takes another field's column.
    for keys in ([{text} - {""} for text in squeezed], loose):
        for name in fields:
            if name in found:
                continue
            aliases = _ALIASES[name]
            for col, readings in enumerate(keys):
                if col not in taken and readings & aliases:
                    found[name] = col
                    taken.add(col)
                    break
    return found


def _header_key(header: str) -> str:
    """Give a header squeezed for matching, "#" read as "number" and a plural "(s)" dropped."""
    return squeeze(header.replace("#", " number").replace("(s)", ""))


def _loosely(key: str) -> set[str]:
    """Give a squeezed header as it is, without a trailing "number" word ("telno" -> "tel")
    and without a plural "s" ("firstnames" -> "firstname"); a header that ends in a number
    word also as the number it names ("customerno" -> "customernumber")."""
    readings = {key, _NUMBER_WORD.sub("", key) or key, key.removesuffix("s") or key}
    if _NUMBER_WORD.search(key):
        readings.add(_NUMBER_WORD.sub("number", key))
    return readings - {""}


#: Field -> its aliases squeezed, for matching headers.
_ALIASES = {name: {squeeze(a) for a in aliases} for name, aliases in FIELD_ALIASES.items()}


def canonical(name: str) -> str:
    """Give the header staff would write for field `name` ("birthday" -> "Birthday")."""
    return FIELD_ALIASES[name][0]
