"""Writes of key projects: plans with their baseline and revisions, monthly reports.

Called by the import kinds (``ingest/kinds/projects.py``, ``project_progress.py``) inside the
import's transaction; every created or changed record is audited (a new project once, a revised
plan or report field by field; new monthly reports are covered by the batch's own audit entry).
Who may import at all is the importer's and the upload page's check.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import connection, models

from gongxin.projects.figures import year_to_date
from gongxin.projects.models import (
    PLAN_FIELDS,
    Project,
    ProjectPlanRevision,
    ProjectProgress,
    ProjectYtd,
)
from gongxin.registry.models import AuditEntry, Enterprise

INSERT_BATCH = 5000
ENTITY_PROJECT = "project"
ENTITY_PROGRESS = "project_progress"


@dataclass(frozen=True)
class PlanRow:
    code: str
    year: int
    values: dict[str, object]  # PLAN_FIELDS -> value


@dataclass(frozen=True)
class ProgressRow:
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


def _json(values: dict[str, object]) -> dict[str, object]:
    return {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in values.items()}


def _db(value: object) -> object:
    """A value in database form for a raw INSERT (dates and times adapted, dicts as JSON)."""
    if isinstance(value, dt.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, dt.date):
        return connection.ops.adapt_datefield_value(value)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return value


def _insert(model: type[models.Model], fields: Sequence[str], rows: list[tuple]) -> None:
    """INSERT many rows with one prepared statement (``executemany``).

    ``bulk_create`` prepares every value field by field on model instances: for a province's
    240,000 monthly rows that is most of an import. Values are adapted by ``_db``.
    """
    meta = model._meta
    columns = ", ".join(connection.ops.quote_name(meta.get_field(f).column) for f in fields)
    table = connection.ops.quote_name(meta.db_table)
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"
    # Only dates, times and JSON need adapting (DateTimeField is a DateField).
    adapt = [
        i
        for i, f in enumerate(fields)
        if isinstance(meta.get_field(f), models.DateField | models.JSONField)
    ]

    def prepared(row: tuple) -> tuple:
        row = list(row)
        for i in adapt:
            row[i] = _db(row[i])
        return tuple(row)

    with connection.cursor() as cursor:
        for start in range(0, len(rows), INSERT_BATCH):
            chunk = rows[start : start + INSERT_BATCH]
            cursor.executemany(sql, [prepared(r) for r in chunk] if adapt else chunk)


AUDIT_FIELDS = ("at", "actor", "action", "entity", "key", "field", "old", "new", "batch_id")


def _insert_audits(audits: list[AuditEntry], now: dt.datetime) -> None:
    rows = [
        (now, a.actor, a.action, a.entity, a.key, a.field, a.old, a.new, a.batch_id) for a in audits
    ]
    _insert(AuditEntry, AUDIT_FIELDS, rows)


def _audit(
    actor: str, batch_id: int | None, action: str, entity: str, key: str, **kw
) -> AuditEntry:
    return AuditEntry(
        actor=actor, action=action, entity=entity, key=key[:64], batch_id=batch_id, **kw
    )


def projects_upsert(
    *, rows: Sequence[PlanRow], actor: str, batch_id: int | None, now: dt.datetime
) -> WriteSummary:
    """Create projects or revise their plans; the first version of a (code, year) is its baseline.

    A row equal to the current plan writes nothing. A changed row is a new revision; the
    baseline fields are never touched after creation.
    """
    summary = WriteSummary()
    keys = {(r.code, r.year) for r in rows}
    years = {y for _, y in keys}
    existing = {
        (p.code, p.year): p
        for p in Project.objects.filter(year__in=years, code__in={c for c, _ in keys})
    }
    roster = set(
        Enterprise.objects.filter(
            uscc__in={r.values["uscc"] for r in rows if r.values.get("uscc")}
        ).values_list("uscc", flat=True)
    )
    audits: list[AuditEntry] = []
    new_projects: list[Project] = []
    revisions: list[ProjectPlanRevision] = []
    changed_projects: list[Project] = []
    for row in rows:
        values = dict(row.values)
        values["uscc"] = values.get("uscc") or ""
        values["grade"] = values.get("grade") or ""
        values["pool"] = values.get("pool") or "实施"
        enterprise_id = values["uscc"] if values["uscc"] in roster else None
        key = f"{row.year}:{row.code}"
        project = existing.get((row.code, row.year))
        if project is None:
            project = Project(
                code=row.code,
                year=row.year,
                enterprise_id=enterprise_id,
                baseline_plan_investment=values["plan_investment"],
                baseline_plan_start=values["plan_start"],
                baseline_plan_production=values["plan_production"],
                revision=1,
                created_at=now,
                updated_at=now,
                **values,
            )
            new_projects.append(project)
            summary.created += 1
            audits.append(
                _audit(actor, batch_id, "create", ENTITY_PROJECT, key, new=values["name"])
            )
            continue
        changed = [f for f in PLAN_FIELDS if getattr(project, f) != values[f]]
        if not changed and project.enterprise_id == enterprise_id:
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
                    old=_text(getattr(project, name)),
                    new=_text(values[name]),
                )
            )
            setattr(project, name, values[name])
        project.enterprise_id = enterprise_id
        if changed:
            project.revision += 1
            revisions.append(
                ProjectPlanRevision(
                    project=project,
                    revision=project.revision,
                    recorded_at=now,
                    actor=actor,
                    batch_id=batch_id,
                    values=_json(values),
                    changed=[f.removesuffix("_id") for f in changed],
                )
            )
            summary.revised += 1
        else:
            summary.unchanged += 1
        project.updated_at = now
        changed_projects.append(project)
    new_fields = (
        "code", "year", "enterprise_id", "baseline_plan_investment", "baseline_plan_start",
        "baseline_plan_production", "revision", "created_at", "updated_at", *PLAN_FIELDS,
    )  # fmt: skip
    _insert(Project, new_fields, [tuple(getattr(p, f) for f in new_fields) for p in new_projects])
    new_ids = {
        (c, y): pk
        for c, y, pk in Project.objects.filter(
            year__in={p.year for p in new_projects}, created_at=now
        ).values_list("code", "year", "pk")
    }
    revision_rows = [
        (r.project.pk, r.revision, now, actor, batch_id, r.values, r.changed) for r in revisions
    ]
    for project in new_projects:
        plan = _json({f: getattr(project, f) for f in PLAN_FIELDS})
        revision_rows.append(
            (new_ids[(project.code, project.year)], 1, now, actor, batch_id, plan, [])
        )
    if changed_projects:
        Project.objects.bulk_update(
            changed_projects,
            [*PLAN_FIELDS, "enterprise", "revision", "updated_at"],
            batch_size=2000,
        )
    revision_fields = (
        "project", "revision", "recorded_at", "actor", "batch_id", "values", "changed",
    )  # fmt: skip
    _insert(ProjectPlanRevision, revision_fields, revision_rows)
    _insert_audits(audits, now)
    summary.audit_entries = len(audits)
    return summary


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
    audits: list[AuditEntry] = []
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
    ytd_refresh(touched)
    summary.audit_entries = len(audits)
    return summary


YTD_CHUNK = 500


def ytd_refresh(touched: set[tuple[int, int]]) -> int:
    """Recompute ``ProjectYtd`` of the (project id, year) pairs from their current reports.

    Called in the writing transaction of every progress import, for the projects it changed;
    returns the number of rows written. Reads and writes raw rows: a province's 20,000 projects
    × 12 months are 240,000 rows, too many for model instances.
    """
    by_year: dict[int, list[int]] = {}
    for project_id, year in touched:
        by_year.setdefault(year, []).append(project_id)
    progress = connection.ops.quote_name(ProjectProgress._meta.db_table)
    ytd = connection.ops.quote_name(ProjectYtd._meta.db_table)
    rows: list[tuple] = []
    with connection.cursor() as cursor:
        for year, ids in sorted(by_year.items()):
            ids.sort()
            for start in range(0, len(ids), YTD_CHUNK):
                chunk = ids[start : start + YTD_CHUNK]
                marks = ", ".join(["%s"] * len(chunk))
                months = (year * 100 + 1, year * 100 + 12)
                cursor.execute(
                    f"DELETE FROM {ytd} WHERE ym BETWEEN %s AND %s AND project_id IN ({marks})",
                    [*months, *chunk],
                )
                cursor.execute(
                    "SELECT project_id, ym, investment, started_on, in_stats_on, production_on"
                    f" FROM {progress} WHERE current = %s AND ym BETWEEN %s AND %s"
                    f" AND project_id IN ({marks}) ORDER BY project_id, ym",
                    [True, *months, *chunk],
                )
                reports: dict[int, list[tuple]] = {}
                for project_id, *report in cursor.fetchall():
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
