"""`gongxin demo` end to end: files written, imported through the real importers, once."""

import json

import pytest

from gongxin.ingest.models import ImportBatch
from gongxin.registry.models import Enterprise
from gongxin.stats.models import MonthlyReport

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


def test_files_only_touches_no_database(run_cli, data_dir, tmp_path):
    code, _out, err = run_cli("demo", "--size", "250", "--out", str(tmp_path), "--files-only")
    assert code == 0, err
    assert (tmp_path / "monthly-corrections.csv").exists()
    assert not Enterprise.objects.exists()


def test_demo_loads_through_the_importers_and_never_twice(run_cli, data_dir, tmp_path):
    out_dir = tmp_path / "demo"
    code, out, err = run_cli("demo", "--size", "300", "--out", str(out_dir))
    assert code == 0, err
    assert "企业 300 家" in out
    assert Enterprise.objects.count() == 300
    batches = ImportBatch.objects.filter(actor="demo", status="committed")
    assert sorted(batches.values_list("kind", flat=True)) == [
        "chain-activities",
        "chain-map",
        "chain-problems",
        "chain-targets",
        "daily",
        "monthly",
        "monthly",
        "monthly",
        "monthly",
        "project-progress",
        "project-progress",
        "projects",
        "projects",
        "projects",
        "reference",
        "roster",
    ]
    revised = MonthlyReport.objects.filter(revision__gt=1).count()
    assert revised >= 5
    # Warnings were evaluated by the imports (the latest months), before anyone listed them.
    from gongxin.alerts.models import Evaluation, StoredWarning

    assert Evaluation.objects.filter(period="2024-06", actor="demo").exists()
    assert StoredWarning.objects.filter(period="2024-06").exists()
    reports = MonthlyReport.objects.count()
    # The 元-for-万元 slip is flagged by the importer (a warning, not an error).
    monthly_2023 = batches.get(filename="monthly-2023.csv")
    assert any("单位" in w["message"] for w in monthly_2023.report["warnings"])

    code, out, err = run_cli("demo", "--size", "300", "--out", str(out_dir))
    assert code == 0, err
    assert "未重复导入" in out
    assert MonthlyReport.objects.count() == reports
    assert ImportBatch.objects.filter(actor="demo").count() == 16

    # Another demo (another seed) must not be mixed in.
    code, out, err = run_cli("demo", "--size", "300", "--seed", "9", "--out", str(out_dir))
    assert code != 0
    assert "另一份演示数据" in err
    assert Enterprise.objects.count() == 300


def test_demo_refuses_a_database_with_other_enterprises(run_cli, data_dir, tmp_path, city):
    from gongxin.city.models import IndustryClass, Region

    Enterprise.objects.create(
        uscc="91371502MA3C00000X",
        name="聊城市某某机械有限公司",
        region=Region.objects.get(code="371502"),
        industry=IndustryClass.objects.get(code="3451"),
    )
    code, _out, err = run_cli("demo", "--size", "250", "--out", str(tmp_path))
    assert code != 0
    assert "并非演示数据" in err
    assert Enterprise.objects.count() == 1


def test_engine_reproduces_the_calibrated_figure(run_cli, data_dir, tmp_path):
    code, _, err = run_cli("demo", "--size", "300", "--out", str(tmp_path))
    assert code == 0, err
    code, out, err = run_cli(
        "query", "--indicator", "va_growth_ytd", "--period", "2024-04", "--format", "json"
    )
    assert code == 0, err
    (row,) = json.loads(out)
    assert abs(row["value"] - 7.9) <= 0.1
