"""The appeal categories (诉求类别), their units and time limits: city configuration as YAML."""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

from gongxin.errors import UserError

LIMIT_KEYS = ("sign", "answer", "solve")
ERR_FILE = "诉求类别文件 {path} 有误：{detail}"


@dataclass(frozen=True)
class Limits:
    """Working days allowed to sign (签收), answer (答复) and solve (办结)."""

    sign: int
    answer: int
    solve: int


@dataclass(frozen=True)
class Category:
    name: str
    unit: str
    limits: Limits


@dataclass(frozen=True)
class AppealConfig:
    categories: dict[str, Category]
    source: str

    @property
    def units(self) -> list[str]:
        """Every responsible unit, in the order the file first names them."""
        return list(dict.fromkeys(c.unit for c in self.categories.values()))

    def category(self, name: str) -> Category:
        return self.categories[name]


def default_path() -> Path:
    configured = os.environ.get("GONGXIN_APPEAL_CATEGORIES")
    if configured:
        return Path(configured)
    return Path(str(resources.files("gongxin.city") / "data" / "appeal_categories.yaml"))


def _limits(raw: object, fallback: Limits | None, where: str) -> Limits:
    if raw is None and fallback is not None:
        return fallback
    if not isinstance(raw, dict):
        raise ValueError(f"{where} 的 limits 应为 sign/answer/solve 三项")
    values = {}
    for key in LIMIT_KEYS:
        value = raw.get(key, getattr(fallback, key) if fallback else None)
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 120:
            raise ValueError(f"{where} 的 {key} 应为 1–120 的整数（工作日），实为 {value!r}")
        values[key] = value
    unknown = set(raw) - set(LIMIT_KEYS)
    if unknown:
        raise ValueError(f"{where} 有未知的时限 {sorted(unknown)}")
    return Limits(**values)


def parse_config(text: str, source: str) -> AppealConfig:
    try:
        data = yaml.safe_load(text) or {}
        defaults = _limits((data.get("defaults") or {}).get("limits"), None, "defaults")
        categories: dict[str, Category] = {}
        for i, item in enumerate(data["categories"]):
            where = f"categories[{i}]"
            name, unit = str(item["name"]).strip(), str(item["unit"]).strip()
            if not name or not unit:
                raise ValueError(f"{where} 缺少 name 或 unit")
            if name in categories:
                raise ValueError(f"类别“{name}”重复")
            categories[name] = Category(name, unit, _limits(item.get("limits"), defaults, where))
        if not categories:
            raise ValueError("没有任何类别")
    except (yaml.YAMLError, KeyError, TypeError, AttributeError, ValueError) as exc:
        raise UserError(ERR_FILE.format(path=source, detail=exc)) from exc
    return AppealConfig(categories, source)


@functools.cache
def _load(path: str) -> AppealConfig:
    p = Path(path)
    return parse_config(p.read_text(encoding="utf-8"), str(p))


def appeal_config() -> AppealConfig:
    return _load(str(default_path()))
