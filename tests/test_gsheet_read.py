"""Real gspread against the local fake Sheets/Drive API: reading, errors, quota and revision."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from fake_sheets_api import API_KEY, ROBOT_EMAIL, SHEET_KEY, FakeSheet, FakeSheetsAPI, fake_sheets
from ledgersite.config import Config
from ledgersite.errors import SheetAccessError
from ledgersite.sources import gsheet
from ledgersite.sources.gsheet import is_gsheet, read_gsheet, sheet_revision
from ledgersite.sources.raw import EPOCH_1900
from ledgersite.sources.read import read_book

__all__ = ["fake_sheets"]

URL = f"https://docs.google.com/spreadsheets/d/{SHEET_KEY}/edit#gid=0"
CLIENTS: list[list[object]] = [
    ["Name", "Phone", "Birthday", "Spent"],
    ["Ada Moreau", "+44 7700 900123", 29281, 1250.5],
    ["Ben Ortiz", "07700 900456"],  # ragged: nothing after the phone
    ["", "", "", ""],
    ["Cleo Shah", "", 36525, 90],
]


def _book(api: FakeSheetsAPI) -> FakeSheet:
    return api.add_sheet(
        SHEET_KEY,
        FakeSheet(
            title="Bijou client book",
            tabs={"Clients": [r[:] for r in CLIENTS], "Owner's notes": [["Note"], ["Hi"]]},
        ),
    )


def _config(api: FakeSheetsAPI, tmp_path: Path) -> Config:
    return Config(google_credentials=api.write_credentials(tmp_path))


def test_a_sheet_address_or_bare_key_is_recognised_and_a_file_name_is_not() -> None:
    assert is_gsheet(URL)
    assert is_gsheet(SHEET_KEY)
    assert not is_gsheet("bijou_client_book.xlsx")


def test_every_tab_is_read_in_one_batch_call_with_exact_positions(
    fake_sheets: FakeSheetsAPI, tmp_path: Path
) -> None:
    _book(fake_sheets)
    book = read_gsheet(URL, config=_config(fake_sheets, tmp_path))
    assert book.kind == "gsheet" and book.origin == "Bijou client book" and book.epoch == EPOCH_1900
    assert [s.name for s in book.sheets] == ["Clients", "Owner's notes"]
    assert len(fake_sheets.paths("values:batchGet")) == 1
    (_, _, query) = next(c for c in fake_sheets.calls if c[1].endswith("values:batchGet"))
    assert query["ranges"] == ["'Clients'", "'Owner''s notes'"]
    assert query["valueRenderOption"] == ["UNFORMATTED_VALUE"]
    assert query["dateTimeRenderOption"] == ["SERIAL_NUMBER"]
    clients = book.sheets[0]
    assert clients.cell(1, 0) == "Name"
    assert clients.cell(3, 1) == "07700 900456" and clients.cell(3, 2) is None
    assert clients.rows[3] == [None, None, None, None]
    assert clients.cell(5, 0) == "Cleo Shah"
    assert book.sheets[1].cell(2, 0) == "Hi"


def test_serial_dates_and_text_phone_numbers_keep_their_meaning(
    fake_sheets: FakeSheetsAPI, tmp_path: Path
) -> None:
    _book(fake_sheets)
    clients = read_gsheet(SHEET_KEY, config=_config(fake_sheets, tmp_path)).sheets[0]
    import datetime as dt

    birthday = clients.cell(2, 2)
    assert isinstance(birthday, int)
    assert EPOCH_1900 + dt.timedelta(days=birthday) == dt.date(1980, 3, 1)
    assert clients.cell(2, 1) == "+44 7700 900123"
    assert clients.cell(2, 3) == 1250.5


def test_a_public_sheet_is_read_with_an_api_key(fake_sheets: FakeSheetsAPI) -> None:
    _book(fake_sheets).public = True
    book = read_gsheet(URL, config=Config(google_api_key=API_KEY))
    assert book.sheets[0].cell(2, 0) == "Ada Moreau"


def test_credentials_may_come_from_the_environment(
    fake_sheets: FakeSheetsAPI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _book(fake_sheets)
    monkeypatch.setenv(
        "LEDGERSITE_GOOGLE_CREDENTIALS", str(fake_sheets.write_credentials(tmp_path))
    )
    assert read_gsheet(URL, config=Config()).origin == "Bijou client book"


def test_a_sheet_not_shared_with_the_service_account_says_whom_to_share_it_with(
    fake_sheets: FakeSheetsAPI, tmp_path: Path
) -> None:
    _book(fake_sheets).shared_with = set()
    with pytest.raises(SheetAccessError) as caught:
        read_gsheet(URL, config=_config(fake_sheets, tmp_path))
    assert f"share it with {ROBOT_EMAIL} as Viewer" in str(caught.value)
    assert not caught.value.retryable


def test_a_wrong_key_says_there_is_no_sheet_at_that_address(
    fake_sheets: FakeSheetsAPI, tmp_path: Path
) -> None:
    _book(fake_sheets)
    with pytest.raises(SheetAccessError, match="There is no Google Sheet at that address"):
        read_gsheet("x" * 44, config=_config(fake_sheets, tmp_path))


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (None, "is not there"),
        ("not json {", "cannot be read as a key file"),
        ('{"installed": {"client_id": "abc"}}', "is not a service account's key"),
        ('{"type": "service_account", "client_email": "a@b"}', "incomplete or damaged"),
    ],
)
def test_a_bad_credentials_file_is_explained(
    fake_sheets: FakeSheetsAPI, tmp_path: Path, content: str | None, words: str
) -> None:
    _book(fake_sheets)
    path = tmp_path / "key.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(SheetAccessError, match=words):
        read_gsheet(URL, config=Config(google_credentials=path))
    assert fake_sheets.paths("/v4/") == []


def test_a_key_google_no_longer_accepts_asks_for_a_new_key(
    fake_sheets: FakeSheetsAPI, tmp_path: Path
) -> None:
    _book(fake_sheets)
    fake_sheets.revoked.add(ROBOT_EMAIL)
    with pytest.raises(SheetAccessError, match="Download a new key") as caught:
        read_gsheet(URL, config=_config(fake_sheets, tmp_path))
    assert not caught.value.retryable


def test_read_book_reads_a_sheet_address_through_this_reader(
    fake_sheets: FakeSheetsAPI, tmp_path: Path
) -> None:
    _book(fake_sheets)
    book = read_book(URL, config=_config(fake_sheets, tmp_path))
    assert (book.kind, book.origin) == ("gsheet", "Bijou client book")


def test_no_credentials_at_all_points_to_the_readme(fake_sheets: FakeSheetsAPI) -> None:
    with pytest.raises(SheetAccessError, match="README"):
        read_gsheet(URL, config=Config())


def test_quota_exceeded_backs_off_with_growing_bounded_waits_then_succeeds(
    fake_sheets: FakeSheetsAPI, tmp_path: Path
) -> None:
    _book(fake_sheets)
    fake_sheets.fail_next(429, times=3)
    waits: list[float] = []
    book = read_gsheet(URL, config=_config(fake_sheets, tmp_path), sleep=waits.append)
    assert book.sheets[0].cell(2, 0) == "Ada Moreau"
    assert len(waits) == 3
    assert 0.5 <= waits[0] <= 1 and 1 <= waits[1] <= 2 and 2 <= waits[2] <= 4
    metadata_calls = [p for p in fake_sheets.paths("/v4/") if p.endswith(SHEET_KEY)]
    assert len(metadata_calls) == 4  # three refused, one answered
    assert len(fake_sheets.paths("values:batchGet")) == 1


def test_quota_still_exceeded_after_the_last_try_is_retryable(
    fake_sheets: FakeSheetsAPI, tmp_path: Path
) -> None:
    _book(fake_sheets)
    fake_sheets.fail_next(429, times=50)
    waits: list[float] = []
    with pytest.raises(SheetAccessError, match="read too often") as caught:
        read_gsheet(URL, config=_config(fake_sheets, tmp_path), sleep=waits.append)
    assert caught.value.retryable
    assert len(waits) == gsheet.QUOTA_TRIES - 1
    assert all(0 < w <= gsheet.MAX_DELAY for w in waits)


def test_network_down_is_retryable_and_keeps_the_last_good_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}"
    monkeypatch.setenv("LEDGERSITE_GOOGLE_API_ROOT", closed)
    api = FakeSheetsAPI()  # not started: only used to write a key whose token address is closed
    api.root = closed
    config = Config(google_credentials=api.write_credentials(tmp_path))
    api.server.server_close()
    with pytest.raises(SheetAccessError, match="last good site stays up") as caught:
        read_gsheet(URL, config=config)
    assert caught.value.retryable
    with pytest.raises(SheetAccessError) as caught_key:
        read_gsheet(URL, config=Config(google_api_key=API_KEY))
    assert caught_key.value.retryable


def test_sheet_revision_changes_when_the_sheet_is_edited(
    fake_sheets: FakeSheetsAPI, tmp_path: Path
) -> None:
    _book(fake_sheets)
    config = _config(fake_sheets, tmp_path)
    first = sheet_revision(URL, config=config)
    assert sheet_revision(URL, config=config) == first
    fake_sheets.edit(
        SHEET_KEY, "Clients", [["Name"], ["Dana Lee"]], modified="2026-11-25T09:05:00.000Z"
    )
    assert sheet_revision(URL, config=config) != first
    (_, _, query) = fake_sheets.calls[-1]
    assert query["fields"] == ["modifiedTime,version"]
    assert fake_sheets.paths("values:batchGet") == []
    assert len(fake_sheets.paths("/token")) == 1  # signed in once, not at every look
    assert read_gsheet(URL, config=config).sheets[0].cell(2, 0) == "Dana Lee"
