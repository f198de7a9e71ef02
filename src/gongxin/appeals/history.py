"""Historical appeals from a file (one row per appeal): stored as closed records with dues.

The limits of a historical appeal are counted from its submission with its category's limits,
as for a live one; its state is the furthest its timestamps reach (a rating implies 办结).
Re-importing a row with the same ``code`` updates it and audits every changed field.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction

from gongxin.appeals.models import Appeal, AppealEvent, Source, Status
from gongxin.appeals.services import dues_from
from gongxin.registry.models import AuditEntry

FIELDS = (
    "uscc", "region", "category", "unit", "title", "submitted_at", "accepted_at",
    "answered_at", "closed_at", "rating", "solved",
)  # fmt: skip


@dataclass(frozen=True)
class HistoryRow:
    code: str
    uscc: str
    region: str
    category: str
    unit: str
    title: str
    submitted_at: dt.datetime
    accepted_at: dt.datetime | None
    answered_at: dt.datetime | None
    closed_at: dt.datetime | None
    rating: str
    solved: bool | None


def _status(row: HistoryRow) -> str:
    if row.closed_at:
        return Status.CLOSED
    if row.answered_at:
        return Status.ANSWERED
    if row.accepted_at:
        return Status.ACCEPTED
    return Status.SUBMITTED


def _values(row: HistoryRow) -> dict:
    dues = dues_from(row.category, row.submitted_at)
    return {
        "enterprise_id": row.uscc,
        "region_id": row.region,
        "category": row.category,
        "unit": row.unit,
        "title": row.title,
        "status": _status(row),
        "source": Source.HISTORY,
        "submitted_at": row.submitted_at,
        "routed_at": row.submitted_at,
        "accepted_at": row.accepted_at,
        "answered_at": row.answered_at,
        "rated_at": row.closed_at if row.rating else None,
        "closed_at": row.closed_at,
        "rating": row.rating,
        "solved": row.solved,
        "sign_due": dues.sign,
        "answer_due": dues.answer,
        "solve_due": dues.solve,
    }


def _close_note(row: HistoryRow) -> str:
    solved = {True: "已解决", False: "未解决"}.get(row.solved, "")
    return " ".join(x for x in (row.rating, solved) if x)


def _events(appeal: Appeal, row: HistoryRow, actor: str) -> list[AppealEvent]:
    steps = [
        ("submit", row.submitted_at, "", Status.SUBMITTED, f"派至{row.unit}（历史导入）"),
        ("accept", row.accepted_at, Status.SUBMITTED, Status.ACCEPTED, ""),
        ("answer", row.answered_at, Status.ACCEPTED, Status.ANSWERED, ""),
        ("close", row.closed_at, Status.ANSWERED, Status.CLOSED, _close_note(row)),
    ]  # fmt: skip
    return [
        AppealEvent(appeal=appeal, action=a, actor=actor, at=at, from_status=f, to_status=t, note=n)
        for a, at, f, t, n in steps
        if at is not None
    ]


@transaction.atomic
def appeals_history_record(*, rows: list[HistoryRow], batch, actor: str) -> dict[str, int]:
    existing = {a.code: a for a in Appeal.objects.filter(code__in=[r.code for r in rows])}
    created = updated = unchanged = 0
    new: list[Appeal] = []
    for row in rows:
        values = _values(row)
        appeal = existing.get(row.code)
        if appeal is None:
            new.append(Appeal(code=row.code, batch=batch, **values))
            continue
        changes = {k: v for k, v in values.items() if getattr(appeal, k) != v}
        if not changes:
            unchanged += 1
            continue
        for key, value in changes.items():
            AuditEntry.objects.create(
                actor=actor, action="update", entity="appeal", key=row.code, field=key,
                old="" if getattr(appeal, key) is None else str(getattr(appeal, key)),
                new="" if value is None else str(value),
            )  # fmt: skip
            setattr(appeal, key, value)
        appeal.batch = batch
        appeal.save()
        appeal.events.all().delete()
        AppealEvent.objects.bulk_create(_events(appeal, row, actor))
        updated += 1
    created_rows = Appeal.objects.bulk_create(new, batch_size=500)
    by_code = {r.code: r for r in rows}
    events: list[AppealEvent] = []
    for appeal in created_rows:
        events.extend(_events(appeal, by_code[appeal.code], actor))
    AppealEvent.objects.bulk_create(events, batch_size=1000)
    created = len(created_rows)
    return {"created": created, "updated": updated, "unchanged": unchanged}
