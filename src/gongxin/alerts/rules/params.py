"""Parameter types of rule kinds: each checks one value of the rules file and names its key.

A kind declares ``PARAMS = {"name": Param(...)}``; the loader passes every key of a rule
through its type, fills defaults and rejects keys the kind does not know (a typo must not
silently switch a threshold off).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gongxin.errors import UserError

LEVELS = ("red", "yellow", "blue")  # most severe first
WATCH_CLASSES = ("all", "key", "chain_leader", "large")


class RuleConfigError(UserError):
    """The rules file is invalid; the message names the file and the key."""


def _number(value: Any, where: str, *, integer: bool = False) -> float | int:
    if isinstance(value, bool) or not isinstance(value, int | float):
        kind = "整数" if integer else "数值"
        raise RuleConfigError(f"{where} 应为{kind}，实为 {value!r}")
    if integer and not isinstance(value, int):
        raise RuleConfigError(f"{where} 应为整数，实为 {value!r}")
    return value


@dataclass(frozen=True)
class Bands:
    """Level → bound. How a value enters a band:

    - ``below``: value < bound (a value exactly at the bound stays in the milder band);
    - ``above``: value > bound (likewise);
    - ``at_most`` / ``at_least``: value ≤ / ≥ bound, for whole numbers (rank places).

    The first band entered, most severe first, is the level; none entered = no warning.
    """

    test: str  # below | above | at_most | at_least
    integer: bool = False

    def parse(self, value: Any, where: str) -> dict[str, float]:
        if not isinstance(value, dict) or not value:
            raise RuleConfigError(f"{where} 应为级别到阈值的映射，如 {{yellow: -2.0, blue: 0.0}}")
        bands: dict[str, float] = {}
        for level in LEVELS:
            if level in value:
                bands[level] = _number(value[level], f"{where}.{level}", integer=self.integer)
        unknown = sorted(set(value) - set(LEVELS))
        if unknown:
            raise RuleConfigError(f"{where}.{unknown[0]}：未知级别，应为 {'、'.join(LEVELS)} 之一")
        bounds = list(bands.values())  # most severe first
        # A more severe band must lie further out than a milder one, or it could never fire.
        further = {
            "below": lambda a, b: a < b,
            "above": lambda a, b: a > b,
            "at_most": lambda a, b: a < b,
            "at_least": lambda a, b: a > b,
        }[self.test]
        for (l1, b1), (l2, b2) in zip(list(bands.items()), list(bands.items())[1:], strict=False):
            if not further(b1, b2):
                raise RuleConfigError(
                    f"{where}：{l1} 的阈值 {b1} 应比 {l2} 的阈值 {b2} 更严重（级别越高越靠外）"
                )
        if not bounds:
            raise RuleConfigError(f"{where} 至少需要一个级别")
        return bands

    def level(self, bands: dict[str, float], value: float | None) -> tuple[str, float] | None:
        """(level, bound) of the most severe band ``value`` enters, or None."""
        if value is None:
            return None
        for level, bound in bands.items():
            if {
                "below": value < bound,
                "above": value > bound,
                "at_most": value <= bound,
                "at_least": value >= bound,
            }[self.test]:
                return level, bound
        return None


@dataclass(frozen=True)
class Number:
    minimum: float | None = None
    integer: bool = False

    def parse(self, value: Any, where: str) -> float | int:
        number = _number(value, where, integer=self.integer)
        if self.minimum is not None and number < self.minimum:
            raise RuleConfigError(f"{where} 应不小于 {self.minimum}，实为 {value!r}")
        return number


@dataclass(frozen=True)
class Level:
    def parse(self, value: Any, where: str) -> str:
        if value not in LEVELS:
            raise RuleConfigError(f"{where} 应为 {'、'.join(LEVELS)} 之一，实为 {value!r}")
        return str(value)


@dataclass(frozen=True)
class Choice:
    choices: tuple[str, ...]

    def parse(self, value: Any, where: str) -> str:
        if value not in self.choices:
            raise RuleConfigError(f"{where} 应为 {'、'.join(self.choices)} 之一，实为 {value!r}")
        return str(value)


@dataclass(frozen=True)
class Watch:
    """Which enterprises a rule watches or escalates: a list of classes.

    ``all`` every above-scale enterprise; ``key`` 重点企业; ``chain_leader`` 链主 on any chain;
    ``large`` 大型 enterprises. An enterprise in any listed class qualifies.
    """

    def parse(self, value: Any, where: str) -> frozenset[str]:
        if not isinstance(value, list):
            raise RuleConfigError(f"{where} 应为列表，如 [key, chain_leader]")
        for i, item in enumerate(value):
            if item not in WATCH_CLASSES:
                raise RuleConfigError(
                    f"{where}[{i}] 应为 {'、'.join(WATCH_CLASSES)} 之一，实为 {item!r}"
                )
        return frozenset(value)


@dataclass(frozen=True)
class Param:
    """One parameter of a kind: its type, and its default (``required`` when there is none)."""

    type: Bands | Number | Level | Choice | Watch
    default: Any = None
    required: bool = False
    help: str = ""
