"""The workbook watcher: one build per settled save, whatever Excel does on the way."""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

import pytest

from ledgersite.config import Config
from ledgersite.errors import BookNotFound
from ledgersite.watch import make_watcher
from watch_helpers import (
    Recorder,
    file_watcher,
    running,
    save_like_excel,
    wait_until,
    workbook_bytes,
)

#: Long enough for a stray second build to show up (several quiet periods of the test watcher).
SETTLE = 0.6


@pytest.fixture
def book(tmp_path: Path) -> Path:
    path = tmp_path / "book.xlsx"
    path.write_bytes(workbook_bytes("Ana"))
    return path


@pytest.fixture
def recorder(book: Path, tmp_path: Path) -> Recorder:
    # The site folder sits inside the watched folder, as it often does in a shop.
    return Recorder(book, tmp_path / "site")


def test_builds_once_at_start(book: Path, recorder: Recorder) -> None:
    with running(file_watcher(book, recorder.out, recorder)):
        assert wait_until(lambda: len(recorder.calls) == 1)
        time.sleep(SETTLE)
    assert recorder.names == [["Ana"]]


def test_save_through_temp_file_and_rename_is_picked_up_once(
    book: Path, recorder: Recorder
) -> None:
    with running(file_watcher(book, recorder.out, recorder)):
        assert wait_until(lambda: len(recorder.calls) == 1)
        save_like_excel(book, workbook_bytes("Ana", "Bea"))
        assert wait_until(lambda: len(recorder.calls) == 2)
        time.sleep(SETTLE)
    assert recorder.names == [["Ana"], ["Ana", "Bea"]]


def test_ignores_excel_and_libreoffice_lock_files(book: Path, recorder: Recorder) -> None:
    with running(file_watcher(book, recorder.out, recorder)):
        assert wait_until(lambda: len(recorder.calls) == 1)
        for name in ("~$book.xlsx", ".~lock.book.xlsx#", "~WRL0001.tmp", "lu12345abc.tmp"):
            (book.parent / name).write_bytes(b"someone has it open")
            (book.parent / name).unlink()
        time.sleep(SETTLE)
    assert len(recorder.calls) == 1


def test_own_output_inside_the_watched_folder_never_triggers_a_build(
    book: Path, recorder: Recorder
) -> None:
    with running(file_watcher(book, recorder.out, recorder)):
        assert wait_until(lambda: len(recorder.calls) == 1)
        (recorder.out / "clients").mkdir()
        (recorder.out / "clients" / "ana.html").write_text("written by the build")
        time.sleep(SETTLE)
    assert len(recorder.calls) == 1


def test_unchanged_book_is_not_rebuilt(book: Path, recorder: Recorder) -> None:
    content = book.read_bytes()
    with running(file_watcher(book, recorder.out, recorder)):
        assert wait_until(lambda: len(recorder.calls) == 1)
        with book.open("rb"):
            pass  # only read, as the build itself does
        save_like_excel(book, content)  # saved again without a change
        os.utime(book, (time.time() + 5, time.time() + 5))
        time.sleep(SETTLE)
    assert len(recorder.calls) == 1


