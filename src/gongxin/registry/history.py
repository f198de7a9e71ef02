"""The versioned registry: history rows with valid-from times, written beside every change.

:func:`enterprises_upsert` (services) gathers, per enterprise, the state it replaces and the
state it writes for three facts — region and industry, above-scale spells, chain memberships —
and :func:`history_write` records them: the open rows of a changed fact are closed at ``now``
and the new state is opened at ``now``. An enterprise whose fact has no open row yet (created
before the history existed, or by other code) first gets its prior state recorded from its
``created_at`` to ``now``, so that an as-of before the change still finds it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from gongxin.registry.models import (
    AboveScaleSpellHistory,
    ChainMembershipHistory,
    EnterpriseHistory,
)
from gongxin.registry.selectors import chunked

Attrs = tuple[str, str]  # region, industry
Spells = tuple[tuple[int | None, int | None], ...]
Chains = tuple[tuple[str, str], ...]  # (chain, role)


@dataclass
class HistoryChanges:
    """Per enterprise: (prior state or None for a new one, its created_at, new state)."""

    attrs: dict[str, tuple[Attrs | None, datetime | None, Attrs]] = field(default_factory=dict)
    spells: dict[str, tuple[Spells | None, datetime | None, Spells]] = field(default_factory=dict)
    chains: dict[str, tuple[Chains | None, datetime | None, Chains]] = field(default_factory=dict)


def _open_usccs(model: type, usccs: list[str]) -> set[str]:
    found: set[str] = set()
    for chunk in chunked(usccs):
        found |= set(
            model.objects.filter(enterprise_id__in=chunk, valid_to__isnull=True).values_list(
                "enterprise_id", flat=True
            )
        )
    return found


def _close(model: type, usccs: list[str], now: datetime) -> None:
    for chunk in chunked(usccs):
        model.objects.filter(enterprise_id__in=chunk, valid_to__isnull=True).update(valid_to=now)


def _rows(kind: str, uscc: str, state: tuple, start: datetime, end: datetime | None) -> list:
    if kind == "attrs":
        region, industry = state
        return [
            EnterpriseHistory(
                enterprise_id=uscc,
                region_id=region,
                industry_id=industry,
                valid_from=start,
                valid_to=end,
            )
        ]
    if kind == "spells":
        return [
            AboveScaleSpellHistory(
                enterprise_id=uscc, from_ym=f, to_ym=t, valid_from=start, valid_to=end
            )
            for f, t in state
        ]
    return [
        ChainMembershipHistory(
            enterprise_id=uscc, chain_id=c, role=r, valid_from=start, valid_to=end
        )
        for c, r in state
    ]


MODELS = {
    "attrs": EnterpriseHistory,
    "spells": AboveScaleSpellHistory,
    "chains": ChainMembershipHistory,
}


def history_write(changes: HistoryChanges, now: datetime) -> None:
    """Close the changed facts' open rows at ``now`` and open the new states."""
    for kind, model in MODELS.items():
        items: dict = getattr(changes, kind)
        if not items:
            continue
        usccs = sorted(items)
        existing = [u for u in usccs if items[u][0] is not None]
        has_open = _open_usccs(model, existing)
        _close(model, existing, now)
        rows = []
        for uscc in usccs:
            prior, created_at, new = items[uscc]
            if prior is not None and uscc not in has_open:
                rows += _rows(kind, uscc, prior, created_at or now, now)
            rows += _rows(kind, uscc, new, now, None)
        model.objects.bulk_create(rows, batch_size=1000)
