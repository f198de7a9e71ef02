"""The dispatch rules file is checked on load, with messages naming the key."""

import pytest

from gongxin.dispatch.rules import dispatch_rules, parse_rules
from gongxin.errors import UserError

GOOD = """
baseline:
  workday: {window_days: 14, min_days: 3}
  restday: {window_days: 28, min_days: 2}
  warmup_days: 42
  min_baseline: 0.01
halted: {share: 0.3}
rest_days: compare
"""


def test_it_reads_the_rules():
    assert parse_rules(GOOD, "r.yaml").halted_share == 0.3


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ("share: 0.3", "share: 1.5", "halted.share"),
        ("min_days: 3", "min_days: 30", "baseline.workday.min_days"),
        ("rest_days: compare", "rest_days: maybe", "rest_days"),
    ],
)
def test_it_names_the_bad_key(old, new, key):
    with pytest.raises(UserError, match=f"中 {key} 无效"):
        parse_rules(GOOD.replace(old, new), "r.yaml")


def test_the_environment_may_point_at_another_file(tmp_path, monkeypatch):
    path = tmp_path / "rules.yaml"
    path.write_text(GOOD.replace("share: 0.3", "share: 0.5"), encoding="utf-8")
    monkeypatch.setenv("GONGXIN_DISPATCH_RULES", str(path))
    assert dispatch_rules().halted_share == 0.5
