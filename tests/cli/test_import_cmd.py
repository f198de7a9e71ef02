"""`gongxin import` as a clerk uses it: a report on success, every problem on failure."""

import json

import pytest
from tests.ingest.files import ALPHA, BETA, write_csv, write_xlsx

from gongxin.ingest.kinds import monthly
from gongxin.ingest.services import MSG_NOTHING, MSG_REJECTED
from gongxin.registry.models import Enterprise
from gongxin.registry.uscc import ERR_CHECK

pytestmark = pytest.mark.django_db

ROSTER = [
    ["统一社会信用代码", "企业名称", "所属区县代码", "行业代码"],
    [ALPHA, "阿尔法铝业", "371502", "3216"],
    [BETA, "贝塔面粉", "371503", "1311"],
]


def test_it_imports_a_roster_and_prints_the_summary(city, data_dir, run_cli, tmp_path):
    code, out, err = run_cli("import", "roster", str(write_csv(tmp_path / "r.csv", ROSTER)))
    assert code == 0, err
    assert "企业名录导入完成，共 2 行：新增企业 2 家" in out
    assert Enterprise.objects.count() == 2


def test_a_bad_file_exits_1_listing_every_problem_on_stderr(city, data_dir, run_cli, tmp_path):
    rows = [ROSTER[0], [ALPHA[:-1] + "M", "甲", "371502", "3216"], [BETA, "", "371599", "3216"]]
    code, out, err = run_cli("import", "roster", str(write_csv(tmp_path / "bad.csv", rows)))
    assert code == 1
    assert out == ""
    assert MSG_REJECTED.format(label="企业名录", count=3) in err
    assert f"row 2, column uscc: {ERR_CHECK}" in err
    assert "row 3, column name: 必填，不能为空" in err
    assert "row 3, column region: 区县代码“371599”不在城市配置中" in err
    assert Enterprise.objects.count() == 0


def test_a_header_only_file_succeeds_with_a_message(city, data_dir, run_cli, tmp_path):
    code, out, _ = run_cli("import", "roster", str(write_csv(tmp_path / "h.csv", ROSTER[:1])))
    assert code == 0
    assert MSG_NOTHING.format(label="企业名录") in out


def test_json_report_lists_warnings_with_row_and_column(city, data_dir, run_cli, tmp_path):
    run_cli("import", "roster", str(write_xlsx(tmp_path / "r.xlsx", ROSTER)))
    rows = [["period", "uscc", "output", "sales"], ["2024-01", ALPHA, 100, 200]]
    code, out, _ = run_cli(
        "import", "monthly", str(write_xlsx(tmp_path / "m.xlsx", rows)), "--format", "json"
    )
    assert code == 0
    report = json.loads(out)
    assert (report["status"], report["summary"]["created"]) == ("committed", 1)
    assert report["warnings"] == [
        {
            "row": 2,
            "column": "sales",
            "header": "sales",
            "message": monthly.WARN_SALES_ABOVE_OUTPUT.format(sales="200", output="100", ratio=2.0),
        }
    ]


def test_a_missing_file_is_a_user_error(city, run_cli, tmp_path):
    code, _, err = run_cli("import", "roster", str(tmp_path / "nope.csv"))
    assert code == 2
    assert "错误：文件不存在" in err


def test_only_kinds_with_a_module_are_offered(run_cli):
    with pytest.raises(SystemExit):
        run_cli("import", "weekly", "x.csv")


def test_a_hostile_xlsx_is_refused_by_the_cli_too(city, data_dir, run_cli, tmp_path):
    """Issue 10: `gongxin import` reads through the same bounded worker as the web upload."""
    from tests.ingest.hostile import sparse_xlsx

    path = sparse_xlsx(tmp_path / "sparse.xlsx", ["period", "uscc", "output"])
    code, _, err = run_cli("import", "monthly", str(path))
    assert code == 1
    assert "工作表超过 500000 行上限（第 1048576 行）" in err
