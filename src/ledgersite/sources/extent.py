"""Which worksheet of an .xlsx holds a cell so far from the rest that calamine cannot read it.

python-calamine holds a sheet as a dense box from its first cell with a value to its last:
one "x" typed in XFD1048576 (Ctrl+Down, Ctrl+Right, type) makes it ask for 512 GB and abort
the whole process, which Python cannot catch. Excel, LibreOffice and openpyxl declare that box
as <dimension> near the start of each worksheet part, and the part's size in the zip
directory bounds how many cells it can hold. Only when the box is far bigger than that is the
part read through for the cells that hold values: a formatted whole column widens
<dimension> but not calamine's box. A sheet whose <dimension> is missing or too small goes
unchecked.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from typing import IO

#: calamine spends 32 bytes on every cell of the box, and Python 8 more on each as it is handed
#: over: a box of up to this many cells is read as it is, whatever is in it.
SMALL_BOX = 2_000_000
#: A box with fewer bytes of XML than this for each of its cells is mostly empty.
BYTES_PER_CELL = 4
#: Up to this many cells (about 0.5 GB, a sheet of 100,000 rows 120 columns wide), a box that
#: is sparse but not nearly empty (WIDE_BYTES_PER_CELL, about one cell in fifty holding
#: something) is read as it is too: a wide sheet with a few columns filled, not a stray cell.
BOX_CELLS = 12_000_000
WIDE_BYTES_PER_CELL = 0.3
#: <dimension> comes right after <sheetPr>, within the first few KB of the part.
HEAD_BYTES = 16 * 1024
CHUNK_BYTES = 1024 * 1024
_DIMENSION = re.compile(
    rb"""<(?:\w+:)?dimension\s+ref\s*=\s*["']\$?([A-Za-z]{1,3})\$?(\d+)"""
    rb"""(?::\$?([A-Za-z]{1,3})\$?(\d+))?"""
)
# An opening <c> tag: a cell with a value, formula or inline text (formatting alone is <c .../>).
_VALUE_CELL = re.compile(rb"""<(?:\w+:)?c\s[^>]*?\br\s*=\s*["']([A-Za-z]{1,3})(\d+)["'][^>/]*>""")


def far_flung_cell(data: bytes) -> str | None:
    """Give the far corner (e.g. "XFD1048576") of the first sheet too sparse to read densely.

    None when every sheet can be read as a dense box, or when the file cannot be looked into.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            for info in package.infolist():
                if info.filename.lower().endswith(".xml"):
                    corner = _far_corner(package, info)
                    if corner:
                        return corner
    except (OSError, EOFError, zipfile.BadZipFile, zlib.error, RuntimeError, ValueError,
            NotImplementedError):
        pass  # damaged or encrypted: the readers say what is wrong with it
    return None


def _far_corner(package: zipfile.ZipFile, info: zipfile.ZipInfo) -> str | None:
    """Give the far corner <dimension> declares when the part's cells are too sparse for it."""
    with package.open(info) as stream:
        found = _DIMENSION.search(stream.read(HEAD_BYTES))
    if found is None or not _mostly_empty(_declared_box(found), info.file_size):
        return None
    with package.open(info) as stream:
        if not _mostly_empty(_value_box(stream), info.file_size):
            return None
    return (found[3] + found[4]).decode("ascii").upper()


def _mostly_empty(box: int, part_bytes: int) -> bool:
    # A cell with a value takes at least 15 bytes of XML, so a box of more cells than a
    # quarter of the part's bytes is at most a quarter full; the boxes left to calamine cost
    # it at most 8 bytes for each byte of the part.
    if box <= SMALL_BOX or box * BYTES_PER_CELL <= part_bytes:
        return False
    return box > BOX_CELLS or box * WIDE_BYTES_PER_CELL > part_bytes


def _declared_box(found: re.Match[bytes]) -> int:
    """Give the number of cells in the box a <dimension> declares."""
    first_col, first_row, last_col, last_row = found.groups()
    if last_col is None:
        return 1
    rows = abs(int(last_row) - int(first_row)) + 1
    return rows * (abs(_column(last_col) - _column(first_col)) + 1)


def _value_box(stream: IO[bytes]) -> int:
    """Give the number of cells in the box around the cells that hold something."""
    rows: list[int] = []
    cols: list[int] = []
    carried = b""
    while chunk := stream.read(CHUNK_BYTES):
        text = carried + chunk
        cut = text.rfind(b"<")  # a tag cut in two is read whole with the next chunk
        text, carried = (text[:cut], text[cut:]) if cut >= 0 else (text, b"")
        found = _VALUE_CELL.findall(text)
        if found:
            rows += (min(int(r) for _, r in found), max(int(r) for _, r in found))
            letters = {c for c, _ in found}
            cols += (min(map(_column, letters)), max(map(_column, letters)))
    found = _VALUE_CELL.findall(carried)
    rows += (int(r) for _, r in found)
    cols += (_column(c) for c, _ in found)
    if not rows:
        return 0
    return (max(rows) - min(rows) + 1) * (max(cols) - min(cols) + 1)


def _column(letters: bytes) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - 64
    return number
