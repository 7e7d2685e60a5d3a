"""Lock the site with a password: every page and data file encrypted, opened in the browser.

The key comes from the password through PBKDF2-HMAC-SHA256 (600,000 rounds) and a random salt
kept in `OUT/.ledgersite/password.json` (the salt only, never the key or the password), so
rebuilds reuse it. Each file is sealed with AES-256-GCM; its site path is the associated data,
so a sealed page cannot be passed off as another. The nonce is an HMAC of the path and of the
plaintext's digest: identical content gives identical bytes (unchanged files stay untouched)
and different content never reuses a nonce.

Pages become small shells, the same for every store, that hold the ciphertext in a
non-executable `<script type="application/octet-stream">` block; `assets/unlock.js` asks for
the password, decrypts and shows the page. Data files (the client search data, the call sheet
CSVs, the calendar feed) become `.js` files that hand their ciphertext to unlock.js, so they
can be read from `file://` too, where nothing can be fetched.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import hmac
import json
import logging
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

from ledgersite.errors import ConfigError
from ledgersite.site.render import Page
from ledgersite.site.theme import ASSETS, TEMPLATES

log = logging.getLogger(__name__)

#: PBKDF2 rounds: OWASP's 2023 figure for PBKDF2-HMAC-SHA256. Never fewer.
ITERATIONS = 600_000
PASSWORD_ENV = "LEDGERSITE_PASSWORD"
#: In OUT/.ledgersite/: the salt of the site (public by nature, it is in every page too).
SALT_FILE = "password.json"
UNLOCK_ASSETS = ("unlock.js", "unlock.css")
#: Shorter passwords still work, but the build log warns: copies of the site can be guessed at.
SHORT_PASSWORD = 12
NONCE_BYTES = 12

#: What a data script of the site looks like: one global set to a JSON value.
DATA_SCRIPT = re.compile(r"window\.[A-Za-z_$][\w$]* = [\s\S]*;\s*")

SHELL = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; \
style-src 'self'; img-src 'self' data:; connect-src 'none'; object-src 'none'; base-uri 'none'; \
form-action 'none'">
<title>Client book — locked</title>
<link rel="icon" href="{root}assets/icon.svg">
<link rel="stylesheet" href="{root}assets/site.css">
<link rel="stylesheet" href="{root}assets/unlock.css">
{scripts}<script src="{root}assets/unlock.js" defer data-lock></script>
</head>
<body class="page-locked">
<main id="main" class="locked">
<h1>Client book</h1>
<noscript><p class="locked-note">This client book is locked. It needs JavaScript to unlock: \
turn JavaScript on in this browser, then reload the page.</p></noscript>
<p class="locked-note" id="unlock-working" hidden>Unlocking…</p>
<form id="unlock" class="unlock" hidden>
<label for="unlock-password">Password</label>
<input id="unlock-password" name="password" type="password" autocomplete="current-password" \
autocapitalize="off" spellcheck="false" required>
<button class="button" type="submit">Unlock</button>
</form>
<p class="locked-message" id="unlock-message" role="alert" hidden></p>
</main>
<script type="application/octet-stream" id="ledgersite-sealed" data-path="{path}" \
data-root="{root}" data-salt="{salt}" data-iterations="{iterations}">{sealed}</script>
</body>
</html>
"""


@dataclass(frozen=True)
class SiteKey:
    """The keys of one locked site: AES for the files, HMAC for their nonces, and their origin."""

    key: bytes
    nonce_key: bytes
    salt: bytes
    iterations: int

    @property
    def fingerprint(self) -> str:
        """Give a digest that changes with the key (for the manifest; reveals nothing of it)."""
        return hmac.new(self.nonce_key, b"ledgersite fingerprint", hashlib.sha256).hexdigest()


def read_password(environ: Mapping[str, str], password_file: Path | None) -> str:
    """Give the site password: the first line of `password_file`, else $LEDGERSITE_PASSWORD."""
    if password_file is not None:
        try:
            text = password_file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            raise ConfigError(
                f"The password file {password_file} cannot be read. Check its name and that "
                f"it is a plain text file, or set {PASSWORD_ENV} instead."
            ) from None
        password = text.splitlines()[0] if text else ""
        where = f"The password file {password_file} is empty: put the password on its first line"
    else:
        password = environ.get(PASSWORD_ENV, "")
        where = (
            f"No password was given: set the {PASSWORD_ENV} environment variable, or name a "
            "file holding it with --password-file"
        )
    if not password.strip():
        raise ConfigError(f"{where}. The site was not built.")
    if len(password) < SHORT_PASSWORD:
        log.warning(
            "The site password is short. Anyone with a copy of the site can try passwords "
            "without limit, so a long one (a few unrelated words) is much safer."
        )
    return password


def derive_key(password: str, salt: bytes, iterations: int = ITERATIONS) -> bytes:
    """Give the 32-byte AES key of `password` and `salt` (PBKDF2-HMAC-SHA256)."""
    if iterations < ITERATIONS:
        raise ValueError(f"PBKDF2 needs at least {ITERATIONS} iterations, not {iterations}")
    kdf = PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=salt, iterations=iterations)
    return kdf.derive(password.encode("utf-8"))


def site_key(out: Path, password: str) -> SiteKey:
    """Give the key of the site in `out`, making and keeping its salt on the first locked build."""
    salt = _read_salt(out)
    if salt is None:
        salt = os.urandom(16)
        state = out / ".ledgersite"
        state.mkdir(parents=True, exist_ok=True)
        (state / SALT_FILE).write_text(
            json.dumps({"salt": base64.b64encode(salt).decode("ascii")}) + "\n", encoding="utf-8"
        )
    key = derive_key(password, salt)
    nonce_key = hmac.new(key, b"ledgersite nonce", hashlib.sha256).digest()
    return SiteKey(key=key, nonce_key=nonce_key, salt=salt, iterations=ITERATIONS)


