"""What the Settings sheet's Country and Currency imply: the country's code, the decimal mark."""

from __future__ import annotations

from ledgersite.validate.headers import squeeze

#: Country names and codes as staff type them (squeezed) -> two-letter code.
_CODES = {
    "uk": "GB",
    "gb": "GB",
    "unitedkingdom": "GB",
    "greatbritain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northernireland": "GB",
    "ie": "IE",
    "ireland": "IE",
    "au": "AU",
    "australia": "AU",
    "fr": "FR",
    "france": "FR",
    "de": "DE",
    "germany": "DE",
    "nl": "NL",
    "netherlands": "NL",
    "it": "IT",
    "italy": "IT",
    "nz": "NZ",
    "newzealand": "NZ",
    "be": "BE",
    "belgium": "BE",
    "at": "AT",
    "austria": "AT",
    "ch": "CH",
    "switzerland": "CH",
    "za": "ZA",
    "southafrica": "ZA",
    "jp": "JP",
    "japan": "JP",
    "in": "IN",
    "india": "IN",
    "us": "US",
    "usa": "US",
    "unitedstates": "US",
    "unitedstatesofamerica": "US",
    "america": "US",
    "ca": "CA",
    "canada": "CA",
    "cy": "CY",
    "cyprus": "CY",
    "mt": "MT",
    "malta": "MT",
}
#: Countries whose prices are written 1.250,00 (the others here write 1,250.00).
_COMMA_COUNTRIES = {"FR", "DE", "NL", "IT", "BE", "AT"}
#: South Africa writes both ways, so its prices tell nothing.
_POINT_COUNTRIES = {"GB", "IE", "AU", "NZ", "CH", "JP", "IN", "US", "CA", "CY", "MT"}
_COMMA_CURRENCIES = {"eur", "€", "euro", "euros"}
_POINT_CURRENCIES = {"gbp", "£", "usd", "$", "aud", "nzd", "cad", "chf", "jpy", "¥", "inr", "₹"}


def country_code(country: str) -> str:
    """Give the two-letter code of a country as typed in Settings ("UK" -> "GB"), or ""."""
    return _CODES.get(squeeze(country), "")


def decimal_comma(country: str, currency: str) -> bool | None:
    """Tell whether the store writes 1.250,00 (True) or 1,250.00 (False); None when unknown.

    The country decides; the currency only when the country does not (the euro is written
    1.250,00 in most of its countries, but Ireland writes 1,250.00).
    """
    code = country_code(country)
    if code in _COMMA_COUNTRIES:
        return True
    if code in _POINT_COUNTRIES:
        return False
    money = squeeze(currency) or currency.strip()  # squeeze drops symbols such as "€"
    if money in _COMMA_CURRENCIES:
        return True
    if money in _POINT_CURRENCIES:
        return False
    return None


#: The currency of each country whose money the site can show with its sign.
CURRENCIES = {
    "GB": "GBP", "US": "USD", "CA": "CAD", "AU": "AUD", "NZ": "NZD", "JP": "JPY", "CH": "CHF",
    "IN": "INR", "SE": "SEK", "NO": "NOK", "DK": "DKK",
    **dict.fromkeys(
        ("AT", "BE", "CY", "DE", "EE", "ES", "FI", "FR", "GR", "HR", "IE", "IT", "LT", "LU",
         "LV", "MT", "NL", "PT", "SI", "SK"),
        "EUR",
    ),
}


def currency_of(country: str) -> str:
    """Give the currency code of a two-letter country ("GB" -> "GBP"), or "" if not known."""
    return CURRENCIES.get(country.upper(), "")
