"""The chain-chief figures (programme contract §2), as pure functions over plain facts.

No Django and no engine here: the selectors gather the facts (nodes, the above-scale member
firms of the period, problems, activity dates) and the engine's chain totals, and these
functions do the arithmetic the contract defines. Everything is as of a given day, the
period's last day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from gongxin.chains.tree import leaves

STRONG = "强"
WEAK = "弱"
MISSING = "缺"
RISK = "风险"
# 强 from this many firms; 弱 from 1 to one less; 缺 with none.
STRONG_FROM = 3
DONE = frozenset({"solved", "closed"})


@dataclass(frozen=True)
class Node:
    code: str
    parent: str | None
    name: str
    stream: str
    classes: tuple[str, ...]
    assessed: str = ""  # 强 / 弱 / 缺 / 风险 from the chain map, or "" for computed


@dataclass(frozen=True)
class Firm:
    """An above-scale firm of the period that is a member of the chain."""

    uscc: str
    industry: str  # its 4-digit class


@dataclass(frozen=True)
class ProblemFact:
    status: str
    opened_on: dt.date
    deadline: dt.date
    solved_on: dt.date | None


@dataclass(frozen=True)
class NodeFigure:
    node: str
    parent: str | None
    name: str
    stream: str
    classes: tuple[str, ...]
    enterprises: int
    firms: tuple[str, ...]  # USCCs
    computed: str
    strength: str  # assessed, else computed
    assessed: bool
    leaf: bool


def computed_strength(enterprises: int) -> str:
    """缺 with 0 firms, 弱 with 1–2, 强 with ≥ 3."""
    if enterprises <= 0:
        return MISSING
    return WEAK if enterprises < STRONG_FROM else STRONG


def node_figures(nodes: Sequence[Node], firms: Iterable[Firm]) -> list[NodeFigure]:
    """Each node's firms (member firms whose class is one of the node's classes), strength."""
    by_class: dict[str, list[str]] = {}
    for firm in firms:
        by_class.setdefault(firm.industry, []).append(firm.uscc)
    leaf_codes = set(leaves({n.code: n.parent for n in nodes}))
    out = []
    for n in nodes:
        found = tuple(sorted({u for c in n.classes for u in by_class.get(c, ())}))
        computed = computed_strength(len(found))
        out.append(
            NodeFigure(
                node=n.code,
                parent=n.parent,
                name=n.name,
                stream=n.stream,
                classes=n.classes,
                enterprises=len(found),
                firms=found,
                computed=computed,
                strength=n.assessed or computed,
                assessed=bool(n.assessed),
                leaf=n.code in leaf_codes,
            )
        )
    return out


@dataclass(frozen=True)
class Coverage:
    nodes: int
    leaf_nodes: int
    covered_leaves: int
    coverage: float | None  # %, None for a chain without leaves (no map)


def coverage(figures: Sequence[NodeFigure]) -> Coverage:
    """本地配套覆盖率: leaves with ≥ 1 firm ÷ leaves × 100 (firms, not the assessment)."""
    leaf_figures = [f for f in figures if f.leaf]
    covered = sum(1 for f in leaf_figures if f.enterprises >= 1)
    share = covered / len(leaf_figures) * 100 if leaf_figures else None
    return Coverage(len(figures), len(leaf_figures), covered, share)


def solved_by(problem: ProblemFact, day: dt.date) -> bool:
    """Solved or closed, with a solved date on or before ``day``."""
    return problem.status in DONE and problem.solved_on is not None and problem.solved_on <= day


@dataclass(frozen=True)
class ProblemFigures:
    opened: int  # opened up to the day
    open: int  # of those, not solved or closed at the day
    overdue: int  # open at the day with a deadline before it
    solved: int
    resolution_rate: float | None  # %, None without problems


def problem_figures(problems: Iterable[ProblemFact], day: dt.date) -> ProblemFigures:
    """问题化解率 and the open and overdue counts, as of ``day``."""
    opened = open_ = overdue = solved = 0
    for p in problems:
        if p.opened_on > day:
            continue
        opened += 1
        if solved_by(p, day):
            solved += 1
            continue
        open_ += 1
        if p.deadline < day:
            overdue += 1
    rate = solved / opened * 100 if opened else None
    return ProblemFigures(opened, open_, overdue, solved, rate)


def activities_ytd(dates: Iterable[dt.date], day: dt.date) -> int:
    """Activities from 1 January of ``day``'s year to ``day``, both included."""
    start = dt.date(day.year, 1, 1)
    return sum(1 for d in dates if start <= d <= day)
