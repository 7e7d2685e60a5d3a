"""A starter book's regional settings, guessed from the shop's time zone (staff can change them)."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

#: Countries that write dates month first (03/14/1985): the United States and its
#: territories, the Philippines, and the Pacific states that follow US usage.
MONTH_FIRST = frozenset({"US", "PR", "GU", "VI", "AS", "MP", "UM", "PH", "FM", "MH", "PW"})
#: Where the time zone database lists each zone's country (tzdata ships it).
ZONE_TABLE = "zone.tab"


def country_of(time_zone: str) -> str:
    """Give the two-letter country code of an IANA time zone ("Europe/London" -> "GB"), or ""."""
    try:
        table = resources.files("tzdata.zoneinfo").joinpath(ZONE_TABLE).read_text("utf-8")
    except (ModuleNotFoundError, OSError):
        return ""
    for line in table.splitlines():
        parts = line.split("\t")
        if len(parts) >= 3 and not line.startswith("#") and parts[2] == time_zone:
            return parts[0]
    return ""


def writes_day_first(country: str) -> bool:
    """Give True unless the country writes its dates month first."""
    return country.upper() not in MONTH_FIRST


def local_time_zone() -> str:
    """Give this computer's IANA time zone name (from TZ or /etc/localtime), or "UTC"."""
    named = os.environ.get("TZ", "").lstrip(":")
    if "/" in named and not named.startswith("/"):
        return named
    try:
        target = Path("/etc/localtime").resolve(strict=True)
    except OSError:
        return "UTC"
    parts = target.parts
    if "zoneinfo" in parts:
        name = "/".join(parts[parts.index("zoneinfo") + 1 :])
        return "UTC" if name in ("Etc/UTC", "UCT", "Universal", "Zulu") else name
    return "UTC"
