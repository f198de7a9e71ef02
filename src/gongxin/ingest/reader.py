"""Read an import file — CSV or XLSX, told apart by content — as a header and a stream of rows.

Rows are yielded one at a time with their spreadsheet row number, so a large file is never held
as text in memory: a CSV is iterated through the ``csv`` module, an XLSX through python-calamine
(a Rust reader, many times faster than openpyxl). Cells are returned as the file holds them:
strings for CSV; for XLSX also floats, booleans and dates. Turning cells into typed values is the
column schema's job (``schemas.py``).

Choices (also in ``docs/imports.md``):

* **Encoding.** UTF-8, with or without BOM. A CSV that is not valid UTF-8 but is valid GB18030 (a
  superset of GBK, what Windows Excel writes for "CSV (逗号分隔)" on a Chinese system) is read as
  GB18030 and the import carries a warning; the clerk sees the Chinese text in the report and
  can tell if it went wrong. The file is checked in a first streaming pass, so no half-read file
  ever reaches validation.
* **Formulas.** XLSX cells holding formulas are rejected: calamine returns the value Excel cached
  when it last saved, and a file written by other software may hold none or a stale one. They
  are found by scanning the first sheet's XML for ``<f>`` elements — one pass of C-speed regex
  over the decompressed part; only when one is found is the XML parsed to name the cells.
* **Merged cells** are rejected: only the top-left cell of a merged range holds the value, so the
  rest would silently read as empty.
* **Blank rows** (every cell empty) are skipped; their row numbers still count.
"""

from __future__ import annotations

import codecs
import csv
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import IO
from xml.etree import ElementTree

import python_calamine

from gongxin.ingest.problems import column_letter

ERR_EMPTY = "文件为空：第1行应为表头"
ERR_HEADER_BLANK = "第1行（表头）为空：文件第1行应为表头"
ERR_NOT_TABLE = "无法识别的文件：只接受 CSV（UTF-8 编码）或 Excel .xlsx 文件"
ERR_PDF = "这是 PDF 文件：请导入 CSV（UTF-8 编码）或 Excel .xlsx 文件"
ERR_XLS = (
    "这是旧版 Excel（.xls）文件或加密的工作簿：请在 Excel 中“另存为” .xlsx 或"
    "“CSV UTF-8（逗号分隔）”后再导入"
)
ERR_ZIP_NOT_XLSX = "这是 ZIP 格式的文件但不是 Excel .xlsx 工作簿（如 Word 文档或压缩包）"
ERR_XLSX_BROKEN = "Excel 文件无法读取，可能已损坏：{detail}"
ERR_UTF16 = "文件是 UTF-16 编码（Excel“Unicode 文本”）：请另存为“CSV UTF-8（逗号分隔）”"
ERR_ENCODING = (
    "文件不是 UTF-8 或 GBK 编码的文本（第 {line} 行附近无法解码）：请在 Excel 中"
    "“另存为 CSV UTF-8（逗号分隔）”"
)
ERR_CSV_SYNTAX = "CSV 格式错误（第 {line} 行）：{detail}"
ERR_FORMULA = "单元格 {cell} 含公式：请把公式转为数值（复制后“选择性粘贴—数值”）再导入"
ERR_MERGED_HEADER = "表头有合并单元格 {ref}：请取消合并，每列一个表头"
ERR_MERGED = "合并单元格 {ref}：请取消合并，在每个单元格填写各自的值"
WARN_GB18030 = (
    "文件不是 UTF-8 编码，已按 GBK/GB18030（中文版 Windows Excel 的默认编码）读取：请核对报告中的"
    "中文是否正确；建议今后另存为“CSV UTF-8（逗号分隔）”"
)

CSV = "csv"
XLSX = "xlsx"

_CHUNK = 1 << 20
_ZIP_MAGIC = b"PK\x03\x04"
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and password-protected .xlsx
_FORMULA_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s/>]")
_CELL_REF = re.compile(r"^([A-Z]+)(\d+)$")
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_STRICT_REL_NS = "http://purl.oclc.org/ooxml/officeDocument/relationships"


class FileFormatError(Exception):
    """The file as a whole cannot be read as a table; the message is for the clerk."""


