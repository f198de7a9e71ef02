"""The cockpit map's colour classes: quantiles of the regions' values, each its own colour.

A continuous ramp over 11 regions paints 6.4 % and 9.8 % in nearly the same blue; classes with
clearly different colours and a legend that names each class's values do not. Classes are cut
between *displayed* (rounded) values so that two regions showing the same figure share a colour
and a class boundary never splits what the page shows as one number.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongxin import wording

# Low to high; distinct in hue and lightness on the cockpit's dark blue background.
COLOURS: tuple[str, ...] = ("#2a5ea8", "#2fa3e0", "#3cc9a7", "#f2c14e", "#f0703c")
DECIMALS = 1  # the map shows growth rates to one decimal


@dataclass(frozen=True)
class Piece:
    gte: float | None  # lower bound (inclusive); None below the lowest class
    lt: float | None  # upper bound (exclusive); None for the highest class
    colour: str
    label: str

    def as_json(self) -> dict:
        """An ECharts piecewise ``visualMap`` piece."""
        piece: dict = {"color": self.colour, "label": self.label}
        if self.gte is not None:
            piece["gte"] = self.gte
        if self.lt is not None:
            piece["lt"] = self.lt
        return piece


def _label(low: float, high: float) -> str:
    low_s, high_s = wording.number(low, DECIMALS), wording.number(high, DECIMALS)
    return f"{low_s}%" if low_s == high_s else f"{low_s}%～{high_s}%"


def quantile_ramp(values: list[float | None], classes: int = len(COLOURS)) -> list[Piece]:
    """Up to ``classes`` colour classes holding about equally many distinct displayed values."""
    shown = sorted({wording.rounded(v, DECIMALS) for v in values if v is not None})
    k = min(classes, len(shown))
    if k == 0:
        return []
    # Class j starts at the distinct value of index j·n/k; the cut lies halfway to the value
    # before it, so raw values that display alike fall on the same side (6.35 shows 6.4).
    starts = [round(j * len(shown) / k) for j in range(k)]
    cuts = [round((shown[i - 1] + shown[i]) / 2, DECIMALS + 1) for i in starts[1:]]
    bounds = [None, *cuts, None]
    palette = (
        [COLOURS[round(j * (len(COLOURS) - 1) / (k - 1))] for j in range(k)]
        if k > 1
        else [COLOURS[len(COLOURS) // 2]]
    )
    ends = [*starts[1:], len(shown)]
    return [
        Piece(bounds[j], bounds[j + 1], palette[j], _label(shown[starts[j]], shown[ends[j] - 1]))
        for j in range(k)
    ]
