"""Writes of key projects: plans with their baseline and revisions, monthly reports.

Called by the import kinds (``ingest/kinds/projects.py``, ``project_progress.py``) inside the
import's transaction; every created or changed record is audited (a new project once, a revised
plan or report field by field; new monthly reports are covered by the batch's own audit entry).
Who may import at all is the importer's and the upload page's check.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import NamedTuple

from django.db import connection, models, transaction
from django.db.models import F, Value
from django.db.models.functions import JSONObject

from gongxin.projects.figures import year_to_date
from gongxin.projects.models import (
    PLAN_FIELDS,
    Project,
    ProjectPlanRevision,
    ProjectProgress,
    ProjectYtd,
)
from gongxin.projects.signals import projects_changed
from gongxin.registry.models import AuditEntry, Enterprise

INSERT_BATCH = 5000
ENTITY_PROJECT = "project"
ENTITY_PROGRESS = "project_progress"


class PlanRow(NamedTuple):
    code: str
    year: int
    values: dict[str, object]  # PLAN_FIELDS -> value


class ProgressRow(NamedTuple):  # a tuple: a province's file has 240,000 of them
    code: str
    ym: int
    investment: float
    started_on: dt.date | None
    in_stats_on: dt.date | None
    production_on: dt.date | None
    problem: str


@dataclass
class WriteSummary:
    created: int = 0
    revised: int = 0
    unchanged: int = 0
    audit_entries: int = 0
    extra: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, int]:
        return {
            "created": self.created,
            "revised": self.revised,
            "unchanged": self.unchanged,
            "audit_entries": self.audit_entries,
        }


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _iso(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


# A revised plan as JSON text (dates as ISO text); baselines are built by the database.
_JSON = json.JSONEncoder(ensure_ascii=False, default=_iso)
NO_CHANGES = "[]"  # the ``changed`` of a baseline revision, already JSON


def _db(value: object) -> object:
    """A value in database form for a raw statement (dates and times adapted, dicts as JSON)."""
    if isinstance(value, dt.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, dt.date):
        return connection.ops.adapt_datefield_value(value)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return value


def _adapters(model: type[models.Model], fields: Sequence[str]) -> list[tuple[int, Callable]]:
    """(position, adapter) of the fields that need adapting for a raw INSERT: dates, times (one
    ``now`` per import, adapted once) and JSON. Bound once per statement: ``connection.ops``
    goes through a thread-local proxy on every access, a cost at 240,000 rows."""
    ops = connection.ops

    def adapt_json(value: object) -> str:
        return value if isinstance(value, str) else _JSON.encode(value)

    out = []
    for i, name in enumerate(fields):
        field = model._meta.get_field(name)
        if isinstance(field, models.DateTimeField):
            out.append((i, _remembered(ops.adapt_datetimefield_value)))
        elif isinstance(field, models.DateField):
            out.append((i, _remembered(ops.adapt_datefield_value)))
        elif isinstance(field, models.JSONField):
            out.append((i, adapt_json))
    return out


def _remembered(adapt: Callable[[object], object]) -> Callable[[object], object]:
    """``adapt`` remembering its result per value: an import's dates and its one ``now`` repeat
    over hundreds of thousands of rows."""
    done: dict[object, object] = {}

    def remembered(value: object) -> object:
        try:
            return done[value]
        except KeyError:
            result = done[value] = adapt(value)
            return result

    return remembered


def _insert(model: type[models.Model], fields: Sequence[str], rows: list[tuple]) -> None:
    """INSERT many rows with one prepared statement (``executemany``).

    ``bulk_create`` prepares every value field by field on model instances: for a province's
    240,000 monthly rows that is most of an import. Only the values that need it are adapted.
    """
    meta = model._meta
    columns = ", ".join(connection.ops.quote_name(meta.get_field(f).column) for f in fields)
    table = connection.ops.quote_name(meta.db_table)
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"
    adapters = _adapters(model, fields)

    def prepared(chunk: list[tuple]) -> list[tuple]:
        # Column by column: a few ``map`` calls per chunk instead of a copy of every row.
        columns: list[Sequence] = list(zip(*chunk, strict=True))
        for i, adapt in adapters:
            columns[i] = list(map(adapt, columns[i]))
        return list(zip(*columns, strict=True))

    with connection.cursor() as cursor:
        for start in range(0, len(rows), INSERT_BATCH):
            chunk = rows[start : start + INSERT_BATCH]
            cursor.executemany(sql, prepared(chunk) if adapters else chunk)


AUDIT_FIELDS = ("at", "actor", "action", "entity", "key", "field", "old", "new", "batch_id")


def _insert_audits(audits: list[tuple], now: dt.datetime) -> None:
    """``audits``: ``(actor, action, entity, key, field, old, new, batch_id)`` tuples."""
    _insert(AuditEntry, AUDIT_FIELDS, [(now, *a) for a in audits])


def _audit(
    actor: str,
    batch_id: int | None,
    action: str,
    entity: str,
    key: str,
    *,
    field: str = "",
    old: str = "",
    new: str = "",
) -> tuple:
    """One audit row as a tuple for ``_insert_audits`` (a province's list audits 20,000)."""
    return (actor, action, entity, key[:64], field, old, new, batch_id)


# The columns of a project row read to compare and revise its plan.
STORED_FIELDS = ("pk", "code", "year", "enterprise_id", "revision", *PLAN_FIELDS)
NEW_FIELDS = (
    "code", "year", "enterprise_id", "baseline_plan_investment", "baseline_plan_start",
    "baseline_plan_production", "revision", "created_at", "updated_at", *PLAN_FIELDS,
)  # fmt: skip
REVISION_FIELDS = ("project", "revision", "recorded_at", "actor", "batch_id", "values", "changed")


def projects_upsert(
    *, rows: Sequence[PlanRow], actor: str, batch_id: int | None, now: dt.datetime
) -> WriteSummary:
    """Create projects or revise their plans; the first version of a (code, year) is its baseline.

    A row equal to the current plan writes nothing. A changed row is a new revision; the
    baseline fields are never touched after creation. Rows are compared and written as plain
    tuples (one INSERT per table, one UPDATE statement for the revised): model instances of a
    province's 20,000 projects would cost more than the writing.
    """
    summary = WriteSummary()
    keys = {(r.code, r.year) for r in rows}
    existing: dict[tuple[str, int], dict[str, object]] = {}
    stored = Project.objects.filter(year__in={y for _, y in keys}).values_list(*STORED_FIELDS)
    for values in stored:
        if (values[1], values[2]) in keys:
            existing[(values[1], values[2])] = dict(zip(STORED_FIELDS, values, strict=True))
    roster = set(
        Enterprise.objects.filter(
            uscc__in={r.values["uscc"] for r in rows if r.values.get("uscc")}
        ).values_list("uscc", flat=True)
    )
    audits: list[tuple] = []
    new_rows: list[tuple] = []
    revision_rows: list[tuple] = []
    updates: list[tuple] = []
    plan_of = itemgetter(*PLAN_FIELDS)
    for row in rows:
        values = dict(row.values)
        values["uscc"] = values.get("uscc") or ""
        values["grade"] = values.get("grade") or ""
        values["pool"] = values.get("pool") or "实施"
        enterprise_id = values["uscc"] if values["uscc"] in roster else None
        key = f"{row.year}:{row.code}"
        project = existing.get((row.code, row.year))
        if project is None:
            new_rows.append(
                (row.code, row.year, enterprise_id, values["plan_investment"],
                 values["plan_start"], values["plan_production"], 1, now, now, *plan_of(values))
            )  # fmt: skip
            summary.created += 1
            audits.append(
                _audit(actor, batch_id, "create", ENTITY_PROJECT, key, new=values["name"])
            )
            continue
        changed = [f for f in PLAN_FIELDS if project[f] != values[f]]
        if not changed and project["enterprise_id"] == enterprise_id:
            summary.unchanged += 1
            continue
        for name in changed:
            audits.append(
                _audit(
                    actor,
                    batch_id,
                    "update",
                    ENTITY_PROJECT,
                    key,
                    field=name.removesuffix("_id"),
                    old=_text(project[name]),
                    new=_text(values[name]),
                )
            )
        revision = project["revision"]
        if changed:
            revision += 1
            revision_rows.append(
                (project["pk"], revision, now, actor, batch_id, _JSON.encode(values),
                 [f.removesuffix("_id") for f in changed])
            )  # fmt: skip
            summary.revised += 1
        else:
            summary.unchanged += 1
        updates.append(
            (*(values[f] for f in PLAN_FIELDS), enterprise_id, revision, now, project["pk"])
        )
    _insert(Project, NEW_FIELDS, new_rows)
    if new_rows:
        _insert_baselines(years={r[1] for r in new_rows}, now=now, actor=actor, batch_id=batch_id)
    _update_projects(updates)
    _insert(ProjectPlanRevision, REVISION_FIELDS, revision_rows)
    _insert_audits(audits, now)
    summary.audit_entries = len(audits)
    if summary.created:
        _analyze(Project)
    if summary.created or summary.revised:
        _announce("projects", frozenset(y for _, y in keys), actor)
    return summary


def _insert_baselines(
    *, years: set[int], now: dt.datetime, actor: str, batch_id: int | None
) -> None:
    """Revision 1 (the baseline) of every project this import created (``created_at = now``,
    the import's own timestamp): one ``INSERT … SELECT`` whose plan JSON the database builds
    from the rows just written (``JSONObject``: ``json_object`` on SQLite, ``JSONB_BUILD_OBJECT``
    on PostgreSQL), instead of reading 20,000 ids back and encoding 20,000 plans in Python."""
    created = (
        Project.objects.filter(year__in=years, created_at=now)
        .order_by()
        .annotate(
            _revision=Value(1),
            _at=Value(now, output_field=models.DateTimeField()),
            _actor=Value(actor),
            _batch=Value(batch_id, output_field=models.BigIntegerField()),
            _plan=JSONObject(**{f: F(f) for f in PLAN_FIELDS}),
            _changed=Value(NO_CHANGES),
        )
        .values_list("pk", "_revision", "_at", "_actor", "_batch", "_plan", "_changed")
    )
    select, params = created.query.sql_with_params()
    meta = ProjectPlanRevision._meta
    quote = connection.ops.quote_name
    columns = ", ".join(quote(meta.get_field(f).column) for f in REVISION_FIELDS)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {quote(meta.db_table)} ({columns}) {select}", params)


def _analyze(*tables: type[models.Model]) -> None:
    """Refresh the query planner's statistics of ``tables`` after a bulk write.

    Without them SQLite reads a year's projects through the (year, region) index, one row
    lookup per project, where a scan in code order is twice as fast for a province's list
    (the battle map's one query: 104 ms → 63 ms at 20,000 projects). ``ANALYZE`` of these tables
    takes a few tens of milliseconds; PostgreSQL's autovacuum would get there later on its own.
    """
    with connection.cursor() as cursor:
        for model in tables:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def _announce(kind: str, periods: frozenset[int], actor: str) -> None:
    """Send ``projects_changed`` once the writing transaction has committed."""

    def send() -> None:
        projects_changed.send(sender=Project, kind=kind, periods=periods, actor=actor)

    transaction.on_commit(send)


def _update_projects(updates: list[tuple]) -> None:
    """``updates``: PLAN_FIELDS values, enterprise id, revision, updated_at, then the pk."""
    if not updates:
        return
    meta = Project._meta
    names = (*PLAN_FIELDS, "enterprise_id", "revision", "updated_at")
    sets = ", ".join(f"{connection.ops.quote_name(meta.get_field(n).column)} = %s" for n in names)
    sql = f"UPDATE {connection.ops.quote_name(meta.db_table)} SET {sets} WHERE id = %s"
    with connection.cursor() as cursor:
        for start in range(0, len(updates), INSERT_BATCH):
            chunk = updates[start : start + INSERT_BATCH]
            cursor.executemany(sql, [tuple(map(_db, u)) for u in chunk])


PROGRESS_FIELDS = ("investment", "started_on", "in_stats_on", "production_on", "problem")


def progress_record(
    *, rows: Sequence[ProgressRow], actor: str, batch_id: int | None, now: dt.datetime
) -> WriteSummary:
    """Store monthly reports; a changed report of a stored month becomes a new revision."""
    summary = WriteSummary()
    years = {r.ym // 100 for r in rows}
    ids = {
        (code, year): pk
        for code, year, pk in Project.objects.filter(year__in=years).values_list(
            "code", "year", "pk"
        )
    }
    yms = sorted({r.ym for r in rows})
    # The current revision of every stored month of the file's months, as plain tuples (model
    # instances for a province's 240,000 rows would cost more than the comparison itself).
    stored: dict[tuple[int, int], tuple] = {}
    current = ProjectProgress.objects.filter(current=True, ym__gte=yms[0], ym__lte=yms[-1])
    for pk, project_id, ym, revision, *values in current.values_list(
        "pk", "project_id", "ym", "revision", *PROGRESS_FIELDS
    ):
        stored[(project_id, ym)] = (pk, revision, tuple(values))
    create: list[tuple] = []
    superseded: list[int] = []
    touched: set[tuple[int, int]] = set()
    audits: list[tuple] = []
    for row in rows:
        project_id = ids[(row.code, row.ym // 100)]
        values = (
            float(row.investment),
            row.started_on,
            row.in_stats_on,
            row.production_on,
            row.problem or "",
        )
        old = stored.get((project_id, row.ym))
        if old is not None and old[2] == values:
            summary.unchanged += 1
            continue
        if old is None:
            summary.created += 1
            revision = 1
        else:
            summary.revised += 1
            superseded.append(old[0])
            revision = old[1] + 1
            key = f"{row.ym // 100}:{row.code}:{row.ym % 100:02d}"
            for name, before, after in zip(PROGRESS_FIELDS, old[2], values, strict=True):
                if before != after:
                    audits.append(
                        _audit(
                            actor, batch_id, "revise", ENTITY_PROGRESS, key, field=name,
                            old=_text(before), new=_text(after),
                        )
                    )  # fmt: skip
        create.append((project_id, row.ym, revision, True, now, batch_id, *values))
        touched.add((project_id, row.ym // 100))
    for start in range(0, len(superseded), 500):
        ProjectProgress.objects.filter(pk__in=superseded[start : start + 500]).update(current=False)
    fields = ("project", "ym", "revision", "current", "recorded_at", "batch_id", *PROGRESS_FIELDS)
    _insert(ProjectProgress, fields, create)
    _insert_audits(audits, now)
    if ytd_refresh(touched):
        _analyze(ProjectYtd)
    summary.audit_entries = len(audits)
    if create:
        _announce("project-progress", frozenset(r[1] for r in create), actor)
    return summary


YTD_CHUNK = 500


def ytd_refresh(touched: set[tuple[int, int]]) -> int:
    """Recompute ``ProjectYtd`` of the (project id, year) pairs from their current reports.

    Called in the writing transaction of every progress import, for the projects it changed;
    returns the number of rows written. Reads and writes raw rows: a province's 20,000 projects
    × 12 months are 240,000 rows, too many for model instances. A few projects are read by id;
    many by one pass over the year's current reports (by id, the database would scan the
    year's reports once per chunk of ids).
    """
    by_year: dict[int, set[int]] = {}
    for project_id, year in touched:
        by_year.setdefault(year, set()).add(project_id)
    progress = connection.ops.quote_name(ProjectProgress._meta.db_table)
    ytd = connection.ops.quote_name(ProjectYtd._meta.db_table)
    columns = "project_id, ym, investment, started_on, in_stats_on, production_on"
    rows: list[tuple] = []
    with connection.cursor() as cursor:
        for year, ids in sorted(by_year.items()):
            months = [year * 100 + 1, year * 100 + 12]
            ordered = sorted(ids)
            for start in range(0, len(ordered), YTD_CHUNK):
                chunk = ordered[start : start + YTD_CHUNK]
                marks = ", ".join(["%s"] * len(chunk))
                cursor.execute(
                    f"DELETE FROM {ytd} WHERE ym BETWEEN %s AND %s AND project_id IN ({marks})",
                    [*months, *chunk],
                )
            if len(ordered) <= YTD_CHUNK:
                marks = ", ".join(["%s"] * len(ordered))
                cursor.execute(
                    f"SELECT {columns}, current FROM {progress}"
                    f" WHERE ym BETWEEN %s AND %s AND project_id IN ({marks})",
                    [*months, *ordered],
                )
                found = [r[:-1] for r in cursor.fetchall() if r[-1]]
            else:
                cursor.execute(
                    f"SELECT {columns} FROM {progress} WHERE current = %s AND ym BETWEEN %s AND %s",
                    [True, *months],
                )
                found = [r for r in cursor.fetchall() if r[0] in ids]
            found.sort(key=lambda r: (r[0], r[1]))
            reports: dict[int, list[tuple]] = {}
            for project_id, *report in found:
                reports.setdefault(project_id, []).append(report)
            for project_id, months_of in reports.items():
                rows += [(project_id, *r) for r in year_to_date(months_of)]
    fields = ("project", "ym", "investment", "started_on", "in_stats_on", "production_on")
    _insert(ProjectYtd, fields, rows)
    return len(rows)


def projects_ytd_rebuild() -> int:
    """Rebuild the whole derived ``ProjectYtd`` from the records (migrations, repairs)."""
    ProjectYtd.objects.all().delete()
    pairs = ProjectProgress.objects.filter(current=True).values_list("project_id", "ym")
    return ytd_refresh({(project_id, ym // 100) for project_id, ym in pairs.distinct()})
