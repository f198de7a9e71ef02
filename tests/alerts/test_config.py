"""The rules file: the shipped one loads; mistakes are reported naming the file and the key."""

import re
from pathlib import Path

import pytest

from gongxin.alerts import config
from gongxin.alerts.config import alert_rules_path, load_alert_rules, parse_alert_rules
from gongxin.alerts.rules import RULE_KINDS
from gongxin.alerts.rules.params import RuleConfigError

METHODOLOGY = Path(__file__).parents[2] / "docs" / "methodology.md"


def test_the_shipped_rules_load_and_use_every_kind():
    rules = load_alert_rules(config.default_rules_path())
    assert {r.kind for r in rules.rules} == set(RULE_KINDS)
    below = next(r for r in rules.rules if (r.kind, r.scope) == ("below_target", "region"))
    assert below["bands"] == {"red": -5.0, "yellow": -2.0, "blue": 0.0}


def test_every_kind_has_a_methodology_section():
    text = METHODOLOGY.read_text(encoding="utf-8")
    rules_part = text.split("## Warning rules", 1)[1]
    for kind in RULE_KINDS:
        assert re.search(rf"^### {kind}\b", rules_part, re.M), kind


def test_every_kind_module_has_the_same_shape():
    for kind, module in RULE_KINDS.items():
        assert kind == module.KIND
        assert module.TITLE and module.SCOPES and isinstance(module.PARAMS, dict)
        assert callable(module.needs) and callable(module.evaluate)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("rules:\n  - {kind: stalld, scope: enterprise}\n",
         "f.yaml: rules[0].kind：未知预警类型 'stalld'，可用 below_target、"),
        ("rules:\n  - {kind: stalled, scope: region}\n",
         "f.yaml: rules[0].scope：stalled 不适用于范围 'region'，可用 enterprise"),
        ("rules:\n  - {kind: stalled, scope: enterprise, levl: red}\n",
         "f.yaml: rules[0].levl：stalled 没有这个参数，可用 level、watch、escalate"),
        ("rules:\n  - {kind: below_target, scope: region, bands: {yellow: 0, blue: -2}}\n",
         "f.yaml: rules[0].bands：yellow 的阈值 0 应比 blue 的阈值 -2 更严重"),
        ("rules:\n  - {kind: below_target, scope: region, bands: {red: abc}}\n",
         "f.yaml: rules[0].bands.red 应为数值，实为 'abc'"),
        ("rules:\n  - {kind: rank_drop, scope: region, bands: {yellow: 2.5}}\n",
         "f.yaml: rules[0].bands.yellow 应为整数，实为 2.5"),
        ("rules:\n  - {kind: stalled, scope: enterprise, watch: [vip]}\n",
         "f.yaml: rules[0].watch[0] 应为 all、key、chain_leader、large 之一，实为 'vip'"),
        ("rules:\n  - {kind: stalled, scope: enterprise}\n  - {kind: stalled, scope: enterprise}\n",
         "f.yaml: rules[1]：stalled / enterprise 与 rules[0] 重复"),
        ("rule: []\n", "f.yaml: 顶层应为映射且只含 rules 键"),
        ("rules: [\n", "f.yaml: YAML 格式错误"),
    ],
)  # fmt: skip
def test_mistakes_name_the_file_and_the_key(text, message):
    with pytest.raises(RuleConfigError) as exc:
        parse_alert_rules(text, "f.yaml")
    assert str(exc.value).startswith(message), str(exc.value)


def test_a_rule_can_be_switched_off():
    text = "rules:\n  - {kind: stalled, scope: enterprise, enabled: false}\n"
    assert parse_alert_rules(text, "f.yaml").rules == ()


def test_the_path_comes_from_the_environment_then_the_city_toml(tmp_path, monkeypatch):
    monkeypatch.delenv(config.ENV_RULES, raising=False)
    monkeypatch.delenv("GONGXIN_CITY", raising=False)
    assert alert_rules_path() == config.default_rules_path()
    rules = tmp_path / "rules" / "mine.yaml"
    rules.parent.mkdir()
    rules.write_text("rules: []\n", encoding="utf-8")
    city = tmp_path / "city.toml"
    city.write_text('[city]\ncode = "371500"\nalert_rules = "rules/mine.yaml"\n', encoding="utf-8")
    monkeypatch.setenv("GONGXIN_CITY", str(city))
    assert alert_rules_path() == rules.resolve()
    assert load_alert_rules().rules == ()
    other = tmp_path / "other.yaml"
    monkeypatch.setenv(config.ENV_RULES, str(other))
    assert alert_rules_path() == other
    with pytest.raises(RuleConfigError, match="预警规则文件不存在"):
        load_alert_rules()
