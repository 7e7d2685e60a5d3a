"""A local web server for the built site, which makes open pages reload after each rebuild.

Bound to 127.0.0.1 unless asked otherwise. Never serves dotfiles (the build's own state in
`.ledgersite/`), never lists folders, and tells the browser not to keep copies (`no-store`).
A page that is not there (say a bookmarked profile of a client who has left the book) gets a
plain page in the site's words, the same for every missing address, so it tells nothing.

Live reload without breaking the pages' Content-Security-Policy (scripts from the site only,
no network requests from script): each HTML page is sent with one extra
`<script src="/_ledgersite/live-reload.js">`; that script adds, every second, a
`<script src="/_ledgersite/build.js">` whose answer names the current build. When the name
changes, the page reloads (after the staff member leaves any search box they are typing in).
"""

from __future__ import annotations

import html
import logging
import os
import posixpath
import urllib.parse
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

PREFIX = "/_ledgersite/"
#: Same policy as the pages' <meta> tag, plus what only a header can say (no framing).
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
    " connect-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none';"
    " frame-ancestors 'none'"
)
HEADERS = {
    "Cache-Control": "no-store",
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Robots-Tag": "noindex, nofollow",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Resource-Policy": "same-origin",
}
#: A file rewritten by every build, good or failed: its change means "reload".
BUILD_MARKER = "assets/status.js"

NOT_FOUND_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>Not in the client book</title>
<link rel="stylesheet" href="/assets/site.css">
</head>
<body>
<main id="main">
<h1>This page is not in the client book any more</h1>
<p>It may have been about a client who has since left the book, or the link is an old one.</p>
<p class="toolbar"><a class="button" href="/clients.html">Clients</a> \
<a class="button" href="/index.html">Today</a></p>
</main>
</body>
</html>
"""

LIVE_RELOAD_JS = """/* ledgersite serve: reload the page after the site is rebuilt. */
(function () {
  "use strict";
  var me = document.currentScript;
  var shown = me ? me.getAttribute("data-build") : null;
  var waiting = false;
  function typing() {
    var el = document.activeElement;
    return !!el && /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName);
  }
  function reloadSoon() {
    if (typing()) { setTimeout(reloadSoon, 1000); return; }
    location.reload();
  }
  window.LEDGERSITE_BUILD = function (build) {
    if (shown === null) shown = build;
    if (build !== shown && !waiting) { waiting = true; reloadSoon(); }
  };
  function look() {
    var s = document.createElement("script");
    s.src = "/_ledgersite/build.js?t=" + Date.now();
    s.onload = s.onerror = function () { s.parentNode.removeChild(s); };
    document.head.appendChild(s);
  }
  setInterval(look, 1000);
})();
"""


def build_id(root: Path) -> str:
    """Give a name for the build now in `root` that changes whenever a build finishes."""
    try:
        info = (root / BUILD_MARKER).stat()
    except OSError:
        return "none"
    # A build replaces the file (new inode), so even a same-size rewrite in the same tick shows.
    return f"{info.st_ino:x}-{info.st_mtime_ns:x}-{info.st_size:x}"


class SiteHandler(SimpleHTTPRequestHandler):
    """Serves the site folder with our headers, live reload, and no dotfiles or listings."""

    live_reload = True

    def __init__(self, *args: Any, directory: str, live_reload: bool = True, **kw: Any) -> None:
        self.live_reload = live_reload
        super().__init__(*args, directory=directory, **kw)

    def end_headers(self) -> None:
        """Add our headers to every answer."""
        for name, value in HEADERS.items():
            self.send_header(name, value)
        super().end_headers()

    def send_head(self) -> Any:
        """Give the open file to send after sending the headers, or None after an error."""
        path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        if path.startswith(PREFIX):
            return self._send_bytes(*self._own(path[len(PREFIX) :]))
        parts = [p for p in posixpath.normpath(path).split("/") if p]
        if any(part.startswith(".") for part in parts):
            self.send_error(HTTPStatus.NOT_FOUND, "Not found")
            return None
        local = Path(self.translate_path(self.path))
        if path == "/favicon.ico" and not local.is_file():
            # Asked for by browsers on their own (a store's older pages name no icon).
            self.send_response(HTTPStatus.NO_CONTENT)
            self.end_headers()
            return None
        if local.is_dir():
            if not path.endswith("/"):
                return super().send_head()  # redirects to the folder with a slash
            local = local / "index.html"
            if not local.is_file():
                self.send_error(HTTPStatus.NOT_FOUND, "Not found")
                return None
        if self.live_reload and local.suffix == ".html" and local.is_file():
            return self._send_bytes(self._with_live_reload(local), "text/html; charset=utf-8")
        return super().send_head()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Answer an error; "not found" with our own plain page rather than Python's."""
        if code != HTTPStatus.NOT_FOUND:
            super().send_error(code, message, explain)
            return
        self.log_error("code %d, message %s", code, message)
        body = NOT_FOUND_PAGE.encode()
        self.send_response(code)
        self.send_header("Connection", "close")
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def list_directory(self, path: str | os.PathLike[str]) -> None:
        """Refuse to list a folder (its file names hold clients' names)."""
        self.send_error(HTTPStatus.NOT_FOUND, "Not found")

    def log_message(self, format: str, *args: Any) -> None:
        """Log requests quietly (only with --verbose)."""
        log.debug("%s %s", self.address_string(), format % args)

    def _own(self, name: str) -> tuple[bytes | None, str]:
        if name == "live-reload.js":
            return LIVE_RELOAD_JS.encode(), "text/javascript; charset=utf-8"
        if name == "build.js":
            build = build_id(Path(self.directory))
            return f'window.LEDGERSITE_BUILD && window.LEDGERSITE_BUILD("{build}");\n'.encode(), (
                "text/javascript; charset=utf-8"
            )
        return None, ""

    def _with_live_reload(self, page: Path) -> bytes:
        content = page.read_bytes()
        build = html.escape(build_id(Path(self.directory)))
        tag = f'<script src="{PREFIX}live-reload.js" data-build="{build}" defer></script>'
        head_end = content.lower().find(b"</head>")
        if head_end < 0:
            return content
        return content[:head_end] + tag.encode() + content[head_end:]

    def _send_bytes(self, content: bytes | None, kind: str) -> Any:
        if content is None:
            self.send_error(HTTPStatus.NOT_FOUND, "Not found")
            return None
        from io import BytesIO

        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        return BytesIO(content)


def make_server(
    root: Path, *, host: str = "127.0.0.1", port: int = 8000, live_reload: bool = True
) -> ThreadingHTTPServer:
    """Give a server (not yet serving) for the site in `root`; port 0 picks a free one."""
    handler = partial(SiteHandler, directory=str(root), live_reload=live_reload)
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server


def addresses(server: ThreadingHTTPServer) -> list[str]:
    """Give the addresses to open the site at, this computer's first."""
    host, port = str(server.server_address[0]), server.server_address[1]
    if host != "0.0.0.0":
        return [f"http://{host}:{port}/"]
    return [f"http://127.0.0.1:{port}/", *(f"http://{ip}:{port}/" for ip in _lan_addresses())]


def _lan_addresses() -> list[str]:
    import socket

    # Connecting a UDP socket sends nothing; it only asks which address would be used.
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 1))
            ip = str(probe.getsockname()[0])
        except OSError:
            return []
    return [] if ip.startswith("127.") else [ip]
