"""`python -m ledgersite` runs the command line."""

from ledgersite.cli import run

run()
