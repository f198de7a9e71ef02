"""招商 targets for weak and missing chain nodes, keyed by (chain, node, company)."""

from __future__ import annotations

from collections.abc import Sequence

from gongxin.chains.models import ChainNode
from gongxin.chains.schemas import CHAIN_TARGETS
from gongxin.chains.services import TargetSpec, targets_record
from gongxin.ingest.columns import Record
from gongxin.ingest.kinds import Findings, ImportKind, WriteContext
from gongxin.ingest.kinds.chain_map import chain_error, known_chains

ERR_UNKNOWN_NODE = "环节“{node}”不在产业链 {chain} 的图谱中（请先导入图谱）"
ERR_DUPLICATE = "与第 {other} 行重复（同一产业链、环节和目标企业）"


def check(records: Sequence[Record], present: frozenset[str]) -> Findings:
    findings = Findings()
    chains = known_chains()
    nodes = set(ChainNode.objects.values_list("chain_id", "code"))
    first: dict[tuple, int] = {}
    for rec in records:
        known = chain_error(findings, rec, chains)
        if known and rec["node"] and (rec["chain"], rec["node"]) not in nodes:
            findings.error(
                rec.row, "node", ERR_UNKNOWN_NODE.format(node=rec["node"], chain=rec["chain"])
            )
        key = (rec["chain"], rec["node"], rec["company"])
        if None not in key:
            if key in first:
                findings.error(rec.row, "company", ERR_DUPLICATE.format(other=first[key]))
            else:
                first[key] = rec.row
    return findings


def write(records: Sequence[Record], ctx: WriteContext) -> dict[str, int]:
    specs = [
        TargetSpec(
            chain=rec["chain"],
            node=rec["node"],
            company=rec["company"],
            location=rec["location"] or "",
            stage=rec["stage"],
            project_code=rec["project_code"] or "",
        )
        for rec in records
    ]
    return targets_record(targets=specs, actor=ctx.actor, batch_id=ctx.batch.pk)


def summary_line(s: dict[str, int]) -> str:
    return (
        f"共 {s['rows']} 行：新增 {s['created']} 个招商目标，更新 {s['updated']} 个，"
        f"与已有相同 {s['unchanged']} 个"
    )


KIND = ImportKind(
    name="chain-targets",
    schema=CHAIN_TARGETS,
    check=check,
    write=write,
    summary_line=summary_line,
    in_snapshot=False,
)
