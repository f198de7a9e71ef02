"""Engine figures for a report, and the ``Figure`` each quoted number is traced to.

``Numbers`` asks the engine lazily (one query per indicator, dimension and period; the engine
caches) and turns a value into the text the bureau writes — ``7.9%``, ``1.9个百分点``,
``14`` — together with its :class:`~gongxin.reports.model.Figure`, so every number in a
sentence can be checked against ``gongxin query``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from gongxin.engine import Engine
from gongxin.reports.model import Figure, Sentence, Term
from gongxin.scope import Scope
from gongxin.wording import number, rounded

UNITS = {"pct": "%", "pp": "个百分点", "num": "", "count": "", "rank": ""}


class Numbers:
    def __init__(
        self,
        engine: Engine,
        period: str,
        city: str,
        as_of: datetime | None = None,
        scope: Scope | None = None,
    ) -> None:
        self.engine = engine
        # A county edition reads enterprise-level figures of its own county only; aggregates
        # of every region stay visible (they are published).
        self.scope = scope or Scope.everything()
        self.period = period
        self.city = city  # the city's member code in dimension "city"
        self.as_of = as_of
        self._cache: dict[tuple[str, str, str], tuple[dict, dict]] = {}

    def _load(self, indicator: str, dim: str, period: str) -> tuple[dict, dict]:
        key = (indicator, dim, period)
        if key not in self._cache:
            result = self.engine.query(
                indicators=[indicator],
                period=period,
                by=dim,
                as_of=self.as_of,
                scope=self.scope,
            )
            values = {r["member"]: r["value"] for r in result.rows}
            names = {r["member"]: r["name"] for r in result.rows}
            self._cache[key] = (values, names)
        return self._cache[key]

    def values(self, indicator: str, dim: str, period: str | None = None) -> dict[str, float]:
        """``member → value`` (members without a value left out), in the engine's order."""
        values, _ = self._load(indicator, dim, period or self.period)
        return {m: v for m, v in values.items() if v is not None}

    def names(self, indicator: str, dim: str) -> dict[str, str]:
        return self._load(indicator, dim, self.period)[1]

    def value(
        self,
        indicator: str,
        dim: str = "city",
        member: str | None = None,
        period: str | None = None,
    ) -> float | None:
        values, _ = self._load(indicator, dim, period or self.period)
        return values.get(self.city if member is None else member)

    def fig(
        self,
        indicator: str,
        dim: str = "city",
        member: str | None = None,
        *,
        unit: str = "pct",
        period: str | None = None,
    ) -> Figure | None:
        """The value as written: absolute (the sentence's verb carries the sign)."""
        member = self.city if member is None else member
        value = self.value(indicator, dim, member, period)
        if value is None:
            return None
        decimals = 0 if unit in ("count", "rank") else 1
        shown = rounded(value, decimals)
        text = (str(abs(int(shown))) if decimals == 0 else number(abs(shown))) + UNITS[unit]
        term = Term(indicator, dim, member, 1, period if period != self.period else None)
        return Figure(text, shown, (term,), decimals)

    def diff(
        self,
        a: tuple[str, str, str | None],
        b: tuple[str, str, str | None],
        *,
        unit: str = "pp",
    ) -> Figure | None:
        """``a − b`` of the *rounded* values, as a reader checks it against the quoted ones."""
        va, vb = self.value(a[0], a[1], a[2]), self.value(b[0], b[1], b[2])
        if va is None or vb is None:
            return None
        shown = rounded(rounded(va) - rounded(vb))
        terms = (
            Term(a[0], a[1], a[2] or self.city, 1),
            Term(b[0], b[1], b[2] or self.city, -1),
        )
        return Figure(number(abs(shown)) + UNITS[unit], shown, terms, 1)


def constant(text: str, value: float) -> Figure:
    """A number that is part of a definition (``增长10%以上``), not a measurement."""
    return Figure(text, value, (), 1, source="definition")


def say(template: str, *figures: Figure | Sentence | str) -> Sentence:
    """``say("增长{}", fig)``: the template filled with figure texts; the figures traced.

    A :class:`Sentence` argument (e.g. :func:`change`) fills its place with its text and
    brings its figures along.
    """
    texts = [f if isinstance(f, str) else f.text for f in figures]
    traced: list[Figure] = []
    for f in figures:
        if isinstance(f, Figure):
            traced.append(f)
        elif isinstance(f, Sentence):
            traced.extend(f.figures)
    return Sentence(template.format(*texts), tuple(traced))


def change(figure: Figure, up: str = "增长", down: str = "下降", flat: str = "持平") -> Sentence:
    """``增长7.9%`` / ``下降3.1%`` / ``持平``: the verb by the figure *as shown*.

    ``figure`` comes from :meth:`Numbers.fig` (absolute text, signed rounded value); a value
    that rounds to 0.0 is 持平, never "增长0.0%" or "下降0.0%".
    """
    if figure.value == 0:
        return Sentence(flat)
    return say((up if figure.value > 0 else down) + "{}", figure)


def gap(figure: Figure, against: str) -> Sentence:
    """``高于全省平均1.9个百分点`` / ``低于…`` / ``与全省平均持平`` for a :meth:`Numbers.diff`.

    ``figure`` should be the difference of the rounded figures (``Numbers.diff``), so the gap
    equals what a reader computes from the two figures quoted beside it.
    """
    if figure.value == 0:
        return Sentence(f"与{against}持平")
    return say(("高于" if figure.value > 0 else "低于") + against + "{}", figure)


def join_sentences(parts: Sequence[Sentence], sep: str = "、") -> Sentence:
    """Several clauses as one: texts joined by ``sep``, figures kept."""
    return Sentence(sep.join(p.text for p in parts), tuple(f for p in parts for f in p.figures))


def verb(value: float | None, up: str = "增长", down: str = "下降") -> str:
    return down if value is not None and rounded(value) < 0 else up
