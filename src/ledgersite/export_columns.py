"""Which Clients column each column of a shop's export is: POS, e-commerce or mailing list.

Exports name their columns in many ways ("FirstName", "Given name", "Default Address Zip",
"EmailAddress"). A header is recognised, in this order: by one of the names the validator
knows or the export names below (ignoring
case, spaces and punctuation), then with a prefix such as "Default", "Billing" or "Customer"
taken off, then by a close spelling. Each Clients column is taken by one export column at
most; the leftmost wins within a pass.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from ledgersite.validate.headers import FIELD_ALIASES, SHEET_FIELDS, squeeze

#: Two Clients columns an export may split or merge differently from ours.
FULL_NAME = "Full name"  # split into First name and Last name
ADDRESS_LINE_2 = "Address line 2"  # added after Address

#: Clients header -> the ways exports name it (compared once squeezed, see `squeeze`).
ALIASES: dict[str, tuple[str, ...]] = {
    "Client ID": (
        "clientid", "customerid", "customerkey", "customernumber", "customerno", "custid",
        "custno", "clientnumber", "clientno", "accountnumber", "accountno", "memberid",
        "membernumber", "referenceid", "customercode", "contactid", "id",
    ),
    "First name": ("firstname", "givenname", "forename", "first", "fname", "christianname"),
    "Last name": ("lastname", "surname", "familyname", "last", "lname"),
    FULL_NAME: ("name", "fullname", "customername", "clientname", "contactname", "displayname"),
    "Partner name": ("partnername", "partner", "spouse", "spousename", "significantother"),
    "Email": ("email", "emailaddress", "mail", "emailaddr", "emailid"),
    "Phone": (
        "phone", "phonenumber", "mobile", "mobilephone", "mobilenumber", "cell", "cellphone",
        "tel", "telephone", "telephonenumber", "homephone", "contactnumber", "phone1", "phoneno",
        "mobileno", "telno",
    ),
    "Address": (
        "address", "addressline1", "address1", "street", "streetaddress", "streetaddress1",
        "addr1", "line1", "addressline",
    ),
    ADDRESS_LINE_2: ("addressline2", "address2", "streetaddress2", "addr2", "line2"),
    "City": ("city", "town", "towncity", "suburb", "locality"),
    "Postcode": ("postcode", "postalcode", "zip", "zipcode", "postcodezip", "zippostalcode"),
    "Birthday": ("birthday", "birthdate", "dateofbirth", "dob", "bday"),
    "Partner birthday": ("partnerbirthday", "spousebirthday", "partnerdob", "spousedob"),
    "Anniversary": ("anniversary", "weddinganniversary", "weddingdate", "anniversarydate"),
    "Preferred contact": (
        "preferredcontact", "contactpreference", "preferredcontactmethod", "contactmethod",
    ),
    "Contact OK": (
        "contactok", "acceptsmarketing", "acceptsemailmarketing", "marketingconsent",
        "consent", "optin", "emailoptin", "marketingoptin", "emailsubscriptionstatus",
        "newsletter", "subscribed",
    ),
    "Status": ("status", "customerstatus", "clientstatus"),
    "Discreet": ("discreet",),
    "Associate": (
        "associate", "salesperson", "salesassociate", "staff", "staffmember", "employee",
        "assignedto", "accountmanager", "salesrep", "rep",
    ),
    "Ring size": ("ringsize",),
    "Metal": ("metal", "metalpreference", "preferredmetal"),
    "Style": ("style", "stylepreference"),
    "Stones": ("stones", "stone", "gemstones", "gemstone", "preferredstones"),
    "Likes & interests": ("likesinterests", "likes", "interests", "hobbies"),
    "Allergies": ("allergies", "allergy"),
    "Notes": ("notes", "note", "comments", "comment", "memo", "remarks"),
    "Referred by": ("referredby", "referral", "referrer"),
    "Household": ("household",),
    "Source": ("source", "leadsource", "creationsource", "howdidyouhear", "heardaboutus"),
    "Client since": (
        "clientsince", "customersince", "datefirstpurchase", "firstpurchase",
        "firstpurchasedate", "createdat", "created", "datecreated", "datejoined", "joined",
        "signupdate", "firstvisit", "dateadded",
    ),
    "Tags": ("tags", "tag", "labels", "groups", "segments"),
}

#: Words exports put before a column's name: "Default Address Zip", "Billing Phone".
PREFIXES = (
    "default", "billing", "shipping", "primary", "home", "main", "customer", "customers",
    "client", "contact", "mailing", "personal", "cust", "address",
)
#: How alike two squeezed names must be to count as the same (difflib's ratio).
CLOSE_ENOUGH = 0.88
#: Squeezed names this short are only matched exactly ("tel" is not "tag").
SHORTEST_CLOSE = 5


def _by_alias() -> dict[str, str]:
    """Give squeezed alias -> Clients column: the validator's aliases, then ours on top."""
    found = {}
    for name in SHEET_FIELDS["clients"]:
        header = FULL_NAME if name == "full_name" else FIELD_ALIASES[name][0]
        found.update({squeeze(alias): header for alias in FIELD_ALIASES[name]})
    found.update({squeeze(a): header for header, aliases in ALIASES.items() for a in aliases})
    return found


_BY_ALIAS = _by_alias()


def recognise(header: str) -> str | None:
    """Give the Clients column `header` is (exactly, without a prefix, or closely), or None."""
    for found in (_exact(header), _without_prefix(header), _close(header)):
        if found:
            return found
    return None


def match_columns(headers: Sequence[str]) -> dict[int, str]:
    """Give export column index -> Clients column, for the columns recognised.

    Exact names are placed first, so "Phone" wins over "Default Address Phone".
    """
    taken: dict[int, str] = {}
    for finder in (_exact, _without_prefix, _close):
        for index, header in enumerate(headers):
            if index in taken or not header.strip():
                continue
            found = finder(header)
            if found and found not in taken.values():
                taken[index] = found
    return dict(sorted(taken.items()))


def _exact(header: str) -> str | None:
    return _BY_ALIAS.get(squeeze(header))


def _without_prefix(header: str) -> str | None:
    name = squeeze(header)
    stripped = True
    while stripped:
        stripped = False
        for prefix in PREFIXES:
            if name.startswith(prefix) and len(name) > len(prefix):
                name = name[len(prefix) :]
                stripped = True
                if name in _BY_ALIAS:
                    return _BY_ALIAS[name]
    return None


def _close(header: str) -> str | None:
    name = squeeze(header)
    if len(name) < SHORTEST_CLOSE:
        return None
    candidates = [a for a in _BY_ALIAS if len(a) >= SHORTEST_CLOSE]
    best = difflib.get_close_matches(name, candidates, n=1, cutoff=CLOSE_ENOUGH)
    return _BY_ALIAS[best[0]] if best else None