def test_half_written_file_is_retried_not_reported(
    book: Path, recorder: Recorder, caplog: pytest.LogCaptureFixture
) -> None:
    full = workbook_bytes("Ana", "Bea", "Cleo")
    with running(file_watcher(book, recorder.out, recorder)):
        assert wait_until(lambda: len(recorder.calls) == 1)
        caplog.clear()
        with caplog.at_level(logging.DEBUG, logger="ledgersite"):
            with book.open("wb") as handle:  # written in place, and the writer stalls
                handle.write(full[: len(full) // 3])
                handle.flush()
                # The writer stalls until the watcher has tried the half-written book.
                assert wait_until(lambda: len(recorder.calls) >= 2)
                handle.write(full[len(full) // 3 :])
            assert wait_until(lambda: recorder.names[-1:] == [["Ana", "Bea", "Cleo"]])
            time.sleep(SETTLE)
    assert len(recorder.calls) >= 3, "the half-written book was not read at all"
    assert not any(recorder.calls), "the half-written book came to its last try"
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert any("not ready yet" in r.getMessage() for r in caplog.records)


def test_book_vanishing_and_coming_back_is_survived(
    book: Path, recorder: Recorder, caplog: pytest.LogCaptureFixture
) -> None:
    content = workbook_bytes("Ana", "Dora")
    with running(file_watcher(book, recorder.out, recorder)):
        assert wait_until(lambda: len(recorder.calls) == 1)
        with caplog.at_level(logging.WARNING, logger="ledgersite"):
            book.unlink()
            assert wait_until(lambda: "not there" in caplog.text)
        assert len(recorder.calls) == 1
        book.write_bytes(content)
        assert wait_until(lambda: recorder.names[-1:] == [["Ana", "Dora"]])
        time.sleep(SETTLE)
    assert len(recorder.calls) == 2


def test_polling_mode_sees_a_save(book: Path, recorder: Recorder) -> None:
    with running(file_watcher(book, recorder.out, recorder, poll=0.1)):
        assert wait_until(lambda: len(recorder.calls) == 1)
        save_like_excel(book, workbook_bytes("Ana", "Eve"))
        assert wait_until(lambda: len(recorder.calls) == 2)
        time.sleep(SETTLE)
    assert recorder.names == [["Ana"], ["Ana", "Eve"]]


def test_a_failed_build_is_logged_once_and_the_next_save_recovers(
    book: Path, recorder: Recorder, caplog: pytest.LogCaptureFixture
) -> None:
    with running(file_watcher(book, recorder.out, recorder)):
        assert wait_until(lambda: len(recorder.calls) == 1)
        with caplog.at_level(logging.ERROR, logger="ledgersite"):
            save_like_excel(book, workbook_bytes("Ana", "Zed")[:300])  # stays broken
            assert wait_until(lambda: "Not updated" in caplog.text)
            time.sleep(SETTLE)
        assert len([r for r in caplog.records if "Not updated" in r.getMessage()]) == 1
        assert (recorder.out / "index.html").read_text() == "Ana"  # the last good page stays
        save_like_excel(book, workbook_bytes("Ana", "Fay"))
        assert wait_until(lambda: recorder.names[-1:] == [["Ana", "Fay"]])
    assert (recorder.out / "index.html").read_text() == "Ana Fay"


def test_a_book_in_a_folder_that_does_not_exist_is_refused_in_plain_words(tmp_path: Path) -> None:
    with pytest.raises(BookNotFound, match=r"There is no folder .*Shop to watch for book\.xlsx"):
        make_watcher(tmp_path / "Shop" / "book.xlsx", tmp_path / "site", config=Config())


def test_a_mistyped_book_name_is_refused_as_build_refuses_it(tmp_path: Path) -> None:
    (tmp_path / "book.xlsx").write_bytes(b"")
    with pytest.raises(BookNotFound, match=r"There is no file or folder called bok\.xlsx"):
        make_watcher(tmp_path / "bok.xlsx", tmp_path / "site", config=Config())


def test_a_folder_of_csv_files_is_rebuilt_when_one_of_them_is_saved(tmp_path: Path) -> None:
    folder = tmp_path / "book"
    folder.mkdir()
    clients = folder / "Clients.csv"
    clients.write_text("Client ID,First name,Last name\nC1,Ana,Reyes\n", encoding="utf-8")
    recorder = Recorder(folder, tmp_path / "site")
    with running(file_watcher(folder, recorder.out, recorder)):
        assert wait_until(lambda: len(recorder.calls) == 1)
        (folder / ".~lock.Clients.csv#").write_text("someone has it open")
        scratch = folder / "lu2345.tmp"
        scratch.write_text("Client ID,First name,Last name\nC1,Ana,Reyes\nC2,Gia,Lund\n")
        os.replace(scratch, clients)
        assert wait_until(lambda: recorder.names[-1:] == [["Ana", "Gia"]])
        time.sleep(SETTLE)
    assert len(recorder.calls) == 2
