"""`gongxin dispatch` and `gongxin weekly` on a two-enterprise city (alice = the test user)."""

import datetime as dt
import io
import json

import pytest
from docx import Document as open_docx
from tests.ingest.files import ALPHA, BETA, ROSTER_HEADER, write_csv

from gongxin.dispatch.selectors import ERR_NO_DATA
from gongxin.ingest.services import import_file


@pytest.fixture
def daily_city(city, data_dir, tmp_path):
    """ALPHA uses 10 a working day and 4 a rest day; BETA 5 and 5 until it halts on 5/8."""
    roster = write_csv(
        tmp_path / "roster.csv",
        [
            ROSTER_HEADER,
            [ALPHA, "阿尔法铝业", "371502", "3216", "", "nonferrous", "链主"],
            [BETA, "贝塔面粉", "371503", "1311", "", "agrifood", ""],
        ],
    )
    assert import_file(kind="roster", path=roster, actor="alice").ok
    from gongxin.dispatch.workdays import WORKDAY, holiday_calendar

    cal = holiday_calendar()
    rows = [["date", "uscc", "electricity"]]
    day = dt.date(2024, 4, 1)
    while day <= dt.date(2024, 5, 12):
        rows.append([day.isoformat(), ALPHA, "10" if cal.kind(day) == WORKDAY else "4"])
        halted = dt.date(2024, 5, 8) <= day <= dt.date(2024, 5, 10)
        rows.append([day.isoformat(), BETA, "0.5" if halted else "5"])
        day += dt.timedelta(days=1)
    daily = write_csv(tmp_path / "daily.csv", rows)
    assert import_file(kind="daily", path=daily, actor="alice").ok


def test_dispatch_json_reports_the_halt_and_the_resumption(daily_city, run_cli):
    code, out, _ = run_cli("dispatch", "--date", "2024-05-08", "--format", "json")
    assert code == 0
    day = json.loads(out)
    assert (day["date"], day["kind"]) == ("2024-05-08", "workday")
    assert (day["city"]["halted"], day["city"]["normal"], day["city"]["resumption_rate"]) == (
        1,
        1,
        50.0,
    )
    assert [f["uscc"] for f in day["newly_halted"]] == [BETA]
    regions = {r["code"]: r for r in day["regions"]}
    assert regions["371503"]["halted"] == 1 and regions["371502"]["halted"] == 0
    code, out, _ = run_cli("dispatch", "--date", "2024-05-11", "--format", "json")
    assert [f["uscc"] for f in json.loads(out)["resumed"]] == [BETA]


def test_dispatch_table_and_docx(daily_city, run_cli, tmp_path):
    code, out, _ = run_cli("dispatch", "--date", "2024-05-08")
    assert code == 0 and "疑似停产企业1家，复产率50.0%" in out and "贝塔面粉" in out
    path = tmp_path / "d.docx"
    code, _, err = run_cli("dispatch", "--date", "2024-05-08", "--format", "docx", "-o", str(path))
    assert code == 0, err
    doc = open_docx(io.BytesIO(path.read_bytes()))
    texts = [p.text.replace("\n", "") for p in doc.paragraphs]
    assert "聊城市工业企业用电日调度情况（2024年5月8日）" in texts
    assert "一、总体情况" in texts and "三、新增停产和复产企业" in texts
    # the lists are attachments, each on a page of its own
    assert "附件：1.分行业大类日用电量及停产情况" in texts and "2.疑似停产企业名单" in texts
    assert "附件2" in texts
    assert "聊工信〔2024〕129号" in texts  # 8 May is the 129th day of 2024
    assert "2024年5月9日" in texts  # dated the next day by default


def test_dispatch_refuses_a_day_without_data_and_docx_without_a_file(daily_city, run_cli):
    code, _, err = run_cli("dispatch", "--date", "2024-07-01")
    assert code == 2 and ERR_NO_DATA.format(day="2024-07-01") in err
    code, _, err = run_cli("dispatch", "--date", "2024-05-08", "--format", "docx")
    assert code == 2 and "需要用 -o 指定输出文件" in err


def test_weekly_sums_the_week_and_lists_the_halted_firm(daily_city, run_cli, tmp_path):
    code, out, _ = run_cli("weekly", "--week", "2024-W19", "--format", "json")
    assert code == 0
    week = json.loads(out)
    assert (week["first"], week["last"]) == ("2024-05-06", "2024-05-12")
    assert [d["day_label"] for d in week["days"]][5] == "调休上班"
    halted = week["halted"]
    assert [(f["uscc"], f["halted_days"]) for f in halted] == [(BETA, 3)]
    assert halted[0]["statuses"] == [
        "normal",
        "normal",
        "halted",
        "halted",
        "halted",
        "normal",
        "normal",
    ]
    assert week["total"]["halted_firms"] == 1 and week["total"]["resumed"] == 1
    assert week["open_warnings"] == []
    path = tmp_path / "w.docx"
    code, _, err = run_cli("weekly", "--week", "2024-W19", "--format", "docx", "-o", str(path))
    assert code == 0, err
    texts = [p.text.replace("\n", "") for p in open_docx(io.BytesIO(path.read_bytes())).paragraphs]
    assert "聊城市工业经济运行周分析（2024年第19周）" in texts
    assert "2024年5月13日" in texts  # dated the Monday after the week by default
    code, out, _ = run_cli("weekly", "--week", "2024-W19")
    assert code == 0 and "停停停" in out


def test_weekly_rejects_a_malformed_week(daily_city, run_cli):
    code, _, err = run_cli("weekly", "--week", "2024-19")
    assert code == 2 and "ISO 周" in err


def test_dispatch_and_weekly_take_a_number_and_an_issuing_date(daily_city, run_cli, tmp_path):
    path = tmp_path / "d.docx"
    code, _, err = run_cli(
        "dispatch", "--date", "2024-05-08", "--format", "docx", "-o", str(path),
        "--number", "12", "--issued", "2024-05-10",
    )  # fmt: skip
    assert code == 0, err
    texts = [p.text for p in open_docx(io.BytesIO(path.read_bytes())).paragraphs]
    assert "聊工信〔2024〕12号" in texts and "2024年5月10日" in texts
    code, _, err = run_cli(
        "dispatch", "--date", "2024-05-08", "--format", "docx", "-o", str(path),
        "--issued", "2024-05-07",
    )  # fmt: skip
    assert code == 2 and "成文日期 2024-05-07 早于调度日期 2024-05-08" in err
    code, _, err = run_cli(
        "weekly", "--week", "2024-W19", "--format", "docx", "-o", str(path), "--issued", "5/13"
    )
    assert code == 2 and "--issued 的值 '5/13' 无效" in err
    code, _, err = run_cli(
        "weekly", "--week", "2024-W19", "--format", "docx", "-o", str(path),
        "--issued", "2024-05-11",
    )  # fmt: skip
    assert code == 2 and "早于该周最后一天 2024-05-12" in err


def test_the_dispatch_omits_zero_counts(daily_city, run_cli):
    # 5/8: BETA newly halted, nobody resumed, missing or without a baseline: no "0家" said
    code, out, _ = run_cli("dispatch", "--date", "2024-05-08")
    assert code == 0
    assert "0家" not in out.splitlines()[0]
