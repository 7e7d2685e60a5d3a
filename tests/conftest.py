"""Small fixtures shared by the test modules; each says what it gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from ledgersite.config import Config

#: The real-world spreadsheet corpus beside the checkout (see its SOURCES.md).
REALWORLD = Path(__file__).resolve().parents[2] / "shared" / "realworld"


@pytest.fixture
def config() -> Config:
    """Give the settings used when there is no ledgersite.toml."""
    return Config()


@pytest.fixture
def realworld() -> Path:
    """Give the real-world corpus folder, failing loudly when it is missing."""
    if not REALWORLD.is_dir():
        pytest.fail(f"The real-world corpus is missing: expected it at {REALWORLD}")
    return REALWORLD
