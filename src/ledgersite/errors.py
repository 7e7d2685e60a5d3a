"""The errors ledgersite raises, each with a message written for shop staff.

    LedgersiteError                 base: anything the CLI turns into a message and an exit code
     ├── SourceError                the book cannot be read at all (exit 2)
     │    ├── BookNotFound          no file, folder or sheet at that place
     │    ├── LockFileError         Excel's or LibreOffice's lock file was given instead of the book
     │    ├── PasswordProtected     the workbook is encrypted
     │    ├── UnsupportedFormat     .xls, .numbers, a corrupt zip, a Strict save nothing can read...
     │    ├── StillSaving           the file is half-written; try again in a moment
     │    └── SheetAccessError      a Google Sheet is not shared, not found, or quota ran out
     ├── ConfigError                ledgersite.toml or a command-line option is wrong (exit 2)
 │    └── TemplateProblem       one of the store's own page templates cannot be rendered
     ├── BookInvalid                the book was read but lacks what it cannot do without (exit 2):
     │                              no Clients sheet, no name column
     └── BuildBusy                  another build into the same site is still running (exit 2)
Validation problems in individual rows are never raised: they are collected as `Problem` records.
"""

from __future__ import annotations


class LedgersiteError(Exception):
    """Base of every error ledgersite raises on purpose; `str(err)` is the message for staff."""

    exit_code = 2


class SourceError(LedgersiteError):
    """Raised by the readers in `ledgersite.sources` when the book cannot be read."""


class BookNotFound(SourceError):
    """Raised when the path or Google Sheet named as the book does not exist."""


class LockFileError(SourceError):
    """Raised when the file given is a spreadsheet program's lock file, not the book."""


class PasswordProtected(SourceError):
    """Raised when the workbook is encrypted with a password."""


class UnsupportedFormat(SourceError):
    """Raised when the file is not a spreadsheet ledgersite can read."""


class StillSaving(SourceError):
    """Raised when the file looks half-written; the watcher retries these."""


class SheetAccessError(SourceError):
    """Raised by the Google Sheets reader: not shared, bad credentials, quota or network trouble."""

    def __init__(self, message: str, *, retryable: bool = False) -> None:
        super().__init__(message)
        self.retryable = retryable


class ConfigError(LedgersiteError):
    """Raised when ledgersite.toml or an option on the command line cannot be used."""


class TemplateProblem(ConfigError):
    """Raised when a page template from the store's own templates folder fails to render."""


class BookInvalid(LedgersiteError):
    """Raised by validation when the book lacks what nothing can be built without."""


class BuildBusy(LedgersiteError):
    """Raised by `ledgersite.buildlock` when another build into the same site is still running."""
