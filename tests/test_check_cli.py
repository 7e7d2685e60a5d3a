"""`ledgersite check` on real workbooks written with openpyxl."""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from ledgersite.cli import main

AW = Path("/work/shared/realworld/customers/adventureworksdw__DimCustomer.xlsx")
if not AW.exists():
    AW = Path(__file__).resolve().parents[2] / "shared/realworld/customers" / AW.name


def write(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)  # type: ignore[arg-type]
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


CLIENTS: list[list[object]] = [
    ["Client ID", "First name", "Last name", "Email", "Phone", "Birthday", "Contact OK"],
    ["C-0042", "John", "Smith", "john@example.org", "07700 900001", dt.date(1970, 5, 1), "yes"],
    ["C-0043", "Maria", "Reyes", "maria@example.org", "07700 900002", "14 March", "no"],
]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["check", *args])
    return code, capsys.readouterr().out


def test_a_clean_book_exits_0_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = write(tmp_path / "book.xlsx", {"Clients": CLIENTS})
    assert run(capsys, str(book)) == (0, "No problems found (2 clients).\n")


def test_each_planted_problem_is_reported_at_its_cell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = write(
        tmp_path / "broken.xlsx",
        {
            "Clients": [
                *CLIENTS,
                ["C-0044", "Ann", "Lee", "john@example.org", None, "sometime", "maybe"],
            ],
            "Purchases": [
                ["Date", "Client", "Item", "Price"],
                [dt.date(2024, 5, 1), "C-0042", "Ring", 1200],
                [dt.date(2024, 5, 2), "Jon Smyth", "Chain", 80],
                ["yesterday", "C-0043", "Studs", "lots"],
            ],
        },
    )
    code, out = run(capsys, str(book), "--json")
    assert code == 1
    found = {
        (p["sheet"], p["row"], p["column"], p["field"], p["severity"]) for p in json.loads(out)
    }
    assert found == {
        ("Clients", 4, "D", "email", "warning"),
        ("Clients", 4, "F", "birthday", "warning"),
        ("Clients", 4, "G", "contact_ok", "warning"),
        ("Purchases", 3, "B", "client", "error"),
        ("Purchases", 4, "A", "date", "error"),
        ("Purchases", 4, "D", "price", "warning"),
    }
    smyth = next(p for p in json.loads(out) if p["row"] == 3)
    assert set(smyth) >= {"severity", "sheet", "row", "column", "field", "value", "message"}
    assert smyth["value"] == "Jon Smyth"
    assert smyth["message"] == "'Jon Smyth' matches no client. Did you mean John Smith (C-0042)?"


def test_prices_and_phones_that_excel_mangled_are_read_right_or_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = write(
        tmp_path / "b.xlsx",
        {
            "Clients": [*CLIENTS, ["C-0044", "Ann", "Lee", None, 447700900125, None, None]],
            "Purchases": [
                ["Date", "Client", "Item", "Price"],
                [dt.date(2024, 5, 1), "C-0042", "Ring", "1.250,00 €"],
                [dt.date(2024, 5, 2), "C-0042", "Chain", "€1.250"],
                [dt.date(2024, 5, 3), "C-0043", "Studs", -500],
            ],
            "Settings": [["Setting", "Value"], ["Country", "UK"]],
        },
    )
    code, out = run(capsys, str(book), "--json")
    assert code == 0
    found = [(p["row"], p["column"], p["message"], p["fix"]) for p in json.loads(out)]
    assert found == [
        (3, "D", "'€1.250' could be 1250 or 1.25.", "Type 1250 or 1.25."),
        (
            4,
            "D",
            "'-500' is below zero.",
            "Type the amount without a minus sign or brackets; note a return in Notes.",
        ),
    ]
    from ledgersite.config import Config
    from ledgersite.load import load_book

    loaded = load_book(book, Config())
    assert loaded.clients["C-0044"].phone == "+44 7700900125"
    assert [p.price for p in loaded.purchases] == [Decimal("1250.00"), None, None]


def test_the_table_groups_by_sheet_with_errors_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = write(
        tmp_path / "b.xlsx",
        {
            "Clients": [*CLIENTS, ["C-0044", "Ann", "Lee", None, None, "sometime", None]],
            "Purchases": [["Date", "Client", "Item"], ["2024-05-01", "Nobody Here", "Ring"]],
        },
    )
    code, out = run(capsys, str(book))
    assert code == 1
    assert out.index("Clients") < out.index("Purchases")
    assert "ERROR" in out and "row 2, column B" in out and "row 4, column F" in out


def test_warnings_fail_only_with_strict(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = write(
        tmp_path / "b.xlsx",
        {"Clients": [*CLIENTS, ["C-0044", "Ann", "Lee", None, None, "sometime", None]]},
    )
    assert run(capsys, str(book))[0] == 0
    assert run(capsys, str(book), "--strict")[0] == 1


def test_a_book_without_a_clients_sheet_exits_2_with_a_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = write(tmp_path / "b.xlsx", {"Sheet1": [["a", "b"], [1, 2]], "Sheet2": [["c"]]})
    assert main(["check", str(book)]) == 2
    assert 'Add a sheet named "Clients"' in capsys.readouterr().err


def test_a_book_of_one_sheet_is_read_as_its_clients_sheet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = write(tmp_path / "b.xlsx", {"Sheet1": [["a", "b"], [1, 2]]})
    assert main(["check", str(book)]) == 2
    assert 'The "Sheet1" sheet has no name column' in capsys.readouterr().err
    book = write(tmp_path / "c.xlsx", {"Sheet1": [["Name", "Phone"], ["Ana Lima", "07700 900446"]]})
    assert run(capsys, str(book)) == (0, "No problems found (1 client).\n")


def test_the_sample_book_checks_clean(capsys: pytest.CaptureFixture[str]) -> None:
    sample = Path(__file__).resolve().parents[1] / "sample_books" / "bijou_client_book.xlsx"
    assert run(capsys, str(sample), "--strict", "--json") == (0, "[]\n")


def test_adventureworks_customers_load_as_a_client_book_with_a_column_mapping(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "ledgersite.toml"
    config.write_text('[sheets]\nclients = "DimCustomer"\n[columns]\nid = "CustomerAlternateKey"\n')
    started = time.perf_counter()
    code, out = run(capsys, str(AW), "--config", str(config), "--json")
    took = time.perf_counter() - started
    problems = json.loads(out)
    assert code == 0  # only warnings: households that share a phone number
    assert {p["field"] for p in problems} <= {"phone", "email"}
    from ledgersite.config import load_config
    from ledgersite.load import load_book

    book = load_book(AW, load_config(config))
    assert len(book.clients) == 18484
    jon = book.clients["AW00011000"]
    assert (jon.first_name, jon.last_name, jon.email) == (
        "Jon",
        "Yang",
        "jon24@adventure-works.com",
    )
    assert jon.birthday is not None and jon.birthday.year == 1971
    assert jon.client_since == dt.date(2011, 1, 19)
    assert "YearlyIncome" in book.extra_columns
    assert took < 20, f"check took {took:.1f} s"


def test_a_book_only_openpyxl_reads_is_checked_without_a_technical_line(
    caplog: pytest.LogCaptureFixture,
) -> None:
    realworld = Path(__file__).resolve().parents[2] / "shared" / "realworld" / "xlsx"
    with caplog.at_level(logging.INFO):
        main(["check", str(realworld / "exceljs__test-row-styles.xlsx")])
    assert [r.getMessage() for r in caplog.records if "calamine" in r.getMessage()] == []
