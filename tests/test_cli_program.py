"""The `ledgersite` program as a process of its own: it ends at once (no slow clean-up of a big
book), yet passes on its exit code and every line it wrote."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from book_files import write_book


def program(*args: str) -> subprocess.CompletedProcess[str]:
    # Output to a pipe is buffered, unless the caller's environment says otherwise.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    return subprocess.run([sys.executable, "-m", "ledgersite", *args],
                          capture_output=True, text=True, timeout=120, env=env)


def test_exit_codes_and_all_the_output_come_through_a_pipe(tmp_path: Path) -> None:
    book = write_book(tmp_path / "book.xlsx")
    out = tmp_path / "site"
    built = program("build", str(book), "--out", str(out), "--today", "2026-06-01")
    assert built.returncode == 0 and "Built " in built.stderr, built.stderr
    assert (out / "index.html").is_file()
    gone = program("build", str(tmp_path / "gone.xlsx"), "--out", str(out))
    assert gone.returncode == 2 and "There is no file" in gone.stderr
    wb = load_workbook(book)
    for i in range(3000):  # a report far bigger than a pipe holds at once
        wb["Purchases"].append(["2026-05-01", f"NOBODY-{i}", "Ring", "Rings", 100])
    wb.save(book)
    checked = program("check", str(book), "--json")
    assert checked.returncode == 1
    report = json.loads(checked.stdout)
    assert len(report) == 3000 and report[-1]["value"] == "NOBODY-2999"


def test_a_thread_still_at_work_is_waited_for(tmp_path: Path) -> None:
    book = write_book(tmp_path / "book.xlsx")
    flag = tmp_path / "finished"
    script = f"""
import sys, threading, time
from pathlib import Path
from ledgersite.cli import run

def late():
    time.sleep(0.5)
    Path({str(flag)!r}).write_text("yes")

threading.Thread(target=late).start()
sys.argv = ["ledgersite", "check", {str(book)!r}]
run()
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert flag.read_text() == "yes"


def test_a_site_folder_that_is_a_file_gets_a_sentence_and_is_left_alone(tmp_path: Path) -> None:
    book = write_book(tmp_path / "book.xlsx")
    before = book.read_bytes()
    for args in (("build", str(book), "--out", str(book)),
                 ("watch", str(book), "--out", str(book)),
                 ("serve", str(book))):
        done = program(*args)
        assert done.returncode == 2, done.stderr
        assert "Traceback" not in done.stderr
        assert "is a file" in done.stderr and f"ledgersite: {book}" in done.stderr
    assert book.read_bytes() == before and not (tmp_path / ".ledgersite").exists()


def test_quiet_and_verbose_may_come_after_the_command(tmp_path: Path) -> None:
    book = write_book(tmp_path / "book.xlsx")
    quiet = program("build", str(book), "--out", str(tmp_path / "site"), "-q")
    assert (quiet.returncode, quiet.stderr) == (0, "")
    verbose = program("check", str(book), "-v")
    assert verbose.returncode == 0 and "validated book.xlsx" in verbose.stderr


def _read_one_line(tmp_path: Path, *args: str) -> tuple[int, str]:
    """Run the program for a reader that takes one line and stops reading, as `| head -1`
    does; give the exit code and what the program wrote to stderr."""
    errors = tmp_path / "stderr.txt"
    with errors.open("w") as stderr, subprocess.Popen(
        [sys.executable, "-m", "ledgersite", *args], stdout=subprocess.PIPE, stderr=stderr
    ) as running:
        assert running.stdout is not None
        running.stdout.readline()
        running.stdout.close()
        code = running.wait(timeout=120)
    return code, errors.read_text()


@pytest.mark.parametrize(
    "command", [["check", "--json"], ["agenda", "--json", "--today", "2026-06-01"]]
)
def test_a_reader_that_stops_early_ends_the_program_quietly(
    tmp_path: Path, command: list[str]
) -> None:
    book = write_book(tmp_path / "book.xlsx")
    wb = load_workbook(book)
    for i in range(3000):  # far more output than a pipe holds: birthdays soon, unknown buyers
        wb["Clients"].append([f"C-{i + 100}", f"Ann{i}", "Lee", "", "", dt.date(1990, 6, 2)])
        wb["Purchases"].append(["2026-05-01", f"NOBODY-{i}", "Ring", "Rings", 100])
    wb.save(book)
    code, stderr = _read_one_line(tmp_path, command[0], str(book), *command[1:])
    assert "Traceback" not in stderr and "Error" not in stderr, stderr
    assert code == 141


def test_a_setting_ledgersite_does_not_know_is_named_with_a_suggestion(tmp_path: Path) -> None:
    book = write_book(tmp_path / "book.xlsx")
    (tmp_path / "ledgersite.toml").write_text(
        '[site]\ntemplate = "mine"\n[sitex]\n[columns]\nemial = "Mail"\nemail = "E"\n'
        '[sheets]\nclient = "People"\n', encoding="utf-8")
    checked = program("check", str(book))
    assert checked.returncode == 0, checked.stderr
    lines = checked.stderr.splitlines()
    assert lines == [
        "ledgersite.toml: [sitex] is not a setting ledgersite knows, so it is ignored"
        " (did you mean site?).",
        'ledgersite.toml: "template" in [site] is not a setting ledgersite knows, so it is'
        " ignored (did you mean templates?).",
        'ledgersite.toml: "emial" in [columns] is not a setting ledgersite knows, so it is'
        " ignored (did you mean email?).",
        'ledgersite.toml: "client" in [sheets] is not a setting ledgersite knows, so it is'
        " ignored (did you mean clients?).",
    ]
