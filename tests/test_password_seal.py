"""A locked site: what the build writes decrypts back to the open site, and only with the key."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest
from cryptography.exceptions import InvalidTag

from ledgersite.config import Config
from ledgersite.errors import ConfigError
from ledgersite.pipeline import BuildReport, publish_site
from ledgersite.site import seal
from ledgersite.site.theme import ASSETS
from site_books import READ_AT, build_site, make_agenda, make_book

PASSWORD = "correct horse battery staple"
SEALED_PAGE = re.compile(
    r'<script type="application/octet-stream" id="ledgersite-sealed" data-path="([^"]+)"'
    r'[^>]*>([A-Za-z0-9+/=]+)</script>'
)
SEALED_SCRIPT = re.compile(r'\[("[^"]+")\] = "([A-Za-z0-9+/=]+)";\n$')


def build_locked(out: Path, password: str = PASSWORD) -> tuple[seal.SiteKey, BuildReport]:
    """Give the key and the report of building `make_book()` locked with `password`."""
    book = make_book()
    key = seal.site_key(out, password)
    agenda = make_agenda(book)
    report = publish_site(book, agenda, agenda.milestones, out, config=Config(),
                          feed=b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", now=READ_AT, key=key)
    return key, report


def opened(key: seal.SiteKey, out: Path, path: str) -> bytes:
    """Give the plaintext of the locked file that stands for `path` in `out`."""
    if path.endswith(".html"):
        match = SEALED_PAGE.search((out / path).read_text(encoding="utf-8"))
        assert match is not None and match.group(1) == path
        return seal.decrypt(key, path, base64.b64decode(match.group(2)))
    published = path if path.endswith(".js") else f"{path}.js"
    match = SEALED_SCRIPT.search((out / published).read_text(encoding="ascii"))
    assert match is not None and match.group(1) == f'"{path}"'
    return seal.decrypt(key, path, base64.b64decode(match.group(2)))


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, seal.SiteKey]:
    """Give the open site, the locked site of the same book, and the locked site's key."""
    open_site = tmp_path_factory.mktemp("open")
    build_site(open_site)
    locked = tmp_path_factory.mktemp("locked")
    return open_site, locked, build_locked(locked)[0]


def open_files(site: Path) -> list[str]:
    return sorted(
        str(p.relative_to(site)) for p in site.rglob("*")
        if p.is_file() and ".ledgersite" not in p.parts and p.name != "status.js"
    )


def test_every_locked_file_decrypts_back_to_the_open_sites_file(
    sites: tuple[Path, Path, seal.SiteKey],
) -> None:
    open_site, locked, key = sites
    checked = 0
    for path in open_files(open_site):
        if path in {f"assets/{name}" for name in ASSETS}:  # stylesheet, script, icon
            assert (locked / path).read_bytes() == (open_site / path).read_bytes()
            continue
        assert opened(key, locked, path) == (open_site / path).read_bytes(), path
        checked += 1
    assert checked >= 15  # pages, profiles, call sheets, their CSVs, the feed, the search data


def test_data_files_exist_only_sealed_in_a_locked_site(
    sites: tuple[Path, Path, seal.SiteKey],
) -> None:
    _, locked, _ = sites
    assert not (locked / "calendar.ics").exists()
    assert (locked / "calendar.ics.js").is_file()
    assert not list(locked.rglob("*.csv"))
    assert list((locked / "calls").glob("*.csv.js"))


def test_a_wrong_password_opens_nothing(sites: tuple[Path, Path, seal.SiteKey]) -> None:
    _, locked, _ = sites
    wrong = seal.site_key(locked, "correct horse battery stapler")
    for path in ("index.html", "assets/clients-data.js", "calendar.ics"):
        with pytest.raises(InvalidTag):
            opened(wrong, locked, path)


def test_a_page_copied_to_another_place_does_not_open_there(
    sites: tuple[Path, Path, seal.SiteKey],
) -> None:
    _, locked, key = sites
    match = SEALED_PAGE.search((locked / "health.html").read_text(encoding="utf-8"))
    assert match is not None
    with pytest.raises(InvalidTag):
        seal.decrypt(key, "index.html", base64.b64decode(match.group(2)))


