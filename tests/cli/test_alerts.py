"""`gongxin alerts`: first listing evaluates and stores; --reevaluate shows what changed."""

import json

import pytest
from tests.alerts.conftest import TinyCity, uscc

from gongxin.alerts.models import Evaluation, StoredWarning
from gongxin.cli.alerts import ERR_PERIOD_REQUIRED

pytestmark = pytest.mark.django_db

RULES = """
rules:
  - {kind: below_target, scope: region}
  - {kind: stalled, scope: enterprise}
"""
CONTRACT_KEYS = {
    "level", "kind", "scope", "member", "name", "message", "indicator", "value", "threshold",
    "status", "id", "period", "region", "evaluated_at",
}  # fmt: skip
GUAN = "371525"


@pytest.fixture
def tiny(city, data_dir, tmp_path, monkeypatch):
    path = tmp_path / "rules.yaml"
    path.write_text(RULES, encoding="utf-8")
    monkeypatch.setenv("GONGXIN_ALERT_RULES", str(path))
    tiny = TinyCity()
    tiny.enterprise(uscc(1), GUAN, name="冠县机械有限公司")
    tiny.months(uscc(1), 2024, range(1, 5), 1031.0, 1000.0)
    tiny.enterprise(uscc(2), GUAN, name="冠县纺织有限公司", key=True)
    tiny.report(uscc(2), 202403, 300.0)
    tiny.report(uscc(2), 202404, 0.0)
    tiny.reference("target_va_growth", GUAN, "2024", 7.0)
    tiny.commit()
    return tiny


def test_json_lists_the_periods_warnings_and_stores_them(run_cli, tiny):
    code, out, err = run_cli("alerts", "--period", "2024-04", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert [(w["level"], w["kind"], w["member"]) for w in data] == [
        ("red", "stalled", uscc(2)),  # a key enterprise: escalated
        ("yellow", "below_target", GUAN),
    ]
    assert all(set(w) >= CONTRACT_KEYS for w in data)
    assert data[1]["message"] == (
        "冠县 1—4月规上工业增加值增长3.1%，低于年度目标7.0%共3.9个百分点，列全市第1位，"
        "请分析原因、落实追赶措施。"
    )
    assert "新增 2 条" in err  # the summary goes to stderr, keeping stdout pure JSON
    assert StoredWarning.objects.count() == 2
    # The second listing reads the stored warnings.
    code, again, _ = run_cli("alerts", "--period", "2024-04", "--format", "json")
    assert json.loads(again) == data
    assert Evaluation.objects.count() == 1


def test_reevaluate_prints_the_changes_after_a_revision(run_cli, tiny):
    run_cli("alerts", "--period", "2024-04")
    tiny.report(uscc(2), 202404, 280.0)  # it was running after all
    tiny.report(uscc(1), 202404, 1150.0, 1000.0)  # 冠县 6.1 %: blue
    tiny.commit()
    code, out, err = run_cli("alerts", "--period", "2024-04")
    assert code == 0 and "--reevaluate" in err  # stored colours stay until re-evaluated
    assert "黄色预警" in out and "红色预警" in out
    code, out, err = run_cli("alerts", "--period", "2024-04", "--reevaluate")
    assert code == 0, err
    assert "级别变化 1 条" in out and "不再触发 1 条" in out
    assert "[级别变化]" in out and "黄色预警→蓝色提示" in out
    assert "[不再触发]" in out and "冠县纺织有限公司" in out


def test_table_and_dispositions(run_cli, tiny):
    code, out, err = run_cli("alerts", "--period", "2024-04", "--level", "red")
    assert code == 0, err
    assert "红色预警" in out and "冠县纺织有限公司" in out and "below_target" not in out
    warning = StoredWarning.objects.get(kind="stalled")
    code, out, err = run_cli("alerts", "--id", str(warning.pk), "--action", "close")
    assert code != 0 and "办结须填写说明" in err
    code, out, err = run_cli(
        "alerts", "--id", str(warning.pk), "--action", "close", "--note", "已复产", "--history"
    )
    assert code == 0, err
    assert "已办结" in out and "已复产" in out
    code, out, err = run_cli("alerts", "--id", str(warning.pk), "--action", "close", "--note", "x")
    assert code != 0 and "不能重复办结" in err


def test_it_needs_a_period(run_cli, tiny):
    code, _out, err = run_cli("alerts")
    assert code != 0 and ERR_PERIOD_REQUIRED in err
