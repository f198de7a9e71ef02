"""Service commissioners (服务专员) paired with enterprises: one row per (username, uscc).

A commissioner is an active county or city user; an enterprise has one commissioner, so a new
pairing replaces the old one (audited). A file may pair one user with several enterprises.
"""

from __future__ import annotations

from collections.abc import Sequence

from gongxin.appeals.services import commissioner_user_check, commissioners_pair
from gongxin.ingest.cells import Text, Uscc
from gongxin.ingest.columns import Column, Record, Schema
from gongxin.ingest.kinds import Findings, ImportKind, WriteContext
from gongxin.registry.selectors import enterprise_usccs

ERR_USER = "用户 {name} 不存在、已停用或不是县区/市级用户：服务专员须为县区或市级用户"
ERR_NOT_IN_ROSTER = "统一社会信用代码 {uscc} 不在企业名录中：请先导入该企业的名录信息"
ERR_DUPLICATE = "企业 {uscc} 在第 {other} 行已有服务专员：一家企业只能有一名服务专员"

COMMISSIONERS = Schema(
    kind="commissioners",
    label="服务专员",
    columns=(
        Column("username", "用户名", Text(max_length=150), True, "县区或市级用户的用户名"),
        Column("uscc", "统一社会信用代码", Uscc(check=False), True, "须在企业名录中"),
    ),
)


def check(records: Sequence[Record], present: frozenset[str]) -> Findings:
    findings = Findings()
    roster = enterprise_usccs()
    users: dict[str, bool] = {}
    seen: dict[str, int] = {}
    for rec in records:
        name, uscc = rec["username"], rec["uscc"]
        if name is not None:
            if name not in users:
                users[name] = commissioner_user_check(name) is not None
            if not users[name]:
                findings.error(rec.row, "username", ERR_USER.format(name=name))
        if uscc is not None:
            if uscc not in roster:
                findings.error(rec.row, "uscc", ERR_NOT_IN_ROSTER.format(uscc=uscc))
            elif uscc in seen:
                findings.error(rec.row, "uscc", ERR_DUPLICATE.format(uscc=uscc, other=seen[uscc]))
            else:
                seen[uscc] = rec.row
    return findings


def write(records: Sequence[Record], ctx: WriteContext) -> dict[str, int]:
    counts = commissioners_pair(
        pairs=[(r["username"], r["uscc"]) for r in records], actor=ctx.actor
    )
    return {"rows": len(records), "written": counts["created"] + counts["changed"], **counts}


def summary_line(s: dict[str, int]) -> str:
    return (
        f"共 {s['rows']} 行：新结对 {s['created']} 家企业，更换服务专员 {s['changed']} 家，"
        f"未变 {s['unchanged']} 家"
    )


KIND = ImportKind(
    name="commissioners",
    schema=COMMISSIONERS,
    check=check,
    write=write,
    summary_line=summary_line,
    in_snapshot=False,
)
