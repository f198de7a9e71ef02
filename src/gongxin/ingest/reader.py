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
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import IO
from xml.etree import ElementTree

import python_calamine

from gongxin.ingest import limits as L
from gongxin.ingest.limits import LIMITS, FileLimits
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


def open_table(path: Path, limits: FileLimits = LIMITS) -> Table:
    """Open ``path`` as a table; raises :class:`FileFormatError` if it is not CSV or XLSX.

    An XLSX file is measured (``_xlsx_extent``) before the XLSX reader sees it, a CSV as it is
    read: beyond ``limits`` it is refused with a message naming the limit.
    """
    with open(path, "rb") as fh:
        head = fh.read(8)
    if not head:
        raise FileFormatError(ERR_EMPTY)
    if head.startswith(_ZIP_MAGIC):
        return _open_xlsx(path, limits)
    if head.startswith(b"%PDF"):
        raise FileFormatError(ERR_PDF)
    if head.startswith(_OLE2_MAGIC):
        raise FileFormatError(ERR_XLS)
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise FileFormatError(ERR_UTF16)
    return _open_csv(path, limits)


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


def _csv_error(reader, exc: csv.Error, limits: FileLimits) -> FileFormatError:
    if "field larger than field limit" in str(exc):
        return FileFormatError(
            L.ERR_CSV_FIELD.format(line=reader.line_num, limit=limits.max_field_chars)
        )
    return FileFormatError(ERR_CSV_SYNTAX.format(line=reader.line_num, detail=exc))


def _open_csv(path: Path, limits: FileLimits) -> Table:
    encoding = _sniff_encoding(path)
    # The field limit is the csv module's, process-wide: set it for every read (the default,
    # 128 KB, is above ours).
    csv.field_size_limit(limits.max_field_chars)
    fh: IO[str] = open(path, encoding=encoding, newline="")  # noqa: SIM115 — closed by Table
    reader = csv.reader(fh)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        fh.close()
        raise _csv_error(reader, exc, limits) from exc
    if header is None:
        fh.close()
        raise FileFormatError(ERR_EMPTY)
    if all(_is_blank(c) for c in header):
        fh.close()
        raise FileFormatError(ERR_HEADER_BLANK)

    if len(header) > limits.max_columns:
        fh.close()
        raise FileFormatError(
            L.ERR_CSV_COLUMNS.format(row=1, count=len(header), limit=limits.max_columns)
        )
    max_rows, max_columns = limits.max_rows, limits.max_columns

    def rows() -> Iterator[list[object]]:
        number = 1
        try:
            for row in reader:
                number += 1
                if number > max_rows:
                    raise FileFormatError(L.ERR_CSV_ROWS.format(limit=max_rows))
                if len(row) > max_columns:
                    raise FileFormatError(
                        L.ERR_CSV_COLUMNS.format(row=number, count=len(row), limit=max_columns)
                    )
                yield row
        except csv.Error as exc:
            raise _csv_error(reader, exc, limits) from exc

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


def _open_xlsx(path: Path, limits: FileLimits) -> Table:
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            if "xl/workbook.xml" not in names:
                raise FileFormatError(ERR_ZIP_NOT_XLSX)
            _check_zip(zf, limits)
            part = _first_sheet_part(zf)
            extent = _xlsx_extent(zf, part, limits) if part in names else None
            formula_cells = _formula_cells(zf, part) if extent and extent.formulas else []
    except zipfile.BadZipFile as exc:
        raise FileFormatError(ERR_XLSX_BROKEN.format(detail=exc)) from exc
    except (ElementTree.ParseError, zlib.error, EOFError) as exc:
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


def _check_zip(zf: zipfile.ZipFile, limits: FileLimits) -> None:
    """Refuse a zip whose members *declare* too much: sizes are read, nothing is extracted.

    A member that holds more than it declares fails its CRC check when read (``zipfile`` stops
    at the declared size), so the declared sizes bound what reading can produce.
    """
    members = zf.infolist()
    if len(members) > limits.max_members:
        raise FileFormatError(L.ERR_MEMBERS.format(count=len(members), limit=limits.max_members))
    total = sum(m.file_size for m in members)
    if total > limits.max_uncompressed_bytes:
        raise FileFormatError(
            L.ERR_UNCOMPRESSED.format(limit=L.mb(limits.max_uncompressed_bytes), size=L.mb(total))
        )
    for m in members:
        if m.file_size >= limits.ratio_min_bytes:
            ratio = m.file_size / max(m.compress_size, 1)
            if ratio > limits.max_ratio:
                raise FileFormatError(
                    L.ERR_RATIO.format(
                        name=m.filename, ratio=f"{ratio:.0f}", limit=limits.max_ratio
                    )
                )


@dataclass(frozen=True)
class Extent:
    """How far a sheet reaches: rows and columns up to its last cell; whether it has formulas."""

    rows: int
    columns: int
    formulas: bool


