"""Cells of downloaded spreadsheets that a spreadsheet program cannot evaluate.

A roster name such as ``=HYPERLINK("http://x","y")`` is data; written as it is into an XLSX
with ``write()``/``write_row()`` or into a CSV opened in Excel or WPS it becomes a live formula
(CSV/formula injection, OWASP). Every export therefore writes text through these helpers:

- XLSX: text cells with ``write_string`` (stored as a shared string, never a formula), numbers
  with ``write_number``; workbooks are opened with ``WORKBOOK_OPTIONS`` as a second guard.
- CSV: a *text* cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
  leading apostrophe (OWASP's advice); numbers are written as numbers, never prefixed, so a
  negative growth rate stays ``-3.2``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
WORKBOOK_OPTIONS = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}


def csv_text(value: Any) -> Any:
    """The CSV cell for ``value``: text that a spreadsheet would evaluate gets a leading ``'``."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def csv_row(row: Mapping[str, Any]) -> dict[str, Any]:
    return {key: csv_text(value) for key, value in row.items()}


def xlsx_write(sheet: Any, row: int, col: int, value: Any, fmt: Any = None) -> None:
    """One XLSX cell: numbers as numbers, None as blank, anything else as a text string."""
    if value is None:
        sheet.write_blank(row, col, None, fmt)
    elif isinstance(value, bool):
        sheet.write_string(row, col, "是" if value else "否", fmt)
    elif isinstance(value, int | float):
        sheet.write_number(row, col, value, fmt)
    else:
        sheet.write_string(row, col, str(value), fmt)


def xlsx_write_row(sheet: Any, row: int, col: int, values: Iterable[Any], fmt: Any = None) -> None:
    for offset, value in enumerate(values):
        xlsx_write(sheet, row, col + offset, value, fmt)
