"""`ledgersite serve`: not built yet (see the open issues)."""

from __future__ import annotations

import argparse


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `serve`."""
    parser = sub.add_parser("serve", help="(coming soon)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Say that this command is not built yet."""
    from ledgersite.errors import ConfigError

    raise ConfigError("'ledgersite serve' is not available yet.")
