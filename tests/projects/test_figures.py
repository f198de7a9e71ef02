"""The definitions of programme-contract §1 on hand-made projects (no database)."""

import datetime as dt

import pytest

from gongxin.projects.figures import (
    Progress,
    ProjectPlan,
    check_369,
    group_figures,
    months_between,
    project_figures,
)
from gongxin.projects.rules import load_rules, parse_rules

D = dt.date
RULES = load_rules()


def plan(code="P1", plan_investment=1200.0, plan_start=None, **kw) -> ProjectPlan:
    base = dict(
        code=code,
        year=2024,
        name="项目",
        owner="单位",
        region="371502",
        chain="nev",
        kind="强链",
        plan_investment=plan_investment,
        plan_start=plan_start,
    )
    return ProjectPlan(**(base | kw))


def test_months_count_calendar_months():
    assert months_between(D(2024, 3, 15), 202406) == 3  # March → June
    assert months_between(D(2024, 3, 31), 202404) == 1  # one day later is still a month
    assert months_between(D(2024, 6, 1), 202406) == 0


def test_completion_time_progress_and_ahead():
    # plan 1200, 500 invested by April: completion 500/1200 = 41.666…%; time 4/12 = 33.333…%;
    # ahead 41.666… − 33.333… = 8.333… pp
    f = project_figures(plan(), Progress(investment_ytd=500.0), 202404, RULES)
    assert f.completion == pytest.approx(41.6666667)
    assert f.time_progress == pytest.approx(33.3333333)
    assert f.ahead_pp == pytest.approx(8.3333333)
    assert f.level == "green" and f.reasons == ()


def test_plan_zero_gives_null_completion_and_no_time_lag():
    f = project_figures(plan(plan_investment=0.0), Progress(investment_ytd=80.0), 202404, RULES)
    assert f.completion is None and f.ahead_pp is None
    assert f.level == "green"


def test_behind_time_yellow_and_red_bounds():
    # June: time progress 50 %. 480/1200 = 40 % → −10 pp exactly: not below −10, green.
    assert project_figures(plan(), Progress(480.0), 202406, RULES).level == "green"
    # 470/1200 = 39.1666 % → −10.83 pp: yellow
    f = project_figures(plan(), Progress(470.0), 202406, RULES)
    assert f.level == "yellow"
    assert f.reasons == ("投资完成率落后时间进度10.8个百分点（超过10个百分点）",)
    # 230/1200 = 19.1666 % → −30.83 pp: red
    f = project_figures(plan(), Progress(230.0), 202406, RULES)
    assert f.level == "red" and "30.8" in f.reasons[0]


def test_not_started_counts_calendar_months_from_plan_start():
    # Plan start 2024-03-15, not started, ahead of time (no plan money): June is 3 months → red
    p = plan(plan_investment=0.0, plan_start=D(2024, 3, 15))
    red = project_figures(p, Progress(), 202406, RULES)
    assert red.level == "red"
    assert red.reasons == ("计划2024年3月15日开工，已过3个月仍未开工",)
    # May: 2 months → yellow (plan_start in or before the period's month)
    assert project_figures(p, Progress(), 202405, RULES).level == "yellow"
    # March itself: 0 months, plan start is in the period's month → yellow
    assert project_figures(p, Progress(), 202403, RULES).level == "yellow"
    # February: plan start after the period → green
    assert project_figures(p, Progress(), 202402, RULES).level == "green"


def test_started_not_in_stats():
    p = plan(plan_investment=0.0, plan_start=D(2024, 1, 10))
    # started 2024-02-20; April is 2 months later and not 纳统 → red
    f = project_figures(p, Progress(0.0, started_on=D(2024, 2, 20)), 202404, RULES)
    assert f.level == "red" and f.reasons == ("2024年2月20日开工，已2个月仍未纳统",)
    # March: started one month earlier → yellow; February: started this month → green
    assert project_figures(p, Progress(0.0, D(2024, 2, 20)), 202403, RULES).level == "yellow"
    assert project_figures(p, Progress(0.0, D(2024, 2, 20)), 202402, RULES).level == "green"


def test_first_level_wins_and_lists_all_its_reasons():
    # Behind by more than 30 pp AND not started 3+ months after plan: both red reasons.
    p = plan(plan_start=D(2024, 1, 5))
    f = project_figures(p, Progress(0.0), 202404, RULES)
    assert f.level == "red" and len(f.reasons) == 2


