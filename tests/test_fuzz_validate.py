"""Fuzzing: whatever the cells hold, validate() gives a book or says the book is unreadable."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledgersite.config import Config
from ledgersite.errors import BookInvalid
from ledgersite.sources.raw import CellValue, RawBook, RawSheet
from ledgersite.validate import validate

HEADERS = [
    "Client ID",
    "First name",
    "Name",
    "Email",
    "Phone",
    "Birthday",
    "Client",
    "Date",
    "Price",
    "Contact OK",
    "Partner name",
    "Household",
    "After",
    "Trigger",
    "Task",
    "Setting",
    "Value",
    "Year",
    "Anniversary",
    "Remind days before",
]
SHEETS = [
    "Clients",
    "Purchases",
    "Dates",
    "Wish list",
    "Contact log",
    "Tasks",
    "Follow-up rules",
    "Settings",
    "Anniversary gifts",
    "Other",
]

cells: st.SearchStrategy[CellValue] = st.one_of(
    st.none(),
    st.text(max_size=12),
    st.integers(),
    st.floats(allow_nan=True),
    st.booleans(),
    st.datetimes(min_value=dt.datetime(1, 1, 2)),  # noqa: DTZ001 (cells are naive)
    st.dates(),
    st.times(),
    st.sampled_from(
        [
            "3/4/1985",
            "14 March",
            "Feb 30",
            "£1,2,3",
            "✓",
            "0",
            "C-1",
            "2 weeks",
            "Day-first dates",
            "Country",
            "UK",
            "29/02/2023",
            "\u00a0",
            "1e400",
        ]
    ),
)
rows = st.lists(st.lists(cells, max_size=8), max_size=6)
sheet = st.tuples(
    st.sampled_from(SHEETS),
    st.lists(st.one_of(st.sampled_from(HEADERS), st.text(max_size=6)), max_size=8),
    rows,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(sheet, max_size=5).map(lambda s: [("Clients", HEADERS, []), *s])
    | st.lists(sheet, max_size=5)
)
def test_no_exception_escapes_validate_but_book_invalid(
    shapes: list[tuple[str, list[str], list[list[CellValue]]]],
) -> None:
    raw = RawBook(
        [RawSheet(name, [list(head), *body]) for name, head, body in shapes], "fuzz", "xlsx"
    )
    if shapes and shapes[0][0] == "Clients" and len(shapes) > 1:
        raw.sheets[0].rows.extend(shapes[1][2])  # the first sheet's rows under every header
    try:
        book = validate(raw, config=Config(), read_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    except BookInvalid as err:
        assert str(err)
        return
    for problem in book.problems:
        assert problem.message and problem.sheet
