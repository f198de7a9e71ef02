"""project_lag: the projects' red and yellow levels as warnings of scope project."""

import pytest

from gongxin.alerts.config import default_rules_path, load_alert_rules
from gongxin.alerts.rules import project_lag
from gongxin.alerts.rules.base import Context
from gongxin.engine.period import Period
from tests.projects.conftest import two_projects, write_csv  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


def evaluate(period: str):
    rules = load_alert_rules(default_rules_path())
    [rule] = [r for r in rules.rules if r.kind == "project_lag"]
    ctx = Context(
        engine=None, period=Period.parse(period), as_of=None, enterprises={},
        above_scale_threshold=2000,
    )  # fmt: skip
    return project_lag.evaluate(rule, ctx)


@pytest.mark.usefixtures("two_projects")
def test_yellow_and_red_projects_become_warnings():
    # April 2024: P001 is 54.2 % done against 33.3 % time, started and 纳统 → green, no warning.
    # P002 (plan start 2024-02-01, not started; plan 0 so no time lag): 2 months → yellow.
    [w] = evaluate("2024-04")
    assert (w.scope, w.member, w.region, w.level) == ("project", "P002", "371521", "yellow")
    assert w.value is None  # plan 0: completion null
    assert "计划2024年2月1日开工，至本月仍未开工" in w.message
    # May: 3 months since the plan start → red
    [w] = evaluate("2024-05")
    assert w.level == "red" and "已过3个月仍未开工" in w.message


def test_no_projects_no_warnings(city):
    assert evaluate("2024-04") == []
