"""Read a Google Sheet (every tab in one batch) into a `RawBook`, and give its change marker.

Credentials, first found wins: `[google] credentials` (a service account's JSON key file) or
`[google] api_key` (a sheet shared publicly) in ledgersite.toml, else the environment variables
LEDGERSITE_GOOGLE_CREDENTIALS / LEDGERSITE_GOOGLE_API_KEY. Access is read-only.

Values are asked for unformatted with serial-number dates, so a sheet reads like the same
book saved from Excel: dates are day counts from 1899-12-30 (the validator turns them into
dates in date columns) and a phone number typed as text stays text.
"""

from __future__ import annotations

import json
import logging
import os
import random
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import gspread
import requests
from google.auth.credentials import Credentials
from google.auth.exceptions import GoogleAuthError, RefreshError, TransportError
from google.auth.transport.requests import AuthorizedSession
from google.oauth2.service_account import Credentials as ServiceAccountCredentials
from gspread.exceptions import APIError
from gspread.urls import DRIVE_FILES_API_V3_URL

from ledgersite.config import Config
from ledgersite.errors import SheetAccessError
from ledgersite.sources.raw import EPOCH_1900, CellValue, RawBook, RawSheet

log = logging.getLogger(__name__)

SCOPES = (
    "https://www.googleapis.com/auth/spreadsheets.readonly",
    "https://www.googleapis.com/auth/drive.metadata.readonly",
)
CREDENTIALS_ENV = "LEDGERSITE_GOOGLE_CREDENTIALS"
API_KEY_ENV = "LEDGERSITE_GOOGLE_API_KEY"
#: Tests only: send every Google API call (not the token exchange) to this root instead.
API_ROOT_ENV = "LEDGERSITE_GOOGLE_API_ROOT"
_GOOGLE_HOSTS = ("https://sheets.googleapis.com", "https://www.googleapis.com")
#: How often a "too many requests" answer is retried, and the longest wait between tries.
QUOTA_TRIES = 5
MAX_DELAY = 32.0
_TIMEOUT = (10.0, 60.0)

_URL_KEY = re.compile(r"/spreadsheets/d/([A-Za-z0-9_-]+)")
_CELL = re.compile(r"^\$?([A-Z]+)\$?(\d+)$")

T = TypeVar("T")
_CLIENTS: dict[tuple[str, int, str, str], tuple[gspread.Client, str | None]] = {}
Sleep = Callable[[float], None]


def is_gsheet(location: str) -> bool:
    """Give True when `location` is a Google Sheets address or a bare sheet key."""
    from ledgersite.sources.read import is_google_sheet  # one rule for both entry points

    return is_google_sheet(location)


def sheet_key(location: str) -> str:
    """Give the sheet's key from its address, or the location itself when it is a bare key."""
    found = _URL_KEY.search(location)
    return found.group(1) if found else location.strip()


def read_gsheet(
    location: str,
    *,
    config: Config,
    api_root: str | None = None,
    sleep: Sleep = time.sleep,
) -> RawBook:
    """Give every tab of the Google Sheet at `location`, read in one batch call.

    Raises `SheetAccessError` with a sentence for the owner; `retryable` is True for trouble
    that passes by itself (quota, network), when the last good site should be kept.
    """
    key = sheet_key(location)
    client, who = _client(config, api_root)
    http = client.http_client
    meta = _call(
        lambda: http.fetch_sheet_metadata(
            key, params={"includeGridData": "false", "fields": "properties.title,sheets.properties"}
        ),
        who,
        sleep,
    )
    title = str(meta["properties"]["title"])
    names = [str(sheet["properties"]["title"]) for sheet in meta.get("sheets", [])]
    if not names:
        return RawBook(sheets=[], origin=title, kind="gsheet", epoch=EPOCH_1900)
    answer = _call(
        lambda: http.values_batch_get(
            key,
            [_quoted(name) for name in names],
            params={
                "valueRenderOption": "UNFORMATTED_VALUE",
                "dateTimeRenderOption": "SERIAL_NUMBER",
                "majorDimension": "ROWS",
            },
        ),
        who,
        sleep,
    )
    ranges = answer.get("valueRanges", [])
    sheets = [_sheet(name, block) for name, block in zip(names, ranges, strict=True)]
    log.info("Read %d tabs of Google Sheet %r", len(sheets), title)
    return RawBook(sheets=sheets, origin=title, kind="gsheet", epoch=EPOCH_1900)


