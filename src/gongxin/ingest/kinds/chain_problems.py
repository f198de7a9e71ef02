"""Chain problems (断点堵点清单): added, or updated by their code (history kept)."""

from __future__ import annotations

from collections.abc import Sequence

from gongxin.chains.models import DONE_STATUSES, ChainNode
from gongxin.chains.schemas import CHAIN_PROBLEMS, STATUS_BY_TEXT
from gongxin.chains.services import ProblemSpec, problems_record
from gongxin.ingest.columns import Record
from gongxin.ingest.kinds import Findings, ImportKind, WriteContext
from gongxin.ingest.kinds.chain_map import chain_error, known_chains
from gongxin.registry.models import Enterprise

ERR_DUPLICATE_CODE = "问题编号“{code}”与第 {other} 行重复"
ERR_UNKNOWN_NODE = "环节“{node}”不在产业链 {chain} 的图谱中（请先导入图谱）"
ERR_UNKNOWN_FIRM = "企业“{uscc}”不在企业名录中"
ERR_SOLVED_ON_REQUIRED = "状态为{status}的问题须填写解决日期"
ERR_SOLVED_ON_OPEN = "状态为{status}（未解决）的问题不应有解决日期"
ERR_DEADLINE_BEFORE = "办结时限 {deadline} 早于提出日期 {opened}"
ERR_SOLVED_BEFORE = "解决日期 {solved} 早于提出日期 {opened}"

_LABELS = {"open": "待交办", "assigned": "已交办", "in_progress": "推进中", "solved": "已解决",
           "closed": "已销号"}  # fmt: skip


def check(records: Sequence[Record], present: frozenset[str]) -> Findings:
    findings = Findings()
    chains = known_chains()
    nodes = set(ChainNode.objects.values_list("chain_id", "code"))
    roster = set(Enterprise.objects.values_list("uscc", flat=True))
    first: dict[str, int] = {}
    for rec in records:
        code = rec["code"]
        if code is not None:
            if code in first:
                findings.error(
                    rec.row, "code", ERR_DUPLICATE_CODE.format(code=code, other=first[code])
                )
            else:
                first[code] = rec.row
        known = chain_error(findings, rec, chains)
        if known and rec["node"] and (rec["chain"], rec["node"]) not in nodes:
            findings.error(
                rec.row, "node", ERR_UNKNOWN_NODE.format(node=rec["node"], chain=rec["chain"])
            )
        if rec["uscc"] and rec["uscc"] not in roster:
            findings.error(rec.row, "uscc", ERR_UNKNOWN_FIRM.format(uscc=rec["uscc"]))
        status = STATUS_BY_TEXT.get(rec["status"]) if rec["status"] else None
        opened, deadline, solved = rec["opened_on"], rec["deadline"], rec["solved_on"]
        if status in DONE_STATUSES and solved is None:
            findings.error(
                rec.row, "solved_on", ERR_SOLVED_ON_REQUIRED.format(status=_LABELS[status])
            )
        if status and status not in DONE_STATUSES and solved is not None:
            findings.error(rec.row, "solved_on", ERR_SOLVED_ON_OPEN.format(status=_LABELS[status]))
        if opened and deadline and deadline < opened:
            findings.error(
                rec.row, "deadline", ERR_DEADLINE_BEFORE.format(deadline=deadline, opened=opened)
            )
        if opened and solved and solved < opened:
            findings.error(
                rec.row, "solved_on", ERR_SOLVED_BEFORE.format(solved=solved, opened=opened)
            )
    return findings


def write(records: Sequence[Record], ctx: WriteContext) -> dict[str, int]:
    specs = [
        ProblemSpec(
            code=rec["code"],
            chain=rec["chain"],
            node=rec["node"] or "",
            uscc=rec["uscc"],
            category=rec["category"],
            description=rec["description"],
            owner_unit=rec["owner_unit"] or "",
            opened_on=rec["opened_on"],
            deadline=rec["deadline"],
            status=STATUS_BY_TEXT[rec["status"]],
            solved_on=rec["solved_on"],
        )
        for rec in records
    ]
    return problems_record(problems=specs, actor=ctx.actor, batch_id=ctx.batch.pk)


def summary_line(s: dict[str, int]) -> str:
    return (
        f"共 {s['rows']} 行：新增 {s['created']} 个问题，更新 {s['updated']} 个（留有处理记录），"
        f"与已有相同 {s['unchanged']} 个"
    )


KIND = ImportKind(
    name="chain-problems",
    schema=CHAIN_PROBLEMS,
    check=check,
    write=write,
    summary_line=summary_line,
    in_snapshot=False,
)
