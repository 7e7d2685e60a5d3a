"""The one entry point of the readers: a book's location in, a `RawBook` out."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from ledgersite.config import Config
from ledgersite.errors import BookNotFound, SourceError, UnsupportedFormat
from ledgersite.sources.delimited import read_csv_file, read_csv_folder
from ledgersite.sources.raw import RawBook
from ledgersite.sources.sniff import check_not_lock_file, sniff
from ledgersite.sources.workbook import read_workbook

log = logging.getLogger(__name__)

_SHEET_URL = re.compile(r"^https?://docs\.google\.com/spreadsheets/d/[A-Za-z0-9_-]+")
_SHEET_KEY = re.compile(r"^[A-Za-z0-9_-]{44}$")
#: What a lone CSV file is read as, unless ledgersite.toml names the clients tab otherwise.
LONE_CSV_SHEET = "Clients"


def is_google_sheet(location: str | Path) -> bool:
    """Give True when `location` is a Google Sheets address or a bare 44-character sheet key."""
    text = str(location).strip()
    if _SHEET_URL.match(text):
        return True
    return bool(_SHEET_KEY.match(text)) and not Path(text).exists()


def read_book(location: str | Path, *, config: Config, background: bool = False) -> RawBook:
    """Give every sheet of the book at `location`: a workbook file, a CSV folder or a Google Sheet.

    The kind of file is judged by its content, not its extension. A lone CSV file is read as
    the Clients sheet (or the tab `[sheets] clients` names in ledgersite.toml), since a book
    of one sheet can only be a list of clients. Raises a `SourceError` subclass, with a
    sentence for staff, whenever the book cannot be read.

    With `background`, a large workbook's sheets may still be being read when this returns,
    so the caller can start on the first ones: see `RawSheet.rows`.
    """
    if isinstance(location, str) and is_google_sheet(location):
        from ledgersite.sources.gsheet import read_gsheet  # only needed for Google Sheets

        book: RawBook = read_gsheet(location, config=config)
        return book
    path = Path(location).expanduser()
    check_not_lock_file(path)
    try:
        if path.is_dir():
            if path.suffix.lower() == ".numbers":
                raise UnsupportedFormat(
                    f"{path.name} is an Apple Numbers file, which cannot be read: in Numbers"
                    " choose File > Export To > Excel, and use the .xlsx it saves."
                )
            return read_csv_folder(path)
        if not path.exists():
            raise not_found(path)
        kind = sniff(path)
        if kind == "csv":
            return read_csv_file(path, config.sheets.get("clients", LONE_CSV_SHEET))
        return read_workbook(path, kind, background=background)
    except SourceError:
        raise
    except PermissionError as err:
        raise SourceError(
            f"{path.name} cannot be opened: permission denied."
            " Ask the owner to check who may read it."
        ) from err
    except OSError as err:
        raise SourceError(
            f"{path.name} cannot be opened ({err.strerror}). Check the file is there and try again."
        ) from err
    except RecursionError as err:  # deeply nested XML in a hostile file
        raise UnsupportedFormat(f"{path.name} cannot be read: it looks damaged.") from err


def not_found(path: Path) -> BookNotFound:
    """Give the error that says there is no book at `path`."""
    return BookNotFound(
        f"There is no file or folder called {path.name} in {_where(path)}."
        " Check the name and where it is saved."
    )


def _where(path: Path) -> str:
    parent = path.parent
    return f"the folder {parent}" if str(parent) not in ("", ".") else "this folder"