def is_locked(out: Path) -> bool:
    """Give whether the site in `out` was last built with a password."""
    return _read_salt(out) is not None


def forget_password(out: Path) -> None:
    """Remove the salt of `out`, so the site may be rebuilt without a password."""
    (out / ".ledgersite" / SALT_FILE).unlink(missing_ok=True)


def refuse_to_unlock(out: Path) -> None:
    """Raise ConfigError when the site in `out` is locked: it is never rebuilt open by mistake."""
    if is_locked(out):
        raise ConfigError(
            f"The site in {out} is locked with a password, but no password was given. "
            "Add --password (with LEDGERSITE_PASSWORD set) or --password-file FILE. To publish "
            "it without a password on purpose, add --no-password."
        )


def _read_salt(out: Path) -> bytes | None:
    try:
        data = json.loads((out / ".ledgersite" / SALT_FILE).read_text(encoding="utf-8"))
        salt = base64.b64decode(data["salt"], validate=True)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        raise ConfigError(
            f"The file {out / '.ledgersite' / SALT_FILE} is damaged. Delete it and build "
            "again with the password: staff will be asked for the password once more."
        ) from None
    return salt if len(salt) >= 16 else None


def encrypt(key: SiteKey, path: str, plaintext: bytes) -> bytes:
    """Give `plaintext` sealed for site path `path`: the 12-byte nonce, then AES-GCM output."""
    digest = hashlib.sha256(plaintext).digest()
    nonce = hmac.new(key.nonce_key, path.encode() + b"\0" + digest, hashlib.sha256).digest()
    nonce = nonce[:NONCE_BYTES]
    return nonce + AESGCM(key.key).encrypt(nonce, plaintext, path.encode())


def decrypt(key: SiteKey, path: str, sealed: bytes) -> bytes:
    """Give the plaintext of `sealed`; raises cryptography's InvalidTag for a wrong key or path."""
    return AESGCM(key.key).decrypt(sealed[:NONCE_BYTES], sealed[NONCE_BYTES:], path.encode())


def seal_site(
    pages: list[Page], render: Callable[[Page], bytes], key: SiteKey
) -> tuple[list[Page], Callable[[Page], bytes]]:
    """Give the locked site's files and how to render them, from the open site's.

    Pages become shells, data files become sealed `.js` files beside them (`calendar.ics` ->
    `calendar.ics.js`; `.js` files keep their name); only the shipped stylesheet and scripts
    stay as they are.
    """
    clear = {f"assets/{name}" for name in ASSETS}
    sealed_files: dict[str, str] = {}  # site path -> where its sealed script is published
    locked: list[Page] = []
    for page in pages:
        if page.path in clear or page.path.endswith(".html"):
            continue
        content = page.content if page.content is not None else render(page)
        published = page.path if page.path.endswith(".js") else f"{page.path}.js"
        if published == page.path and not DATA_SCRIPT.fullmatch(content.decode("utf-8")):
            raise ValueError(f"{page.path} is not a data script unlock.js can read")
        sealed_files[page.path] = published
        locked.append(Page(published, _digest(key, page.digest),
                           content=_sealed_script(key, page.path, content)))
    shell_digest = hashlib.sha256(SHELL.encode() + json.dumps(sealed_files).encode()).hexdigest()
    for page in pages:
        if page.path in clear:
            locked.append(page)
        elif page.path.endswith(".html"):  # rendered as before, then sealed into a shell
            locked.append(dataclasses.replace(page, digest=_digest(key, page.digest, shell_digest)))
    for name in UNLOCK_ASSETS:
        content = (TEMPLATES / "assets" / name).read_bytes()
        locked.append(Page(f"assets/{name}", hashlib.sha256(content).hexdigest(), content=content))
    return locked, LockedRenderer(render, key, sealed_files)


@dataclass
class LockedRenderer:
    """Gives a locked site's page: the open page rendered, then sealed into its shell.

    Picklable when `render` is, so render workers can lock pages too.
    """

    render: Callable[[Page], bytes]
    key: SiteKey
    sealed_files: dict[str, str]

    def __call__(self, page: Page) -> bytes:
        if page.content is not None:
            return page.content
        return shell(self.key, page.path, self.render(page), self.sealed_files)


def shell(key: SiteKey, path: str, html: bytes, sealed_files: Mapping[str, str]) -> bytes:
    """Give the locked page for `html` at `path`, loading the sealed data files it links to."""
    root = "../" * path.count("/")
    text = html.decode("utf-8")
    scripts = "".join(
        f'<script src="{root}{published}" defer data-lock></script>\n'
        for original, published in sealed_files.items()
        if f'"{root}{original}"' in text
    )
    return SHELL.format(
        root=root,
        scripts=scripts,
        path=path,
        salt=base64.b64encode(key.salt).decode("ascii"),
        iterations=key.iterations,
        sealed=base64.b64encode(encrypt(key, path, html)).decode("ascii"),
    ).encode("utf-8")


def _sealed_script(key: SiteKey, path: str, content: bytes) -> bytes:
    sealed = base64.b64encode(encrypt(key, path, content)).decode("ascii")
    return (
        "(window.LEDGERSITE_SEALED = window.LEDGERSITE_SEALED || {})"
        f"[{json.dumps(path)}] = \"{sealed}\";\n"
    ).encode("ascii")


def _digest(key: SiteKey, *parts: str) -> str:
    return hashlib.sha256("|".join((key.fingerprint, *parts)).encode()).hexdigest()
