"""`gongxin query` as a user runs it: --as-of reproduces the registry, --filter narrows."""

import json
import time
from datetime import UTC, datetime

import pytest
from tests.ingest.files import ALPHA, BETA, write_csv

from gongxin.registry.models import AboveScaleSpellHistory, EnterpriseHistory

pytestmark = pytest.mark.django_db

HEADER = ["统一社会信用代码", "企业名称", "所属区县代码", "行业代码", "所属产业链"]
MONTHLY = [
    ["period", "uscc", "output", "output_py"],
    ["2024-04", ALPHA, 110, 100],  # +10 %
    ["2024-04", BETA, 130, 100],  # +30 %
]


def _query(run_cli, *extra):
    code, out, err = run_cli(
        "query", "--indicator", "va_growth_ytd", "--indicator", "output_ytd",
        "--period", "2024-04", "--by", "region", "--format", "json", *extra,
    )  # fmt: skip
    assert code == 0, err
    return {(r["indicator"], r["member"]): r["value"] for r in json.loads(out)}


def test_as_of_gives_back_the_figure_of_the_roster_as_it_stood(city, data_dir, run_cli, tmp_path):
    roster = [HEADER, [ALPHA, "阿尔法铝业", "371502", "3216", ""],
              [BETA, "贝塔面粉", "371503", "1311", "agrifood"]]  # fmt: skip
    assert run_cli("import", "roster", str(write_csv(tmp_path / "r1.csv", roster)))[0] == 0
    assert run_cli("import", "monthly", str(write_csv(tmp_path / "m.csv", MONTHLY)))[0] == 0
    before = _query(run_cli)
    # VA = output (no PPI, no ratio: 100 and 1): 371502 110/100, 371503 130/100
    assert before[("va_growth_ytd", "371502")] == pytest.approx(10.0)
    assert before[("va_growth_ytd", "371503")] == pytest.approx(30.0)
    time.sleep(0.01)
    t1 = datetime.now(UTC).isoformat()
    time.sleep(0.01)

    # BETA moves to 东昌府区 and into ALPHA's industry, off its chain
    roster[2] = [BETA, "贝塔面粉", "371502", "3216", ""]
    assert run_cli("import", "roster", str(write_csv(tmp_path / "r2.csv", roster)))[0] == 0
    after = _query(run_cli)
    assert after[("va_growth_ytd", "371502")] == pytest.approx(20.0)  # (110 + 130) / 200
    assert ("va_growth_ytd", "371503") not in after
    assert _query(run_cli, "--as-of", t1) == before

    # the same through chains and industries: as of T1 BETA was on agrifood, in division 13
    code, out, _ = run_cli(
        "query", "--indicator", "output_ytd", "--period", "2024-04", "--by", "chain",
        "--as-of", t1, "--format", "json",
    )  # fmt: skip
    assert code == 0
    assert {r["member"]: r["value"] for r in json.loads(out)} == {"agrifood": 130.0}
    code, out, _ = run_cli(
        "query", "--indicator", "output_ytd", "--period", "2024-04", "--by", "chain",
        "--format", "json",
    )  # fmt: skip
    assert json.loads(out) == []

    # the history rows behind it: BETA's old placing closed at the move, the new one open
    rows = EnterpriseHistory.objects.filter(enterprise_id=BETA).order_by("valid_from")
    assert [(h.region_id, h.industry_id, h.valid_to is None) for h in rows] == [
        ("371503", "1311", False),
        ("371502", "3216", True),
    ]
    assert AboveScaleSpellHistory.objects.filter(enterprise_id=BETA).count() == 1


def test_filter_by_region_with_by_industry(city, data_dir, run_cli, tmp_path):
    roster = [HEADER, [ALPHA, "阿尔法铝业", "371502", "3216", ""],
              [BETA, "贝塔面粉", "371503", "1311", ""]]  # fmt: skip
    run_cli("import", "roster", str(write_csv(tmp_path / "r.csv", roster)))
    run_cli("import", "monthly", str(write_csv(tmp_path / "m.csv", MONTHLY)))
    code, out, err = run_cli(
        "query", "--filter", "region=371503", "--by", "industry",
        "--indicator", "output_ytd", "--period", "2024-04",
    )  # fmt: skip
    assert code == 0, err
    assert "13" in out and "32" not in out.split("\n", 2)[-1]
    code, _, err = run_cli(
        "query", "--filter", "region=999999", "--indicator", "output_ytd", "--period", "2024-04"
    )
    assert code == 2
    assert "筛选条件 region=999999 中的代码不存在" in err