@dataclass(frozen=True, slots=True)
class CellIssue:
    """A problem the reader sees in one cell: 0-based column index, spreadsheet row number."""

    row: int
    col: int
    message: str


@dataclass
class Table:
    """An open import file: its header, the stream of its data rows, what the reader noticed."""

    format: str
    header: list[object]
    issues: list[CellIssue] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    _rows: Iterator[list[object]] | None = None
    _closers: list = field(default_factory=list)

    def rows(self) -> Iterator[tuple[int, list[object]]]:
        """``(row number, cells)`` for every non-blank data row; the header is row 1."""
        assert self._rows is not None
        for number, cells in enumerate(self._rows, start=2):
            # any(not _is_blank(c) for c in cells), inlined: this runs for every row, and a
            # data row almost always stops at its first cell.
            for c in cells:
                if c is not None and (not isinstance(c, str) or (c and not c.isspace())):
                    yield number, cells
                    break

    def close(self) -> None:
        for closer in self._closers:
            closer()
        self._closers.clear()
        # Drop the row stream too: for XLSX it holds calamine's sheet, every cell of it, which
        # the rest of the import (writing, the snapshot) has no use for.
        self._rows = None

    def __enter__(self) -> Table:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _is_blank(cell: object) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def open_table(path: Path) -> Table:
    """Open ``path`` as a table; raises :class:`FileFormatError` if it is not CSV or XLSX."""
    with open(path, "rb") as fh:
        head = fh.read(8)
    if not head:
        raise FileFormatError(ERR_EMPTY)
    if head.startswith(_ZIP_MAGIC):
        return _open_xlsx(path)
    if head.startswith(b"%PDF"):
        raise FileFormatError(ERR_PDF)
    if head.startswith(_OLE2_MAGIC):
        raise FileFormatError(ERR_XLS)
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise FileFormatError(ERR_UTF16)
    return _open_csv(path)


# --- CSV -------------------------------------------------------------------------------------


def _sniff_encoding(path: Path) -> str:
    """``utf-8-sig`` or ``gb18030``, decided by decoding the whole file in a streaming pass."""
    failures: dict[str, int] = {}
    for encoding in ("utf-8-sig", "gb18030"):
        decoder = codecs.getincrementaldecoder(encoding)()
        line = 1
        chunk = b""
        try:
            with open(path, "rb") as fh:
                while chunk := fh.read(_CHUNK):
                    if b"\x00" in chunk:
                        # No text file a clerk means to import contains NUL; a binary one does.
                        raise FileFormatError(ERR_NOT_TABLE)
                    line += decoder.decode(chunk).count("\n")
                decoder.decode(b"", final=True)
            return encoding
        except UnicodeDecodeError as exc:
            failures[encoding] = line + chunk[: exc.start].count(b"\n")
    raise FileFormatError(ERR_ENCODING.format(line=failures["utf-8-sig"]))


def _open_csv(path: Path) -> Table:
    encoding = _sniff_encoding(path)
    fh: IO[str] = open(path, encoding=encoding, newline="")  # noqa: SIM115 — closed by Table
    reader = csv.reader(fh)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        fh.close()
        raise FileFormatError(ERR_CSV_SYNTAX.format(line=reader.line_num, detail=exc)) from exc
    if header is None:
        fh.close()
        raise FileFormatError(ERR_EMPTY)
    if all(_is_blank(c) for c in header):
        fh.close()
        raise FileFormatError(ERR_HEADER_BLANK)

    def rows() -> Iterator[list[object]]:
        try:
            yield from reader
        except csv.Error as exc:
            raise FileFormatError(ERR_CSV_SYNTAX.format(line=reader.line_num, detail=exc)) from exc

    table = Table(format=CSV, header=list(header), _rows=rows(), _closers=[fh.close])
    if encoding == "gb18030":
        table.warnings.append(WARN_GB18030)
    return table


# --- XLSX ------------------------------------------------------------------------------------

_CALAMINE_ERRORS: tuple[type[Exception], ...] = tuple(
    getattr(python_calamine, name)
    for name in ("CalamineError", "ZipError", "XmlError", "PasswordError", "WorksheetNotFound")
    if hasattr(python_calamine, name)
)


