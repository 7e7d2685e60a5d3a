"""`ledgersite watch`: not built yet (see the open issues)."""

from __future__ import annotations

import argparse


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `watch`."""
    parser = sub.add_parser("watch", help="(coming soon)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Say that this command is not built yet."""
    from ledgersite.errors import ConfigError

    raise ConfigError("'ledgersite watch' is not available yet.")
