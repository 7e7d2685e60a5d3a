"""What shapes every page besides the book: our templates and assets, and the store's overrides.

Kept free of heavy imports, so a rebuild can tell whether anything changed before loading jinja2.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ledgersite import __version__
from ledgersite.config import Config
from ledgersite.errors import ConfigError

#: The built-in templates, stylesheet and scripts.
TEMPLATES = Path(__file__).resolve().parents[3] / "site_templates"
ASSETS = ("site.css", "site.js", "icon.svg")


def stylesheet(config: Config) -> bytes:
    """Give the stylesheet: the store's own when the settings file names one, else ours."""
    if config.stylesheet is None:
        return (TEMPLATES / "assets" / "site.css").read_bytes()
    try:
        return config.stylesheet.read_bytes()
    except OSError:
        raise ConfigError(
            f"The stylesheet {config.stylesheet} named in the settings file cannot be read."
        ) from None


def templates_fingerprint(config: Config) -> str:
    """Give a digest of every template and asset that could shape a page."""
    digest = hashlib.sha256(__version__.encode())
    folders = [TEMPLATES] + ([config.templates] if config.templates else [])
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                digest.update(str(path.relative_to(folder)).encode())
                digest.update(path.read_bytes())
    digest.update(stylesheet(config))
    return digest.hexdigest()
