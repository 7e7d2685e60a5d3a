"""The local server: private by default, no dotfiles, no caching, pages that reload themselves."""

from __future__ import annotations

import http.client
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from ledgersite.commands.serve import start_server
from ledgersite.serve import CSP, HEADERS, build_id, make_server

TEMPLATES = Path(__file__).parents[1] / "site_templates"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    out = tmp_path / "site"
    (out / "assets").mkdir(parents=True)
    (out / "clients").mkdir()
    (out / ".ledgersite").mkdir()
    (out / "index.html").write_text(
        "<!doctype html><html><head><title>Today</title></head><body>Today</body></html>"
    )
    (out / "clients" / "ana-reyes.html").write_text("<html><head></head><body>Ana</body></html>")
    (out / "assets" / "status.js").write_text("window.LEDGERSITE_STATUS = {};\n")
    (out / "assets" / "site.css").write_text("body{}")
    (out / ".ledgersite" / "manifest.json").write_text('{"files": {}}')
    (out / ".ledgersite" / "build.lock").write_text("")
    return out


@pytest.fixture
def port(site: Path) -> Iterator[int]:
    server = make_server(site, port=0)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def get(port: int, path: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request(method, path)
        answer = connection.getresponse()
        return answer.status, dict(answer.getheaders()), answer.read()
    finally:
        connection.close()


def test_binds_to_this_computer_only_by_default(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server = start_server(site, lan=False, port=0)
    try:
        assert server.server_address[0] == "127.0.0.1"
        printed = capsys.readouterr()
        assert f"Open http://127.0.0.1:{server.server_address[1]}/" in printed.out
        assert "personal" not in printed.err
    finally:
        server.shutdown()
        server.server_close()


def test_lan_binds_every_address_with_a_warning_about_personal_data(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server = start_server(site, lan=True, port=0)
    try:
        assert server.server_address[0] == "0.0.0.0"
        assert "personal details" in capsys.readouterr().err
    finally:
        server.shutdown()
        server.server_close()


def test_serves_pages_with_no_store_and_security_headers(port: int) -> None:
    status, headers, body = get(port, "/")
    assert status == 200
    assert b"Today" in body
    assert headers["Cache-Control"] == "no-store"
    assert headers["Content-Security-Policy"] == CSP
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert "noindex" in headers["X-Robots-Tag"]
    status, headers, _ = get(port, "/assets/site.css")
    assert status == 200
    assert headers["Cache-Control"] == "no-store"


def test_header_policy_is_at_least_as_strict_as_the_pages_own(port: int) -> None:
    meta = re.search(
        r'http-equiv="Content-Security-Policy" content="([^"]+)"',
        (TEMPLATES / "base.html").read_text(encoding="utf-8"),
    )
    assert meta is not None
    assert CSP.startswith(meta.group(1))


@pytest.mark.parametrize(
    "path",
    [
        "/.ledgersite/manifest.json",
        "/.ledgersite/build.lock",
        "/%2eledgersite/manifest.json",
        "/assets/../.ledgersite/manifest.json",
        "/.ledgersite/",
    ],
)
def test_refuses_dotfiles(port: int, path: str) -> None:
    status, headers, body = get(port, path)
    assert status == 404
    assert b"files" not in body
    assert headers["Cache-Control"] == "no-store"


def test_never_lists_a_folder_of_client_pages(port: int) -> None:
    status, _, body = get(port, "/clients/")
    assert status == 404
    assert b"ana-reyes" not in body


def test_pages_get_the_live_reload_script_from_the_site_itself(port: int, site: Path) -> None:
    _, headers, body = get(port, "/clients/ana-reyes.html")
    build = build_id(site)
    assert (
        f'<script src="/_ledgersite/live-reload.js" data-build="{build}" defer></script></head>'
    ).encode() in body
    assert int(headers["Content-Length"]) == len(body)
    status, headers, script = get(port, "/_ledgersite/live-reload.js")
    assert status == 200
    assert headers["Content-Type"].startswith("text/javascript")
    assert b"location.reload()" in script


def test_build_name_changes_when_a_build_finishes(port: int, site: Path) -> None:
    _, _, before = get(port, "/_ledgersite/build.js")
    build = build_id(site)
    assert before == f'window.LEDGERSITE_BUILD && window.LEDGERSITE_BUILD("{build}");\n'.encode()
    (site / "assets" / "status.js").write_text("window.LEDGERSITE_STATUS = {ok: false};\n")
    _, _, after = get(port, "/_ledgersite/build.js")
    assert after != before


def test_head_requests_send_headers_only(port: int) -> None:
    status, headers, body = get(port, "/index.html", method="HEAD")
    assert status == 200
    assert body == b""
    assert headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("path", ["/clients/c-999.html", "/no-such-page.html", "/.ledgersite/"])
def test_a_missing_page_is_a_plain_page_in_the_sites_words(port: int, path: str) -> None:
    status, headers, body = get(port, path)
    assert status == 404
    assert {name: headers[name] for name in HEADERS} == HEADERS
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert int(headers["Content-Length"]) == len(body)
    page = body.decode()
    assert "This page is not in the client book any more" in page
    assert 'href="/clients.html"' in page and 'href="/index.html"' in page
    assert "Error code" not in page and "File not found" not in page
    assert path.strip("/") not in page  # the same page whatever was asked for
    status, _, body = get(port, path, method="HEAD")
    assert status == 404 and body == b""


def test_the_tab_icon_browsers_ask_for_is_answered_with_nothing(port: int, site: Path) -> None:
    status, headers, body = get(port, "/favicon.ico")
    assert status == 204 and body == b""
    assert headers["Cache-Control"] == "no-store"
    (site / "favicon.ico").write_bytes(b"\x00\x00\x01\x00")  # the store's own is served
    status, _, body = get(port, "/favicon.ico")
    assert status == 200 and body == b"\x00\x00\x01\x00"
