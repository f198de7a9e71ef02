"""The enterprise roster (企业名录): one row per enterprise, re-imported to update by USCC.

A column present in the file sets that fact for every enterprise in it, an empty cell clearing
it; a column absent from the file leaves the stored facts alone. Columns that belong together —
``above_scale_from``/``above_scale_to`` and ``chains``/``chain_role`` — are applied together: if
either is present, an absent partner reads as empty. Spells follow the rule in
``registry/services.py`` (history is kept, never overwritten).
"""

from __future__ import annotations

from collections.abc import Sequence

from gongxin.city.models import Chain, IndustryClass, Region
from gongxin.ingest.columns import Record
from gongxin.ingest.kinds import Findings, ImportKind, WriteContext
from gongxin.ingest.schemas import ROSTER
from gongxin.registry.periods import ym_format
from gongxin.registry.selectors import spells_by_enterprise
from gongxin.registry.services import (
    EnterpriseFacts,
    SpellConflict,
    above_scale_plan,
    enterprises_upsert,
)

ERR_DUPLICATE_USCC = "统一社会信用代码与第 {other} 行重复"
ERR_UNKNOWN_REGION = "区县代码“{code}”不在城市配置中"
ERR_INDUSTRY_SECTION = (
    "行业代码“{code}”不在采矿业、制造业、电力热力燃气及水生产和供应业"
    "（B、C、D 门类，0610–4690）范围内"
)
ERR_UNKNOWN_INDUSTRY = "行业代码“{code}”不是 GB/T 4754-2017 的行业小类"
ERR_UNKNOWN_CHAIN = "产业链代码“{code}”不在城市配置中"
ERR_ROLE_WITHOUT_CHAIN = "填写了链上角色，但没有填写所属产业链"
ERR_SPELL_ORDER = "退出规上年月 {to} 早于纳入规上年月 {since}"

INDUSTRY_MIN = "0610"
INDUSTRY_MAX = "4690"


def _present_facts(present: frozenset[str]) -> frozenset[str]:
    facts = {k for k in ("ownership", "size", "land_mu", "key") if k in present}
    if present & {"above_scale_from", "above_scale_to"}:
        facts.add("above_scale")
    if present & {"chains", "chain_role"}:
        facts.add("chains")
    return frozenset(facts)


def check(records: Sequence[Record], present: frozenset[str]) -> Findings:
    findings = Findings()
    regions = set(Region.objects.values_list("code", flat=True))
    classes = set(IndustryClass.objects.values_list("code", flat=True))
    chains = set(Chain.objects.values_list("code", flat=True))
    spells_given = bool(present & {"above_scale_from", "above_scale_to"})
    stored_spells = (
        spells_by_enterprise(usccs=[r["uscc"] for r in records if r["uscc"]])
        if spells_given
        else {}
    )
    first_row: dict[str, int] = {}
    for rec in records:
        row = rec.row
        uscc = rec["uscc"]
        if uscc:
            if uscc in first_row:
                findings.error(row, "uscc", ERR_DUPLICATE_USCC.format(other=first_row[uscc]))
            else:
                first_row[uscc] = row
        region = rec["region"]
        if region and region not in regions:
            findings.error(row, "region", ERR_UNKNOWN_REGION.format(code=region))
        industry = rec["industry"]
        if industry:
            if not INDUSTRY_MIN <= industry <= INDUSTRY_MAX:
                findings.error(row, "industry", ERR_INDUSTRY_SECTION.format(code=industry))
            elif industry not in classes:
                findings.error(row, "industry", ERR_UNKNOWN_INDUSTRY.format(code=industry))
        for code in rec["chains"] or ():
            if code not in chains:
                findings.error(row, "chains", ERR_UNKNOWN_CHAIN.format(code=code))
        if rec["chain_role"] and not rec["chains"]:
            findings.error(row, "chain_role", ERR_ROLE_WITHOUT_CHAIN)
        since, to = rec["above_scale_from"], rec["above_scale_to"]
        if since is not None and to is not None and to < since:
            findings.error(
                row,
                "above_scale_to",
                ERR_SPELL_ORDER.format(to=ym_format(to), since=ym_format(since)),
            )
        elif spells_given and rec.ok and uscc in stored_spells:
            try:
                above_scale_plan(spells=stored_spells[uscc], from_ym=since, to_ym=to)
            except SpellConflict as exc:
                findings.error(row, "above_scale_from", str(exc))
    return findings


def _facts(rec: Record) -> EnterpriseFacts:
    return EnterpriseFacts(
        uscc=rec["uscc"],
        name=rec["name"],
        region=rec["region"],
        industry=rec["industry"],
        ownership=rec["ownership"],
        size=rec["size"],
        land_mu=rec["land_mu"],
        key=bool(rec["key"]),
        chains=rec["chains"] or (),
        chain_role=rec["chain_role"],
        above_scale_from=rec["above_scale_from"],
        above_scale_to=rec["above_scale_to"],
    )


def write(records: Sequence[Record], ctx: WriteContext) -> dict[str, int]:
    summary = enterprises_upsert(
        facts=[_facts(r) for r in records],
        fields=_present_facts(ctx.present),
        actor=ctx.actor,
        batch_id=ctx.batch.pk,
        now=ctx.now,
    )
    return {"rows": len(records), "written": summary.created + summary.updated, **summary.as_dict()}


def summary_line(s: dict[str, int]) -> str:
    return (
        f"共 {s['rows']} 行：新增企业 {s['created']} 家，更新 {s['updated']} 家，"
        f"未变 {s['unchanged']} 家；新开规上期间 {s['spells_opened']} 段，"
        f"修改规上期间 {s['spells_changed']} 段；审计记录 {s['audit_entries']} 条"
    )


KIND = ImportKind(name="roster", schema=ROSTER, check=check, write=write, summary_line=summary_line)
