# ruff: noqa: E501 — OOXML boilerplate is clearer on one line per part
"""Hostile import files, written by the tests themselves (never stored in the repository).

Each is a minimal but valid XLSX package written part by part with ``zipfile``, so the test
controls exactly what the sheet XML declares and holds.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)
_SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)


def _cell(ref: str, value: object) -> str:
    if isinstance(value, str):
        return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'
    return f'<c r="{ref}"><v>{value}</v></c>'


def header_row(headers: list[str]) -> str:
    cells = "".join(_cell(f"{chr(ord('A') + i)}1", h) for i, h in enumerate(headers))
    return f'<row r="1">{cells}</row>'


def write_package(path: Path, sheet_chunks, *, level: int = 9) -> Path:
    """An XLSX whose first sheet's XML is the concatenation of ``sheet_chunks`` (streamed)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _RELS)
        zf.writestr("xl/workbook.xml", _WORKBOOK)
        zf.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            for chunk in sheet_chunks:
                fh.write(chunk.encode() if isinstance(chunk, str) else chunk)
    return path


def sparse_xlsx(path: Path, headers: list[str], *, dimension: str | None = "A1:XFD1048576"):
    """The header in row 1 and one cell at XFD1048576: ~1.6 KB that a dense reader allocates
    as 17 billion cells. ``dimension`` None leaves the declaration out; a small one lies."""
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    body = (
        _SHEET_HEAD
        + dim
        + "<sheetData>"
        + header_row(headers)
        + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
        + "</sheetData></worksheet>"
    )
    return write_package(path, [body])


def bomb_xlsx(path: Path, headers: list[str], *, size: int = 1 << 30):
    """A few MB zipped, ``size`` bytes of sheet XML: one cell holding a huge inline string."""

    def chunks():
        yield _SHEET_HEAD + "<sheetData>" + header_row(headers)
        yield '<row r="2"><c r="A2" t="inlineStr"><is><t>'
        block = b"A" * (1 << 22)
        for _ in range(size // len(block)):
            yield block
        yield "</t></is></c></row></sheetData></worksheet>"

    return write_package(path, chunks(), level=1)


def implicit_wide_xlsx(path: Path, headers: list[str], *, rows: int, width: int):
    """No dimension, and ``rows`` rows with ``width`` cells that carry no position (legal
    XML: each cell is the next column), so a reader cannot be told the extent up front."""

    def chunks():
        yield _SHEET_HEAD + "<sheetData>" + header_row(headers)
        yield "<row/>" * rows
        yield "<row>" + "<c><v>1</v></c>" * width + "</row>"
        yield "</sheetData></worksheet>"

    return write_package(path, chunks())
