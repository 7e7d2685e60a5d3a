"""The owner's settings file, `ledgersite.toml`: column mapping, templates, Google access.

Looked for, in order: the path given with `--config`, `ledgersite.toml` beside the book,
`ledgersite.toml` in the current folder. Every key is optional::

    [columns]                 # our field = the header in your sheet
    birthday = "BirthDate"
    email = "EmailAddress"

    [sheets]                  # our sheet = the name of your tab
    clients = "DimCustomer"

    [site]
    templates = "my_templates"    # a folder of templates that override ours
    stylesheet = "my_style.css"   # replaces the built-in stylesheet

    [google]
    credentials = "service-account.json"   # or api_key = "..."
"""

from __future__ import annotations

import difflib
import logging
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ledgersite.errors import ConfigError

log = logging.getLogger(__name__)

CONFIG_NAME = "ledgersite.toml"
#: The settings each table of the file may hold (None: any of our columns or sheets).
KNOWN: dict[str, tuple[str, ...] | None] = {
    "columns": None,
    "sheets": None,
    "site": ("templates", "stylesheet"),
    "google": ("credentials", "api_key"),
}


@dataclass
class Config:
    """The owner's choices; defaults when there is no file."""

    path: Path | None = None
    columns: dict[str, str] = field(default_factory=dict)  # field -> header
    sheets: dict[str, str] = field(default_factory=dict)  # sheet key -> tab name
    templates: Path | None = None
    stylesheet: Path | None = None
    google_credentials: Path | None = None
    google_api_key: str | None = None


def find_config(book: str | Path | None, explicit: str | Path | None = None) -> Config:
    """Give the Config from `explicit`, or from ledgersite.toml beside `book`, or from the cwd."""
    if explicit is not None:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError(f"The settings file {path} does not exist.")
        return load_config(path)
    candidates = []
    if book is not None and "://" not in str(book):
        here = Path(book)
        candidates.append((here if here.is_dir() else here.parent) / CONFIG_NAME)
    candidates.append(Path.cwd() / CONFIG_NAME)
    for path in candidates:
        if path.is_file():
            return load_config(path)
    return Config()


def load_config(path: Path) -> Config:
    """Give the Config in the TOML file at `path`; paths in it are relative to its folder."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise ConfigError(f"The settings file {path} cannot be read: {err}") from err
    base = path.parent

    def table(name: str) -> dict[str, str]:
        value = data.get(name, {})
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            raise ConfigError(f'In {path}, [{name}] should list names = "text".')
        return {str(k): v for k, v in value.items()}

    def optional_path(section: dict[str, str], key: str) -> Path | None:
        return base / section[key] if key in section else None

    for name in data:
        if name not in KNOWN:
            _ignored(path, f"[{name}]", name, [f"{k}" for k in KNOWN])
    site = table("site")
    google = table("google")
    for name, keys in (("site", site), ("google", google)):
        for key in keys:
            if key not in (KNOWN[name] or ()):
                _ignored(path, f'"{key}" in [{name}]', key, list(KNOWN[name] or ()))
    _check_names(path, table("columns"), table("sheets"))
    return Config(
        path=path,
        columns=table("columns"),
        sheets=table("sheets"),
        templates=optional_path(site, "templates"),
        stylesheet=optional_path(site, "stylesheet"),
        google_credentials=optional_path(google, "credentials"),
        google_api_key=google.get("api_key"),
    )


def _check_names(path: Path, columns: dict[str, str], sheets: dict[str, str]) -> None:
    """Warn about [columns] and [sheets] keys that name none of our columns or sheets."""
    from ledgersite.validate.headers import FIELD_ALIASES, SHEET_NAMES, field_of

    for key in columns:
        if field_of(key) is None:
            _ignored(path, f'"{key}" in [columns]', key, list(FIELD_ALIASES))
    for key in sheets:
        if key not in SHEET_NAMES:
            _ignored(path, f'"{key}" in [sheets]', key, list(SHEET_NAMES))


def _ignored(path: Path, what: str, typed: str, known: list[str]) -> None:
    close = difflib.get_close_matches(typed, known, n=1)
    if close:
        hint = f" (did you mean {close[0]}?)"
    else:  # our columns are too many to list: README has them
        hint = f" (it knows: {', '.join(known)})" if len(known) <= 9 else ""
    log.warning("%s: %s is not a setting ledgersite knows, so it is ignored%s.", path.name, what,
                hint)
