"""The starter workbook `ledgersite init` writes: the contract's sheets, ready to fill in."""

from ledgersite.starter.writer import write_starter

__all__ = ["write_starter"]
