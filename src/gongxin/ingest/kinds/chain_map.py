"""Chain maps (产业链图谱): a tree of nodes per chain; re-import replaces each chain's tree.

A file holds whole trees: every chain it names is replaced by the file's nodes for it, so a
parent must be in the same file. Chains the file does not name are left as they are.
"""

from __future__ import annotations

from collections.abc import Sequence

from gongxin.chains.schemas import CHAIN_MAP
from gongxin.chains.services import NodeSpec, chain_map_replace
from gongxin.chains.tree import tree_faults
from gongxin.city.classifications import load_classifications
from gongxin.city.models import Chain
from gongxin.ingest.columns import Record
from gongxin.ingest.kinds import Findings, ImportKind, WriteContext

ERR_UNKNOWN_CHAIN = "产业链“{chain}”不在城市配置中：可用 {known}"
ERR_DUPLICATE_NODE = "环节编号“{node}”在产业链 {chain} 中与第 {other} 行重复"
ERR_UNKNOWN_CLASS = "“{code}”不是 GB/T 4754-2017 的4位行业小类代码"


def known_chains() -> dict[str, str]:
    return dict(Chain.objects.values_list("code", "name"))


def chain_error(findings: Findings, rec: Record, chains: dict[str, str]) -> bool:
    """Report an unknown chain; whether the row's chain is known."""
    chain = rec["chain"]
    if chain is None:
        return False
    if chain not in chains:
        known = "、".join(f"{c}（{n}）" for c, n in chains.items())
        findings.error(rec.row, "chain", ERR_UNKNOWN_CHAIN.format(chain=chain, known=known))
        return False
    return True


def check(records: Sequence[Record], present: frozenset[str]) -> Findings:
    findings = Findings()
    chains = known_chains()
    classes = load_classifications()
    rows: dict[str, dict[str, int]] = {}  # chain -> node -> first row
    parents: dict[str, dict[str, str | None]] = {}
    for rec in records:
        for code in rec["classes"] or ():
            if not classes.is_valid_class(code):
                findings.error(rec.row, "classes", ERR_UNKNOWN_CLASS.format(code=code))
        if not chain_error(findings, rec, chains) or rec["node"] is None:
            continue
        chain, node = rec["chain"], rec["node"]
        seen = rows.setdefault(chain, {})
        if node in seen:
            findings.error(
                rec.row, "node", ERR_DUPLICATE_NODE.format(node=node, chain=chain, other=seen[node])
            )
            continue
        seen[node] = rec.row
        parents.setdefault(chain, {})[node] = rec["parent"]
    for chain, tree in parents.items():
        for node, (column, reason) in tree_faults(chain, tree).items():
            findings.error(rows[chain][node], column, reason)
    return findings


def write(records: Sequence[Record], ctx: WriteContext) -> dict[str, int]:
    by_chain: dict[str, list[NodeSpec]] = {}
    for rec in records:
        by_chain.setdefault(rec["chain"], []).append(
            NodeSpec(
                code=rec["node"],
                parent=rec["parent"] or "",
                name=rec["name"],
                stream=rec["stream"],
                classes=tuple(rec["classes"] or ()),
                strength=rec["strength"] or "",
            )
        )
    totals = {"rows": len(records), "chains": len(by_chain), "written": 0, "replaced": 0}
    for chain, nodes in by_chain.items():
        counts = chain_map_replace(chain=chain, nodes=nodes, actor=ctx.actor, batch_id=ctx.batch.pk)
        totals["written"] += counts["written"]
        totals["replaced"] += counts["replaced"]
    return totals


def summary_line(s: dict[str, int]) -> str:
    return (
        f"共 {s['rows']} 个环节、{s['chains']} 条产业链：写入 {s['written']} 个环节，"
        f"替换原有图谱 {s['replaced']} 条"
    )


KIND = ImportKind(
    name="chain-map",
    schema=CHAIN_MAP,
    check=check,
    write=write,
    summary_line=summary_line,
    in_snapshot=False,
)