_NS = rb"(?:[A-Za-z_][\w.-]*:)?"
_DIMENSION = re.compile(rb"<" + _NS + rb'dimension\s[^>]*?ref="([A-Z]+)?(\d+)?(?::([A-Z]+)(\d+))?"')
_ROW_TAG = re.compile(rb"<" + _NS + rb"row[\s>/]")
_ROW_REF = re.compile(rb"<" + _NS + rb'row\s[^>]*?\br="(\d+)"')
# A cell whose column needs two or three letters (AA…XFD): single-letter columns end at Z.
_WIDE_CELL = re.compile(rb'\sr="([A-Z]{2,3})\d+"')
# A cell tag without an r attribute: its position is implicit (the next column).
_IMPLICIT_CELL = re.compile(rb"<" + _NS + rb"c(?=[\s/>])(?![^>]*\sr=)")


def _check_extent(rows: int, columns: int, ref: str, limits: FileLimits) -> None:
    if rows > limits.max_rows:
        raise FileFormatError(L.ERR_ROWS.format(limit=limits.max_rows, row=rows))
    if columns > limits.max_columns:
        raise FileFormatError(
            L.ERR_COLUMNS.format(limit=limits.max_columns, column=column_letter(columns - 1))
        )
    if rows * columns > limits.max_cells:
        raise FileFormatError(
            L.ERR_CELLS.format(ref=ref, cells=rows * columns, limit=limits.max_cells)
        )


def _xlsx_extent(zf: zipfile.ZipFile, part: str | None, limits: FileLimits) -> Extent:
    """Measure the first sheet in one streaming pass over its XML, before calamine reads it.

    The declared ``<dimension ref>`` is checked first (a quick refusal of the usual hostile
    file), but it is optional and may lie, so the pass also finds the last row and the widest
    column that cells name. Rows or cells without a position (legal, rare: their place is the
    next one) make the pass count them too, so a file cannot hide its extent that way.
    """
    max_row = 0
    implicit_rows = 0
    max_col = 0  # 1-based; 26 stands for "Z or before"
    implicit_cells = False
    formulas = False
    size = 0
    carry = b""
    first = True
    assert part is not None
    with zf.open(part) as fh:
        while chunk := fh.read(_CHUNK):
            size += len(chunk)
            if size > limits.max_uncompressed_bytes:
                raise FileFormatError(
                    L.ERR_UNCOMPRESSED.format(
                        limit=L.mb(limits.max_uncompressed_bytes), size=f"> {L.mb(size)}"
                    )
                )
            window = carry + chunk
            # Scan up to the last "<": a tag split across two reads is scanned whole next time.
            cut = window.rfind(b"<")
            if cut <= 0:
                cut = len(window)
            body, carry = window[:cut], window[cut:]
            if first:
                first = False
                dim = _DIMENSION.search(window)
                if dim and dim.group(3):
                    rows = int(dim.group(4))
                    cols = _column_index(dim.group(3).decode()) + 1
                    ref = dim.group(0).split(b'"')[1].decode()
                    _check_extent(rows, cols, ref, limits)
            tags = len(_ROW_TAG.findall(body))
            refs = [int(r) for r in _ROW_REF.findall(body)]
            if refs:
                max_row = max(max_row, *refs)
            implicit_rows += tags - len(refs)
            wide = _WIDE_CELL.findall(body)
            if wide:
                widest = max(wide, key=lambda w: (len(w), w))
                max_col = max(max_col, _column_index(widest.decode()) + 1)
            elif b' r="' in body:
                max_col = max(max_col, 26)
            if not implicit_cells and _IMPLICIT_CELL.search(body):
                implicit_cells = True
            if not formulas and (b"<f" in body or b":f" in body) and _FORMULA_TAG.search(body):
                formulas = True
            rows_now = max_row + implicit_rows
            if rows_now > limits.max_rows:
                _check_extent(rows_now, 1, "", limits)
    # Rows without a position follow the previous one: at most max_row + their count.
    rows = max_row + implicit_rows
    if implicit_cells:
        max_col = max(max_col, _widest_row(zf, part, limits))
    ref = f"A1:{column_letter(max(max_col, 1) - 1)}{max(rows, 1)}"
    _check_extent(rows, max_col, ref, limits)
    return Extent(rows=rows, columns=max_col, formulas=formulas)


def _widest_row(zf: zipfile.ZipFile, part: str, limits: FileLimits) -> int:
    """Columns of the widest row, counting cells without a position (a slower, rare pass)."""
    widest = 0
    with zf.open(part) as fh:
        for _, elem in ElementTree.iterparse(fh, events=("end",)):
            if _local(elem.tag) != "row":
                continue
            col = 0
            for cell in elem:
                if _local(cell.tag) != "c":
                    continue
                match = _CELL_REF.match(cell.get("r", ""))
                col = _column_index(match.group(1)) + 1 if match else col + 1
                widest = max(widest, col)
                if widest > limits.max_columns:
                    return widest
            elem.clear()
    return widest


def _formula_cells(zf: zipfile.ZipFile, part: str | None) -> list[tuple[int, int]]:
    """(row number, 0-based column) of every formula cell on the first sheet."""
    if part is None:
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
