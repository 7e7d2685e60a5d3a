"""The call sheet CSV: opens safely in a spreadsheet, whatever staff typed."""

from __future__ import annotations

import csv
import io

import pytest

from ledgersite.site.export import csv_bytes, neutralise


@pytest.mark.parametrize("cell", ["=1+1", "+44 7700", "-2", "@SUM(A1)", "\tx", "\rx",
                                  '=HYPERLINK("http://evil","click")'])
def test_cells_a_spreadsheet_would_run_as_formulas_are_prefixed_with_an_apostrophe(
    cell: str,
) -> None:
    assert neutralise(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["Maria Reyes", "07700 900123", "", "'quoted", "a=b"])
def test_ordinary_cells_are_left_alone(cell: str) -> None:
    assert neutralise(cell) == cell


def test_csv_has_a_byte_order_mark_and_reads_back_neutralised() -> None:
    data = csv_bytes(["Client", "Phone"], [["=cmd|' /C calc'!A0", "+44 7700 900123"]])
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows == [["Client", "Phone"], ["'=cmd|' /C calc'!A0", "'+44 7700 900123"]]
