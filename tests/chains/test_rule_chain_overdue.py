"""chain_overdue: overdue chain problems raise a warning of scope chain in the warnings center."""

from __future__ import annotations

import datetime as dt

import pytest

from gongxin.alerts.rules import RULE_KINDS
from gongxin.alerts.rules.base import Rule
from gongxin.chains.models import ChainProblem
from gongxin.engine.period import Period

D = dt.date


def _problem(code, chain, deadline, status="open", solved_on=None):
    ChainProblem.objects.create(
        code=code, chain_id=chain, category="其他", description="x",
        opened_on=D(2024, 1, 2), deadline=deadline, status=status, solved_on=solved_on,
    )  # fmt: skip


@pytest.fixture
def ctx():
    class Ctx:  # the rule reads only the period
        period = Period(2024, 4)

    return Ctx()


def _rule(bands):
    return Rule(kind="chain_overdue", scope="chain", params={"bands": bands}, where="test")


def test_levels_at_the_bounds(city, ctx):
    module = RULE_KINDS["chain_overdue"]
    for i in range(5):  # nonferrous: 5 overdue at 04-30 → red (≥ 5, at the bound)
        _problem(f"A{i}", "nonferrous", D(2024, 4, 29))
    _problem("B1", "chemical", D(2024, 3, 31))  # chemical: 1 → yellow (≥ 1, at the bound)
    _problem("B2", "chemical", D(2024, 4, 30))  # due on the last day: not overdue
    _problem("B3", "chemical", D(2024, 3, 1), "solved", D(2024, 4, 30))  # solved by the day
    _problem("B4", "chemical", D(2024, 3, 1), "closed", D(2024, 5, 3))  # solved after: overdue
    _problem("C1", "auto", D(2024, 3, 1), "closed", D(2024, 2, 1))  # solved: silent
    findings = {f.member: f for f in module.evaluate(_rule({"red": 5, "yellow": 1}), ctx)}
    assert set(findings) == {"nonferrous", "chemical"}
    assert (findings["nonferrous"].level, findings["nonferrous"].value) == ("red", 5)
    assert (findings["chemical"].level, findings["chemical"].value) == ("yellow", 2)
    assert findings["chemical"].scope == "chain"
    assert "B1、B4" in findings["chemical"].message and "绿色化工" in findings["chemical"].message
    assert module.needs(_rule({"red": 5, "yellow": 1}), ctx) == []


def test_the_default_rules_file_has_the_rule():
    from gongxin.alerts.config import load_alert_rules

    rules = load_alert_rules()
    assert any(r.kind == "chain_overdue" and r.scope == "chain" for r in rules.rules)
