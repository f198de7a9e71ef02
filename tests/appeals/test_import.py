"""`gongxin import appeals|commissioners` and `gongxin appeals stats` as a clerk uses them."""

import json

import pytest

from gongxin.appeals.models import Appeal, AppealEvent, Commissioner
from tests.appeals.fixtures import DONGCHANG_TEXTILE, YANGGU_CABLE, YANGGU_COPPER
from tests.ingest.files import write_csv

pytestmark = pytest.mark.django_db

HEADER = [
    "诉求编号", "统一社会信用代码", "所属区县代码", "诉求类别", "责任单位", "诉求标题", "提交时间",
    "签收时间", "答复时间", "办结时间", "评价", "是否解决",
]  # fmt: skip
UNIT = "市工业和信息化局"


def row(code, uscc=YANGGU_COPPER, sub="2024-04-30 15:00", acc="2024-05-06 09:00",
        ans="2024-05-08 10:00", clo="2024-05-23 16:00", rating="满意", solved="是",
        category="政策咨询", unit=UNIT, region="371521"):  # fmt: skip
    return [code, uscc, region, category, unit, "标题", sub, acc, ans, clo, rating, solved]


def test_history_imports_and_the_figures_follow_the_limits(people, run_cli, tmp_path):
    rows = [
        HEADER,
        row("H1"),  # every step on its last allowed day: all on time
        row(
            "H2",
            acc="2024-05-07 09:00",
            ans="2024-05-09 09:00",
            clo="2024-05-24 09:00",
            solved="否",
            rating="不满意",
        ),  # one day late everywhere
        row("H3", clo="", rating="", solved=""),  # answered, not closed: overdue at 5-31
        row(
            "H4",
            uscc=DONGCHANG_TEXTILE,
            region="371502",
            category="土地规划",
            unit="市自然资源和规划局",
            sub="2024-06-03 09:00",
            acc="",
            ans="",
            clo="",
            rating="",
            solved="",
        ),  # submitted after the window
    ]
    code, out, err = run_cli("import", "appeals", str(write_csv(tmp_path / "a.csv", rows)))
    assert code == 0, err
    assert "新增诉求 4 件" in out
    assert Appeal.objects.get(code="H3").status == "answered"
    assert AppealEvent.objects.filter(appeal__code="H1").count() == 4
    code, out, err = run_cli(
        "appeals", "stats", "--from", "2024-04-01", "--to", "2024-05-31", "--format", "json"
    )
    city = json.loads(out)[-1]
    # Hand count: 3 appeals in the window (H4 is June); H1 and H2 closed; H1 on time.
    assert {k: city[k] for k in ("appeals", "closed", "solved", "signed_on_time",
            "answered_on_time", "closed_on_time", "overdue_open", "rated", "satisfied")} == {
        "appeals": 3, "closed": 2, "solved": 1, "signed_on_time": 2, "answered_on_time": 2,
        "closed_on_time": 1, "overdue_open": 1, "rated": 2, "satisfied": 1,
    }  # fmt: skip
    assert city["response_rate"] == pytest.approx(200 / 3)
    assert city["on_time_rate"] == 50.0 and city["solve_rate"] == 50.0
    assert city["satisfaction_rate"] == 50.0
    # Judged at an earlier end, H2 is not yet closed and nothing is overdue.
    code, out, _ = run_cli(
        "appeals", "stats", "--from", "2024-04-01", "--to", "2024-05-23", "--format", "json"
    )
    early = json.loads(out)[-1]
    assert (early["closed"], early["overdue_open"], early["signed_on_time"]) == (1, 0, 2)
    # Re-importing the same file changes nothing.
    code, out, _ = run_cli("import", "appeals", str(write_csv(tmp_path / "a.csv", rows)))
    assert code == 0 and "新增诉求 0 件，更新 0 件，与已有数据相同 4 件" in out


def test_a_bad_history_file_is_rejected_whole_with_every_problem(people, run_cli, tmp_path):
    rows = [
        HEADER,
        row("B1", clo="2024-04-29 10:00"),  # closed before submitted (and before answered)
        row("B2", category="招商引资"),  # unknown category
        row("B3", unit="市招商局"),  # unknown unit
        row("B4", clo="", solved=""),  # a rating on an unclosed appeal
        row("B1"),  # duplicate code
        row("B6", sub="2099-01-01 09:00", acc="", ans="", clo="", rating="", solved=""),
    ]
    code, out, err = run_cli("import", "appeals", str(write_csv(tmp_path / "bad.csv", rows)))
    assert code == 1 and out == ""
    assert (
        "row 2, column closed_at: 办结时间（2024-04-29 10:00）早于提交时间（2024-04-30 15:00）"
        in err
    )
    assert "row 3, column category: 诉求类别“招商引资”不在配置中" in err
    assert "row 4, column unit: 责任单位“市招商局”不在配置中" in err
    assert "row 5, column rating: 诉求尚未办结（办结时间为空），不能有评价" in err
    assert "row 6, column code: 诉求编号 B1 与第 2 行重复" in err
    assert "row 7, column submitted_at: 时间 2099-01-01 09:00 晚于现在" in err
    assert Appeal.objects.count() == 0


def test_commissioners_pair_one_per_firm_and_refuse_unknown_users(people, run_cli, tmp_path):
    ok = [["用户名", "统一社会信用代码"], ["carol", YANGGU_CABLE], ["bob", DONGCHANG_TEXTILE]]
    code, _out, err = run_cli("import", "commissioners", str(write_csv(tmp_path / "c.csv", ok)))
    assert code == 0, err
    assert Commissioner.objects.get(enterprise_id=YANGGU_CABLE).user.username == "carol"
    bad = [
        ["username", "uscc"],
        ["nobody", YANGGU_CABLE],
        ["unit_policy", YANGGU_CABLE],  # a unit user cannot be a commissioner
        ["bob", YANGGU_COPPER],
        ["carol", YANGGU_COPPER],  # one commissioner per firm
    ]
    code, _, err = run_cli("import", "commissioners", str(write_csv(tmp_path / "b.csv", bad)))
    assert code == 1
    assert "row 2, column username: 用户 nobody 不存在" in err
    assert "row 3, column username: 用户 unit_policy 不存在、已停用或不是县区/市级用户" in err
    assert "row 5, column uscc: 企业 " + YANGGU_COPPER + " 在第 4 行已有服务专员" in err


def test_createuser_for_a_unit_and_an_enterprise(firms, run_cli):
    code, _, err = run_cli(
        "createuser", "landunit", "--role", "unit_user", "--unit", "市自然资源和规划局",
        "--password-stdin", stdin="Gx!unit-pass-2024\n",
    )  # fmt: skip
    assert code == 0, err
    code, _out, err = run_cli(
        "createuser", "x", "--role", "unit_user", "--unit", "市招商局", "--password-stdin",
        stdin="Gx!unit-pass-2024\n",
    )  # fmt: skip
    assert code != 0 and "责任单位“市招商局”不在诉求类别配置中" in err
    code, _, err = run_cli(
        "createuser", "y", "--role", "enterprise", "--password-stdin", stdin="Gx!unit-pass-2024\n"
    )
    assert code != 0 and "--uscc" in err
