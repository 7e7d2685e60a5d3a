"""`ledgersite build --password`: the password comes from the environment or a file, never argv.

These checks stop before the book is read, so they need no workbook: a password problem is
found before any work is done, and nothing is written.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from ledgersite.cli import main
from ledgersite.commands import build as build_command
from ledgersite.config import Config
from ledgersite.errors import ConfigError
from ledgersite.pipeline import publish_site
from ledgersite.site import seal
from site_books import READ_AT, build_site, make_agenda, make_book

PASSWORD = "a long shop password nobody guesses"


def build(out: Path, *extra: str) -> int:
    # No such book: every case below must end before the book would be read.
    return main(["build", str(out.parent / "book.xlsx"), "--out", str(out), *extra])


def options(out: Path, **given: object) -> argparse.Namespace:
    values: dict[str, object] = {"password": False, "password_file": None, "no_password": False}
    return argparse.Namespace(out=out, **{**values, **given})


def test_password_flag_takes_the_password_from_the_environment_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LEDGERSITE_PASSWORD", PASSWORD)
    key = build_command.site_key(options(tmp_path, password=True))
    assert key is not None
    assert key.key == seal.derive_key(PASSWORD, key.salt)


def test_password_file_takes_the_password_from_its_first_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LEDGERSITE_PASSWORD", "not this one")
    (tmp_path / "password.txt").write_text(PASSWORD + "\n", encoding="utf-8")
    key = build_command.site_key(options(tmp_path, password_file=tmp_path / "password.txt"))
    assert key is not None
    assert key.key == seal.derive_key(PASSWORD, key.salt)


def test_without_a_password_option_an_open_site_stays_open(tmp_path: Path) -> None:
    assert build_command.site_key(options(tmp_path)) is None


def test_no_password_in_the_environment_is_a_clear_error_and_builds_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("LEDGERSITE_PASSWORD", raising=False)
    assert build(tmp_path / "site", "--password") == 2
    assert "set the LEDGERSITE_PASSWORD environment variable" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()


def test_an_empty_password_file_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "password.txt").write_text("", encoding="utf-8")
    assert build(tmp_path / "site", "--password-file", str(tmp_path / "password.txt")) == 2
    assert "password.txt is empty" in capsys.readouterr().err


def test_the_password_cannot_be_typed_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        build(tmp_path / "site", "--password", PASSWORD)
    assert exit_.value.code == 2
    assert "unrecognized arguments" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()


def build_locked(out: Path) -> seal.SiteKey:
    key = seal.site_key(out, PASSWORD)
    book = make_book()
    agenda = make_agenda(book)
    publish_site(book, agenda, agenda.milestones, out, config=Config(), feed=b"", now=READ_AT,
                 key=key)
    return key


def test_a_locked_site_is_not_rebuilt_open_by_mistake(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "site"
    build_locked(out)
    before = (out / "index.html").read_bytes()
    assert build(out) == 2
    assert "locked with a password, but no password was given" in capsys.readouterr().err
    assert (out / "index.html").read_bytes() == before


def test_a_locked_site_is_not_republished_open_by_any_other_route(tmp_path: Path) -> None:
    build_locked(tmp_path)
    before = (tmp_path / "index.html").read_bytes()
    with pytest.raises(ConfigError, match="--no-password"):
        build_site(tmp_path)  # what a watcher started without the password would do
    assert (tmp_path / "index.html").read_bytes() == before


def test_no_password_opens_a_locked_site_on_purpose(tmp_path: Path) -> None:
    build_locked(tmp_path)
    assert build_command.site_key(options(tmp_path, no_password=True)) is None
    build_site(tmp_path)
    assert b"Bijou Jewellers" in (tmp_path / "index.html").read_bytes()
    assert not seal.is_locked(tmp_path)


def test_no_password_and_password_cannot_be_given_together(tmp_path: Path) -> None:
    with pytest.raises(SystemExit):
        build(tmp_path / "site", "--password", "--no-password")
