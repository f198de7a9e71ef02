"""`gongxin import projects|project-progress`: all or nothing, revisions, baseline, audit."""

import json

import pytest

from gongxin.ingest.models import ImportBatch
from gongxin.projects.models import Project, ProjectPlanRevision, ProjectProgress
from gongxin.registry.models import AuditEntry
from tests.projects.conftest import PROGRESS_CSV, PROJECTS_CSV

pytestmark = pytest.mark.django_db


def test_import_and_reimport_changes_nothing(two_projects, run_cli, write_csv):
    assert Project.objects.count() == 2 and ProjectProgress.objects.count() == 4
    audits = AuditEntry.objects.count()
    code, out, _ = run_cli("import", "projects", write_csv("p2.csv", PROJECTS_CSV))
    assert code == 0 and "未变 2 个" in out
    code, out, _ = run_cli("import", "project-progress", write_csv("g2.csv", PROGRESS_CSV))
    assert code == 0 and "与已有数据相同 4 条" in out
    assert ProjectPlanRevision.objects.count() == 2 and ProjectProgress.objects.count() == 4
    # only the two batches' own entries were added
    assert AuditEntry.objects.count() == audits + 2


def test_baseline_revision_holds_the_plan_as_imported(two_projects):
    """Revision 1 is written by the database from the rows just inserted (``INSERT … SELECT``
    with a JSON object built in SQL): it must hold every plan field as imported."""
    by_code = {
        r.project.code: r
        for r in ProjectPlanRevision.objects.select_related("project").filter(revision=1)
    }
    assert set(by_code) == {"P001", "P002"}
    p1, p2 = by_code["P001"], by_code["P002"]
    assert p1.values == {
        "name": "年产10万吨铝材项目", "owner": "聊城某铝业有限公司", "uscc": "",
        "region_id": "371502", "chain_id": "nonferrous", "kind": "强链", "grade": "市重点",
        "pool": "实施", "total_investment": 50000, "plan_investment": 12000,
        "plan_start": "2024-03-15", "plan_production": "2024-12-31", "lng": 115.98, "lat": 36.45,
    }  # fmt: skip
    assert p2.values["pool"] == "实施" and p2.values["grade"] == ""  # the defaults as stored
    assert p2.values["plan_production"] is None and p2.values["lng"] is None
    batch = ImportBatch.objects.get(pk=p1.batch_id)
    assert p1.changed == [] and p1.actor == batch.actor and batch.kind == "projects"
    assert p1.recorded_at == p1.project.created_at


def test_plan_edit_is_a_revision_and_never_moves_the_baseline(two_projects, run_cli, write_csv):
    edited = PROJECTS_CSV.replace("12000,2024-03-15", "15000,2024-04-15")
    code, out, _ = run_cli("import", "projects", write_csv("p3.csv", edited))
    assert code == 0 and "计划调整 1 个" in out
    p = Project.objects.get(code="P001")
    assert (p.plan_investment, p.baseline_plan_investment) == (15000, 12000)
    assert str(p.baseline_plan_start) == "2024-03-15" and p.revision == 2
    rev = ProjectPlanRevision.objects.get(project=p, revision=2)
    assert set(rev.changed) == {"plan_investment", "plan_start"}
    assert AuditEntry.objects.filter(
        entity="project", field="plan_investment", old="12000"
    ).exists()
    # figures use the baseline: 6500 / 12000, not / 15000
    code, out, _ = run_cli("projects", "--period", "2024-04", "--format", "json")
    [p1] = [r for r in json.loads(out) if r["code"] == "P001"]
    assert p1["plan_investment"] == 12000 and p1["current_plan_investment"] == 15000
    assert p1["completion"] == pytest.approx(6500 / 12000 * 100)


