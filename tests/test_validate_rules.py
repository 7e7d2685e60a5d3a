"""Validation, rule by rule, on books built in Python."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from ledgersite.book import Book, PartialDate, Problem
from ledgersite.config import Config
from ledgersite.errors import BookInvalid
from ledgersite.site.formats import tel_href
from ledgersite.sources.raw import EPOCH_1904, CellValue, RawBook, RawSheet
from ledgersite.sources.read import read_book
from ledgersite.validate import validate

READ_AT = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)
CLIENTS: list[CellValue] = ["Client ID", "First name", "Last name", "Email", "Phone", "Birthday"]


def book(
    *sheets: tuple[str, list[list[CellValue]]],
    config: Config | None = None,
    epoch: dt.date | None = None,
) -> Book:
    raw = RawBook([RawSheet(n, rows) for n, rows in sheets], "test.xlsx", "xlsx")
    if epoch:
        raw.epoch = epoch
    return validate(raw, config=config or Config(), read_at=READ_AT)


def clients(*rows: list[CellValue]) -> tuple[str, list[list[CellValue]]]:
    return ("Clients", [CLIENTS, *rows])


def settings(**values: str) -> tuple[str, list[list[CellValue]]]:
    rows: list[list[CellValue]] = [["Setting", "Value"]]
    rows.extend([k, v] for k, v in values.items())
    return ("Settings", rows)


def test_headers_match_whatever_the_case_spaces_punctuation_and_aliases() -> None:
    b = book(
        (
            " CLIENTS ",
            [
                ["client id", "FIRST-NAME", "Surname", "E-mail", "Mobile", "DOB"],
                ["C-1", "Maria", "Reyes", "m@x.org", "07700 900446", "14 March"],
            ],
        )
    )
    c = b.clients["C-1"]
    assert (c.first_name, c.last_name, c.email, c.phone) == (
        "Maria",
        "Reyes",
        "m@x.org",
        "07700 900446",
    )
    assert c.birthday == PartialDate(3, 14)


def test_the_owners_column_mapping_names_a_header_of_their_own() -> None:
    b = book(
        ("Clients", [["Client ID", "First name", "BirthDate"], ["1", "Ana", "1980-02-01"]]),
        config=Config(columns={"birthday": "BirthDate"}),
    )
    assert b.clients["1"].birthday == PartialDate(2, 1, 1980)


def test_a_book_without_clients_sheet_is_unreadable_with_a_sentence_saying_what_to_add() -> None:
    with pytest.raises(BookInvalid, match='Add a sheet named "Clients"'):
        book(("Sheet1", [["a"]]), ("Sheet2", [["First name"], ["Maria"]]))


@pytest.mark.parametrize("tab", ["Sheet1", "CLIENT LIST", "Customers (2024)", "Customers 2025"])
def test_a_one_sheet_book_or_a_clients_tab_with_a_year_is_the_clients_sheet(tab: str) -> None:
    b = book((tab, [["First name", "Last name"], ["Maria", "Reyes"]]))
    assert [c.name for c in b.clients.values()] == ["Maria Reyes"]


def test_a_title_and_a_blank_row_above_the_headers_are_passed_over() -> None:
    b = book(
        ("Clients", [["Bijou & Co. client book"], [], ["Client ID", "First name", "Last name"],
                     ["C1", "Maria", "Reyes"]]),
        ("Purchases", [["Sales 2026", None, "printed 3 May"], ["Date", "Client", "Item"],
                       ["2026-05-01", "C1", "Ring"]]),
    )
    assert [(c.id, c.name, c.row) for c in b.clients.values()] == [("C1", "Maria Reyes", 4)]
    assert [(p.client_id, p.item, p.row) for p in b.purchases] == [("C1", "Ring", 3)]
    assert b.problems == []


@pytest.mark.parametrize(
    ("headers", "field"),
    [
        (["Client #", "First Name(s)", "Surname", "E-mail address", "Tel. No"], "phone"),
        (["Client No.", "First names", "Last name", "Mobile No."], "phone"),
        (["Customer Number", "First name", "Last name", "Phone number"], "phone"),
        (["Customer No.", "First name", "Last name", "Phone"], "phone"),
        (["Account No", "First name", "Last name", "Phone"], "phone"),
    ],
)
def test_headers_with_a_number_word_or_a_plural_s_are_recognised(
    headers: list[CellValue], field: str
) -> None:
    values: list[CellValue] = ["C1", "Maria", "Reyes", "07700 900446", "07700 900446"]
    b = book(("Clients", [headers, values[: len(headers)]]))
    c = b.clients["C1"]
    assert (c.first_name, c.last_name, c.phone) == ("Maria", "Reyes", "07700 900446")
    assert b.extra_columns == []


def test_a_header_is_not_read_as_a_number_of_something_it_does_not_end_with() -> None:
    # "Client" alone on the Clients sheet may hold names: only "Client #" or "Client No" is an ID.
    b = book(("Clients", [["Client", "First name", "Notes"], ["Ana's sister", "Ana", "x"]]))
    (ana,) = b.clients.values()
    assert (ana.id[:2], ana.first_name, ana.extra) == ("C-", "Ana", {"Client": "Ana's sister"})
    assert b.extra_columns == ["Client"]


def test_a_clients_sheet_without_a_name_column_is_unreadable() -> None:
    with pytest.raises(BookInvalid, match="First name"):
        book(("Clients", [["Client ID", "Email"], ["1", "a@b.c"]]))


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (dt.datetime(1985, 3, 14), PartialDate(3, 14, 1985)),  # noqa: DTZ001 (Excel's are naive)
        (31120.0, PartialDate(3, 14, 1985)),
        ("1985-03-14", PartialDate(3, 14, 1985)),
        ("14 March", PartialDate(3, 14)),
        ("March 14", PartialDate(3, 14)),
        ("14 Mar", PartialDate(3, 14)),
        ("03-14", PartialDate(3, 14)),
        ("14/3/1985", PartialDate(3, 14, 1985)),
        ("3/14/1985", PartialDate(3, 14, 1985)),
    ],
)
def test_birthdays_are_read_in_every_way_staff_type_them(
    cell: CellValue, expected: PartialDate
) -> None:
    b = book(clients(["1", "A", "B", None, None, cell]))
    assert b.clients["1"].birthday == expected
    assert b.problems == []


def test_serial_dates_follow_the_1904_system_when_the_book_uses_it() -> None:
    b = book(clients(["1", "A", "B", None, None, 29658]), epoch=EPOCH_1904)
    assert b.clients["1"].birthday == PartialDate(3, 14, 1985)


def test_slashed_dates_follow_the_day_first_setting() -> None:
    b = book(
        clients(["1", "A", "B", None, None, "4/3/1985"]), settings(**{"Day-first dates": "yes"})
    )
    assert b.clients["1"].birthday == PartialDate(3, 4, 1985)
    b = book(
        clients(["1", "A", "B", None, None, "4/3/1985"]), settings(**{"Day-first dates": "no"})
    )
    assert b.clients["1"].birthday == PartialDate(4, 3, 1985)


def test_a_column_of_slashed_dates_that_read_both_ways_is_reported_as_ambiguous() -> None:
    b = book(
        clients(["1", "A", "B", None, None, "4/3/1985"], ["2", "C", "D", None, None, "5/6/1990"])
    )
    assert b.clients["1"].birthday is None
    assert [(p.row, p.column) for p in b.problems] == [(2, "F"), (3, "F")]
    assert "Day-first dates" in b.problems[0].fix


def test_a_bad_date_is_left_out_and_reported_at_its_cell_while_the_row_is_kept() -> None:
    b = book(clients(["1", "A", "B", None, None, "soon"]))
    assert b.clients["1"].birthday is None
    (p,) = b.problems
    assert (p.sheet, p.row, p.column, p.field, p.value) == ("Clients", 2, "F", "birthday", "soon")


def test_phone_typed_as_a_number_gets_its_leading_zero_back_in_the_uk() -> None:
    b = book(clients(["1", "A", "B", None, 7700900446, None]), settings(Country="UK"))
    assert b.clients["1"].phone == "07700900446"


def test_short_phone_typed_as_a_number_without_a_country_is_reported() -> None:
    b = book(clients(["1", "A", "B", None, 77009004, None]))
    assert b.clients["1"].phone == ""
    assert b.problems[0].column == "E" and "leading 0" in b.problems[0].message


def phones(*cells: CellValue, **setting: str) -> tuple[list[str], list[Problem]]:
    rows = [[str(i), "A", f"B{i}", None, cell, None] for i, cell in enumerate(cells, 1)]
    b = book(clients(*rows), settings(**setting))
    return [c.phone for c in b.clients.values()], b.problems


@pytest.mark.parametrize(
    ("country", "cell", "number"),
    [
        ("UK", 447700900125, "+44 7700900125"),
        ("UK", 441632960123, "+44 1632960123"),
        ("Ireland", 353871234567, "+353 871234567"),
        ("AU", 61412345678, "+61 412345678"),
        ("Italy", 393471234567, "+39 3471234567"),
        ("Italy", 39061234567, "+39 061234567"),
        ("UK", 33612345678, "+33 612345678"),
        ("", 447700900125, "+44 7700900125"),
    ],
)
def test_phone_typed_as_a_number_with_its_calling_code_gets_its_plus_back(
    country: str, cell: int, number: str
) -> None:
    assert phones(cell, Country=country) == ([number], [])


@pytest.mark.parametrize(
    ("cell", "number"), [(3471234567, "3471234567"), (612345678, "0612345678")]
)
def test_italian_mobiles_have_no_leading_zero_and_landlines_get_theirs_back(
    cell: int, number: str
) -> None:
    assert phones(cell, Country="Italy") == ([number], [])


def test_a_number_that_reads_both_as_national_and_as_international_is_reported() -> None:
    found, (p,) = phones(4930123456, Country="Germany")
    assert found == [""]
    assert (p.column, p.value) == ("E", "4930123456")
    assert "could be 04930123456 or +49 30123456" in p.message


@pytest.mark.parametrize("cell", [4407700900125, 12345])
def test_a_number_too_long_or_short_for_the_country_is_reported(cell: CellValue) -> None:
    found, (p,) = phones(cell, Country="UK")
    assert (found, p.column, p.severity) == ([""], "E", "warning")
    assert "digits of a phone number" in p.message


@pytest.mark.parametrize("cell", ["12345", "4930123456", "34612345678"])
def test_digits_typed_as_text_that_read_no_clear_way_are_kept_as_typed(cell: str) -> None:
    assert phones(cell, Country="Germany" if cell.startswith("49") else "UK") == ([cell], [])


@pytest.mark.parametrize("cell", ["4,47701E+11", "4.47701E+11", "7.7009E+9"])
def test_a_phone_that_excel_shortened_to_e_plus_is_reported(cell: str) -> None:
    found, (p,) = phones(cell, Country="UK")
    assert found == [""]
    assert "shortened by Excel" in p.message and "again" in p.fix


def test_without_a_country_ten_digits_are_kept_only_when_they_can_be_north_american() -> None:
    found, problems = phones(7705551234, 7700900123, "7700900123", 1632960123, "612345678")
    assert found == ["7705551234", "", "7700900123", "", "612345678"]  # text: as typed
    assert [p.row for p in problems] == [3, 5]
    assert all("leading 0" in p.message and "Country" in p.fix for p in problems)


@pytest.mark.parametrize("country", ["US", "Canada"])
def test_in_north_america_ten_digits_are_kept_and_eleven_get_their_plus(country: str) -> None:
    found = phones(7705551234, "4165551234", 17705551234, Country=country)
    assert found == (["7705551234", "4165551234", "+1 7705551234"], [])


def test_digits_only_phones_in_a_csv_folder_get_their_zero_or_plus_back(tmp_path: Path) -> None:
    (tmp_path / "Clients.csv").write_text(
        "Client ID,Name,Phone\n"
        "1,Ana Lima,7700900123\n2,Bo Lee,447700900125\n3,Cy Roe,07700 900126\n",
        encoding="utf-8",
    )
    (tmp_path / "Settings.csv").write_text("Setting,Value\nCountry,UK\n", encoding="utf-8")
    b = validate(read_book(tmp_path, config=Config()), config=Config(), read_at=READ_AT)
    found = [c.phone for c in b.clients.values()]
    assert found == ["07700900123", "+44 7700900125", "07700 900126"]
    assert tel_href(found[1]) == "tel:+447700900125"
    assert b.problems == []


@pytest.mark.parametrize(
    ("cell", "ok"),
    [
        ("no", False),
        ("N", False),
        ("✓", True),
        ("x", True),
        (0, False),
        (True, True),
        ("Yes", True),
    ],
)
def test_contact_ok_reads_yes_no_ticks_and_crosses(cell: CellValue, ok: bool) -> None:
    b = book(("Clients", [["Client ID", "Name", "Contact OK"], ["1", "Ana Lima", cell]]))
    assert b.clients["1"].contact_ok is ok


def test_money_with_currency_signs_thousands_and_non_breaking_spaces_is_read() -> None:
    b = book(
        clients(["1", "Ana", "Lima", None, None, None]),
        (
            "Purchases",
            [
                ["Date", "Client", "Item", "Price"],
                ["2024-05-01", "1", "Ring", "£1,250.00\u00a0"],
                ["2024-05-02", "1", "Chain", "€ 80"],
            ],
        ),
    )
    assert [p.price for p in b.purchases] == [Decimal("1250.00"), Decimal("80")]


def purchases(*prices: CellValue) -> tuple[str, list[list[CellValue]]]:
    rows: list[list[CellValue]] = [["Date", "Client", "Item", "Price"]]
    rows.extend(["2024-05-01", "1", "Ring", price] for price in prices)
    return ("Purchases", rows)


def prices(*cells: CellValue, **setting: str) -> tuple[list[Decimal | None], list[Problem]]:
    b = book(clients(["1", "A", "B", None, None, None]), purchases(*cells), settings(**setting))
    return [p.price for p in b.purchases], b.problems


@pytest.mark.parametrize(
    ("cell", "amount"),
    [
        ("1.250,00 €", "1250.00"),
        ("1,250.00", "1250.00"),
        ("EUR 1.250.000,50", "1250000.50"),
        ("1,250,000", "1250000"),
        ("1 250,00 €", "1250.00"),
        ("12,50", "12.50"),
        ("12,5", "12.5"),
        ("1250,000", "1250.000"),
        ("0,250", "0.250"),
    ],
)
def test_when_both_marks_appear_the_last_is_the_decimal_point(cell: str, amount: str) -> None:
    assert prices(cell) == ([Decimal(amount)], [])


@pytest.mark.parametrize("cell", ["1.2.3", "£1,2,3", "1,25.00", "1.250.00", "12.50,00,0"])
def test_digits_not_in_groups_of_three_are_not_an_amount(cell: str) -> None:
    found, (p,) = prices(cell)
    assert found == [None]
    assert (p.column, p.value) == ("D", cell) and "groups of three" in p.message


@pytest.mark.parametrize(
    ("cell", "setting", "amount"),
    [
        ("1,250", {}, "1250"),
        ("1,250", {"Country": "UK"}, "1250"),
        ("€1.250", {"Country": "France"}, "1250"),
        ("€1.250", {"Currency": "EUR"}, "1250"),
        ("1.250", {"Country": "DE", "Currency": "GBP"}, "1250"),
    ],
)
def test_one_mark_before_three_digits_groups_thousands_where_the_store_writes_so(
    cell: str, setting: dict[str, str], amount: str
) -> None:
    assert prices(cell, **setting) == ([Decimal(amount)], [])


@pytest.mark.parametrize(
    ("cell", "setting", "fix"),
    [
        ("€1.250", {}, "Type 1250 or 1.25, or say the Country in the Settings sheet."),
        ("1.250", {"Country": "UK"}, "Type 1250 or 1.25."),
        ("€1.250", {"Country": "Ireland", "Currency": "EUR"}, "Type 1250 or 1.25."),
        ("1,250", {"Country": "Germany"}, "Type 1250 or 1,25."),
    ],
)
def test_one_mark_before_three_digits_that_could_go_either_way_is_reported(
    cell: str, setting: dict[str, str], fix: str
) -> None:
    found, (p,) = prices(cell, **setting)
    assert found == [None]
    assert (p.sheet, p.row, p.column, p.value, p.fix) == ("Purchases", 2, "D", cell, fix)


@pytest.mark.parametrize("cell", [-500, -12.5, "-500", "£-80", "(100)", "(1.250,00 €)"])
def test_a_price_below_zero_or_in_brackets_is_reported_and_left_out(cell: CellValue) -> None:
    found, (p,) = prices(cell)
    assert found == [None]
    assert p.column == "D" and "below zero" in p.message and p.severity == "warning"


def test_wish_list_and_min_price_read_amounts_the_stores_way() -> None:
    b = book(
        clients(["1", "Ana", "Lima", None, None, None]),
        settings(Country="Italy"),
        ("Wish list", [["Client", "Item", "Price"], ["1", "Bangle", "€ 2.400"]]),
        (
            "Follow-up rules",
            [["Trigger", "Min price", "After", "Task"], ["Purchase", "1.000", "2 days", "Call"]],
        ),
    )
    assert ([w.price for w in b.wishes], [r.min_price for r in b.rules]) == (
        [Decimal("2400")],
        [Decimal("1000")],
    )
    assert b.problems == []


def test_a_semicolon_csv_with_decimal_commas_gives_whole_prices(tmp_path: Path) -> None:
    (tmp_path / "Clients.csv").write_text("Client ID;Name\n1;Ana Lima\n", encoding="utf-8")
    (tmp_path / "Purchases.csv").write_text(
        "Date;Client;Item;Price\n2024-05-01;1;Ring;1.250,00\n2024-05-02;1;Chain;80,50\n",
        encoding="utf-8",
    )
    b = validate(read_book(tmp_path, config=Config()), config=Config(), read_at=READ_AT)
    assert [p.price for p in b.purchases] == [Decimal("1250.00"), Decimal("80.50")]


def test_a_client_cell_resolves_by_id_email_or_unique_full_name() -> None:
    b = book(
        clients(["C-0042", "John", "Smith", "js@x.org", None, None]),
        (
            "Purchases",
            [
                ["Date", "Client", "Item"],
                ["2024-05-01", "C-0042", "a"],
                ["2024-05-01", "JS@x.org", "b"],
                ["2024-05-01", "john smith", "c"],
            ],
        ),
    )
    assert [p.client_id for p in b.purchases] == ["C-0042"] * 3


def test_an_unknown_client_is_reported_with_the_closest_name() -> None:
    b = book(
        clients(["C-0042", "John", "Smith", None, None, None]),
        ("Purchases", [["Date", "Item", "Client"], ["2024-05-01", "Ring", "Jon Smyth"]]),
    )
    assert b.purchases == []
    (p,) = b.problems
    assert f"{p.where}: {p.message}" == (
        "Purchases, row 2, column C: 'Jon Smyth' matches no client. "
        "Did you mean John Smith (C-0042)?"
    )


def test_an_ambiguous_name_is_reported_with_both_candidates() -> None:
    b = book(
        clients(["1", "Ann", "Lee", None, None, None], ["2", "Ann", "Lee", None, None, None]),
        ("Wish list", [["Client", "Item"], ["Ann Lee", "Pearls"]]),
    )
    assert b.wishes == []
    assert "Ann Lee (1), Ann Lee (2)" in b.problems[0].message


def test_duplicate_clients_by_email_or_phone_are_warnings() -> None:
    b = book(
        clients(
            ["1", "A", "B", "a@x.org", "0123 456", None],
            ["2", "C", "D", "A@x.org", "0123456", None],
        )
    )
    assert sorted((p.field, p.severity, p.row) for p in b.problems) == [
        ("email", "warning", 3),
        ("phone", "warning", 3),
    ]


def test_a_duplicate_client_id_is_an_error_and_the_second_row_left_out() -> None:
    b = book(clients(["1", "A", "B", None, None, None], ["1", "C", "D", None, None, None]))
    assert b.clients["1"].first_name == "A"
    assert b.problems[0].severity == "error" and b.problems[0].row == 3


def test_a_missing_client_id_gets_a_stable_made_up_id() -> None:
    first = book(clients([None, "Ana", "Lima", "a@x.org", None, None]))
    second = book(clients([None, "Ana", "Lima", "a@x.org", None, None]))
    assert list(first.clients) == list(second.clients)
    assert next(iter(first.clients)).startswith("C-")


def test_blank_rows_are_skipped_and_unknown_columns_kept_as_the_stores_own() -> None:
    b = book(
        (
            "Clients",
            [["Client ID", "Name", "Watch brand"], [None, "  ", None], ["1", "Ana Lima", "Omega"]],
        )
    )
    assert list(b.clients) == ["1"]
    assert b.clients["1"].extra == {"Watch brand": "Omega"}
    assert b.extra_columns == ["Watch brand"]


def test_partners_who_are_both_clients_are_linked_by_name_or_household() -> None:
    b = book(
        (
            "Clients",
            [
                ["Client ID", "First name", "Last name", "Partner name", "Household"],
                ["1", "Maria", "Reyes", "Tom Reyes", ""],
                ["2", "Tom", "Reyes", "", ""],
                ["3", "Ann", "Lee", "", "Lee house"],
                ["4", "Bo", "Lee", "", "Lee house"],
            ],
        )
    )
    assert b.clients["1"].partner_id == "2"
    assert (b.clients["3"].partner_id, b.clients["4"].partner_id) == ("4", "3")


def test_settings_and_anniversary_gifts_and_follow_up_rules_are_read() -> None:
    b = book(
        clients(["1", "A", "B", None, None, None]),
        settings(
            **{
                "Store name": "Bijou",
                "Birthday reminder days": "10",
                "Leap-day birthdays on": "1 March",
                "Time zone": "Europe/London",
            }
        ),
        ("Anniversary gifts", [["Year", "Traditional", "Modern"], [25, "Silver", "Silver"]]),
        (
            "Follow-up rules",
            [
                ["Trigger", "Category or occasion", "Min price", "After", "Task"],
                ["Category", "Bridal", "£1,000", "6 months", "Free cleaning"],
                ["Purchase", None, None, "soon", "Call"],
            ],
        ),
    )
    s = b.settings
    assert (s.store_name, s.lead_days["birthday"], s.leap_day, s.time_zone) == (
        "Bijou",
        10,
        "mar1",
        "Europe/London",
    )
    assert s.gift_themes == {25: ("Silver", "Silver")}
    (rule,) = b.rules
    assert (rule.trigger, rule.value, rule.min_price, str(rule.after)) == (
        "category",
        "Bridal",
        Decimal("1000"),
        "6 months",
    )
    assert b.problems[0].sheet == "Follow-up rules" and b.problems[0].column == "D"


def test_a_mapped_sheet_name_that_is_absent_falls_back_to_the_usual_names() -> None:
    from ledgersite.sources.raw import RawBook, RawSheet
    from ledgersite.validate.headers import find_sheet

    ours = RawSheet("Clients", [["Client ID", "First name"], ["C-1", "Maria"]])
    export = RawSheet("DimCustomer", [["CustomerAlternateKey", "FirstName"], ["AW1", "Jon"]])
    mapping = {"clients": "DimCustomer"}
    assert find_sheet(RawBook([ours], "book.xlsx", "xlsx"), "clients", mapping) is ours
    assert find_sheet(RawBook([ours, export], "x.xlsx", "xlsx"), "clients", mapping) is export


def test_clients_of_the_same_name_without_ids_are_both_kept_and_told_apart() -> None:
    b = book(
        ("Clients", [["First name", "Last name", "Phone"], ["John", "Smith", "07700 900001"],
                     ["John", "Smith", "07700 900002"], ["Ann", "Lee", ""]]),
    )
    smiths = [c for c in b.clients.values() if c.name == "John Smith"]
    assert [c.phone for c in smiths] == ["07700 900001", "07700 900002"]
    assert smiths[1].id == f"{smiths[0].id}-2"
    (problem,) = b.problems
    assert (problem.severity, problem.row) == ("warning", 3)
    assert "same name as the client in row 2" in problem.message


def test_a_row_naming_a_client_left_out_says_which_row_of_clients_to_fix() -> None:
    b = book(
        clients(["C1", "Maria", "Reyes"], ["C1", "Anna", "Smith"]),
        ("Purchases", [["Date", "Client", "Item"], ["2026-01-06", "Anna Smith", "Ring"]]),
    )
    left_out = [p for p in b.problems if p.sheet == "Purchases"]
    assert [p.message for p in left_out] == [
        "'Anna Smith' names the client in row 3 of the Clients sheet, which was left out because"
        " of a problem in that row."
    ]


def test_did_you_mean_names_each_client_once() -> None:
    b = book(
        clients(["C1", "Alice", "Smith"], ["C2", "Bob", "Smith"]),
        ("Purchases", [["Date", "Client", "Item"], ["2026-01-06", "Smith", "Ring"],
                       ["2026-01-06", "Bob Smit", "Ring"]]),
    )
    assert [p.message for p in b.problems] == [
        "'Smith' matches no client. Did you mean Alice Smith (C1) or Bob Smith (C2)?",
        "'Bob Smit' matches no client. Did you mean Bob Smith (C2)?",
    ]


def test_a_client_without_a_name_is_reported_and_shown_by_email() -> None:
    b = book(clients([None, None, None, "orphan@example.com"]))
    (client,) = b.clients.values()
    assert client.name == "orphan@example.com"
    assert "This client has no name." in [p.message for p in b.problems]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("1/2/30", PartialDate(2, 1, 1930)),  # day first: the column says so in the next row
        ("3 March 85", PartialDate(3, 3, 1985)),
        ("Mar 3, '85", PartialDate(3, 3, 1985)),
        ("3 March 25", PartialDate(3, 3, 2025)),
    ],
)
def test_a_two_digit_birth_year_is_never_in_the_future(cell: str, expected: PartialDate) -> None:
    b = book(
        clients(["C1", "Oli", "Yu", None, None, cell], ["C2", "Al", "Bo", None, None, "14/3/1985"])
    )
    assert b.clients["C1"].birthday == expected
    assert b.problems == []


def test_a_birthday_after_today_is_reported_and_left_out() -> None:
    b = book(clients(["C1", "Oli", "Yu", None, None, "14/03/2030"],
                     ["C2", "Al", "Bo", None, None, dt.date(2027, 1, 1)]))
    assert b.clients["C1"].birthday is None and b.clients["C2"].birthday is None
    assert [(p.row, p.column, p.message) for p in b.problems] == [
        (2, "F", "'14/03/2030' is in the future."),
        (3, "F", "'2027-01-01' is in the future."),
    ]


@pytest.mark.parametrize(
    ("typed", "first", "last"),
    [
        ("Maria Reyes", "Maria", "Reyes"),
        ("Reyes, Maria", "Maria", "Reyes"),
        ("Mrs Anna Smith", "Anna", "Smith"),
        ("Dr. Mary Ann Smith", "Mary Ann", "Smith"),
        ("Anna van der Berg", "Anna", "van der Berg"),
        ("Cher", "Cher", ""),
    ],
)
def test_a_single_name_column_is_split_into_first_and_last_name(
    typed: str, first: str, last: str
) -> None:
    b = book(("Clients", [["Client ID", "Name"], ["C1", typed]]))
    assert (b.clients["C1"].first_name, b.clients["C1"].last_name) == (first, last)


@pytest.mark.parametrize("typed", ["unknown", "N/A", "?", "TBC", "-"])
def test_dont_know_in_a_birthday_or_phone_is_a_blank_not_a_problem(typed: str) -> None:
    b = book(clients(["C1", "Ana", "Lima", None, typed, typed]))
    assert (b.clients["C1"].phone, b.clients["C1"].birthday) == ("", None)
    assert b.problems == []


def test_did_you_mean_finds_the_likest_name_among_thousands() -> None:
    import difflib
    import random

    from ledgersite.book import Client
    from ledgersite.validate.references import ClientIndex

    rng = random.Random(6)

    def word() -> str:
        return rng.choice("BCDGLMPRST") + "".join(rng.choice("aeiounrsl") for _ in range(6))

    index = ClientIndex({f"C{i}": Client(f"C{i}", word(), word()) for i in range(3000)})
    names = list(index.by_name)
    for _ in range(100):
        name = rng.choice(names)
        at = rng.randrange(len(name))
        typo = name[:at] + "x" + name[at + 1:]
        likest = difflib.get_close_matches(typo, names, n=1, cutoff=0.75)
        assert index.close_names(typo)[:1] == likest


def test_an_id_that_could_be_either_of_two_ids_is_reported_not_guessed() -> None:
    b = book(
        clients(["C-001", "Maria", "Reyes"], ["C001", "Tom", "Reyes"]),
        ("Purchases", [["Date", "Client", "Item"], ["2026-01-06", "C 001", "Ring"],
                       ["2026-01-07", "C001", "Ring"]]),
    )
    assert [p.client_id for p in b.purchases] == ["C001"]
    (problem,) = b.problems
    assert problem.message == (
        "'C 001' could be more than one client: Maria Reyes (C-001), Tom Reyes (C001).")


def test_a_tab_named_in_ledgersite_toml_is_found_by_its_exact_name_digits_and_all() -> None:
    people: list[list[CellValue]] = [["First name", "Last name"], ["Maria", "Reyes"]]
    sales = [["Date", "Client", "Item"], ["2026-01-06", "Maria Reyes", "Ring"]]
    older = [["Date", "Client", "Item"], ["2023-01-06", "Maria Reyes", "Brooch"]]
    b = book(("Sheet1", [["x"]]), ("Sheet2", people), ("Sales 2023", older), ("Sales 2024", sales),
             config=Config(sheets={"clients": "Sheet2", "purchases": "Sales 2024"}))
    assert [c.name for c in b.clients.values()] == ["Maria Reyes"]
    assert [p.item for p in b.purchases] == ["Ring"]


def test_two_tabs_that_could_each_be_purchases_are_both_left_and_said() -> None:
    sales = [["Date", "Client", "Item"], ["2026-01-06", "C1", "Ring"]]
    b = book(clients(["C1", "Maria", "Reyes"]), ("Purchases 2023", sales),
             ("Purchases 2024", sales))
    assert b.purchases == []
    (problem,) = b.problems
    assert problem.message == ('The tabs "Purchases 2023" and "Purchases 2024" could each be the'
                               " Purchases tab, so none of them is read.")
    assert 'purchases = "Purchases 2024"' in problem.fix
    with pytest.raises(BookInvalid, match="could each be the Clients tab"):
        book(("Clients 2023", [["First name"], ["Ana"]]), ("Clients 2024", [["First name"]]))


@pytest.mark.parametrize("cell", ["2027-03-14", "2150-03-14", "14/03/2027"])
def test_a_four_digit_future_birth_year_is_reported_never_moved_a_century(cell: str) -> None:
    b = book(clients(["C1", "Oli", "Yu", None, None, cell]))
    assert b.clients["C1"].birthday is None
    assert [p.message for p in b.problems] == [f"'{cell}' is in the future."]


def test_same_name_warnings_are_in_row_order_and_say_what_tells_clients_apart() -> None:
    rows = [[None, "Jo", "Ng", f"jo{n % 2}@x.org" if n > 2 else None] for n in range(6)]
    b = book(clients(*rows))
    messages = [(p.row, p.message) for p in b.problems if "same name" in p.message]
    assert messages == [
        (3, "Jo Ng has the same name as the client in row 2, and neither has a Client ID or"
            " email to tell them apart."),
        (4, "Jo Ng has the same name as the client in row 2, and neither has a Client ID or"
            " email to tell them apart."),
        (7, "Jo Ng has the same name as the client in row 5, and neither has a Client ID to"
            " tell them apart."),
    ]


@pytest.mark.parametrize(
    ("after", "message"),
    [("10000 years", "is longer than ten years."), ("any", "is not a span of time."),
     ("tend", "is not a span of time.")],
)
def test_a_rule_after_that_is_too_long_or_a_word_that_only_looks_like_a_span_is_reported(
    after: str, message: str
) -> None:
    rules = [["Trigger", "Category or occasion", "Min price", "After", "Task"],
             ["Purchase", None, None, after, "Thank-you note"]]
    b = book(clients(["C1", "Ana", "Lima"]), ("Follow-up rules", rules))
    assert b.rules == []
    assert [p.message for p in b.problems] == [f"{after!r} {message}"]


def test_a_row_with_something_only_beyond_the_headers_is_not_a_client_and_is_said() -> None:
    stray: list[CellValue] = [None, None, None, None, None, None, None, "x"]
    b = book(clients(["C1", "Maria", "Reyes"], stray, list(stray)))
    assert list(b.clients) == ["C1"]
    (problem,) = b.problems
    assert (problem.row, problem.column) == (3, "H")
    assert problem.message == ("Row 3 (and 1 more row) has something only in columns with no"
                               " header, so it is not read.")


@pytest.mark.parametrize("header", ["Account No", "Customer ID", "CustomerAlternateKey", "Cust ID"])
def test_other_sheets_name_the_client_under_any_heading_of_the_client_id(header: str) -> None:
    b = book(clients(["10023", "Maria", "Reyes"]),
             ("Purchases", [["Date", header, "Item"], ["2026-01-06", "10023", "Ring"]]))
    assert [(p.client_id, p.item) for p in b.purchases] == [("10023", "Ring")]
    assert b.problems == []


def test_of_tabs_with_a_year_the_likeliest_name_is_the_clients_tab() -> None:
    people: list[list[CellValue]] = [["First name", "Last name"], ["Maria", "Reyes"]]
    b = book(("Contacts 2024", [["First name"], ["Nobody"]]), ("Clients 2024", people))
    assert [c.name for c in b.clients.values()] == ["Maria Reyes"]


def test_a_tab_named_in_ledgersite_toml_may_have_a_year_after_it() -> None:
    people: list[list[CellValue]] = [["First name", "Last name"], ["Maria", "Reyes"]]
    b = book(("Kunden 2024", people), ("Notizen", [["x"]]),
             config=Config(sheets={"clients": "Kunden"}))
    assert [c.name for c in b.clients.values()] == ["Maria Reyes"]


def test_a_last_name_many_clients_have_asks_for_the_full_name() -> None:
    smiths = [[f"C{n}", first, "Smith"] for n, first in enumerate(["Al", "Bo", "Cy", "Di", "Ed"])]
    b = book(clients(*smiths),
             ("Purchases", [["Date", "Client", "Item"], ["2026-01-06", "Smith", "Ring"]]))
    (problem,) = b.problems
    assert problem.message == "'Smith' matches no client: 5 clients have that last name."
    assert problem.fix == "Use the client's full name, or the Client ID."
