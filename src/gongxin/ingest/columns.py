"""Column schemas: match a file's header to a kind's columns, and parse rows into records.

A header cell may be the column's English key or its 中文表头, in any order. Matching folds
what clerks' tools vary on: surrounding and inner spaces, full-width characters (``用地面积（亩）``
is ``用地面积(亩)``), and the case of a key (``USCC`` is ``uscc``). For example the header

    统一社会信用代码, 报告期 , Output, 工业销售产值

maps to ``uscc, period, output, sales``. A header matching no column is an error, never dropped:
a typo (``工业销售产直``) would otherwise silently lose a column of data.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from operator import itemgetter
from typing import Protocol

from gongxin.ingest.cells import CellError, Number, converter
from gongxin.ingest.problems import Problem, column_letter

ERR_REQUIRED = "必填，不能为空"
ERR_UNKNOWN_COLUMN = "未知列“{header}”：不是{kind}的列（列名可用英文键或中文表头）"
ERR_UNKNOWN_COLUMN_HINT = "未知列“{header}”：是否应为“{label}”（{key}）？"
ERR_DUPLICATE_COLUMN = "列重复：第 {first} 列与第 {second} 列都是“{label}”"
ERR_MISSING_COLUMN = "缺少必填列“{label}”"
ERR_NO_HEADER = "第 {letter} 列有数据但没有表头"


class CellType(Protocol):
    description: str

    def parse(self, cell: object) -> object: ...


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    type: CellType
    required: bool = False
    rule: str = ""  # the contract's rule, as documentation and for `--help`-style listings
    aliases: tuple[str, ...] = ()


def header_token(text: object) -> str:
    """What two header spellings must share to name the same column."""
    folded = unicodedata.normalize("NFKC", str(text or ""))
    return "".join(folded.split()).casefold()


@dataclass(frozen=True)
class HeaderMap:
    """Which file column holds which schema column."""

    by_index: dict[int, Column]
    width: int
    # Columns whose header cell is not blank, known or not: their data is never "data without
    # a header" (an unknown header is reported once, at the header).
    named: frozenset[int] = frozenset()

    @property
    def present(self) -> frozenset[str]:
        return frozenset(c.key for c in self.by_index.values())


@dataclass(frozen=True)
class Schema:
    kind: str
    label: str
    columns: tuple[Column, ...]
    _tokens: dict[str, Column] = field(init=False, repr=False, compare=False)
    index: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        tokens: dict[str, Column] = {}
        for column in self.columns:
            for name in (column.key, column.label, *column.aliases):
                token = header_token(name)
                if tokens.get(token, column) is not column:
                    raise ValueError(f"{self.kind}: 列名 {name!r} 对应两个列")
                tokens[token] = column
        object.__setattr__(self, "_tokens", tokens)
        object.__setattr__(self, "index", {c.key: i for i, c in enumerate(self.columns)})

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.columns)

    def resolve(self, header: list[object]) -> tuple[HeaderMap, list[Problem]]:
        """Map header cells to columns; every unknown, repeated or missing column is a problem."""
        problems: list[Problem] = []
        by_index: dict[int, Column] = {}
        first_at: dict[str, int] = {}
        named: set[int] = set()
        for i, cell in enumerate(header):
            token = header_token(cell)
            if not token:
                continue  # a blank header is fine while its column is empty (checked per row)
            named.add(i)
            column = self._tokens.get(token)
            if column is None:
                problems.append(Problem(1, str(cell).strip(), self._unknown(str(cell).strip())))
                continue
            if column.key in first_at:
                problems.append(
                    Problem(
                        1,
                        column.key,
                        ERR_DUPLICATE_COLUMN.format(
                            first=column_letter(first_at[column.key]),
                            second=column_letter(i),
                            label=column.label,
                        ),
                    )
                )
                continue
            first_at[column.key] = i
            by_index[i] = column
        for column in self.columns:
            if column.required and column.key not in first_at:
                problems.append(
                    Problem(1, column.key, ERR_MISSING_COLUMN.format(label=column.label))
                )
        return HeaderMap(by_index=by_index, width=len(header), named=frozenset(named)), problems

    def _unknown(self, header: str) -> str:
        names = {c.label: c for c in self.columns} | {c.key: c for c in self.columns}
        close = difflib.get_close_matches(header, list(names), n=1, cutoff=0.6)
        if close:
            column = names[close[0]]
            return ERR_UNKNOWN_COLUMN_HINT.format(header=header, label=column.label, key=column.key)
        return ERR_UNKNOWN_COLUMN.format(header=header, kind=self.label)


class Record:
    """One data row: its row number and its values in schema order (None = missing)."""

    __slots__ = ("_index", "ok", "row", "values")

    def __init__(self, row: int, values: list[object], index: dict[str, int], ok: bool) -> None:
        self.row = row
        self.values = values
        self._index = index
        self.ok = ok  # False when a cell of this row failed to parse

    def __getitem__(self, key: str) -> object:
        return self.values[self._index[key]]

    def __repr__(self) -> str:
        return f"Record(row={self.row}, {dict(zip(self._index, self.values, strict=True))})"


def _blank(cell: object) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


# Rows a CSV file's cells are converted at a time, column by column (``_chunk_values``).
CHUNK = 2048


def parse_rows(
    schema: Schema, header_map: HeaderMap, rows: Iterable[tuple[int, list[object]]]
) -> Iterator[Record | Problem]:
    """Yield a :class:`Record` per row, preceded by a :class:`Problem` per bad cell.

    A required column missing from the header is reported once, at the header, not per row.

    Rows are taken ``CHUNK`` at a time. A chunk of text cells that parse without a problem is
    converted column by column (``_chunk_values``: the same values, at a fraction of the
    cost); any other chunk — a problem in it, a short or long row, a non-text cell — goes
    cell by cell through the converters, which give every value and every reason.
    """
    # One entry per mapped column: (file index, schema slot, key, required, fast parse).
    plan = [
        (i, schema.index[col.key], col.key, col.required, converter(col.type))
        for i, col in sorted(header_map.by_index.items())
    ]
    columns = [
        (i, schema.index[col.key], col.required, converter(col.type), col.type)
        for i, col in sorted(header_map.by_index.items())
    ]
    width = len(schema.columns)
    index = schema.index
    # Columns by chunk only when every file column is known (nothing to report per row).
    by_chunk = len(header_map.by_index) == header_map.width
    reported_unheaded: set[int] = set()  # across chunks: such a column is reported once
    rows = iter(rows)
    while chunk := list(islice(rows, CHUNK)):
        values = _chunk_values(columns, width, header_map.width, chunk) if by_chunk else None
        if values is not None:
            for (number, _), row_values in zip(chunk, values, strict=True):
                yield Record(number, row_values, index, True)
            continue
        yield from _parse_slowly(plan, width, index, header_map, chunk, reported_unheaded)


def _chunk_values(
    columns: list[tuple[int, int, bool, Callable[[object], object], object]],
    width: int,
    file_width: int,
    chunk: list[tuple[int, list[object]]],
) -> list[list[object]] | None:
    """The values of every row of ``chunk``, column by column; None unless every cell is text
    of the header's width and parses without a problem (the caller then goes cell by cell).

    A number column is ``float()`` of its non-empty cells, as its converter's fast path, with
    the converter's conditions checked over the column at once: no ``_``, all finite, within
    the bounds; integer columns and the other types go through their converter per cell.
    """
    rows = [cells for _, cells in chunk]
    if set(map(len, rows)) != {file_width}:
        return None  # a short or long row
    out: list[list[object] | None] = [None] * width
    for i, slot, required, convert, cell_type in columns:
        cells = list(map(itemgetter(i), rows))
        try:
            text = "".join(cells)  # type: ignore[arg-type]
        except TypeError:
            return None  # a cell that is not text (XLSX numbers, dates, booleans)
        if isinstance(cell_type, Number) and not cell_type.integer:
            if "_" in text:
                return None
            try:
                floats = [float(c) for c in cells if c]  # type: ignore[arg-type]
            except ValueError:
                return None  # not a plain number, or a cell of blanks only
            if floats:
                total = sum(floats)
                if total - total != 0.0:
                    return None  # inf or nan somewhere (or a sum beyond the double range)
                if cell_type.minimum is not None and min(floats) < cell_type.minimum:
                    return None
                if cell_type.maximum is not None and max(floats) > cell_type.maximum:
                    return None
            if len(floats) == len(cells):
                column: list[object] = floats  # type: ignore[assignment]
            elif required:
                return None  # an empty required cell
            else:
                found = iter(floats)
                column = [next(found) if c else None for c in cells]
        else:
            try:
                column = [
                    convert(c) if c and not c.isspace() else None  # type: ignore[union-attr]
                    for c in cells
                ]
            except CellError:
                return None
            if required and None in column:
                return None
        out[slot] = column
    missing = [None] * len(chunk)
    return [list(v) for v in zip(*(c if c is not None else missing for c in out), strict=True)]


def _parse_slowly(
    plan: list[tuple[int, int, str, bool, Callable[[object], object]]],
    width: int,
    index: dict[str, int],
    header_map: HeaderMap,
    chunk: list[tuple[int, list[object]]],
    reported_unheaded: set[int],
) -> Iterator[Record | Problem]:
    """Cell by cell: every value and every problem of the rows in ``chunk``."""
    has_gaps = len(header_map.named) < header_map.width
    for number, cells in chunk:
        values: list[object] = [None] * width
        ok = True
        count = len(cells)
        for i, slot, key, required, convert in plan:
            cell = cells[i] if i < count else None
            # _blank(cell), inlined: for a str, ``not strip()`` is ``not cell or isspace()``.
            if cell is None or (isinstance(cell, str) and (not cell or cell.isspace())):
                if required:
                    ok = False
                    yield Problem(number, key, ERR_REQUIRED)
                continue
            try:
                values[slot] = convert(cell)
            except CellError as exc:
                ok = False
                yield Problem(number, key, str(exc))
        if has_gaps or len(cells) > header_map.width:
            for i, cell in enumerate(cells):
                if i in header_map.named or i in reported_unheaded or _blank(cell):
                    continue
                # Data under a blank header: report the column once, at its first such row.
                reported_unheaded.add(i)
                ok = False
                letter = column_letter(i)
                yield Problem(number, letter, ERR_NO_HEADER.format(letter=letter))
        yield Record(number, values, index, ok)
