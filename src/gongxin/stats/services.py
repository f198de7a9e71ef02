"""Writes of monthly reports and reference values: every change is a new revision.

A figure for a key already stored — an enterprise-month ``(uscc, ym)`` or a reference value
``(series, scope, period)`` — is written as revision ``max + 1`` with ``recorded_at = now``; older
revisions stay, so a query "as of" an earlier moment still sees what was known then. A figure
identical to the latest stored revision writes nothing and is counted as unchanged: re-importing
the same file is harmless and does not pile up revisions that differ only in time.

Monthly figures a source does not give (a column absent from the file, named in ``carry``) are
carried from the latest revision, so a correction file with ``period, uscc, output`` revises
the output and keeps the rest; a column that is present with an empty cell means "missing".

These functions write inside the caller's transaction; the caller bumps the data version.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

from django.db import connection, models, transaction

from gongxin.ingest.models import ImportBatch
from gongxin.registry.models import AuditEntry
from gongxin.registry.periods import ym_format
from gongxin.stats.models import MONTHLY_FIELDS, MonthlyReport, ReferenceValue

_BATCH = 2000
MONTHLY_INSERT = (
    "enterprise", "ym", "revision", "batch", "recorded_at", *MONTHLY_FIELDS, "combined",
)  # fmt: skip
_INSERT_BATCH = 5000


def _insert_rows(model: type[models.Model], fields: Sequence[str], rows: list[tuple]) -> None:
    """INSERT many rows with one prepared statement (``executemany``); on PostgreSQL, ``COPY``.

    ``bulk_create`` spends most of a 100,000-row import building model instances and preparing
    every value field by field, and on SQLite it may bind only 999 parameters per statement
    (55 monthly rows); a plain parameterised INSERT is several times faster on both backends.
    Values must already be in database form (see ``connection.ops.adapt_*``).
    """
    meta = model._meta
    columns = ", ".join(connection.ops.quote_name(meta.get_field(f).column) for f in fields)
    table = connection.ops.quote_name(meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and rows:
            # COPY streams the rows in one command: ~10× executemany's one round trip per row.
            # The raw psycopg cursor's errors are turned into Django's (IntegrityError: a
            # concurrent import wrote the same revision) as executemany's are.
            sql = f"COPY {table} ({columns}) FROM STDIN"
            with connection.wrap_database_errors, cursor.cursor.copy(sql) as copy:
                for row in rows:
                    copy.write_row(row)
            return
        marks = ", ".join(["%s"] * len(fields))
        sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"
        for start in range(0, len(rows), _INSERT_BATCH):
            cursor.executemany(sql, rows[start : start + _INSERT_BATCH])


class MonthlyFigures(NamedTuple):
    """One enterprise-month to record (a named tuple: an import builds 100,000 of them)."""

    uscc: str
    ym: int
    values: tuple[float | int | None, ...]  # in MONTHLY_FIELDS order
    combined: bool = False  # a 1—2月 report, stored as February's row


@dataclass(frozen=True, slots=True)
class ReferenceFigure:
    series: str
    scope: str
    period: str
    value: float


@dataclass
class RevisionSummary:
    created: int = 0  # keys stored for the first time (revision 1)
    revised: int = 0  # new revisions of stored keys whose figures changed
    unchanged: int = 0  # identical to the latest revision: nothing written
    audit_entries: int = 0
    # The rows inserted, as MONTHLY_INSERT orders them (monthly reports only): what an import
    # appends to the analytic snapshot without reading it back. Not part of the report.
    rows: list[tuple] = field(default_factory=list, repr=False, compare=False)

    @property
    def revisions(self) -> int:
        return self.created + self.revised

    def as_dict(self) -> dict[str, int]:
        return {
            "created": self.created,
            "revised": self.revised,
            "unchanged": self.unchanged,
            "revisions": self.revisions,
            "audit_entries": self.audit_entries,
        }


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _latest_monthly(yms: set[int]) -> dict[tuple[str, int], tuple[int, tuple | None]]:
    """``(uscc, ym) → (highest revision, figures of the latest counting one)`` in the months.

    A revision whose import was withdrawn keeps its number (the next one follows it) but its
    figures no longer count: None when no revision counts any more.
    """
    latest: dict[tuple[str, int], tuple[int, tuple | None]] = {}
    query = (
        MonthlyReport.objects.filter(ym__in=sorted(yms))
        .order_by("revision")
        .values_list(
            "enterprise_id", "ym", "revision", "batch__withdrawn_at", *MONTHLY_FIELDS, "combined"
        )
    )
    # The ORM's SQL on a plain cursor: Django's per-row converters cost seconds at 360,000
    # stored months, and only ``combined`` needs one (SQLite returns 0/1; withdrawn_at is
    # only compared with None).
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(10000):
            for uscc, ym, revision, withdrawn, *values in rows:
                if withdrawn is None:
                    values[-1] = bool(values[-1])
                    latest[(uscc, ym)] = (revision, tuple(values))  # the figures, then combined
                else:
                    previous = latest.get((uscc, ym))
                    latest[(uscc, ym)] = (revision, previous[1] if previous else None)
    return latest


@transaction.atomic
def monthly_reports_record(
    *,
    figures: Sequence[MonthlyFigures],
    batch: ImportBatch,
    actor: str,
    now: datetime,
    carry: frozenset[str] = frozenset(),
) -> RevisionSummary:
    """Store each enterprise-month as a new revision unless identical to the latest one."""
    summary = RevisionSummary()
    latest = _latest_monthly({f.ym for f in figures})
    carried = {i for i, name in enumerate(MONTHLY_FIELDS) if name in carry}
    recorded_at = connection.ops.adapt_datetimefield_value(now)
    batch_id = batch.pk
    # An import never holds one enterprise-month twice (validated); another caller might, and
    # then the later figure must see the earlier as stored. Only then is ``latest`` kept up to
    # date as rows are added (100,000 entries otherwise held for nothing).
    repeats = len({(f.uscc, f.ym) for f in figures}) != len(figures)
    rows: list[tuple] = summary.rows
    audit: list[AuditEntry] = []
    created = 0
    for uscc, ym, values, combined in figures:
        # the combined flag travels as the last value: a changed flag is a new revision
        values = (*values, bool(combined))
        stored = latest.get((uscc, ym))
        revision = 1
        if stored is not None and stored[1] is None:
            # every stored revision was withdrawn: new figures, numbered after them
            revision = stored[0] + 1
            created += 1
        elif stored is not None:
            old_revision, old_values = stored
            if carried:
                values = tuple(old_values[i] if i in carried else v for i, v in enumerate(values))
            if values == old_values:
                summary.unchanged += 1
                continue
            revision = old_revision + 1
            key = f"{uscc}/{ym_format(ym)}"
            for name, old, new in zip(
                (*MONTHLY_FIELDS, "combined"), old_values, values, strict=True
            ):
                if old != new:
                    audit.append(
                        AuditEntry(
                            actor=actor,
                            action="revise",
                            entity="monthly",
                            key=key,
                            field=name,
                            old=_text(old),
                            new=_text(new),
                            batch_id=batch_id,
                        )
                    )
            summary.revised += 1
        else:
            created += 1
        rows.append((uscc, ym, revision, batch_id, recorded_at, *values))
        if repeats:
            latest[(uscc, ym)] = (revision, values)
    summary.created = created
    _insert_rows(MonthlyReport, MONTHLY_INSERT, rows)
    AuditEntry.objects.bulk_create(audit, batch_size=_BATCH)
    summary.audit_entries = len(audit)
    return summary


@transaction.atomic
def reference_values_record(
    *, figures: Sequence[ReferenceFigure], batch: ImportBatch | None, actor: str, now: datetime
) -> RevisionSummary:
    """Store each reference value as a new revision unless identical to the latest one.

    Every value written is audited (reference files are small, and a changed PPI or target
    moves every derived indicator).
    """
    summary = RevisionSummary()
    series = {f.series for f in figures}
    latest: dict[tuple[str, str, str], tuple[int, float]] = {}
    for s, scope, period, revision, withdrawn, value in (
        ReferenceValue.objects.filter(series__in=sorted(series))
        .order_by("revision")
        .values_list("series", "scope", "period", "revision", "batch__withdrawn_at", "value")
    ):
        if withdrawn is not None:  # numbered, no longer counting (see _latest_monthly)
            previous = latest.get((s, scope, period))
            value = previous[1] if previous else None
        latest[(s, scope, period)] = (revision, value)
    rows: list[ReferenceValue] = []
    audit: list[AuditEntry] = []
    for item in figures:
        key = (item.series, item.scope, item.period)
        stored = latest.get(key)
        if stored is not None and stored[1] == item.value:
            summary.unchanged += 1
            continue
        revision = 1 if stored is None else stored[0] + 1
        if stored is None:
            summary.created += 1
        else:
            summary.revised += 1
        rows.append(
            ReferenceValue(
                series=item.series,
                scope=item.scope,
                period=item.period,
                revision=revision,
                batch=batch,
                recorded_at=now,
                value=item.value,
            )
        )
        audit.append(
            AuditEntry(
                actor=actor,
                action="import" if stored is None else "revise",
                entity="reference",
                key="/".join(key),
                field="value",
                old="" if stored is None else _text(stored[1]),
                new=_text(item.value),
                batch_id=batch.pk if batch else None,
            )
        )
        latest[key] = (revision, item.value)
    ReferenceValue.objects.bulk_create(rows, batch_size=_BATCH)
    AuditEntry.objects.bulk_create(audit, batch_size=_BATCH)
    summary.audit_entries = len(audit)
    return summary
