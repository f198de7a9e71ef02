"""Reads from the enterprise registry and the audit log.

Code that serves a user (web, API) fetches enterprises through ``access.py``, which applies the
user's scope; these selectors are for code that acts for the whole city (imports, the CLI).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from django.db.models import QuerySet

from gongxin.registry.models import AboveScaleSpell, AuditEntry, ChainMembership, Enterprise

# Keys per ``IN (…)`` query: under SQLite's and PostgreSQL's bound-parameter limits.
IN_CHUNK = 900

Spell = tuple[int | None, int | None, int | None]  # (spell id, from_ym, to_ym)


def chunked(keys: Sequence[str], size: int = IN_CHUNK) -> Iterator[Sequence[str]]:
    for start in range(0, len(keys), size):
        yield keys[start : start + size]


def enterprise_get(*, uscc: str) -> Enterprise | None:
    return Enterprise.objects.filter(uscc=uscc).first()


def enterprise_list(*, region: str | None = None) -> QuerySet[Enterprise]:
    qs = Enterprise.objects.select_related("region", "industry")
    return qs.filter(region_id=region) if region else qs


def enterprise_usccs() -> set[str]:
    """Every USCC in the roster (a few MB even at province scale)."""
    return set(Enterprise.objects.values_list("uscc", flat=True))


def spells_by_enterprise(*, usccs: Sequence[str]) -> dict[str, list[Spell]]:
    """``uscc → [(spell id, from_ym, to_ym), …]`` for the given enterprises."""
    spells: dict[str, list[Spell]] = {}
    for chunk in chunked(list(usccs)):
        rows = AboveScaleSpell.objects.filter(enterprise_id__in=chunk).values_list(
            "enterprise_id", "id", "from_ym", "to_ym"
        )
        for uscc, pk, from_ym, to_ym in rows:
            spells.setdefault(uscc, []).append((pk, from_ym, to_ym))
    return spells


def chains_by_enterprise(*, usccs: Sequence[str]) -> dict[str, dict[str, str]]:
    """``uscc → {chain code: role}`` (role '' when not given) for the given enterprises."""
    chains: dict[str, dict[str, str]] = {}
    for chunk in chunked(list(usccs)):
        rows = ChainMembership.objects.filter(enterprise_id__in=chunk).values_list(
            "enterprise_id", "chain_id", "role"
        )
        for uscc, chain, role in rows:
            chains.setdefault(uscc, {})[chain] = role
    return chains


def enterprise_spells(*, uscc: str) -> list[AboveScaleSpell]:
    """The enterprise's above-scale history, oldest first (a spell since always comes first)."""
    spells = list(AboveScaleSpell.objects.filter(enterprise_id=uscc))
    return sorted(spells, key=lambda s: (s.from_ym is not None, s.from_ym or 0))


def audit_entries(
    *, entity: str | None = None, key: str | None = None, limit: int | None = 100
) -> QuerySet[AuditEntry]:
    """The audit log, newest first; ``limit=None`` for all of it."""
    qs = AuditEntry.objects.all()
    if entity:
        qs = qs.filter(entity=entity)
    if key:
        qs = qs.filter(key=key)
    return qs[:limit] if limit is not None else qs
