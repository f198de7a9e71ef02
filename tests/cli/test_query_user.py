"""`gongxin query --user NAME`: what that user may see (small cells withheld, 统计法)."""

import json

import pytest
from tests.web.personas import enterprises_create, persona

pytestmark = pytest.mark.django_db

ARGS = ("query", "--indicator", "output_ytd", "--period", "2024-04", "--by", "region")


@pytest.fixture
def reported(city, data_dir):
    persona("bob")  # county_user of 371521
    persona("alice")
    return enterprises_create()  # 371521: 2 enterprises; 371502: 1


def test_a_county_user_sees_dashes_and_the_note_for_small_cells_of_other_regions(reported, run_cli):
    code, out, err = run_cli(*ARGS, "--user", "bob")
    assert code == 0, err
    lines = {line.split()[0]: line for line in out.splitlines() if line[:6].isdigit()}
    # own region: (1001 + … + 1004) + (1101 + … + 1104) = 8,420.0
    assert lines["371521"].rstrip().endswith("8,420.0")
    assert lines["371502"].rstrip().endswith("—")
    assert "注：不足3家，按统计法不公开" in out


def test_json_as_a_county_user_says_suppressed(reported, run_cli):
    code, out, err = run_cli(*ARGS, "--user", "bob", "--format", "json")
    assert code == 0, err
    rows = {r["member"]: r for r in json.loads(out)}
    assert rows["371502"] | {} == {
        "indicator": "output_ytd", "member": "371502", "name": rows["371502"]["name"],
        "value": None, "unit": "万元", "suppressed": True, "note": "不足3家，按统计法不公开",
    }  # fmt: skip
    assert rows["371521"]["value"] == pytest.approx(8420.0)
    assert "注：不足3家" in err


def test_city_users_and_no_user_see_everything(reported, run_cli):
    for extra in ((), ("--user", "alice")):
        code, out, err = run_cli(*ARGS, *extra, "--format", "json")
        assert code == 0, err
        rows = {r["member"]: r for r in json.loads(out)}
        # 371502: 1001 + 1002 + 1003 + 1004 + 4 × 200 (its output is 1000 + 100 × 2 + month)
        assert rows["371502"]["value"] == pytest.approx(4810.0)
        assert "suppressed" not in rows["371502"]


def test_an_unknown_user_is_a_chinese_error(reported, run_cli):
    code, _out, err = run_cli(*ARGS, "--user", "nobody")
    assert code != 0
    assert "用户 nobody 不存在" in err