def test_a_combined_january_february_report_grows_against_both_months(
    city, data_dir, run_cli, tmp_path
):
    roster = [HEADER, [ALPHA, "阿尔法铝业", "371502", "3216", ""],
              [BETA, "贝塔面粉", "371503", "1311", ""]]  # fmt: skip
    assert run_cli("import", "roster", str(write_csv(tmp_path / "r.csv", roster)))[0] == 0
    rows = [
        ["报告期", "统一社会信用代码", "工业总产值(当年价格)"],
        ["2023-01", ALPHA, 100],
        ["2023-02", ALPHA, 100],
        ["2024-01~02", ALPHA, 220],  # 1—2月 together: base 100 + 100 -> 10 %, not 120 %
        ["2023-01", BETA, 50],
        ["2023-02", BETA, 50],
        ["2024年1—2月", BETA, 90],  # 90 / 100 -> -10 %
    ]
    code, out, err = run_cli("import", "monthly", str(write_csv(tmp_path / "m.csv", rows)))
    assert code == 0, err
    code, out, err = run_cli(
        "query", "--indicator", "va_growth_ytd", "--indicator", "output_ytd",
        "--period", "2024-02", "--by", "enterprise", "--format", "json",
    )  # fmt: skip
    assert code == 0, err
    got = {(r["indicator"], r["member"]): r["value"] for r in json.loads(out)}
    assert got[("va_growth_ytd", ALPHA)] == pytest.approx(10.0)
    assert got[("va_growth_ytd", BETA)] == pytest.approx(-10.0)
    assert got[("output_ytd", ALPHA)] == pytest.approx(220.0)
    # Liaocheng publishes 1—2月 together: January has no city figure, and says why
    code, out, err = run_cli(
        "query", "--indicator", "output_ytd", "--period", "2024-01", "--format", "json"
    )
    assert code == 0
    assert [r["value"] for r in json.loads(out)] == [None]
    assert "1月数据不单独发布" in err
    # a mistyped 1—2月 is refused, by row and column
    bad = [["period", "uscc", "output"], ["2024-1~2", ALPHA, 1]]
    code, _, err = run_cli("import", "monthly", str(write_csv(tmp_path / "b.csv", bad)))
    assert code == 1
    assert "row 2, column period: 应为 YYYY-MM 格式的年月" in err


def test_a_cold_query_reads_the_current_snapshot_without_django(city, data_dir, run_cli, tmp_path):
    """`gongxin query` in a fresh process: no Django, django-ninja or numpy imported, same rows."""
    import os
    import subprocess
    import sys

    from django.conf import settings

    from gongxin.stats.snapshot_files import LOCAL_TIME_ZONE

    assert LOCAL_TIME_ZONE == settings.TIME_ZONE
    roster = [HEADER, [ALPHA, "阿尔法铝业", "371502", "3216", ""],
              [BETA, "贝塔面粉", "371503", "1311", ""]]  # fmt: skip
    run_cli("import", "roster", str(write_csv(tmp_path / "r.csv", roster)))
    run_cli("import", "monthly", str(write_csv(tmp_path / "m.csv", MONTHLY)))
    in_process = _query(run_cli)
    # the embedded database the fresh process reads: the test database's file is not at
    # $GONGXIN_DATA_DIR/gongxin.sqlite3, so copy the one counter the check reads
    import sqlite3

    from gongxin.stats.models import DataVersion

    con = sqlite3.connect(data_dir / "gongxin.sqlite3")
    con.execute("CREATE TABLE stats_dataversion (id INTEGER PRIMARY KEY, version INTEGER)")
    con.execute("INSERT INTO stats_dataversion VALUES (1, ?)", [DataVersion.current()])
    con.commit()
    con.close()
    script = (
        "import sys, json\n"
        "from gongxin.cli.main import main\n"
        "code = main(['query', '--indicator', 'va_growth_ytd', '--indicator', 'output_ytd',"
        " '--period', '2024-04', '--by', 'region', '--format', 'json'])\n"
        "bad = [m for m in ('django', 'ninja', 'numpy') if m in sys.modules]\n"
        "print(json.dumps(bad), file=sys.stderr)\n"
        "sys.exit(code)\n"
    )
    env = {
        k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")
    }
    env["GONGXIN_DATA_DIR"] = str(data_dir)
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stderr.strip().splitlines()[-1]) == []
    rows = {(r["indicator"], r["member"]): r["value"] for r in json.loads(done.stdout)}
    assert rows == in_process
