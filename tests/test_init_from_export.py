"""`ledgersite init --from`: a new book from a POS or mailing-list export, columns mapped."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import openpyxl
import pytest

from ledgersite.cli import main
from ledgersite.config import load_config
from ledgersite.export_columns import match_columns, recognise
from ledgersite.importer import read_export

#: A web-shop customer export, as awkward as real ones: prefixed names, an address in two
#: lines, a second phone column, opt-in words for consent, a database's NULL, a blank header.
SHOP_EXPORT = (
    "Customer ID,First Name,Surname,EmailAddress,Default Address Address1,"
    "Default Address Address2,Town,Zip,Phone,Mobile,DOB,Accepts Email Marketing,"
    "DateFirstPurchase,Loyalty Points,\n"
    "1001,Maria,Reyes,maria@example.com,12 Harbour St,Flat 2,Springfield,01234,"
    "555 0101,555 0199,14/03/1985,yes,2019-05-02,120,gift wrap\n"
    "1002,Daniel,Reyes,daniel@example.com,12 Harbour St,NULL,Springfield,01234,"
    "555 0102,,02/11/1983,unsubscribed,2019-05-02 10:22:00,0,\n"
    "1003,Priya,Shah,priya@example.com,,,,,,,31/12/1990,,,,\n"
)


def clients_rows(path: Path) -> list[dict[str, object]]:
    sheet = openpyxl.load_workbook(path)["Clients"]
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def day(value: object) -> dt.date:
    """Give the day of a date cell as openpyxl reads it back (a midnight datetime)."""
    assert isinstance(value, dt.datetime), f"{value!r} should be a real date"
    assert value.time() == dt.time(0)
    return value.date()


@pytest.fixture
def shop_export(tmp_path: Path) -> Path:
    path = tmp_path / "exports" / "customers.csv"
    path.parent.mkdir()
    path.write_text(SHOP_EXPORT, encoding="utf-8")
    return path


def test_prints_the_mapping_it_chose_as_plain_lines(
    shop_export: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["init", str(tmp_path / "book.xlsx"), "--from", str(shop_export),
                 "--time-zone", "Europe/London"])
    assert code == 0
    out = capsys.readouterr().out.splitlines()
    for line in (
        "Customer ID -> Client ID",
        "First Name -> First name",
        "Surname -> Last name",
        "EmailAddress -> Email",
        "Default Address Address1 -> Address",
        "Default Address Address2 -> Address (added after the first line)",
        "Town -> City",
        "Zip -> Postcode",
        "Phone -> Phone",
        "DOB -> Birthday",
        "Accepts Email Marketing -> Contact OK",
        "DateFirstPurchase -> Client since",
        'Mobile -> kept as the shop\'s own column "Other Mobile"',
        'Loyalty Points -> kept as the shop\'s own column "Loyalty Points"',
    ):
        assert line in out


def test_copies_every_client_into_the_clients_sheet_with_values_tidied(
    shop_export: Path, tmp_path: Path
) -> None:
    book = tmp_path / "book.xlsx"
    assert main(["init", str(book), "--from", str(shop_export), "--time-zone", "UTC"]) == 0
    maria, daniel, priya = clients_rows(book)
    assert maria["Client ID"] == "1001"
    assert (maria["First name"], maria["Last name"]) == ("Maria", "Reyes")
    assert maria["Address"] == "12 Harbour St, Flat 2"
    assert daniel["Address"] == "12 Harbour St"  # NULL is an empty cell, not a second line
    assert maria["Postcode"] == "01234"
    assert day(maria["Birthday"]) == dt.date(1985, 3, 14)  # the export says day first: a real date
    assert day(maria["Client since"]) == dt.date(2019, 5, 2)
    assert day(daniel["Client since"]) == dt.date(2019, 5, 2)
    assert (maria["Contact OK"], daniel["Contact OK"], priya["Contact OK"]) == ("Yes", "No", None)
    assert maria["Other Mobile"] == "555 0199"
    assert maria["Loyalty Points"] == "120"
    assert maria["Column O"] == "gift wrap"


def test_learns_from_the_exports_dates_that_they_are_written_day_first(
    shop_export: Path, tmp_path: Path
) -> None:
    book = tmp_path / "book.xlsx"
    # New York would mean month-first dates; the export's 31/12/1990 says otherwise.
    main(["init", str(book), "--from", str(shop_export), "--time-zone", "America/New_York"])
    settings = openpyxl.load_workbook(book)["Settings"]
    values = {r[0]: r[1] for r in settings.iter_rows(min_row=2, max_col=2, values_only=True)}
    assert values["Day-first dates"] == "Yes"
    assert values["Country"] == "US"
    # ...and so its dates typed as text become real dates, read the export's way round.
    birthdays = [day(row["Birthday"]) for row in clients_rows(book)]
    assert birthdays == [dt.date(1985, 3, 14), dt.date(1983, 11, 2), dt.date(1990, 12, 31)]


def test_a_two_digit_year_in_an_export_is_left_for_the_book_to_read(tmp_path: Path) -> None:
    export = tmp_path / "export.csv"
    export.write_text("Name,DOB\nAna Lima,01/02/28\nBo Lee,25/12/1980\n", encoding="utf-8")
    book = tmp_path / "book.xlsx"
    assert main(["init", str(book), "--from", str(export)]) == 0
    assert clients_rows(book)[0]["Birthday"] == "01/02/28"
    assert main(["check", str(book)]) == 0  # 1928: a birthday is never in the future


def test_writes_ledgersite_toml_that_maps_the_exports_own_headers(
    shop_export: Path, tmp_path: Path
) -> None:
    book = tmp_path / "book.xlsx"
    main(["init", str(book), "--from", str(shop_export), "--time-zone", "UTC"])
    config = load_config(tmp_path / "ledgersite.toml")
    assert config.columns == {
        "client_id": "Customer ID",
        "first_name": "First Name",
        "last_name": "Surname",
        "email": "EmailAddress",
        "address": "Default Address Address1",
        "city": "Town",
        "postcode": "Zip",
        "phone": "Phone",
        "birthday": "DOB",
        "contact_ok": "Accepts Email Marketing",
        "client_since": "DateFirstPurchase",
    }
    assert config.sheets == {}  # a lone CSV file is read as the Clients sheet anyway


def test_a_single_name_column_is_split_into_first_and_last_name(tmp_path: Path) -> None:
    export = tmp_path / "list.csv"
    export.write_text("Name,E-mail\nMaria Reyes,m@example.com\n\"Shah, Priya\",p@example.com\n"
                      "Cher,c@example.com\n", encoding="utf-8")
    imported = read_export(export)
    assert [(c.get("First name"), c.get("Last name")) for c in imported.clients] == [
        ("Maria", "Reyes"), ("Priya", "Shah"), ("Cher", None)
    ]


def test_the_header_row_is_found_below_a_title(tmp_path: Path) -> None:
    export = tmp_path / "report.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Customer report"
    sheet.append(["Customer list, printed 3 March"])
    sheet.append([])
    sheet.append(["Given name", "Family name", "Mobile", "Birth Date"])
    sheet.append(["Ana", "Lima", 7700900123, dt.date(1990, 2, 3)])
    book.save(export)
    imported = read_export(export)
    assert imported.header_row == 3
    assert imported.sheet == "Customer report"
    assert imported.clients == [
        {"First name": "Ana", "Last name": "Lima", "Phone": "7700900123",
         "Birthday": dt.date(1990, 2, 3)}
    ]


def test_an_export_with_nothing_like_client_details_is_refused_in_plain_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = tmp_path / "stock.csv"
    export.write_text("SKU,Carat,Cost\nR-1,0.5,900\n", encoding="utf-8")
    assert main(["init", str(tmp_path / "book.xlsx"), "--from", str(export)]) == 2
    assert "No column of stock.csv looks like client details" in capsys.readouterr().err
    assert not (tmp_path / "book.xlsx").exists()


def test_adds_the_mapping_to_an_existing_ledgersite_toml_and_keeps_the_rest(
    shop_export: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = '# mine\n[site]\nstylesheet = "mine.css"\n[google]\ncredentials = "key.json"\n'
    (tmp_path / "ledgersite.toml").write_text(mine, encoding="utf-8")
    assert main(["init", str(tmp_path / "book.xlsx"), "--from", str(shop_export)]) == 0
    assert "and added to" in capsys.readouterr().out
    text = (tmp_path / "ledgersite.toml").read_text(encoding="utf-8")
    assert text.startswith(mine)
    config = load_config(tmp_path / "ledgersite.toml")
    assert config.stylesheet is not None and config.stylesheet.name == "mine.css"
    assert config.columns and (tmp_path / "book.xlsx").exists()


def test_a_column_mapping_already_there_is_replaced_only_with_force(
    shop_export: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    toml = tmp_path / "ledgersite.toml"
    mine = '[columns]\nemail = "Mail"\n\n[site]\nstylesheet = "mine.css"\n'
    toml.write_text(mine, encoding="utf-8")
    assert main(["init", str(tmp_path / "book.xlsx"), "--from", str(shop_export)]) == 2
    assert "already says which columns are which" in capsys.readouterr().err
    assert toml.read_text(encoding="utf-8") == mine
    assert not (tmp_path / "book.xlsx").exists()
    assert main(["init", str(tmp_path / "book.xlsx"), "--from", str(shop_export), "--force"]) == 0
    text = toml.read_text(encoding="utf-8")
    assert 'email = "Mail"' not in text and text.startswith('[site]\nstylesheet = "mine.css"\n')
    assert load_config(toml).columns != {"email": "Mail"}


def test_a_mistyped_export_is_said_even_beside_an_existing_ledgersite_toml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "ledgersite.toml").write_text("# mine\n", encoding="utf-8")
    missing = tmp_path / "nonexist.csv"
    assert main(["init", str(tmp_path / "book.xlsx"), "--from", str(missing)]) == 2
    assert "There is no file" in capsys.readouterr().err
    assert (tmp_path / "ledgersite.toml").read_text(encoding="utf-8") == "# mine\n"


@pytest.mark.parametrize(
    ("header", "column"),
    [
        ("FirstName", "First name"),
        ("Given name", "First name"),
        ("LastName", "Last name"),
        ("E-mail", "Email"),
        ("Tel.", "Phone"),
        ("Mobile No", "Phone"),
        ("Date of Birth", "Birthday"),
        ("BirthDate", "Birthday"),
        ("Postal Code", "Postcode"),
        ("Town/City", "City"),
        ("Billing Zip", "Postcode"),
        ("Customer Since", "Client since"),
        ("Spouse", "Partner name"),
        ("Wedding Date", "Anniversary"),
        ("Emial Address", "Email"),  # a typo, matched by spelling
        ("Company Name", None),
        ("Total Spent", None),
        ("Gender", None),
    ],
)
def test_recognises_the_ways_exports_name_their_columns(header: str, column: str | None) -> None:
    assert recognise(header) == column


def test_an_exact_name_wins_over_a_prefixed_one_whatever_the_order() -> None:
    assert match_columns(["Default Address Phone", "Phone"]) == {1: "Phone"}


def test_starts_a_book_from_adventureworks_18484_customers_quickly(
    realworld: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = realworld / "customers" / "adventureworksdw__DimCustomer.xlsx"
    book = tmp_path / "book.xlsx"
    started = time.monotonic()
    assert main(["init", str(book), "--from", str(export), "--time-zone", "UTC"]) == 0
    seconds = time.monotonic() - started
    assert seconds < 20, f"init --from took {seconds:.1f} s"
    out = capsys.readouterr().out
    assert "CustomerKey -> Client ID" in out
    assert "BirthDate -> Birthday" in out
    assert "18,484 clients" in out
    sheet = openpyxl.load_workbook(book, read_only=True)["Clients"]
    rows = sheet.iter_rows(max_row=2, values_only=True)
    header = next(rows)
    first = dict(zip(header, next(rows), strict=False))
    assert first["First name"] == "Jon"
    assert day(first["Birthday"]) == dt.date(1971, 10, 6)
    assert first["Other CustomerAlternateKey"] == "AW00011000"  # a second ID, kept
    config = load_config(tmp_path / "ledgersite.toml")
    assert config.columns["birthday"] == "BirthDate"
    # Naming the export's tab would hide the new book's Clients sheet: it is only suggested.
    assert config.sheets == {}
    assert '# clients = "DimCustomer"' in (tmp_path / "ledgersite.toml").read_text("utf-8")


def test_an_unreadable_ledgersite_toml_beside_it_is_said_and_nothing_is_written(
    shop_export: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "ledgersite.toml").write_bytes("[site]\n# café\n".encode("latin-1"))
    assert main(["init", str(tmp_path / "book.xlsx"), "--from", str(shop_export)]) == 2
    assert "ledgersite.toml cannot be read" in capsys.readouterr().err
    assert not (tmp_path / "book.xlsx").exists()
