"""`gongxin audit` shows who changed what, filtered by entity and key."""

import json

import pytest
from tests.ingest.files import ALPHA, BETA, write_csv

pytestmark = pytest.mark.django_db


@pytest.fixture
def changed_roster(city, data_dir, run_cli, tmp_path):
    header = ["uscc", "name", "region", "industry"]
    run_cli(
        "import",
        "roster",
        str(
            write_csv(
                tmp_path / "a.csv",
                [header, [ALPHA, "阿尔法", "371502", "3216"], [BETA, "贝塔", "371503", "1311"]],
            )
        ),
    )
    run_cli(
        "import",
        "roster",
        str(write_csv(tmp_path / "b.csv", [header, [ALPHA, "阿尔法铝业", "371502", "3216"]])),
    )


def test_it_lists_an_enterprises_changes_as_json(changed_roster, run_cli):
    code, out, _ = run_cli("audit", "--entity", "enterprise", "--key", ALPHA, "--format", "json")
    assert code == 0
    entries = json.loads(out)
    assert [(e["action"], e["field"], e["old"], e["new"]) for e in entries] == [
        ("update", "name", "阿尔法", "阿尔法铝业"),
        ("create", "name", "", "阿尔法"),
    ]
    assert entries[0]["actor"].startswith("cli:") or entries[0]["actor"]


def test_the_table_names_actions_in_chinese_and_respects_the_limit(changed_roster, run_cli):
    code, out, _ = run_cli("audit", "--entity", "enterprise", "--limit", "1")
    assert code == 0
    lines = out.strip().splitlines()
    assert lines[0].split()[:3] == ["时间", "操作人", "操作"]
    assert len(lines) == 3 and "修改" in lines[2] and "阿尔法铝业" in lines[2]


def test_no_matching_entries_says_so(city, run_cli):
    code, out, _ = run_cli("audit", "--key", "nothing")
    assert (code, out.strip()) == (0, "没有符合条件的审计记录")
