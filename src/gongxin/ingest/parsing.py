"""Read a file into records and problems against a kind's schema: no database, no writing.

This is the part of an import that touches the file's bytes, so it is the part that runs in a
bounded worker process (``worker.py``); what it returns is plain data that crosses the pipe.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from gongxin.ingest.columns import Record, Schema, parse_rows
from gongxin.ingest.limits import FileLimits
from gongxin.ingest.problems import Problem, column_letter
from gongxin.ingest.reader import Table, open_table


@dataclass
class Parsed:
    records: list[Record]
    present: frozenset[str]
    errors: list[Problem]
    warnings: list[Problem]
    # key -> the header text the file used for it (``工业总产值(当年价格)`` or ``output``)
    headers: dict[str, str]

    @property
    def header_complete(self) -> bool:
        """Whether the header had no problem (only then do cross-row checks make sense)."""
        return not any(p.row == 1 for p in self.errors)

    def to_wire(self) -> tuple:
        """Compact, picklable form (records as tuples: far cheaper to send than objects)."""
        rows = [(r.row, r.values, r.ok) for r in self.records]
        return rows, self.present, self.errors, self.warnings, self.headers

    @classmethod
    def from_wire(cls, schema: Schema, wire: tuple) -> Parsed:
        rows, present, errors, warnings, headers = wire
        records = records_from_wire(schema, rows)
        return cls(records, present, errors, warnings, headers)


# Records per chunk a streaming parse hands on (about 2 MB pickled for a monthly file).
CHUNK_ROWS = 20_000

Sink = Callable[[list[tuple]], None]


def records_from_wire(schema: Schema, rows: list[tuple]) -> list[Record]:
    """Records from their wire tuples ``(row, values, ok)``."""
    index = schema.index
    return [Record(row, values, index, ok) for row, values, ok in rows]


def parse_table(schema: Schema, table: Table, sink: Sink | None = None) -> Parsed:
    """Every record and every problem of ``table``.

    A header problem (an unknown, repeated or missing column) does not stop the rows from
    being read: the known columns of every row are checked too, so one report lists all.

    With ``sink``, the records are not kept: they go to ``sink`` as wire tuples ``(row,
    values, ok)``, ``CHUNK_ROWS`` at a time, as they are read (the worker sends them on while
    it reads the rest), and the result holds everything else.
    """
    warnings = [Problem(None, None, w) for w in table.warnings]
    header_map, errors = schema.resolve(table.header)
    headers = {c.key: str(table.header[i]).strip() for i, c in header_map.by_index.items()}

    def key_of(col: int) -> str:
        column = header_map.by_index.get(col)
        return column.key if column else column_letter(col)

    issues = [Problem(i.row, key_of(i.col), i.message) for i in table.issues]
    errors = [p for p in issues if p.row == 1] + errors
    errors += [p for p in issues if p.row != 1]
    records: list[Record] = []
    chunk: list[tuple] = []
    for item in parse_rows(schema, header_map, table.rows()):
        if item.__class__ is not Record:
            errors.append(item)  # type: ignore[arg-type]
        elif sink is None:
            records.append(item)  # type: ignore[arg-type]
        else:
            chunk.append((item.row, item.values, item.ok))  # type: ignore[union-attr]
            if len(chunk) == CHUNK_ROWS:
                sink(chunk)
                chunk = []
    if chunk:
        sink(chunk)  # type: ignore[misc]
    return Parsed(records, header_map.present, errors, warnings, headers)


def parse_path(schema: Schema, path: Path, limits: FileLimits, sink: Sink | None = None) -> Parsed:
    """:func:`parse_table` of the file at ``path``, read within ``limits``."""
    with open_table(path, limits) as table:
        return parse_table(schema, table, sink)


def with_headers(problems: list[Problem], schema: Schema, headers: dict[str, str]) -> list[Problem]:
    """Problems naming their column as the file did (its header), else by its 中文表头."""
    labels = {c.key: c.label for c in schema.columns}
    out = []
    for p in problems:
        if p.column is None or p.header is not None:
            out.append(p)
            continue
        header = headers.get(p.column) or labels.get(p.column) or p.column
        out.append(replace(p, header=header))
    return out