def test_the_locked_page_is_the_same_shell_for_every_store(
    sites: tuple[Path, Path, seal.SiteKey],
) -> None:
    _, locked, _ = sites
    text = (locked / "index.html").read_text(encoding="utf-8")
    assert "<title>Client book — locked</title>" in text
    assert "Bijou" not in text
    assert "needs JavaScript to unlock" in text
    assert 'src="assets/unlock.js"' in text
    # Only the non-executable data block; nothing the CSP would have to allow inline.
    assert len(re.findall(r"<script(?![^>]*\bsrc=)", text)) == 1
    assert 'type="application/octet-stream"' in text


def test_same_content_gives_the_same_bytes_so_a_rebuild_rewrites_nothing(
    tmp_path: Path,
) -> None:
    build_locked(tmp_path)
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.suffix in (".html", ".js")}
    assert build_locked(tmp_path)[1].written == 0
    (tmp_path / ".ledgersite" / "manifest.json").unlink()  # forces every page to be rendered
    assert build_locked(tmp_path)[1].written == 0
    after = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.suffix in (".html", ".js")}
    assert after == before


def test_different_content_never_reuses_a_nonce(sites: tuple[Path, Path, seal.SiteKey]) -> None:
    _, _, key = sites
    one = seal.encrypt(key, "index.html", b"<p>one</p>")
    assert seal.encrypt(key, "index.html", b"<p>one</p>") == one
    nonces = {
        seal.encrypt(key, path, text)[: seal.NONCE_BYTES]
        for path in ("index.html", "health.html")
        for text in (b"<p>one</p>", b"<p>two</p>")
    }
    assert len(nonces) == 4


def test_the_key_is_pbkdf2_sha256_with_600000_iterations_and_the_sites_salt(
    sites: tuple[Path, Path, seal.SiteKey],
) -> None:
    _, locked, key = sites
    assert seal.ITERATIONS >= 600_000 and key.iterations == seal.ITERATIONS
    assert key.key == hashlib.pbkdf2_hmac("sha256", PASSWORD.encode(), key.salt, 600_000)
    assert len(key.salt) == 16
    assert f'data-iterations="{key.iterations}"' in (locked / "index.html").read_text("utf-8")
    with pytest.raises(ValueError, match="600000"):
        seal.derive_key(PASSWORD, key.salt, 100_000)


def test_rebuilds_keep_the_salt_and_each_new_site_gets_its_own(tmp_path: Path) -> None:
    first = seal.site_key(tmp_path / "a", PASSWORD)
    assert seal.site_key(tmp_path / "a", PASSWORD).salt == first.salt
    assert seal.site_key(tmp_path / "b", PASSWORD).salt != first.salt
    assert seal.is_locked(tmp_path / "a")
    seal.forget_password(tmp_path / "a")
    assert not seal.is_locked(tmp_path / "a")


def test_password_comes_from_the_environment_variable() -> None:
    assert seal.read_password({"LEDGERSITE_PASSWORD": PASSWORD}, None) == PASSWORD


def test_password_file_gives_its_first_line_without_the_line_break(tmp_path: Path) -> None:
    file = tmp_path / "password.txt"
    file.write_text(f"\ufeff{PASSWORD}\r\nnot this\n", encoding="utf-8")
    assert seal.read_password({"LEDGERSITE_PASSWORD": "other"}, file) == PASSWORD


@pytest.mark.parametrize("environ", [{}, {"LEDGERSITE_PASSWORD": ""}, {"LEDGERSITE_PASSWORD": " "}])
def test_no_password_is_a_clear_error(environ: dict[str, str]) -> None:
    with pytest.raises(ConfigError, match="LEDGERSITE_PASSWORD environment variable"):
        seal.read_password(environ, None)


def test_an_empty_or_missing_password_file_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="is empty: put the password on its first line"):
        seal.read_password({}, tmp_path / "empty.txt")
    with pytest.raises(ConfigError, match="cannot be read"):
        seal.read_password({}, tmp_path / "missing.txt")


def test_a_short_password_is_warned_about(caplog: pytest.LogCaptureFixture) -> None:
    seal.read_password({"LEDGERSITE_PASSWORD": "bijou"}, None)
    assert "password is short" in caplog.text
