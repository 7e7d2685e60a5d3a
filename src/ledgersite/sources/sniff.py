"""What kind of spreadsheet a file really is, judged by its content rather than its name."""

from __future__ import annotations

import codecs
import logging
import zipfile
from pathlib import Path

from ledgersite.errors import (
    LockFileError,
    PasswordProtected,
    StillSaving,
    UnsupportedFormat,
)

log = logging.getLogger(__name__)

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
ODS_MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"
#: How much of a text file is looked at to tell text from a binary format.
TEXT_SAMPLE = 64 * 1024

SAVE_AS_XLSX = (
    "open it in Excel or LibreOffice and use Save As to save it as an Excel Workbook (.xlsx)"
)
SAVE_AS_XLSX_SENTENCE = SAVE_AS_XLSX[0].upper() + SAVE_AS_XLSX[1:]
SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".ods", ".xltx", ".xltm", ".ots"}


def lock_file_target(name: str) -> str | None:
    """Give the workbook name a lock file stands for, or None when `name` is no lock file.

    Excel writes `~$book.xlsx` beside an open `book.xlsx`; LibreOffice writes `.~lock.book.xlsx#`.
    """
    if name.startswith("~$"):
        return name[2:]
    if name.startswith(".~lock.") and name.endswith("#"):
        return name[len(".~lock.") : -1]
    return None


def check_not_lock_file(path: Path) -> None:
    """Raise LockFileError when `path` is a spreadsheet program's lock file."""
    target = lock_file_target(path.name)
    if target is None:
        return
    program = "Excel" if path.name.startswith("~$") else "LibreOffice"
    raise LockFileError(
        f"This is {program}'s lock file ({path.name}), not the book: open {target} instead."
    )


def sniff(path: Path) -> str:
    """Give "xlsx", "ods" or "csv" for the file at `path`, or raise a SourceError saying why not."""
    check_not_lock_file(path)
    with path.open("rb") as handle:
        head = handle.read(TEXT_SAMPLE)
    if not head:
        raise UnsupportedFormat(
            f"{path.name} is empty (0 bytes): choose the saved workbook instead."
        )
    if head.startswith(OLE2_MAGIC):
        return _sniff_ole2(path)
    if head.startswith(ZIP_MAGICS):
        return _sniff_zip(path)
    return _sniff_text(path, head)


def _sniff_ole2(path: Path) -> str:
    """Raise the right error for an OLE2 file: an encrypted modern workbook or an old .xls."""
    data = path.read_bytes()
    # An encrypted .xlsx/.ods is an OLE2 container whose directory names an EncryptionInfo stream.
    if "EncryptionInfo".encode("utf-16-le") in data:
        raise PasswordProtected(
            f"This workbook is password-protected: save a copy without a password and use that"
            f" instead of {path.name} (in Excel: File > Info > Protect Workbook > Encrypt with"
            " Password, then clear the password)."
        )
    raise UnsupportedFormat(
        f"{path.name} is an old Excel 97-2003 workbook (.xls), which cannot be read:"
        f" {SAVE_AS_XLSX}."
    )


def _sniff_zip(path: Path) -> str:
    """Give "xlsx" or "ods" for a zip package, or raise when it holds no spreadsheet."""
    try:
        with zipfile.ZipFile(path) as package:
            names = {name.replace("\\", "/").lower(): name for name in package.namelist()}
            mimetype = (
                package.read(names["mimetype"]).decode("ascii", "replace").strip()
                if "mimetype" in names
                else ""
            )
            manifest = names.get("meta-inf/manifest.xml")
            encrypted = manifest is not None and b"encryption-data" in package.read(manifest)
    except zipfile.BadZipFile as err:
        # A zip whose directory at the end is missing is usually one still being written.
        raise StillSaving(
            f"{path.name} is incomplete, as if it were still being saved. Wait a moment and try"
            " again; if this lasts, the file is damaged: open it in Excel and save it again."
        ) from err
    except (OSError, KeyError, RuntimeError, ValueError, NotImplementedError) as err:
        raise UnsupportedFormat(
            f"{path.name} is damaged and cannot be read: {SAVE_AS_XLSX}."
        ) from err
    if encrypted:
        raise PasswordProtected(
            f"This workbook is password-protected: save a copy without a password and use that"
            f" instead of {path.name} (in LibreOffice: File > Save As, untick Save with password)."
        )
    if mimetype == ODS_MIMETYPE:
        return "ods"
    if mimetype.startswith("application/vnd.oasis.opendocument"):
        raise UnsupportedFormat(
            f"{path.name} is an OpenDocument file but not a spreadsheet:"
            " choose the client book instead."
        )
    if "xl/workbook.bin" in names:
        raise UnsupportedFormat(
            f"{path.name} is an Excel binary workbook (.xlsb), which cannot be read:"
            f" {SAVE_AS_XLSX}."
        )
    if "[content_types].xml" in names:
        return "xlsx"
    if any(name.startswith("index/") or name == "index.zip" for name in names):
        raise UnsupportedFormat(
            f"{path.name} is an Apple Numbers file, which cannot be read: in Numbers choose"
            " File > Export To > Excel, and use the .xlsx it saves."
        )
    if "content.xml" in names:
        return "ods"
    if any(name.startswith("xl/") for name in names) or path.suffix.lower() in SPREADSHEET_SUFFIXES:
        raise UnsupportedFormat(
            f"{path.name} is damaged: it holds no workbook. {SAVE_AS_XLSX_SENTENCE}."
        )
    raise UnsupportedFormat(
        f"{path.name} is a compressed (zip) folder, not a spreadsheet:"
        " unzip it and choose the workbook inside."
    )


def _sniff_text(path: Path, head: bytes) -> str:
    """Give "csv" for delimited text, or raise for the other formats that are text or unknown."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "csv"  # UTF-16 text with a byte-order mark, as Excel's "Unicode Text" saves
    if head.startswith(b"\x1f\x8b"):
        raise UnsupportedFormat(
            f"{path.name} is compressed (gzip), not a spreadsheet: unpack it first."
        )
    if b"\x00" in head and not _is_utf8(head):
        raise UnsupportedFormat(
            f"{path.name} is not a spreadsheet that can be read: {SAVE_AS_XLSX}."
        )
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:4096].lower()
    if start.startswith(b"<?xml") or start.startswith(b"<"):
        if b"opendocument" in start or b"office:document" in start:
            kind = "a flat OpenDocument spreadsheet (.fods)"
        elif b"<html" in start or b"<!doctype html" in start:
            kind = "a web page saved with a spreadsheet name"
        elif b"urn:schemas-microsoft-com:office:spreadsheet" in start or b"excel.sheet" in start:
            kind = "an Excel 2003 XML spreadsheet"
        else:
            kind = "an XML file, not a spreadsheet"
        raise UnsupportedFormat(f"{path.name} is {kind}, which cannot be read: {SAVE_AS_XLSX}.")
    if start.startswith(b"id;p"):
        raise UnsupportedFormat(
            f"{path.name} is a SYLK (.slk) file, which cannot be read: {SAVE_AS_XLSX}."
        )
    if start.startswith(b"{\\rtf") or start.startswith(b"%pdf"):
        raise UnsupportedFormat(
            f"{path.name} is a document, not a spreadsheet: choose the client book instead."
        )
    return "csv"


def _is_utf8(sample: bytes) -> bool:
    """Give True when `sample` (perhaps cut mid-character at its end) is valid UTF-8."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
    except UnicodeDecodeError:
        return False
    return True
