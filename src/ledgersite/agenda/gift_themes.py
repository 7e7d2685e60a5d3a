"""The traditional and modern gift theme of each wedding anniversary year."""

from __future__ import annotations

#: Year -> (traditional, modern), the list most jewelers and card shops use.
BUILT_IN: dict[int, tuple[str, str]] = {
    1: ("Paper", "Clocks"),
    2: ("Cotton", "China"),
    3: ("Leather", "Crystal or glass"),
    4: ("Fruit and flowers", "Appliances"),
    5: ("Wood", "Silverware"),
    6: ("Iron", "Wood"),
    7: ("Wool or copper", "Desk sets"),
    8: ("Bronze", "Linen and lace"),
    9: ("Pottery", "Leather"),
    10: ("Tin or aluminium", "Diamond jewellery"),
    11: ("Steel", "Fashion jewellery"),
    12: ("Silk or linen", "Pearls"),
    13: ("Lace", "Textiles"),
    14: ("Ivory", "Gold jewellery"),
    15: ("Crystal", "Watches"),
    20: ("China", "Platinum"),
    25: ("Silver", "Sterling silver"),
    30: ("Pearl", "Diamond"),
    35: ("Coral", "Jade"),
    40: ("Ruby", "Ruby"),
    45: ("Sapphire", "Sapphire"),
    50: ("Gold", "Gold"),
    55: ("Emerald", "Emerald"),
    60: ("Diamond", "Diamond"),
}

#: Anniversaries that get the longer "milestone" reminder.
MILESTONE_YEARS = frozenset({10, 25, 30, 40, 50, 60})


def gift_theme(years: int | None, overrides: dict[int, tuple[str, str]] | None = None) -> str:
    """Give "Silver (traditional) · Sterling silver (modern)", "Ruby", or "" when none is known."""
    if years is None:
        return ""
    traditional, modern = (overrides or {}).get(years) or BUILT_IN.get(years, ("", ""))
    if traditional and modern and traditional.casefold() != modern.casefold():
        return f"{traditional} (traditional) · {modern} (modern)"
    return traditional or modern
