"""The platform's estimate (测算) beside the statistics bureau's official figure (统计局).

The platform's ``va_growth_ytd`` is the bureau's own estimate from enterprise reports; the
statistics bureau publishes the official figure (reference series ``official_va_growth_ytd``,
catalog indicator of the same id). Wherever both exist, pages and documents show both —
``测算 7.9% / 统计局 7.6%，差0.3个百分点`` — and flag a difference of more than
:data:`FLAG_PP` percentage points. The difference is that of the two figures *as shown*
(rounded half up first), so it is what a reader computes from them.

Pure (no Django): the web, the bulletin and anyone else pass the two engine values in.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from gongxin import wording

ESTIMATE = "va_growth_ytd"
OFFICIAL = "official_va_growth_ytd"
# A difference beyond this many percentage points is flagged (偏差较大).
FLAG_PP = Decimal("0.5")


@dataclass(frozen=True)
class Reconciliation:
    estimate: float
    official: float

    @property
    def difference(self) -> Decimal:
        """Estimate − official, of the rounded figures (7.9 − 7.6 = 0.3)."""
        return wording.gap_value(self.estimate, self.official)

    @property
    def flagged(self) -> bool:
        """More than 0.5 pp apart (0.6 is flagged, 0.5 is not)."""
        return abs(self.difference) > FLAG_PP

    def text(self) -> str:
        """``测算 7.9% / 统计局 7.6%，差0.3个百分点`` (``…，两者一致`` when equal as shown)."""
        shown = f"测算 {wording.number(self.estimate)}% / 统计局 {wording.number(self.official)}%"
        if self.difference == 0:
            return f"{shown}，两者一致"
        return f"{shown}，差{wording.number(abs(self.difference))}个百分点"


def reconcile(estimate: float | None, official: float | None) -> Reconciliation | None:
    """Both figures, or None when either is missing (nothing to reconcile)."""
    if estimate is None or official is None:
        return None
    return Reconciliation(float(estimate), float(official))
