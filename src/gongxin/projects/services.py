"""Writes of key projects: plans with their baseline and revisions, monthly reports.

Called by the import kinds (``ingest/kinds/projects.py``, ``project_progress.py``) inside the
import's transaction; every created or changed record is audited. Who may import at all is the
importer's check (``projects_import_allowed`` for the upload page and the API).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from gongxin.projects.models import PLAN_FIELDS, Project, ProjectPlanRevision, ProjectProgress
from gongxin.registry.models import AuditEntry, Enterprise

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
    Project.objects.bulk_create(new_projects, batch_size=2000)
    for project in new_projects:
        revisions.append(
            ProjectPlanRevision(
                project=project,
                revision=1,
                recorded_at=now,
                actor=actor,
                batch_id=batch_id,
                values=_json({f: getattr(project, f) for f in PLAN_FIELDS}),
                changed=[],
            )
        )
    if changed_projects:
        Project.objects.bulk_update(
            changed_projects,
            [*PLAN_FIELDS, "enterprise", "revision", "updated_at"],
            batch_size=2000,
        )
    ProjectPlanRevision.objects.bulk_create(revisions, batch_size=2000)
    AuditEntry.objects.bulk_create(audits, batch_size=2000)
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
    wanted = {ids[(r.code, r.ym // 100)] for r in rows}
    yms = {r.ym for r in rows}
    stored = {
        (p.project_id, p.ym): p
        for p in ProjectProgress.objects.filter(current=True, ym__in=yms, project_id__in=wanted)
    }
    create: list[ProjectProgress] = []
    superseded: list[int] = []
    audits: list[AuditEntry] = []
    for row in rows:
        project_id = ids[(row.code, row.ym // 100)]
        values = {
            "investment": float(row.investment),
            "started_on": row.started_on,
            "in_stats_on": row.in_stats_on,
            "production_on": row.production_on,
            "problem": row.problem or "",
        }
        old = stored.get((project_id, row.ym))
        key = f"{row.ym // 100}:{row.code}:{row.ym % 100:02d}"
        if old is not None and all(getattr(old, f) == values[f] for f in PROGRESS_FIELDS):
            summary.unchanged += 1
            continue
        revision = 1 if old is None else old.revision + 1
        if old is None:
            summary.created += 1
        else:
            summary.revised += 1
            superseded.append(old.pk)
            for name in PROGRESS_FIELDS:
                if getattr(old, name) != values[name]:
                    audits.append(
                        _audit(
                            actor,
                            batch_id,
                            "revise",
                            ENTITY_PROGRESS,
                            key,
                            field=name,
                            old=_text(getattr(old, name)),
                            new=_text(values[name]),
                        )
                    )
        create.append(
            ProjectProgress(
                project_id=project_id,
                ym=row.ym,
                revision=revision,
                current=True,
                recorded_at=now,
                batch_id=batch_id,
                **values,
            )
        )
    if superseded:
        for start in range(0, len(superseded), 500):
            ProjectProgress.objects.filter(pk__in=superseded[start : start + 500]).update(
                current=False
            )
    ProjectProgress.objects.bulk_create(create, batch_size=5000)
    AuditEntry.objects.bulk_create(audits, batch_size=2000)
    summary.audit_entries = len(audits)
    return summary
