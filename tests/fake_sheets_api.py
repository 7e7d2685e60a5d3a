"""A local stand-in for Google's Sheets v4, Drive v3 and token APIs, on 127.0.0.1.

Answers are shaped on the recorded real exchanges in ../shared/realworld/gspread-cassettes/
(bodies, error shape, headers). Use the `fake_sheets` fixture (import it, or list this module
in `pytest_plugins`); it sets LEDGERSITE_GOOGLE_API_ROOT so real gspread talks to this server.
"""

from __future__ import annotations

import base64
import functools
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

SHEET_KEY = "1yXHRaUTFlGV-Axis4vLHtoPvGUj3C_-awA_5sLK8k6g"
ROBOT_EMAIL = "ledgersite-reader@bijou-shop.iam.gserviceaccount.com"
API_KEY = "AIzaSyFakeKeyForTestsOnly0000000000000"

# Google's answers carry these (from the cassettes).
_HEADERS = {
    "Content-Type": "application/json; charset=UTF-8",
    "Vary": "Origin, X-Origin, Referer",
    "Server": "ESF",
    "X-XSS-Protection": "0",
    "X-Frame-Options": "SAMEORIGIN",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "private",
}
_STATUS = {
    403: ("The caller does not have permission", "PERMISSION_DENIED"),
    404: ("Requested entity was not found.", "NOT_FOUND"),
    401: ("Request had invalid authentication credentials.", "UNAUTHENTICATED"),
    429: (
        "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute "
        "per user' of service 'sheets.googleapis.com'.",
        "RESOURCE_EXHAUSTED",
    ),
}


@dataclass
class FakeSheet:
    """One spreadsheet: its title, tabs (name -> rows, as Google returns them), who may read it."""

    title: str
    tabs: dict[str, list[list[Any]]]
    shared_with: set[str] = field(default_factory=lambda: {ROBOT_EMAIL})
    public: bool = False
    modified: str = "2026-11-25T09:00:00.000Z"
    version: int = 1


