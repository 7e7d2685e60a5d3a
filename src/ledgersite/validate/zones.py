"""The store's time zone from the Settings sheet, read leniently ("london" is Europe/London)."""

from __future__ import annotations

import difflib
import functools
import zoneinfo
from collections import defaultdict

from ledgersite.validate.cells import BadCell
from ledgersite.validate.headers import squeeze

_FIX = "Type the zone's name, e.g. Europe/London or America/New_York."
#: Names in the time zone database that stay at one offset all year: EST is never New York's
#: summer time, GMT never London's. They are reported, with the zone most likely meant.
_FIXED = {"est": "America/New_York", "mst": "America/Denver", "hst": "Pacific/Honolulu",
          "gmt": "Europe/London", "gmt0": "Europe/London", "greenwich": "Europe/London"}


def zone_name(typed: str) -> str:
    """Give the IANA name of the zone `typed` names; raise `BadCell` when it names none.

    Case is forgiven ("europe/london"), and so is a bare city that names one zone ("new york").
    """
    by_fold, by_city = _names()
    folded = _fold(typed)
    if folded in _FIXED:
        raise BadCell(
            "stays at one offset all year, with no summer time.",
            f"Type the zone's name, e.g. {_FIXED[folded]}.",
        )
    name = by_fold.get(folded)
    if name is not None:
        return name
    cities = by_city.get(squeeze(typed), [])
    if len(cities) == 1:
        return cities[0]
    if cities:
        raise BadCell("could be more than one time zone.", f"Type one of {' or '.join(cities)}.")
    # Close only by city: "GMT+1" must not be offered GMT+0.
    close = difflib.get_close_matches(squeeze(typed.rsplit("/", 1)[-1]), by_city, n=1, cutoff=0.8)
    hint = f"Did you mean {by_city[close[0]][0]}? " if close else ""
    raise BadCell("is not a time zone I know.", hint + _FIX)


def computer_zone() -> str:
    """Give this computer's time zone: what the site goes by while Settings names no known one."""
    from ledgersite.starter.region import local_time_zone  # the starter package loads openpyxl

    try:
        return zone_name(local_time_zone())
    except BadCell:
        return "UTC"


@functools.cache
def _names() -> tuple[dict[str, str], dict[str, list[str]]]:
    """Give folded name -> zone, and squeezed city -> zones (from the time zone database)."""
    by_fold: dict[str, str] = {}
    by_city: defaultdict[str, list[str]] = defaultdict(list)
    for name in sorted(zoneinfo.available_timezones()):
        by_fold[_fold(name)] = name
        # Etc/GMT+1 is an hour *behind* GMT: a bare "GMT+1" must not land on it.
        if "/" in name and not name.startswith("Etc/"):
            by_city[squeeze(name.rsplit("/", 1)[1])].append(name)
    return by_fold, dict(by_city)


def _fold(name: str) -> str:
    return name.strip().casefold().replace(" ", "_")
