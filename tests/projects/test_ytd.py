"""The derived year-to-date table equals the aggregation of the current reports, whatever
sequence of imports, revisions and partial months wrote them."""

import datetime as dt
import random

import pytest
from django.db.models import Min, Sum

from gongxin.projects.models import Project, ProjectProgress, ProjectYtd
from gongxin.projects.services import PlanRow, ProgressRow, progress_record, projects_upsert

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2024, 7, 1, tzinfo=dt.UTC)


def plans(codes, year):
    return [
        PlanRow(code, year, {
            "name": code, "owner": "单位", "uscc": "", "region_id": "371502", "chain_id": None,
            "kind": "强链", "grade": "", "pool": "实施", "total_investment": 100.0,
            "plan_investment": 50.0, "plan_start": None, "plan_production": None,
            "lng": None, "lat": None,
        })
        for code in codes
    ]  # fmt: skip


def random_report(rng, code, ym):
    def day():
        if rng.random() < 0.5:
            return None
        return dt.date(ym // 100, rng.randint(1, ym % 100), rng.randint(1, 28))

    amount = rng.choice((0.0, 0.1, 0.2, rng.uniform(0, 1000)))
    return ProgressRow(code, ym, amount, day(), day(), day(), "")


def aggregated(project_id, ym):
    """What the figures read before the derived table: the aggregation of the reports."""
    r = ProjectProgress.objects.filter(
        project_id=project_id, current=True, ym__gte=ym // 100 * 100 + 1, ym__lte=ym
    ).aggregate(
        ytd=Sum("investment"),
        started=Min("started_on"),
        stats=Min("in_stats_on"),
        production=Min("production_on"),
    )
    if r["ytd"] is None:
        return None
    return (r["ytd"], r["started"], r["stats"], r["production"])


@pytest.mark.parametrize("seed", range(3))
def test_ytd_equals_the_aggregation_of_current_reports(city, seed):
    rng = random.Random(seed)
    codes = [f"Y{i}" for i in range(8)]
    for year in (2023, 2024):
        projects_upsert(rows=plans(codes, year), actor="t", batch_id=None, now=NOW)
    for _ in range(6):  # imports of random months, some repeating (revisions), some equal
        year = rng.choice((2023, 2024))
        months = rng.sample(range(1, 13), rng.randint(1, 4))
        rows = [
            random_report(rng, code, year * 100 + m)
            for m in months
            for code in rng.sample(codes, rng.randint(1, len(codes)))
        ]
        progress_record(rows=rows, actor="t", batch_id=None, now=NOW)
    stored = {
        (y.project_id, y.ym): (y.investment, y.started_on, y.in_stats_on, y.production_on)
        for y in ProjectYtd.objects.all()
    }
    checked = 0
    for project in Project.objects.all():
        for month in range(1, 13):
            ym = project.year * 100 + month
            expected = aggregated(project.pk, ym)
            got = stored.get((project.pk, ym))
            if expected is None:
                assert got is None
                continue
            assert got[0] == pytest.approx(expected[0], abs=1e-9) and got[1:] == expected[1:]
            checked += 1
    assert checked > 20
