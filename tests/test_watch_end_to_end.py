"""`ledgersite watch --serve` as staff run it: a saved change shows on the served page."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from watch_helpers import save_like_excel, wait_until, workbook_bytes

SRC = Path(__file__).parents[1] / "src"


def served(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as answer:
            return str(answer.read().decode("utf-8"))
    except OSError:
        return ""


def test_a_save_reaches_the_served_page_within_seconds(tmp_path: Path) -> None:
    book = tmp_path / "book.xlsx"
    book.write_bytes(workbook_bytes("Ana", "Bea"))
    out = tmp_path / "site"
    command = [sys.executable, "-m", "ledgersite", "watch", str(book), "--out", str(out),
               "--today", "2026-06-01", "--serve", "--port", "0"]
    path = os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")])
    env = {**os.environ, "PYTHONPATH": path}
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    ) as watcher:
        try:
            assert watcher.stdout is not None
            first = watcher.stdout.readline()
            match = re.search(r"Open (http://127\.0\.0\.1:\d+/) in a browser", first)
            assert match, first
            page = match.group(1) + "clients.html"
            assert wait_until(lambda: "Bea" in served(page), timeout=30)

            started = time.monotonic()
            save_like_excel(book, workbook_bytes("Ana", "Bea", "Cleo"))
            assert wait_until(lambda: "Cleo" in served(page), timeout=10)
            seconds = time.monotonic() - started
        finally:
            watcher.send_signal(signal.SIGINT)
            _, errors = watcher.communicate(timeout=10)
    print(f"save to served page: {seconds:.2f} s")
    assert watcher.returncode == 0, errors
    assert seconds < 5
