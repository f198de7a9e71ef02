"""Writes of daily electricity readings: every change is a new revision, nothing is replaced.

An enterprise-day already stored gets revision ``max + 1`` (``recorded_at`` = the import's time);
a reading equal to the latest revision writes nothing and counts as unchanged, so re-importing
the same feed is harmless. Each revised reading is audited (old → new). Writes happen inside
the caller's transaction (the import), which also bumps the data version.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction

from gongxin.dispatch.models import DailyElectricity
from gongxin.ingest.models import ImportBatch
from gongxin.registry.models import AuditEntry
from gongxin.registry.selectors import chunked
from gongxin.stats.services import RevisionSummary

_BATCH = 5000


@dataclass(frozen=True, slots=True)
class DailyReading:
    uscc: str
    day: dt.date
    electricity: float


def _latest(readings: Sequence[DailyReading]) -> dict[tuple[str, dt.date], tuple[int, float]]:
    """``(uscc, day) → (revision, electricity)`` of the latest stored revision."""
    latest: dict[tuple[str, dt.date], tuple[int, float]] = {}
    days = sorted({r.day for r in readings})
    usccs = sorted({r.uscc for r in readings})
    for chunk in chunked(usccs):
        rows = (
            DailyElectricity.objects.filter(enterprise_id__in=chunk, day__in=days)
            .order_by("revision")
            .values_list("enterprise_id", "day", "revision", "batch__withdrawn_at", "electricity")
        )
        for uscc, day, revision, withdrawn, value in rows:
            if withdrawn is not None:  # a withdrawn import: numbered, no longer counting
                previous = latest.get((uscc, day))
                value = previous[1] if previous else None
            latest[(uscc, day)] = (revision, value)
    return latest


def _text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)


@transaction.atomic
def daily_readings_record(
    *, readings: Sequence[DailyReading], batch: ImportBatch, actor: str, now: dt.datetime
) -> RevisionSummary:
    """Store each enterprise-day as a new revision unless equal to the latest one."""
    summary = RevisionSummary()
    latest = _latest(readings)
    rows: list[DailyElectricity] = []
    audit: list[AuditEntry] = []
    for item in readings:
        stored = latest.get((item.uscc, item.day))
        if stored is not None and stored[1] == item.electricity:
            summary.unchanged += 1
            continue
        revision = 1 if stored is None else stored[0] + 1
        if stored is None:
            summary.created += 1
        else:
            summary.revised += 1
            audit.append(
                AuditEntry(
                    actor=actor,
                    action="revise",
                    entity="daily",
                    key=f"{item.uscc}/{item.day.isoformat()}",
                    field="electricity",
                    old="" if stored[1] is None else _text(stored[1]),
                    new=_text(item.electricity),
                    batch_id=batch.pk,
                )
            )
        rows.append(
            DailyElectricity(
                enterprise_id=item.uscc,
                day=item.day,
                revision=revision,
                batch=batch,
                recorded_at=now,
                electricity=item.electricity,
            )
        )
        latest[(item.uscc, item.day)] = (revision, item.electricity)
    DailyElectricity.objects.bulk_create(rows, batch_size=_BATCH)
    AuditEntry.objects.bulk_create(audit, batch_size=_BATCH)
    summary.audit_entries = len(audit)
    return summary
