"""The province-scale paths give what the one-project definitions give, on random projects.

``LagRules.level`` (the level without its reasons), ``figures.project_statuses`` (the map,
filters and sorting of the battle map) and ``figures.project_groups`` (``--by``) must agree with
``project_figures`` + ``group_figures`` for any plan, any reports and any rules file; and the
derived year-to-date table with the reports it is derived from.
"""

import datetime as dt
import random

import pytest

from gongxin.projects.figures import (
    Progress,
    ProjectPlan,
    group_figures,
    project_figures,
    project_groups,
    project_statuses,
    year_to_date,
)
from gongxin.projects.rules import Reading, load_rules, parse_rules

REGIONS = ("371502", "371503", "371521")
CHAINS = (None, "nev", "agrifood")
KINDS = ("强链", "补链", "技改")


def random_day(rng: random.Random, year: int) -> dt.date | None:
    if rng.random() < 0.25:
        return None
    return dt.date(year + rng.choice((-1, 0, 0, 0, 1)), rng.randint(1, 12), rng.randint(1, 28))


def random_rules(rng: random.Random):
    levels = []
    for level in ("red", "yellow"):
        conditions = []
        for kind, param in (("behind_time", "below"), ("not_started", "months"),
                            ("not_in_stats", "months")):  # fmt: skip
            if rng.random() < 0.8:
                value = rng.randint(-60, 5) if kind == "behind_time" else rng.randint(0, 6)
                reason = "{behind}/{ahead_pp}" if kind == "behind_time" else "{months}"
                conditions.append(f"      - kind: {kind}\n        {param}: {value}\n"
                                  f"        reason: \"{reason}\"\n")  # fmt: skip
        levels.append(f"  - level: {level}\n    conditions:\n" + "".join(conditions))
    return parse_rules("levels:\n" + "".join(levels))


def random_project(rng: random.Random, i: int) -> tuple[ProjectPlan, Progress]:
    plan = ProjectPlan(
        code=f"P{i:04d}",
        year=2024,
        name=f"项目{i}",
        owner="单位",
        region=rng.choice(REGIONS),
        chain=rng.choice(CHAINS),
        kind=rng.choice(KINDS),
        plan_investment=rng.choice((0.0, 100.0, 1234.5, rng.uniform(1, 10_000))),
        plan_start=random_day(rng, 2024),
        plan_production=random_day(rng, 2024),
        pool=rng.choice(("储备", "计划", "实施")),
        lng=rng.choice((None, 116.0)),
        lat=36.4,
    )
    progress = Progress(
        rng.choice((0.0, rng.uniform(0, 12_000))),
        random_day(rng, 2024),
        random_day(rng, 2024),
        random_day(rng, 2024),
    )
    return plan, progress


@pytest.mark.parametrize("seed", range(20))
def test_level_is_the_level_of_classify(seed):
    rng = random.Random(seed)
    rules = load_rules() if seed == 0 else random_rules(rng)
    for _ in range(300):
        reading = Reading(
            period=2024 * 100 + rng.randint(1, 12),
            ahead_pp=rng.choice((None, rng.uniform(-100, 50), -30.0, -10.0)),
            plan_start=random_day(rng, 2024),
            started_on=random_day(rng, 2024),
            in_stats_on=random_day(rng, 2024),
        )
        assert rules.level(reading) == rules.classify(reading)[0]


@pytest.mark.parametrize("seed", range(20))
def test_statuses_and_groups_agree_with_the_figures_of_each_project(seed):
    rng = random.Random(seed)
    rules = load_rules() if seed < 5 else random_rules(rng)
    period = 2024 * 100 + rng.randint(1, 12)
    projects = [random_project(rng, i) for i in range(200)]
    figures = [project_figures(plan, progress, period, rules) for plan, progress in projects]

    statuses = project_statuses(
        [
            (p.code, p.year, p.name, p.region, p.chain, p.kind, p.plan_investment, p.plan_start,
             p.pool, p.lng, p.lat, g.investment_ytd or None, g.started_on, g.in_stats_on,
             g.production_on)
            for p, g in projects
        ],
        period,
        rules,
    )  # fmt: skip
    for s, f in zip(statuses, figures, strict=True):
        assert (s.code, s.region, s.chain, s.kind, s.plan_investment, s.lng) == (
            f.plan.code, f.region, f.chain, f.kind, f.plan_investment, f.plan.lng,
        )  # fmt: skip
        assert (s.investment_ytd, s.completion, s.ahead_pp, s.stage, s.level) == (
            f.investment_ytd, f.completion, f.ahead_pp, f.stage, f.level,
        )  # fmt: skip
        assert (s.started, s.due_to_start, s.in_stats, s.in_production) == (
            f.started, f.due_to_start, f.in_stats, f.in_production,
        )  # fmt: skip

    for by in ("region", "chain", "kind"):
        names = {"371502": "东昌府区", "nev": "新能源汽车"} if by != "kind" else {"强链": "强链"}
        expected = group_figures(figures, period, lambda f, by=by: getattr(f, by), names)
        fast = project_groups(
            [
                (getattr(p, by), p.plan_investment, p.plan_start, p.pool, g.investment_ytd,
                 g.started_on, g.in_stats_on, g.production_on)
                for p, g in projects
            ],
            period,
            rules,
            names,
        )  # fmt: skip
        assert [g.as_dict() for g in fast] == [g.as_dict() for g in expected]
        from_statuses = group_figures(statuses, period, lambda s, by=by: getattr(s, by), names)
        assert [g.as_dict() for g in from_statuses] == [g.as_dict() for g in expected]


def test_year_to_date_carries_months_forward_and_keeps_the_earliest_dates():
    d = dt.date
    rows = year_to_date(
        [
            (202403, 100.0, None, None, None),
            (202405, 50.5, d(2024, 5, 2), None, None),
            (202406, 0.0, d(2024, 4, 30), d(2024, 6, 1), None),
        ]
    )
    assert [r[0] for r in rows] == list(range(202403, 202413))
    assert rows[0] == (202403, 100.0, None, None, None)
    assert rows[1] == (202404, 100.0, None, None, None)
    assert rows[2] == (202405, 150.5, d(2024, 5, 2), None, None)
    assert rows[3] == (202406, 150.5, d(2024, 4, 30), d(2024, 6, 1), None)
    assert rows[-1] == (202412, *rows[3][1:])
    assert year_to_date([]) == []
