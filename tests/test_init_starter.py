"""The starter workbook: the contract's sheets, ready for staff, with drop-downs that travel."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from ledgersite.starter import write_starter
from ledgersite.validate.headers import FIELD_ALIASES, SHEET_FIELDS

#: The workbook contract (DESIGN.md) plus the shared vocabulary's extra columns.
CONTRACT = {
    "Clients": [
        "Client ID", "First name", "Last name", "Partner name", "Email", "Phone", "Address",
        "City", "Postcode", "Birthday", "Partner birthday", "Anniversary", "Preferred contact",
        "Contact OK", "Status", "Discreet", "Associate", "Ring size", "Metal", "Style", "Stones",
        "Likes & interests", "Allergies", "Notes", "Referred by", "Household", "Source",
        "Client since", "Tags",
    ],
    "Purchases": [
        "Date", "Client", "Item", "Category", "Price", "Associate", "Occasion", "For", "Notes",
    ],
    "Dates": ["Client", "Date", "Occasion", "Remind days before", "Notes"],
    "Wish list": ["Client", "Item", "Noted on", "Price", "Notes", "Fulfilled on"],
    "Contact log": ["Date", "Client", "Kind", "By", "Notes"],
    "Tasks": ["Client", "Task", "Due", "Assigned to", "Done on"],
    "Follow-up rules": ["Trigger", "Category or occasion", "Min price", "After", "Task"],
    "Settings": ["Setting", "Value"],
}
SETTINGS = [
    "Store name", "Time zone", "Country", "Currency", "Day-first dates",
    "Birthday reminder days", "Anniversary reminder days", "Partner birthday reminder days",
    "Date reminder days", "Purchase anniversary reminder days",
    "Milestone anniversary reminder days", "Stay in touch after (months)", "Look ahead (days)",
    "Leap-day birthdays on",
]
DATE_COLUMNS = {
    "Clients": ["Birthday", "Partner birthday", "Anniversary", "Client since"],
    "Purchases": ["Date"],
    "Dates": ["Date"],
    "Wish list": ["Noted on", "Fulfilled on"],
    "Contact log": ["Date"],
    "Tasks": ["Due", "Done on"],
}
INCOMING = ["Enquiry", "Email received", "Call received", "Website form", "Message received",
            "Walk-in"]


@pytest.fixture(scope="module")
def starter(tmp_path_factory: pytest.TempPathFactory) -> openpyxl.Workbook:
    path = tmp_path_factory.mktemp("starter") / "book.xlsx"
    write_starter(path, store_name="Bijou", time_zone="Europe/London", country="GB")
    return openpyxl.load_workbook(path)


def headers(sheet: Worksheet) -> list[str]:
    return [c.value for c in sheet[1] if c.value is not None]


def column_of(sheet: Worksheet, header: str) -> str:
    for cell in sheet[1]:
        if cell.value == header:
            return str(cell.column_letter)
    raise AssertionError(f"{sheet.title} has no column {header!r}")


def drop_down(sheet: Worksheet, cell: str) -> str:
    """Give the list source of the drop-down on `cell`, failing when it has none."""
    found = [v for v in sheet.data_validations.dataValidation if cell in v.sqref]
    assert len(found) == 1, f"{sheet.title}!{cell} should have exactly one drop-down"
    assert found[0].type == "list"
    return str(found[0].formula1)


def list_values(book: openpyxl.Workbook, source: str) -> list[str]:
    """Give the non-empty values of a range source such as 'Settings'!$D$2:$D$61."""
    sheet_name, _, cells = source.partition("!")
    sheet = book[sheet_name.strip("'")]
    return [c.value for row in sheet[cells.replace("$", "")] for c in row if c.value]


def test_has_every_sheet_of_the_contract_with_its_canonical_headers_in_order(
    starter: openpyxl.Workbook,
) -> None:
    for name, expected in CONTRACT.items():
        assert headers(starter[name])[: len(expected)] == expected, name


def test_the_contract_here_is_the_validators_canonical_headers() -> None:
    fields = {"clients": "Clients", "purchases": "Purchases", "dates": "Dates",
              "wishes": "Wish list", "contacts": "Contact log", "tasks": "Tasks",
              "rules": "Follow-up rules", "settings": "Settings"}
    for key, sheet in fields.items():
        canonical = {FIELD_ALIASES[f][0] for f in SHEET_FIELDS[key] if f != "full_name"}
        assert canonical == set(CONTRACT[sheet]), sheet


def test_opens_on_the_instructions_sheet_written_for_staff(starter: openpyxl.Workbook) -> None:
    assert starter.sheetnames[0] == "Instructions"
    text = "\n".join(str(c.value) for c in starter["Instructions"]["A"] if c.value)
    for topic in ("Contact OK", "Typing dates", "How follow-ups work", "14 March",
                  "Day-first dates", "(example)", "Follow-up rules", "Contact log"):
        assert topic in text


def test_settings_has_every_named_setting_with_a_usable_value(
    starter: openpyxl.Workbook,
) -> None:
    sheet = starter["Settings"]
    values = {r[0]: r[1] for r in sheet.iter_rows(min_row=2, max_col=2, values_only=True) if r[0]}
    assert list(values) == SETTINGS
    assert values["Store name"] == "Bijou"
    assert values["Time zone"] == "Europe/London"
    assert values["Country"] == "GB"
    assert values["Day-first dates"] == "Yes"
    assert values["Leap-day birthdays on"] == "28 February"
    assert values["Birthday reminder days"] == 14


def test_header_rows_are_frozen_and_clients_keeps_the_names_in_view(
    starter: openpyxl.Workbook,
) -> None:
    for name in CONTRACT:
        expected = "D2" if name == "Clients" else "A2"
        assert starter[name].freeze_panes == expected, name


def test_columns_have_widths_that_fit_their_content(starter: openpyxl.Workbook) -> None:
    clients = starter["Clients"]
    assert clients.column_dimensions[column_of(clients, "Email")].width >= 24
    assert clients.column_dimensions[column_of(clients, "Notes")].width >= 30
    assert clients.column_dimensions[column_of(clients, "Ring size")].width <= 10


def test_date_columns_show_dates_and_format_what_staff_type_later(
    starter: openpyxl.Workbook,
) -> None:
    for name, columns in DATE_COLUMNS.items():
        sheet = starter[name]
        for header in columns:
            letter = column_of(sheet, header)
            assert sheet.column_dimensions[letter].number_format == "d mmm yyyy", (name, header)
            for cell in sheet[letter][1:]:
                if cell.value is not None:
                    assert isinstance(cell.value, dt.datetime), (name, header)
                    assert cell.number_format == "d mmm yyyy"


def test_phone_postcode_and_id_columns_are_text_so_leading_zeros_stay(
    starter: openpyxl.Workbook,
) -> None:
    clients = starter["Clients"]
    for header in ("Client ID", "Phone", "Postcode"):
        assert clients.column_dimensions[column_of(clients, header)].number_format == "@"
    postcode = clients[f"{column_of(clients, 'Postcode')}2"]
    assert postcode.value == "01234"


def test_fixed_answers_are_drop_downs_over_the_whole_column(starter: openpyxl.Workbook) -> None:
    clients = starter["Clients"]
    expected = {
        "Preferred contact": '"Phone,Text,Email,Mail"',
        "Contact OK": '"Yes,No"',
        "Status": '"Client,Prospect,New enquiry,Archived,Deceased"',
    }
    for header, source in expected.items():
        letter = column_of(clients, header)
        assert drop_down(clients, f"{letter}2") == source
        assert drop_down(clients, f"{letter}1000") == source
    rules = starter["Follow-up rules"]
    assert drop_down(rules, "A2") == '"Purchase,Category,Occasion"'


def test_header_cells_have_no_drop_down(starter: openpyxl.Workbook) -> None:
    for sheet in starter.worksheets:
        for validation in sheet.data_validations.dataValidation:
            assert all(r.min_row >= 2 for r in validation.sqref.ranges), sheet.title


def test_associates_come_from_the_settings_list_on_every_sheet_that_names_staff(
    starter: openpyxl.Workbook,
) -> None:
    places = {"Clients": "Associate", "Purchases": "Associate", "Contact log": "By",
              "Tasks": "Assigned to"}
    sources = set()
    for name, header in places.items():
        sheet = starter[name]
        sources.add(drop_down(sheet, f"{column_of(sheet, header)}2"))
    assert len(sources) == 1
    source = sources.pop()
    assert source.startswith("'Settings'!$D$2:$D$")
    assert starter["Settings"]["D1"].value == "Associates"
    assert list_values(starter, source) == ["Anna", "Ben"]


def test_contact_log_kinds_are_the_rules_tasks_then_the_ways_clients_get_in_touch(
    starter: openpyxl.Workbook,
) -> None:
    log = starter["Contact log"]
    source = drop_down(log, f"{column_of(log, 'Kind')}2")
    tasks = [r[4] for r in starter["Follow-up rules"].iter_rows(min_row=2, values_only=True)]
    assert tasks
    assert list_values(starter, source) == tasks + INCOMING


def test_settings_with_fixed_answers_have_drop_downs(starter: openpyxl.Workbook) -> None:
    sheet = starter["Settings"]
    rows = {r[0].value: r[0].row for r in sheet.iter_rows(min_row=2, max_col=1) if r[0].value}
    assert drop_down(sheet, f"B{rows['Day-first dates']}") == '"Yes,No"'
    assert drop_down(sheet, f"B{rows['Leap-day birthdays on']}") == '"28 February,1 March"'


def test_example_rows_are_plainly_examples_and_refer_to_each_other(
    starter: openpyxl.Workbook,
) -> None:
    clients = list(starter["Clients"].iter_rows(min_row=2, values_only=True))
    assert len(clients) == 3
    names = {f"{row[1]} {row[2]}" for row in clients}
    assert all("(example)" in name for name in names)
    for sheet in ("Purchases", "Dates", "Wish list", "Contact log", "Tasks"):
        sheet_rows = list(starter[sheet].iter_rows(min_row=2, values_only=True))
        assert sheet_rows, f"{sheet} should show an example"
        client = CONTRACT[sheet].index("Client")
        assert {row[client] for row in sheet_rows} <= names, sheet


def test_examples_show_a_discreet_client_and_one_who_asked_not_to_be_contacted(
    starter: openpyxl.Workbook,
) -> None:
    rows = list(starter["Clients"].iter_rows(min_row=2, values_only=True))
    contact_ok = CONTRACT["Clients"].index("Contact OK")
    discreet = CONTRACT["Clients"].index("Discreet")
    assert {row[contact_ok] for row in rows} == {"Yes", "No"}
    assert any(row[discreet] for row in rows)


def test_starting_from_clients_leaves_out_the_examples_and_keeps_their_own_columns(
    tmp_path: Path,
) -> None:
    path = tmp_path / "book.xlsx"
    write_starter(
        path,
        clients=[{"First name": "Ana", "Birthday": dt.date(1990, 2, 3), "Loyalty points": 12}],
        extra_columns=["Loyalty points"],
    )
    book = openpyxl.load_workbook(path)
    clients = book["Clients"]
    assert headers(clients) == [*CONTRACT["Clients"], "Loyalty points"]
    rows = list(clients.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 1
    assert rows[0][1] == "Ana"
    assert rows[0][-1] == 12
    for sheet in ("Purchases", "Dates", "Wish list", "Contact log", "Tasks"):
        assert book[sheet].max_row == 1, sheet
    assert len(list(book["Follow-up rules"].iter_rows(min_row=2))) >= 3
    assert book["Settings"]["D2"].value is None  # no example staff


def test_staff_named_on_imported_clients_fill_the_associates_list(tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    clients = [{"First name": "Ana", "Associate": "Jo"}, {"First name": "Bo"},
               {"First name": "Cy", "Associate": "Sam"}, {"First name": "Di", "Associate": "Jo"}]
    write_starter(path, clients=clients)
    settings = openpyxl.load_workbook(path)["Settings"]
    assert [settings["D2"].value, settings["D3"].value, settings["D4"].value] == ["Jo", "Sam", None]


def test_replaces_a_file_whole_and_leaves_nothing_beside_it(tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    path.write_bytes(b"old")
    write_starter(path)
    assert openpyxl.load_workbook(path).sheetnames[1] == "Clients"
    assert [p.name for p in tmp_path.iterdir()] == ["book.xlsx"]
