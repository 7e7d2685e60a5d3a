"""Readers that turn a workbook, a CSV folder or a Google Sheet into the same `RawBook`.

`read_book(location)` picks the reader by sniffing the content, not the extension.
"""

from ledgersite.sources.raw import CellValue, RawBook, RawSheet, column_letter

__all__ = ["CellValue", "RawBook", "RawSheet", "column_letter"]
