"""Chain activities (问链 / 巡链 / 诊链): one row per meeting, visit or diagnosis."""

from __future__ import annotations

from collections.abc import Sequence

from gongxin.chains.schemas import CHAIN_ACTIVITIES
from gongxin.chains.services import ActivitySpec, activities_record
from gongxin.ingest.columns import Record
from gongxin.ingest.kinds import Findings, ImportKind, WriteContext
from gongxin.ingest.kinds.chain_map import chain_error, known_chains
from gongxin.registry.models import Enterprise
from gongxin.registry.uscc import uscc_normalise

ERR_UNKNOWN_FIRM = "企业“{uscc}”不在企业名录中"


def _firms(rec: Record) -> tuple[str, ...]:
    return tuple(dict.fromkeys(uscc_normalise(u) for u in rec["enterprises"] or ()))


def check(records: Sequence[Record], present: frozenset[str]) -> Findings:
    findings = Findings()
    chains = known_chains()
    roster = set(Enterprise.objects.values_list("uscc", flat=True))
    for rec in records:
        chain_error(findings, rec, chains)
        for uscc in _firms(rec):
            if uscc not in roster:
                findings.error(rec.row, "enterprises", ERR_UNKNOWN_FIRM.format(uscc=uscc))
    return findings


def write(records: Sequence[Record], ctx: WriteContext) -> dict[str, int]:
    specs = [
        ActivitySpec(
            chain=rec["chain"],
            date=rec["date"],
            kind=rec["kind"],
            form=rec["form"],
            leader=rec["leader"],
            enterprises=_firms(rec),
            summary=rec["summary"],
        )
        for rec in records
    ]
    return activities_record(activities=specs, actor=ctx.actor, batch_id=ctx.batch.pk)


def summary_line(s: dict[str, int]) -> str:
    return (
        f"共 {s['rows']} 行：新增 {s['created']} 项活动，更新 {s['updated']} 项，"
        f"与已有相同 {s['unchanged']} 项"
    )


KIND = ImportKind(
    name="chain-activities",
    schema=CHAIN_ACTIVITIES,
    check=check,
    write=write,
    summary_line=summary_line,
    in_snapshot=False,
)
