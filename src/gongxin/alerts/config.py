"""The warning rules file: found, read, checked on load with messages naming file and key.

Where the rules come from, first match wins:

1. ``GONGXIN_ALERT_RULES`` — a path to a rules file;
2. ``alert_rules = "file.yaml"`` in the ``[city]`` table of the city configuration (TOML) the
   platform runs with, relative to that TOML file;
3. the bundled ``gongxin/city/data/alert_rules.yaml``, shipped with the default city.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from gongxin.alerts.rules import RULE_KINDS
from gongxin.alerts.rules.base import Rule
from gongxin.alerts.rules.params import RuleConfigError

ENV_RULES = "GONGXIN_ALERT_RULES"
ERR_NOT_FOUND = "预警规则文件不存在：{path}"
ERR_YAML = "{source}: YAML 格式错误：{detail}"
ERR_TOP = "{source}: 顶层应为映射且只含 rules 键"
ERR_RULES = "{source}: rules 应为规则列表"
ERR_RULE = "{where} 应为映射，如 {{kind: stalled, scope: enterprise}}"
ERR_KIND = "{where}.kind：未知预警类型 {kind!r}，可用 {kinds}"
ERR_SCOPE = "{where}.scope：{kind} 不适用于范围 {scope!r}，可用 {scopes}"
ERR_UNKNOWN_KEY = "{where}.{key}：{kind} 没有这个参数，可用 {keys}"
ERR_REQUIRED = "{where}.{key} 缺失（必填）"
ERR_DUPLICATE = "{where}：{kind} / {scope} 与 {other} 重复，每种类型每个范围只能有一条规则"
ERR_ENABLED = "{where}.enabled 应为 true 或 false"
ERR_CITY_TOML = "城市配置 {path} 中的 city.alert_rules 应为文件路径字符串"

_RESERVED = ("kind", "scope", "enabled")


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[Rule, ...]
    source: str


def default_rules_path() -> Path:
    return Path(str(resources.files("gongxin.city") / "data" / "alert_rules.yaml"))


def alert_rules_path() -> Path:
    """The rules file this installation uses (see the module docstring)."""
    configured = os.environ.get(ENV_RULES)
    if configured:
        return Path(configured)
    city = os.environ.get("GONGXIN_CITY")
    if city and Path(city).is_file():
        with open(city, "rb") as fh:
            try:
                data = tomllib.load(fh)
            except tomllib.TOMLDecodeError:
                data = {}  # the city loader reports a broken TOML file in its own words
        path = data.get("city", {}).get("alert_rules")
        if path is not None:
            if not isinstance(path, str) or not path:
                raise RuleConfigError(ERR_CITY_TOML.format(path=city))
            return (Path(city).parent / path).resolve()
    return default_rules_path()


def load_alert_rules(path: str | Path | None = None) -> RuleSet:
    path = Path(path) if path is not None else alert_rules_path()
    if not path.is_file():
        raise RuleConfigError(ERR_NOT_FOUND.format(path=path))
    return parse_alert_rules(path.read_text(encoding="utf-8"), str(path))


def parse_alert_rules(text: str, source: str) -> RuleSet:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise RuleConfigError(ERR_YAML.format(source=source, detail=exc)) from exc
    if not isinstance(data, dict) or set(data) != {"rules"}:
        raise RuleConfigError(ERR_TOP.format(source=source))
    if not isinstance(data["rules"], list):
        raise RuleConfigError(ERR_RULES.format(source=source))
    rules: list[Rule] = []
    seen: dict[tuple[str, str], str] = {}
    for i, raw in enumerate(data["rules"]):
        where = f"{source}: rules[{i}]"
        rule = _parse_rule(raw, where)
        if rule is None:
            continue
        other = seen.get((rule.kind, rule.scope))
        if other is not None:
            raise RuleConfigError(
                ERR_DUPLICATE.format(where=where, kind=rule.kind, scope=rule.scope, other=other)
            )
        seen[(rule.kind, rule.scope)] = f"rules[{i}]"
        rules.append(rule)
    return RuleSet(rules=tuple(rules), source=source)


def _parse_rule(raw: Any, where: str) -> Rule | None:
    """The checked rule, or None for one switched off with ``enabled: false``."""
    if not isinstance(raw, dict):
        raise RuleConfigError(ERR_RULE.format(where=where))
    kind = raw.get("kind")
    if kind not in RULE_KINDS:
        raise RuleConfigError(ERR_KIND.format(where=where, kind=kind, kinds="、".join(RULE_KINDS)))
    module = RULE_KINDS[kind]
    scope = raw.get("scope")
    if scope not in module.SCOPES:
        raise RuleConfigError(
            ERR_SCOPE.format(where=where, kind=kind, scope=scope, scopes="、".join(module.SCOPES))
        )
    enabled = raw.get("enabled", True)
    if not isinstance(enabled, bool):
        raise RuleConfigError(ERR_ENABLED.format(where=where))
    for key in raw:
        if key not in _RESERVED and key not in module.PARAMS:
            raise RuleConfigError(
                ERR_UNKNOWN_KEY.format(where=where, key=key, kind=kind,
                                       keys="、".join(module.PARAMS) or "（无）")
            )  # fmt: skip
    params: dict[str, Any] = {}
    for key, param in module.PARAMS.items():
        if key in raw:
            params[key] = param.type.parse(raw[key], f"{where}.{key}")
        elif param.required:
            raise RuleConfigError(ERR_REQUIRED.format(where=where, key=key))
        else:
            params[key] = param.type.parse(param.default, f"{where}.{key}")
    if not enabled:
        return None
    return Rule(kind=kind, scope=scope, params=params, where=where)