class FakeSheetsAPI:
    """The server's state; tests change sheets, inject failures and read `calls`."""

    def __init__(self) -> None:
        self.sheets: dict[str, FakeSheet] = {}
        self.calls: list[tuple[str, str, dict[str, list[str]]]] = []
        self.tokens: dict[str, str] = {}  # access token -> service account email
        self.revoked: set[str] = set()  # service accounts whose keys Google no longer accepts
        self._fail: list[int] = []
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.root = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def add_sheet(self, key: str, sheet: FakeSheet) -> FakeSheet:
        with self.lock:
            self.sheets[key] = sheet
        return sheet

    def edit(self, key: str, tab: str, rows: list[list[Any]], modified: str) -> None:
        """Replace one tab's rows as if someone typed in the sheet at time `modified`."""
        with self.lock:
            sheet = self.sheets[key]
            sheet.tabs[tab] = rows
            sheet.modified = modified
            sheet.version += 1

    def fail_next(self, status: int, times: int = 1) -> None:
        """Answer the next `times` API calls (not token exchanges) with `status`."""
        with self.lock:
            self._fail.extend([status] * times)

    def paths(self, contains: str) -> list[str]:
        return [path for _, path, _ in self.calls if contains in path]

    def write_credentials(self, folder: Path, email: str = ROBOT_EMAIL) -> Path:
        """Give a service account key file whose token address is this server."""
        info = {
            "type": "service_account",
            "project_id": "bijou-shop",
            "private_key_id": "0123456789abcdef",
            "private_key": _private_key(),
            "client_email": email,
            "client_id": "100000000000000000001",
            "token_uri": self.root + "/token",
        }
        path = folder / "service-account.json"
        path.write_text(json.dumps(info), encoding="utf-8")
        return path

    # --- answering -------------------------------------------------------------------------

    def answer(self, method: str, raw_path: str, body: bytes, auth: str) -> tuple[int, Any]:
        parts = urlsplit(raw_path)
        path = unquote(parts.path)
        query = parse_qs(parts.query)
        with self.lock:
            self.calls.append((method, path, query))
            if path == "/token":
                return self._token(body)
            if self._fail:
                return _error(self._fail.pop(0))
            caller = self._caller(auth, query)
            if caller is None:
                return _error(401)
            if path.startswith("/v4/spreadsheets/"):
                rest = path[len("/v4/spreadsheets/") :]
                if rest.endswith("/values:batchGet"):
                    return self._readable(
                        rest[: -len("/values:batchGet")], caller, self._values, query
                    )
                return self._readable(rest, caller, self._metadata, query)
            if path.startswith("/drive/v3/files/"):
                return self._readable(path[len("/drive/v3/files/") :], caller, self._drive, query)
            return _error(404)

    def _token(self, body: bytes) -> tuple[int, Any]:
        form = parse_qs(body.decode())
        assertion = form.get("assertion", [""])[0]
        if (
            form.get("grant_type") != ["urn:ietf:params:oauth:grant-type:jwt-bearer"]
            or assertion.count(".") != 2
        ):
            return 400, {"error": "invalid_grant", "error_description": "Invalid JWT."}
        header, payload, signature = assertion.split(".")
        public = serialization.load_pem_private_key(_private_key().encode(), None).public_key()
        assert isinstance(public, rsa.RSAPublicKey)
        try:  # google-auth signs the JWT with the key file's private key (RS256)
            public.verify(
                _unb64(signature),
                f"{header}.{payload}".encode(),
                padding.PKCS1v15(),
                hashes.SHA256(),
            )
        except InvalidSignature:
            return 400, {"error": "invalid_grant", "error_description": "Invalid JWT Signature."}
        claims = json.loads(_unb64(payload))
        if claims["iss"] in self.revoked:
            return 400, {
                "error": "invalid_grant",
                "error_description": "Invalid grant: account not found",
            }
        token = f"ya29.fake-{len(self.tokens) + 1}"
        self.tokens[token] = str(claims["iss"])
        return 200, {"access_token": token, "expires_in": 3599, "token_type": "Bearer"}

    def _caller(self, auth: str, query: dict[str, list[str]]) -> str | None:
        if auth.startswith("Bearer "):
            return self.tokens.get(auth[len("Bearer ") :])
        if auth == "key " + API_KEY or query.get("key") == [API_KEY]:
            return "public"
        return None

    def _readable(
        self, key: str, caller: str, answer: Any, query: dict[str, list[str]]
    ) -> tuple[int, Any]:
        sheet = self.sheets.get(key)
        if sheet is None:
            return _error(404)
        if not (sheet.public or caller in sheet.shared_with):
            return _error(403)
        return 200, answer(key, sheet, query)

    def _metadata(self, key: str, sheet: FakeSheet, query: dict[str, list[str]]) -> Any:
        return {
            "spreadsheetId": key,
            "properties": {"title": sheet.title, "locale": "en_GB", "timeZone": "Europe/London"},
            "sheets": [
                {
                    "properties": {
                        "sheetId": index,
                        "title": name,
                        "index": index,
                        "sheetType": "GRID",
                    }
                }
                for index, name in enumerate(sheet.tabs)
            ],
            "spreadsheetUrl": f"https://docs.google.com/spreadsheets/d/{key}/edit",
        }

    def _values(self, key: str, sheet: FakeSheet, query: dict[str, list[str]]) -> Any:
        blocks = []
        for quoted in query.get("ranges", []):
            name = quoted[1:-1].replace("''", "'") if quoted.startswith("'") else quoted
            rows = sheet.tabs.get(name)
            if rows is None:
                return None
            block: dict[str, Any] = {"range": f"{quoted}!A1:Z1000", "majorDimension": "ROWS"}
            if query.get("valueRenderOption") == ["UNFORMATTED_VALUE"]:
                values = rows
            else:  # formatted: what the owner sees, as text (enough to show the difference)
                values = [[str(cell) for cell in row] for row in rows]
            trimmed = list(values)
            while trimmed and not any(cell != "" for cell in trimmed[-1]):
                trimmed.pop()
            if trimmed:
                block["values"] = trimmed
            blocks.append(block)
        return {"spreadsheetId": key, "valueRanges": blocks}

    def _drive(self, key: str, sheet: FakeSheet, query: dict[str, list[str]]) -> Any:
        wanted = query.get("fields", ["id,name,modifiedTime"])[0].split(",")
        every = {
            "id": key,
            "name": sheet.title,
            "modifiedTime": sheet.modified,
            "version": str(sheet.version),
            "createdTime": "2026-01-05T10:00:00.000Z",
        }
        return {name: every[name] for name in wanted if name in every}


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@functools.cache
def _private_key() -> str:
    """Give one RSA key (PEM) for every fake service account: making one takes a while."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


def _error(status: int) -> tuple[int, Any]:
    message, code = _STATUS.get(status, ("Internal error encountered.", "INTERNAL"))
    return status, {"error": {"code": status, "message": message, "status": code}}


def _handler(api: FakeSheetsAPI) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            status, payload = api.answer(
                self.command,
                self.path,
                body,
                self.headers.get("Authorization", "")
                or "key " + self.headers.get("x-goog-api-key", ""),
            )
            if payload is None:
                status, payload = (
                    400,
                    {
                        "error": {
                            "code": 400,
                            "message": "Unable to parse range",
                            "status": "INVALID_ARGUMENT",
                        }
                    },
                )
            data = json.dumps(payload, indent=2).encode()
            self.send_response(status)
            for name, value in _HEADERS.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = _serve
        do_POST = _serve

        def log_message(self, format: str, *args: Any) -> None:
            return

    return Handler


@pytest.fixture
def fake_sheets(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeSheetsAPI]:
    """Give a running fake Google API; ledgersite's Sheets calls go to it for this test."""
    api = FakeSheetsAPI()
    api.start()
    monkeypatch.setenv("LEDGERSITE_GOOGLE_API_ROOT", api.root)
    monkeypatch.delenv("LEDGERSITE_GOOGLE_CREDENTIALS", raising=False)
    monkeypatch.delenv("LEDGERSITE_GOOGLE_API_KEY", raising=False)
    try:
        yield api
    finally:
        api.stop()
