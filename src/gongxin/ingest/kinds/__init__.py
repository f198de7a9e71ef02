"""Import kinds: one module per kind of file, found by looking in this package.

Each module defines ``KIND = ImportKind(...)`` — its column schema, a ``check`` that validates
the parsed records against the database and each other, a ``write`` that stores them, and the
Chinese summary line. ``gongxin import`` offers exactly the kinds that have a module here.

Adding a kind (daily electricity is next):
1. its columns in ``ingest/schemas.py``, exactly as the data contract's table;
2. ``ingest/kinds/<kind>.py`` with ``KIND``; ``check`` returns errors and warnings as
   ``Problem(row, key, reason)`` with reasons as module constants; ``write`` stores through the
   owning app's services (never model calls scattered here) and returns counts;
3. the kind in ``ImportBatch.Kind`` if it is not there yet (ingest/models.py, a migration);
4. tests in ``tests/ingest/`` and its section in ``docs/imports.md``.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from gongxin.ingest.columns import Record, Schema
from gongxin.ingest.problems import Problem

if TYPE_CHECKING:  # this package is imported to list the kinds before Django is set up
    from gongxin.ingest.models import ImportBatch


@dataclass
class Findings:
    """What ``check`` found: errors block the import, warnings are reported with it."""

    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def error(self, row: int, column: str, message: str) -> None:
        self.errors.append(Problem(row, column, message))

    def warn(self, row: int, column: str, message: str) -> None:
        self.warnings.append(Problem(row, column, message))


@dataclass(frozen=True)
class WriteContext:
    batch: ImportBatch
    actor: str
    now: datetime
    present: frozenset[str]  # the schema keys the file has a column for
    # A kind whose write changes nothing the analytic snapshot holds except adding monthly
    # reports puts the rows it inserted here (in stats.services.MONTHLY_INSERT order): the
    # import then appends them to the previous snapshot instead of rebuilding it. Every other
    # kind leaves it empty, and the snapshot is rebuilt in full.
    monthly_rows: list[tuple] = field(default_factory=list)


@dataclass(frozen=True)
class ImportKind:
    name: str
    schema: Schema
    # (every row's record, the keys present in the header) -> findings
    check: Callable[[Sequence[Record], frozenset[str]], Findings]
    # -> counts for the report; "written" (records created or changed) is required: 0 means
    # the import changed nothing, so the data version and the snapshot stay as they are
    write: Callable[[Sequence[Record], WriteContext], dict[str, int]]
    summary_line: Callable[[dict[str, int]], str]
    # Whether the kind's records feed the analytic snapshot: if not (daily electricity, read by
    # dispatch from the database), an import neither bumps the data version nor rebuilds it.
    in_snapshot: bool = True

    @property
    def label(self) -> str:
        return self.schema.label


def kind_names() -> list[str]:
    """The kinds that have a module here, without importing them (no Django needed).

    A kind named with a hyphen (``chain-map``) lives in a module with an underscore.
    """
    return sorted(
        info.name.replace("_", "-") for info in pkgutil.iter_modules(__path__) if not info.ispkg
    )


@functools.cache
def import_kinds() -> dict[str, ImportKind]:
    """Every kind with a module in this package, by name (Django must be set up)."""
    kinds: dict[str, ImportKind] = {}
    for name in kind_names():
        kind = importlib.import_module(f"{__name__}.{name.replace('-', '_')}").KIND
        if not isinstance(kind, ImportKind) or kind.name != name:
            raise TypeError(f"{__name__}.{name}.KIND 应为名为 {name!r} 的 ImportKind")
        kinds[name] = kind
    return kinds
