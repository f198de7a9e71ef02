"""What the engine returns: rows of ``{"indicator", "member", "name", "value", "unit"}``.

The engine fetches one wide block per dimension (members × indicators) and expands it into
rows only when ``rows`` is first read, so that a full cube over half a million enterprises
costs its expansion only to callers who want it as rows.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

Row = dict[str, Any]


@dataclass(frozen=True)
class Column:
    indicator: str
    unit: str
    integer: bool
    values: Sequence[Any]  # one per member; None where undefined


@dataclass(frozen=True)
class Block:
    """One dimension's members, in display order, and their indicator values."""

    dim: str
    members: Sequence[str]
    names: Sequence[str]
    columns: tuple[Column, ...]


def _plain(values: Sequence[Any]) -> list[Any]:
    """Python values of a column: numpy arrays (masked where NULL) become lists with None."""
    tolist = getattr(values, "tolist", None)
    return list(tolist()) if tolist is not None else list(values)


def clean(value: Any, integer: bool) -> float | int | None:
    """A JSON-safe value: None for missing, NaN or infinite; int for counts and ranks."""
    if value is None:
        return None
    number = float(value)
    if not math.isfinite(number):
        return None
    return round(number) if integer else number


@dataclass(frozen=True)
class Result:
    blocks: tuple[Block, ...]
    notes: list[str] = field(default_factory=list)
    data_version: str | None = None
    with_dim: bool = False  # cube rows also carry "dim"

    @cached_property
    def rows(self) -> list[Row]:
        """Rows by dimension, then indicator in request order, then member in display order."""
        rows: list[Row] = []
        for block in self.blocks:
            members, names = _plain(block.members), _plain(block.names)
            for column in block.columns:
                for member, name, value in zip(members, names, _plain(column.values), strict=True):
                    row: Row = {
                        "indicator": column.indicator,
                        "member": member,
                        "name": name,
                        "value": clean(value, column.integer),
                        "unit": column.unit,
                    }
                    if self.with_dim:
                        row = {"dim": block.dim, **row}
                    rows.append(row)
        return rows

    def __len__(self) -> int:
        return sum(len(b.members) * len(b.columns) for b in self.blocks)

    def values(self, indicator: str, dim: str | None = None) -> dict[str, float | int | None]:
        """``{member: value}`` of one indicator (in ``dim`` for a cube)."""
        for block in self.blocks:
            if dim is not None and block.dim != dim:
                continue
            for column in block.columns:
                if column.indicator == indicator:
                    return {
                        str(m): clean(v, column.integer)
                        for m, v in zip(_plain(block.members), _plain(column.values), strict=True)
                    }
        raise KeyError(indicator if dim is None else (indicator, dim))

    def value(self, indicator: str, member: str, dim: str | None = None) -> float | int | None:
        return self.values(indicator, dim)[member]