def test_progress_revision_kept(two_projects, run_cli, write_csv):
    changed = PROGRESS_CSV.replace("2024-04,P001,500", "2024-04,P001,700")
    code, out, _ = run_cli("import", "project-progress", write_csv("g3.csv", changed))
    assert code == 0 and "修订 1 条" in out
    rows = ProjectProgress.objects.filter(ym=202404).order_by("revision")
    assert [(r.revision, r.investment, r.current) for r in rows] == [
        (1, 500, False),
        (2, 700, True),
    ]
    code, out, _ = run_cli("projects", "--period", "2024-04", "--format", "json")
    assert json.loads(out)[0]["investment_ytd"] == 6700


def test_bad_progress_rejected_whole_with_every_problem(two_projects, run_cli, write_csv):
    bad = (
        "period,code,investment,started_on,in_stats_on,production_on,problem\n"
        "2024-05,P999,1000,,,,\n"
        "2024-05,P001,-5,,,,\n"
        "2024-06,P001,3000,2024-07-20,,,\n"
        "2024-06,P001,3000,,,,\n"
        "2024-05,P002,10,,,,\n"
    )
    before = ProjectProgress.objects.count()
    code, _, err = run_cli("import", "project-progress", write_csv("bad.csv", bad))
    assert code == 1
    assert "row 2, column code: 项目编号 P999 不是 2024 年度的项目" in err
    assert "row 3, column investment: 应不小于 0，实为 -5" in err
    assert "row 4, column started_on: 实际开工日期 2024-07-20 晚于报告期 2024-06 的最后一天" in err
    assert "row 5, column code: 项目 P001 的 2024-06 进展与第 4 行重复" in err
    assert ProjectProgress.objects.count() == before  # the good row 6 was not written either


def test_bad_projects_rejected_whole(city, data_dir, run_cli, write_csv):
    bad = (
        "code,year,name,owner,region,chain,kind,total_investment,plan_investment,lng,lat\n"
        "P003,2024,x,y,371502,nev,强链,100,10,120.5,36.4\n"
        "P003,2024,x,y,371502,nev,强链,100,10,,\n"
        "P004,2024,x,y,999999,zzz,强链,0,-1,116.0,\n"
        "P005,2024,x,y,371502,,其它,100,10,,\n"
    )
    code, _, err = run_cli("import", "projects", write_csv("bad.csv", bad))
    assert code == 1
    for text in (
        "row 2, column lng: 坐标（120.5，36.4）不在本市范围内",
        "row 3, column code: 项目编号 P003 在 2024 年度与第 2 行重复",
        "row 4, column region: 区县代码“999999”不在城市配置中",
        "row 4, column chain: 产业链代码“zzz”不在城市配置中",
        "row 4, column total_investment: 总投资应大于 0",
        "row 4, column plan_investment: 应不小于 0",
        "row 5, column kind: 应为",
    ):
        assert text in err
    assert Project.objects.count() == 0


def test_chinese_headers_and_enterprise_link(city, data_dir, run_cli, write_csv):
    from gongxin.registry.models import Enterprise

    uscc = "91371500MA3C5X6J0C"
    header = (
        "项目编号,年度,项目名称,项目单位,项目单位统一社会信用代码,所属区县代码,项目类型,"
        "总投资,年度计划投资"
    )
    text = f"{header}\nP9,2024,项目,单位,{uscc},371502,技改,100,50\n"
    code, _, err = run_cli("import", "projects", write_csv("zh.csv", text))
    assert code == 0, err
    p = Project.objects.get(code="P9")
    assert p.uscc == uscc and p.enterprise_id is None  # not in the roster: no link
    assert not Enterprise.objects.exists()


def test_imports_refresh_the_planners_statistics(two_projects):
    """Without statistics SQLite reads a province's year through the (year, region) index, one
    lookup per project, at twice the cost of a scan (``services._analyze``)."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT tbl, stat FROM sqlite_stat1 WHERE idx LIKE 'projects_pr_year%'")
            assert cursor.fetchall() == [("projects_project", "2 2 1")]
            cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'projects_projectytd'")
        else:
            cursor.execute(
                "SELECT count(*) FROM pg_class WHERE relname IN"
                " ('projects_project', 'projects_projectytd') AND reltuples > 0"
            )
        assert cursor.fetchone()[0] == 2  # both tables: the list and the year to date
