"""The dispatch rules as data (``dispatch/data/rules.yaml``), checked on load."""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

from gongxin.dispatch.workdays import RESTDAY, WORKDAY
from gongxin.errors import UserError

ERR_RULE = "日调度规则 {path} 中 {key} 无效：{detail}"
ERR_MISSING = "日调度规则文件不存在：{path}"
REST_MODES = ("compare", "skip")


@dataclass(frozen=True)
class Window:
    window_days: int
    min_days: int


@dataclass(frozen=True)
class DispatchRules:
    windows: dict[str, Window]  # WORKDAY / RESTDAY
    warmup_days: int
    min_baseline: float
    halted_share: float
    rest_days: str  # compare | skip

    @property
    def lookback_days(self) -> int:
        """Days of readings needed before the first day judged."""
        return self.warmup_days + max(w.window_days for w in self.windows.values())


def default_rules_path() -> Path:
    return Path(str(resources.files("gongxin.dispatch") / "data" / "rules.yaml"))


def _number(data: dict, key: str, path: str, *, low: float, high: float | None = None) -> float:
    section, _, name = key.rpartition(".")
    node = data
    for part in section.split(".") if section else []:
        node = node.get(part) if isinstance(node, dict) else None
    value = node.get(name) if isinstance(node, dict) else None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise UserError(ERR_RULE.format(path=path, key=key, detail=f"应为数值，实为 {value!r}"))
    if value < low or (high is not None and value > high):
        bound = f"{low}–{high}" if high is not None else f"≥ {low}"
        raise UserError(ERR_RULE.format(path=path, key=key, detail=f"应在 {bound}，实为 {value}"))
    return float(value)


def parse_rules(text: str, path: str) -> DispatchRules:
    data = yaml.safe_load(text) or {}
    windows = {}
    for kind in (WORKDAY, RESTDAY):
        days = int(_number(data, f"baseline.{kind}.window_days", path, low=1, high=366))
        need = int(_number(data, f"baseline.{kind}.min_days", path, low=1, high=days))
        windows[kind] = Window(days, need)
    mode = data.get("rest_days", "compare")
    if mode not in REST_MODES:
        raise UserError(
            ERR_RULE.format(
                path=path, key="rest_days", detail=f"应为 compare 或 skip，实为 {mode!r}"
            )
        )
    return DispatchRules(
        windows=windows,
        warmup_days=int(_number(data, "baseline.warmup_days", path, low=0, high=366)),
        min_baseline=_number(data, "baseline.min_baseline", path, low=0),
        halted_share=_number(data, "halted.share", path, low=0, high=1),
        rest_days=mode,
    )


def dispatch_rules(path: str | None = None) -> DispatchRules:
    """The rules at ``path``, else ``$GONGXIN_DISPATCH_RULES``, else the bundled defaults."""
    chosen = path or os.environ.get("GONGXIN_DISPATCH_RULES") or str(default_rules_path())
    return _load(str(Path(chosen).resolve()))


@functools.cache
def _load(path: str) -> DispatchRules:
    p = Path(path)
    if not p.is_file():
        raise UserError(ERR_MISSING.format(path=p))
    return parse_rules(p.read_text(encoding="utf-8"), str(p))
