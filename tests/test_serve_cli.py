"""`ledgersite serve` on the command line: plain messages when it cannot start."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from ledgersite.cli import main


def test_says_to_build_first_when_there_is_no_site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", str(tmp_path / "site")]) == 2
    err = capsys.readouterr().err
    assert "There is no site in" in err
    assert "ledgersite build BOOK --out" in err


def test_says_which_port_is_taken_and_suggests_another(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "index.html").write_text("<html><head></head></html>")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", str(tmp_path), "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert f"port {port}" in err
    assert f"--port {port + 1}" in err
    assert err.count("\n") == 1
