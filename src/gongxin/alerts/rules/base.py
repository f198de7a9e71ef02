"""What every rule kind works with: the loaded rule, the evaluation context, a finding.

The context answers a rule's questions from the engine (catalog indicators for one dimension
and period, fetched once per dimension and period for all rules) and from the enterprise
facts (region, key, size, chain leader, above-scale spell) the registry holds.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from gongxin.alerts.wording import published
from gongxin.engine import Engine
from gongxin.engine.period import Period
from gongxin.scope import Scope

# A kind's request to the engine: (dimension, period, indicators).
Need = tuple[str, Period, tuple[str, ...]]

# Escalation moves a level one step towards red.
_MORE_SEVERE = {"blue": "yellow", "yellow": "red", "red": "red"}


@dataclass(frozen=True)
class Rule:
    """One entry of the rules file, its parameters checked and defaults filled."""

    kind: str
    scope: str
    params: Mapping[str, Any]
    where: str  # "alert_rules.yaml: rules[3]", for messages

    def __getitem__(self, key: str) -> Any:
        return self.params[key]


@dataclass(frozen=True)
class Finding:
    """A rule firing on one member: what becomes (or confirms) a stored warning."""

    kind: str
    scope: str
    member: str
    name: str
    region: str  # the enterprise's region, the region member itself, or ""
    level: str
    indicator: str
    value: float | int | None
    threshold: float | int | None
    message: str

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.kind, self.scope, self.member)


@dataclass(frozen=True)
class EnterpriseFacts:
    uscc: str
    region: str
    region_name: str
    key: bool
    large: bool
    chain_leader: bool
    # First month of the year the enterprise is above scale in (1 unless it entered this year).
    first_month: int = 1

    def classes(self) -> frozenset[str]:
        found = {"all"}
        if self.key:
            found.add("key")
        if self.chain_leader:
            found.add("chain_leader")
        if self.large:
            found.add("large")
        return frozenset(found)

    def label(self) -> str:
        """重点企业、链主企业 — the reasons an enterprise is watched, for messages."""
        labels = [
            text
            for flag, text in (
                (self.key, "重点企业"),
                (self.chain_leader, "链主企业"),
                (self.large, "大型企业"),
            )
            if flag
        ]
        return "、".join(labels)


@dataclass(frozen=True)
class Member:
    """One member's name and indicator values in one dimension and period."""

    code: str
    name: str
    values: Mapping[str, float | int | None]

    def __getitem__(self, indicator: str) -> float | int | None:
        return self.values.get(indicator)


@dataclass
class Context:
    engine: Engine
    period: Period
    as_of: datetime | None
    enterprises: Mapping[str, EnterpriseFacts]
    above_scale_threshold: float
    # (dim, period label) → indicators to fetch there; filled from the rules before evaluating.
    needs: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    _tables: dict[tuple[str, str], dict[str, Member]] = field(default_factory=dict)

    @property
    def previous_month(self) -> Period:
        """The calendar month before (December of last year for January)."""
        if self.period.month > 1:
            return Period(self.period.year, self.period.month - 1)
        return Period(self.period.year - 1, 12)

    def members(self, dim: str, period: Period | None = None) -> dict[str, Member]:
        """Every member of ``dim`` with the indicators the rules asked for, by code."""
        period = period or self.period
        key = (dim, period.label())
        if key not in self._tables:
            indicators = sorted(self.needs.get(key, ()))
            if not indicators:
                raise KeyError(f"no indicators were declared for {key}")
            # Warnings are evaluated for the whole city; scope applies when they are read.
            result = self.engine.query(
                indicators=indicators,
                period=period.label(),
                by=dim,
                as_of=self.as_of,
                scope=Scope.everything(),
            )
            table: dict[str, Member] = {}
            for row in result.rows:
                member = str(row["member"])
                if member not in table:
                    table[member] = Member(member, str(row["name"]), {})
                table[member].values[row["indicator"]] = row["value"]  # type: ignore[index]
            self._tables[key] = table
        return self._tables[key]

    def figure(self, indicator: str, value: float | int | None) -> float | int | None:
        """The value as published: rounded to the catalog's display decimals."""
        if value is None:
            return None
        decimals = self.engine.catalog.indicators[indicator].decimals
        rounded = published(float(value), decimals)
        return int(rounded) if decimals == 0 and rounded is not None else rounded


def escalate(level: str, facts: EnterpriseFacts, classes: frozenset[str]) -> str:
    """One level more severe for an enterprise in one of ``classes`` (e.g. key enterprises)."""
    return _MORE_SEVERE[level] if facts.classes() & classes else level


def watched(facts: EnterpriseFacts | None, classes: frozenset[str]) -> bool:
    return facts is not None and bool(facts.classes() & classes)