def _open_xlsx(path: Path) -> Table:
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            if "xl/workbook.xml" not in names:
                raise FileFormatError(ERR_ZIP_NOT_XLSX)
            formula_cells = _formula_cells(zf)
    except zipfile.BadZipFile as exc:
        raise FileFormatError(ERR_XLSX_BROKEN.format(detail=exc)) from exc
    try:
        workbook = python_calamine.load_workbook(str(path))
        sheet = workbook.get_sheet_by_index(0)
    except _CALAMINE_ERRORS as exc:
        raise FileFormatError(ERR_XLSX_BROKEN.format(detail=exc)) from exc

    # calamine's rows start at the sheet's first row but its columns at the first used column;
    # pad so that column indexes (and the letters in messages) are the sheet's own.
    start = sheet.start
    pad = [""] * (start[1] if start else 0)
    raw = iter(sheet.iter_rows())
    header = next(raw, None)
    if header is None:
        workbook.close()
        raise FileFormatError(ERR_EMPTY)
    header = pad + list(header)
    if all(_is_blank(c) for c in header):
        workbook.close()
        raise FileFormatError(ERR_HEADER_BLANK)

    issues = [
        CellIssue(row, col, ERR_FORMULA.format(cell=_ref(row, col))) for row, col in formula_cells
    ]
    for (r0, c0), (r1, c1) in sheet.merged_cell_ranges or ():
        ref = f"{_ref(r0 + 1, c0)}:{_ref(r1 + 1, c1)}"
        message = ERR_MERGED_HEADER if r0 == 0 else ERR_MERGED
        issues.append(CellIssue(r0 + 1, c0, message.format(ref=ref)))

    # calamine yields a new list per row: no copy unless the row must be padded.
    rows = (pad + list(r) for r in raw) if pad else raw
    return Table(format=XLSX, header=header, issues=issues, _rows=rows, _closers=[workbook.close])


def _ref(row: int, col: int) -> str:
    return f"{column_letter(col)}{row}"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _first_sheet_part(zf: zipfile.ZipFile) -> str | None:
    """The zip member holding the workbook's first sheet (the one calamine reads as index 0)."""
    workbook = ElementTree.fromstring(zf.read("xl/workbook.xml"))
    sheet = next((e for e in workbook.iter() if _local(e.tag) == "sheet"), None)
    if sheet is None:
        return None
    rel_id = sheet.get(f"{{{_REL_NS}}}id") or sheet.get(f"{{{_STRICT_REL_NS}}}id")
    try:
        rels = ElementTree.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    except KeyError:
        return None
    for rel in rels:
        if rel.get("Id") == rel_id:
            target = rel.get("Target", "")
            return target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return None


def _formula_cells(zf: zipfile.ZipFile) -> list[tuple[int, int]]:
    """(row number, 0-based column) of every formula cell on the first sheet."""
    part = _first_sheet_part(zf)
    if part is None or part not in zf.namelist():
        return []
    found = False
    tail = b""
    with zf.open(part) as fh:
        while chunk := fh.read(_CHUNK):
            window = tail + chunk
            # Every match of _FORMULA_TAG contains "<f" or ":f"; a substring search (C speed,
            # several times faster than the regex over ~40 MB of cells) rules most chunks out.
            if (b"<f" in window or b":f" in window) and _FORMULA_TAG.search(window):
                found = True
                break
            tail = chunk[-32:]  # a tag split across two chunks
    if not found:
        return []
    cells: list[tuple[int, int]] = []
    with zf.open(part) as fh:
        for _, elem in ElementTree.iterparse(fh, events=("end",)):
            name = _local(elem.tag)
            if name == "c":
                if any(_local(child.tag) == "f" for child in elem):
                    match = _CELL_REF.match(elem.get("r", ""))
                    if match:
                        cells.append((int(match.group(2)), _column_index(match.group(1))))
                elem.clear()
            elif name == "row":
                elem.clear()
    return cells


def _column_index(letters: str) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + (ord(ch) - ord("A") + 1)
    return index - 1