def sheet_revision(
    location: str,
    *,
    config: Config,
    api_root: str | None = None,
    sleep: Sleep = time.sleep,
) -> str:
    """Give a marker that changes whenever the sheet is edited (Drive's modified time, version)."""
    key = sheet_key(location)
    client, who = _client(config, api_root)
    http = client.http_client
    info = _call(
        lambda: http.request(
            "get",
            f"{DRIVE_FILES_API_V3_URL}/{key}",
            params={"fields": "modifiedTime,version", "supportsAllDrives": True},
        ).json(),
        who,
        sleep,
    )
    return f"{info.get('modifiedTime', '')} v{info.get('version', '')}"


class _RoutedSession(AuthorizedSession):
    """An authorised session that sends Google API calls to `api_root` (a local test server)."""

    def __init__(self, credentials: Credentials, api_root: str | None) -> None:
        super().__init__(credentials)  # type: ignore[no-untyped-call]
        self.api_root = api_root.rstrip("/") if api_root else None

    def request(self, method: str, url: str, *args: Any, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        if self.api_root:
            for host in _GOOGLE_HOSTS:
                if url.startswith(host + "/"):
                    url = self.api_root + url[len(host) :]
                    break
        kwargs.setdefault("timeout", _TIMEOUT)
        response: requests.Response = super().request(  # type: ignore[no-untyped-call]
            method, url, *args, **kwargs
        )
        return response


def _client(config: Config, api_root: str | None) -> tuple[gspread.Client, str | None]:
    """Give a read-only gspread client and the service account's email (None for an API key)."""
    root = api_root or os.environ.get(API_ROOT_ENV) or None
    credentials_file = config.google_credentials or _env_path(CREDENTIALS_ENV)
    api_key = config.google_api_key or os.environ.get(API_KEY_ENV) or None
    # The watcher asks every few seconds: keep the signed-in client instead of signing in again.
    stamp = _stamp(credentials_file) if credentials_file is not None else 0
    kept = (str(credentials_file or ""), stamp, api_key or "", root or "")
    if kept in _CLIENTS:
        return _CLIENTS[kept]
    creds: Credentials
    who: str | None = None
    if credentials_file is not None:
        creds, who = _service_account(credentials_file)
    elif api_key:
        from google.auth.api_key import Credentials as APIKeyCredentials

        creds = APIKeyCredentials(api_key)  # type: ignore[no-untyped-call]
    else:
        raise SheetAccessError(
            "ledgersite has no way to open Google Sheets yet: put the service account's key "
            "file under [google] credentials in ledgersite.toml (see the README, "
            '"Reading the book from Google Sheets").'
        )
    made = gspread.Client(auth=creds, session=_RoutedSession(creds, root)), who
    _CLIENTS.clear()  # one book at a time: forget clients for other settings
    _CLIENTS[kept] = made
    return made


def _stamp(path: Path) -> int:
    """Give the key file's modification time, so a replaced key is used at once (-1: no file)."""
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return -1


def _env_path(name: str) -> Path | None:
    value = os.environ.get(name)
    return Path(value).expanduser() if value else None


def _service_account(path: Path) -> tuple[Credentials, str]:
    """Give read-only credentials from a service account's key file, and its email."""
    fix = (
        "download a new key for the service account (see the README) "
        "and point ledgersite.toml at it."
    )
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SheetAccessError(
            f"The Google key file {path} is not there: check the [google] credentials line in "
            "ledgersite.toml, or " + fix
        ) from None
    except (OSError, UnicodeDecodeError, ValueError):
        raise SheetAccessError(
            f"The Google key file {path} cannot be read as a key file: " + fix
        ) from None
    if not isinstance(info, dict) or info.get("type") != "service_account":
        raise SheetAccessError(
            f"The file {path} is not a service account's key (it should say "
            '"type": "service_account"): ' + fix
        )
    try:
        creds = ServiceAccountCredentials.from_service_account_info(  # type: ignore[no-untyped-call]
            info, scopes=list(SCOPES)
        )
    except (ValueError, KeyError):
        raise SheetAccessError(
            f"The Google key file {path} is incomplete or damaged: " + fix
        ) from None
    return creds, str(info.get("client_email", ""))


def _call(fetch: Callable[[], T], who: str | None, sleep: Sleep) -> T:
    """Give what `fetch` gets from Google, waiting and trying again while the quota is used up."""
    for attempt in range(QUOTA_TRIES):
        try:
            return fetch()
        except APIError as err:
            status = err.response.status_code
            if (status == 429 or status >= 500) and attempt + 1 < QUOTA_TRIES:
                delay = _delay(attempt)
                log.info("Google answered %s; waiting %.1f s before trying again", status, delay)
                sleep(delay)
                continue
            raise _explain(status, who) from None
        except RefreshError:
            raise SheetAccessError(
                "Google refused the service account's key: it may have been deleted or disabled. "
                "Download a new key for the service account (see the README)."
            ) from None
        except (requests.ConnectionError, requests.Timeout, TransportError):
            raise SheetAccessError(
                "Google Sheets cannot be reached (is the internet down?). The last good site "
                "stays up; ledgersite will try again later.",
                retryable=True,
            ) from None
        except GoogleAuthError:
            raise SheetAccessError(
                "Google refused the sign-in for the sheet: download a new key for the service "
                "account (see the README)."
            ) from None
    raise AssertionError("the last try always returns or raises")  # for the type checker


def _delay(attempt: int) -> float:
    """Give the wait before try `attempt + 2`: doubling from 1 s, capped, with random jitter."""
    return min(MAX_DELAY, 2.0**attempt) * random.uniform(0.5, 1.0)


def _explain(status: int, who: str | None) -> SheetAccessError:
    """Give the owner's sentence for a refusal from Google."""
    if status == 403:
        if who:
            return SheetAccessError(
                f"The Google Sheet is not shared with ledgersite. In the sheet, click Share and "
                f"share it with {who} as Viewer."
            )
        return SheetAccessError(
            "The Google Sheet is not shared publicly: in the sheet click Share and set "
            '"Anyone with the link" to Viewer, or use a service account (see the README).'
        )
    if status == 404:
        return SheetAccessError(
            "There is no Google Sheet at that address: copy the address again from the "
            "browser's address bar while the sheet is open."
        )
    if status in (400, 401):
        return SheetAccessError(
            "Google refused ledgersite's key for Google Sheets: check the [google] lines in "
            "ledgersite.toml (see the README)."
        )
    if status == 429 or status >= 500:
        return SheetAccessError(
            "Google Sheets is busy or was read too often just now. The last good site stays "
            "up; ledgersite will try again in a minute.",
            retryable=True,
        )
    return SheetAccessError(f"Google Sheets refused to give the sheet (answer {status}).")


def _quoted(name: str) -> str:
    """Give the A1 range that means the whole tab `name`."""
    return "'" + name.replace("'", "''") + "'"


def _sheet(name: str, block: dict[str, Any]) -> RawSheet:
    """Give one tab with each value at its exact position (row 1 is the sheet's first row)."""
    first_row, first_col = _start(str(block.get("range", "")))
    rows: list[list[CellValue]] = [[] for _ in range(first_row - 1)]
    for values in block.get("values", []):
        cells: list[CellValue] = [None] * first_col
        cells.extend(None if value == "" else value for value in values)
        rows.append(cells)
    while rows and all(cell is None for cell in rows[-1]):
        rows.pop()
    return RawSheet(name=name, rows=rows)


def _start(a1: str) -> tuple[int, int]:
    """Give the 1-based row and 0-based column where a range starts ("'T'!B3:F9" -> 3, 1)."""
    corner = a1.rsplit("!", 1)[-1].split(":", 1)[0]
    found = _CELL.match(corner)
    if not found:
        return 1, 0
    col = 0
    for letter in found.group(1):
        col = col * 26 + ord(letter) - 64
    return int(found.group(2)), col - 1
