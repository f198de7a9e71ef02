"""project_lag: a key project (重点项目) lagging in red or yellow by the projects' lag rules.

The level and its reasons come from the projects' own rules (``city/data/project_rules.yaml``,
read by ``gongxin.projects``), so the battle map, ``gongxin projects`` and the warnings center
show the same colour for the same project and period. Green projects raise nothing; the
projects of the period's year are judged (a 2024-04 evaluation looks at the 2024 list).
"""

from __future__ import annotations

from gongxin.alerts.rules.base import Context, Finding, Need, Rule
from gongxin.projects.selectors import project_list_figures
from gongxin.scope import Scope

KIND = "project_lag"
TITLE = "重点项目滞后"
SCOPES = ("project",)
INDICATOR = "completion"
# Thresholds live in the projects' rules file, not here: one place decides a project's colour.
PARAMS: dict = {}


def needs(rule: Rule, ctx: Context) -> list[Need]:
    return []  # the projects' figures, not the indicator engine's


def evaluate(rule: Rule, ctx: Context) -> list[Finding]:
    findings = []
    for f in project_list_figures(scope=Scope.everything(), period=ctx.period.ym):
        if f.level not in ("red", "yellow"):
            continue
        p = f.plan
        message = f"{p.name}（{p.code}，{p.owner}）：" + "；".join(f.reasons) + "。"
        findings.append(
            Finding(
                kind=KIND, scope="project", member=p.code, name=p.name[:200], region=p.region,
                level=f.level, indicator=INDICATOR, value=f.completion, threshold=None,
                message=message,
            )
        )  # fmt: skip
    return findings
