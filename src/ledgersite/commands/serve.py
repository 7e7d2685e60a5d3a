"""`ledgersite serve DIR [--lan] [--port N]`: show the built site in a browser on this computer."""

from __future__ import annotations

import argparse
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from ledgersite.errors import ConfigError

if TYPE_CHECKING:
    from http.server import ThreadingHTTPServer

LAN_WARNING = (
    "Warning: the site holds your clients' personal details, and with --lan anyone on the shop's"
    " network can open it. Use --lan only on a network you trust (not a guest Wi-Fi)."
)


def add_serve_options(parser: argparse.ArgumentParser) -> None:
    """Add --lan and --port, shared with `watch --serve`."""
    parser.add_argument(
        "--lan",
        action="store_true",
        help="let other devices on the shop network (the tablet) open the site",
    )
    parser.add_argument(
        "--port", type=int, default=8000, metavar="N", help="the port to serve on (default: 8000)"
    )


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `serve`."""
    parser = sub.add_parser(
        "serve",
        help="show the built site in a browser",
        description="Serve the site in DIR on this computer (127.0.0.1) or, with --lan, on the "
        "shop network. Open pages reload themselves after the site is rebuilt.",
    )
    parser.add_argument("out", metavar="DIR", type=Path, help="the site folder")
    add_serve_options(parser)
    parser.set_defaults(run=run)


def start_server(out: Path, *, lan: bool, port: int) -> ThreadingHTTPServer:
    """Give the started server (in a background thread), after printing where to open it."""
    from ledgersite.serve import addresses, make_server

    host = "0.0.0.0" if lan else "127.0.0.1"
    try:
        server = make_server(out, host=host, port=port)
    except OSError as err:
        raise ConfigError(
            f"Cannot serve the site on port {port} ({err.strerror}): another program may be"
            f" using it. Try another, e.g. --port {port + 1}."
        ) from None
    if lan:
        print(LAN_WARNING, file=sys.stderr)
    urls = addresses(server)
    print(f"Open {urls[0]} in a browser on this computer.")
    for url in urls[1:]:
        print(f"On the tablet (same network), open {url}")
    print("Press Ctrl+C to stop.", flush=True)
    # A short poll interval only makes Ctrl+C and the tests stop the server sooner.
    threading.Thread(target=server.serve_forever, args=(0.1,), daemon=True).start()
    return server


def run(args: argparse.Namespace) -> int:
    """Serve until interrupted; give 0."""
    out: Path = args.out
    if out.is_file():
        raise ConfigError(
            f"{out} is a file: give the folder the site was built into (what came after --out"
            " when it was built)."
        )
    if not (out / "index.html").is_file():
        raise ConfigError(
            f"There is no site in {out} yet: build it first with"
            f" 'ledgersite build BOOK --out {out}'."
        )
    server = start_server(out, lan=args.lan, port=args.port)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
    return 0