def test_dates_after_the_period_do_not_count_and_stage():
    p = plan(plan_start=D(2024, 1, 5))
    prog = Progress(900.0, D(2024, 1, 10), D(2024, 2, 1), D(2024, 5, 2))
    april = project_figures(p, prog, 202404, RULES)
    assert april.stage == "纳统" and not april.in_production
    may = project_figures(p, prog, 202405, RULES)
    assert may.stage == "投产"
    reserve = project_figures(plan(pool="储备"), Progress(), 202404, RULES)
    assert reserve.stage == "谋划"
    assert project_figures(plan(), Progress(), 202404, RULES).stage == "签约"


def test_groups_start_rate_counts_early_starts_but_not_in_the_rate():
    # Four projects in April: A due (plan 03-01) started; B due not started; C not due (plan
    # 09-01) but started early; D no plan start. started = A, C = 2; due = A, B → rate 1/2 = 50 %.
    figures = [
        project_figures(
            plan("A", 100.0, D(2024, 3, 1)), Progress(40.0, D(2024, 3, 2)), 202404, RULES
        ),
        project_figures(plan("B", 100.0, D(2024, 3, 1)), Progress(0.0), 202404, RULES),
        project_figures(
            plan("C", 200.0, D(2024, 9, 1)), Progress(60.0, D(2024, 4, 2)), 202404, RULES
        ),
        project_figures(plan("D", 0.0, region="371521"), Progress(10.0), 202404, RULES),
    ]
    [city] = group_figures(figures, 202404, lambda f: "371500", {"371500": "聊城市"})
    d = city.as_dict()
    assert d["projects"] == 4 and d["started"] == 2 and d["start_rate"] == 50.0
    # completion (40+0+60+10)/(100+100+200+0) = 110/400 = 27.5 %; ahead 27.5 − 33.333 = −5.833
    assert d["completion"] == pytest.approx(27.5)
    assert d["ahead_pp"] == pytest.approx(-5.8333333)
    # B is red (not started, 1 month → yellow? plan 03-01, April: 1 month → yellow; and
    # 0/100 = 0 % vs 33.3 % → −33.3 pp → red). A: 40 % ahead 6.7, started 03-02, April is one
    # month later, not 纳统 → yellow. C: started this month → green (60/200 = 30 %, −3.3 pp).
    # D: plan 0 → green.
    assert (d["red"], d["yellow"], d["green"]) == (1, 1, 2)
    regions = group_figures(figures, 202404, lambda f: f.plan.region, {"371502": "东昌府区"})
    assert [g.member for g in regions] == ["371502", "371521"]
    assert regions[1].projects == 1


def test_start_rate_null_when_none_due():
    f = project_figures(plan("A", 100.0, D(2024, 9, 1)), Progress(), 202404, RULES)
    [g] = group_figures([f], 202404, lambda f: "c", {"c": "c"})
    assert g.as_dict()["start_rate"] is None


def test_369_june_and_september():
    figures = [
        # due, started and 纳统 → passes June
        project_figures(
            plan("A", 0, D(2024, 2, 1), plan_production=D(2024, 9, 1)),
            Progress(0, D(2024, 2, 5), D(2024, 3, 1), D(2024, 8, 30)),
            202406,
            RULES,
        ),
        # due, started, not 纳统 → fails June
        project_figures(plan("B", 0, D(2024, 6, 30)), Progress(0, D(2024, 6, 1)), 202406, RULES),
        # not due (plan start in July)
        project_figures(plan("C", 0, D(2024, 7, 1)), Progress(), 202406, RULES),
    ]
    june = check_369(figures, 202406)
    assert (june.due, june.passed, june.failing) == (("A", "B"), ("A",), ("B",))
    assert june.as_dict()["rate"] == 50.0
    assert check_369(figures, 202405) is None


def test_rules_file_errors_are_chinese():
    from gongxin.errors import UserError

    with pytest.raises(UserError, match="未知条件"):
        parse_rules(
            "levels:\n - level: red\n   conditions:\n    - {kind: nope, below: 1, reason: x}\n"
        )
    with pytest.raises(UserError, match="未知参数"):
        parse_rules(
            "levels:\n - level: red\n   conditions:\n"
            "    - {kind: behind_time, below: 1, months: 2, reason: x}\n"
        )


def test_changed_rules_change_levels():
    text = (
        "levels:\n - level: red\n   conditions:\n"
        "    - {kind: behind_time, below: -5, reason: '落后{behind}'}\n"
    )
    rules = parse_rules(text)
    # 480/1200 = 40 % in June: −10 pp → red under a −5 threshold
    f = project_figures(plan(), Progress(480.0), 202406, rules)
    assert f.level == "red" and f.reasons == ("落后10.0",)
