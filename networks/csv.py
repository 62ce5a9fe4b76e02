"""Spreadsheet-safe CSV, shared by every export (pledges, network data, incidents)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> str:
    """A value safe to open in a spreadsheet: text that a spreadsheet would read as a formula
    gets a leading apostrophe, which shows it as the text it is."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_TRIGGERS) or text.lstrip().startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def csv_bytes(rows: Iterable[Iterable[object]]) -> bytes:
    """Rows as a UTF-8 CSV file, every cell neutralised; the byte-order mark lets spreadsheets
    read it as UTF-8 (names in any script)."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
    return buffer.getvalue().encode("utf-8")
