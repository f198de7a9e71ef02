"""Lag rules of key projects as data: ``city/data/project_rules.yaml`` read by a tiny engine.

Levels are tried in the file's order; the first level with a matching condition wins and the
project's reasons are the Chinese reasons of every matching condition of that level. A project
matching none is green. Three condition kinds exist (``CONDITIONS``); a file naming another
kind, or a parameter a kind does not take, is refused on load with a Chinese message.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import NamedTuple

import yaml

from gongxin.errors import UserError
from gongxin.wording import chinese_date, number

ERR_RULES = "重点项目滞后规则文件 {source} 有误：{detail}"
LEVEL_NAMES = {"red": "红色", "yellow": "黄色", "green": "绿色"}


class Reading(NamedTuple):
    """What the conditions look at, for one project in one period (a tuple: built per project)."""

    period: int  # ym
    ahead_pp: float | None
    plan_start: dt.date | None  # baseline
    started_on: dt.date | None  # None when not started by the period's last day
    in_stats_on: dt.date | None


def _months(day: dt.date, ym: int) -> int:
    return (ym // 100 * 12 + ym % 100) - (day.year * 12 + day.month)


# Each condition kind is a test (does it hold?) and the values its Chinese reason fills in,
# computed only for a reason that is shown: the group figures need the level alone.


def _behind_time(r: Reading, p: dict) -> bool:
    return r.ahead_pp is not None and r.ahead_pp < p["below"]


def _behind_time_values(r: Reading, p: dict) -> dict:
    return {"behind": number(-r.ahead_pp, 1), "ahead_pp": number(r.ahead_pp, 1)}


def _not_started(r: Reading, p: dict) -> bool:
    if r.plan_start is None or r.started_on is not None:
        return False
    return _months(r.plan_start, r.period) >= p["months"]


def _not_started_values(r: Reading, p: dict) -> dict:
    return {"months": _months(r.plan_start, r.period), "plan_start": chinese_date(r.plan_start)}


def _not_in_stats(r: Reading, p: dict) -> bool:
    if r.started_on is None or r.in_stats_on is not None:
        return False
    return _months(r.started_on, r.period) >= p["months"]


def _not_in_stats_values(r: Reading, p: dict) -> dict:
    return {"months": _months(r.started_on, r.period), "started_on": chinese_date(r.started_on)}


# kind -> (test, its reason's values, its one numeric parameter)
CONDITIONS = {
    "behind_time": (_behind_time, _behind_time_values, "below"),
    "not_started": (_not_started, _not_started_values, "months"),
    "not_in_stats": (_not_in_stats, _not_in_stats_values, "months"),
}


@dataclass(frozen=True)
class Condition:
    kind: str
    params: dict
    reason: str

    def holds(self, reading: Reading) -> bool:
        return CONDITIONS[self.kind][0](reading, self.params)

    def test(self, reading: Reading) -> str | None:
        """The condition's Chinese reason if it holds, else None."""
        if not self.holds(reading):
            return None
        return self.reason.format(**CONDITIONS[self.kind][1](reading, self.params))


@dataclass(frozen=True)
class LagRules:
    levels: tuple[tuple[str, tuple[Condition, ...]], ...]

    def classify(self, reading: Reading) -> tuple[str, tuple[str, ...]]:
        for level, conditions in self.levels:
            reasons = tuple(r for c in conditions if (r := c.test(reading)) is not None)
            if reasons:
                return level, reasons
        return "green", ()

    def level(self, reading: Reading) -> str:
        """``classify(reading)[0]`` without writing the reasons (the same tests)."""
        for level, conditions in self._tests:
            for test, params in conditions:
                if test(reading, params):
                    return level
        return "green"

    @functools.cached_property
    def _tests(self) -> tuple[tuple[str, tuple[tuple, ...]], ...]:
        return tuple(
            (level, tuple((CONDITIONS[c.kind][0], c.params) for c in conditions))
            for level, conditions in self.levels
        )


def parse_rules(text: str, source: str = "project_rules.yaml") -> LagRules:
    def fail(detail: str) -> UserError:
        return UserError(ERR_RULES.format(source=source, detail=detail))

    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise fail(f"不是有效的 YAML（{exc}）") from None
    levels = []
    for i, entry in enumerate(data.get("levels") or [], start=1):
        level = entry.get("level")
        if level not in ("red", "yellow"):
            raise fail(f"第 {i} 个级别应为 red 或 yellow，实为“{level}”")
        conditions = []
        for j, cond in enumerate(entry.get("conditions") or [], start=1):
            where = f"{level} 的第 {j} 个条件"
            kind = cond.get("kind")
            if kind not in CONDITIONS:
                raise fail(f"{where}：未知条件“{kind}”，可用 {'、'.join(CONDITIONS)}")
            param = CONDITIONS[kind][2]
            extra = set(cond) - {"kind", "reason", param}
            if extra:
                raise fail(f"{where}：未知参数 {'、'.join(sorted(extra))}")
            value = cond.get(param)
            if not isinstance(value, int | float) or isinstance(value, bool):
                raise fail(f"{where}：参数 {param} 应为数值")
            reason = cond.get("reason")
            if not isinstance(reason, str) or not reason:
                raise fail(f"{where}：缺少 reason（中文原因）")
            conditions.append(Condition(kind, {param: value}, reason))
        levels.append((level, tuple(conditions)))
    if not levels:
        raise fail("没有任何级别")
    return LagRules(tuple(levels))


def default_rules_text() -> str:
    return (resources.files("gongxin.city") / "data" / "project_rules.yaml").read_text("utf-8")


@functools.cache
def load_rules(path: str | None = None) -> LagRules:
    """The configured rules: ``path`` if given, else the city's default file."""
    if path:
        return parse_rules(Path(path).read_text("utf-8"), source=path)
    return parse_rules(default_rules_text())
