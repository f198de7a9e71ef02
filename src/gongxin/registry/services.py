"""Writes to the enterprise registry: create or update enterprises, their above-scale spells and
chain memberships, with every change in the audit log.

The roster import calls :func:`enterprises_upsert` with all rows of a file at once, so that 3,000
enterprises cost a handful of queries rather than a few per enterprise; a form editing one
enterprise calls :func:`enterprise_upsert`. Neither bumps the data version or refreshes the
snapshot: the caller (an import, a view's service) owns that transaction and does both.

Above-scale history (``AboveScaleSpell``) is never overwritten wholesale. A source gives one
spell, ``(from, to)``, the enterprise's current one; :func:`above_scale_plan` decides:

* no spell stored                        → open one;
* the same as the latest stored spell    → nothing;
* ``from`` after the latest spell's exit → a re-entry: open a new spell, the old one stays;
* otherwise                              → a correction of the latest spell (its ``to`` set when
  the enterprise leaves, or a mistyped ``from``); refused if it would reach back over an earlier
  spell, since that history can only be changed on purpose, not by re-importing a roster.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from gongxin.registry.history import HistoryChanges, history_write
from gongxin.registry.models import AboveScaleSpell, AuditEntry, ChainMembership, Enterprise
from gongxin.registry.periods import ym_format
from gongxin.registry.selectors import chains_by_enterprise, chunked, spells_by_enterprise

ERR_SPELL_OVERLAP = (
    "纳入规上年月 {given} 不晚于该企业上一段规上期间的退出年月 {previous}："
    "已有的规上历史不能通过重新导入覆盖，请核对"
)

# Facts a source may or may not give; those it does not give keep their stored values.
OPTIONAL_FACTS = frozenset({"ownership", "size", "land_mu", "key", "chains", "above_scale"})
ALL_FACTS = OPTIONAL_FACTS


@dataclass(frozen=True, slots=True)
class EnterpriseFacts:
    """What a roster row (or a form) says about one enterprise."""

    uscc: str
    name: str
    region: str
    industry: str
    ownership: str | None = None
    size: str | None = None
    land_mu: float | None = None
    key: bool = False
    chains: tuple[str, ...] = ()
    chain_role: str | None = None
    above_scale_from: int | None = None
    above_scale_to: int | None = None


@dataclass
class UpsertSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    spells_opened: int = 0
    spells_changed: int = 0
    audit_entries: int = 0

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


class SpellConflict(ValueError):
    """A given spell would overwrite earlier above-scale history; the message says which."""


@dataclass(frozen=True)
class SpellPlan:
    """What to do with an enterprise's spells: ``none``, ``open`` a new one, or ``correct``."""

    action: str
    from_ym: int | None = None
    to_ym: int | None = None
    spell_id: int | None = None
    old: tuple[int | None, int | None] | None = None


def _spell_order(spell: tuple[int | None, int | None, int | None]) -> tuple[int, int]:
    return (0, 0) if spell[1] is None else (1, spell[1])


def above_scale_plan(
    *,
    spells: Sequence[tuple[int | None, int | None, int | None]],
    from_ym: int | None,
    to_ym: int | None,
) -> SpellPlan:
    """Decide how a given spell ``(from_ym, to_ym)`` enters the stored ``(id, from, to)`` spells.

    Raises :class:`SpellConflict` for a correction that would overlap an earlier spell.
    """
    if not spells:
        return SpellPlan("open", from_ym, to_ym)
    ordered = sorted(spells, key=_spell_order)
    last_id, last_from, last_to = ordered[-1]
    if (last_from, last_to) == (from_ym, to_ym):
        return SpellPlan("none")
    if last_to is not None and from_ym is not None and from_ym > last_to:
        return SpellPlan("open", from_ym, to_ym)
    if len(ordered) > 1:
        previous_to = ordered[-2][2]
        if previous_to is None or from_ym is None or from_ym <= previous_to:
            raise SpellConflict(
                ERR_SPELL_OVERLAP.format(
                    given=_ym_text(from_ym) or "（空）",
                    previous=_ym_text(previous_to) or "（空）",
                )
            )
    return SpellPlan("correct", from_ym, to_ym, spell_id=last_id, old=(last_from, last_to))


def _ym_text(ym: int | None) -> str:
    return "" if ym is None else ym_format(ym)


def _spell_text(from_ym: int | None, to_ym: int | None) -> str:
    return f"{_ym_text(from_ym) or '…'}—{_ym_text(to_ym) or '…'}"


def _audit_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@dataclass
class _Changes:
    """Everything one upsert call will write, gathered first and then written in bulk."""

    actor: str
    batch_id: int | None
    create: list[Enterprise] = field(default_factory=list)
    update: list[Enterprise] = field(default_factory=list)
    update_fields: set[str] = field(default_factory=set)
    spells_new: list[AboveScaleSpell] = field(default_factory=list)
    spells_fix: list[AboveScaleSpell] = field(default_factory=list)
    chains_replace: dict[str, list[ChainMembership]] = field(default_factory=dict)
    audit: list[AuditEntry] = field(default_factory=list)
    history: HistoryChanges = field(default_factory=HistoryChanges)

    def log(
        self, action: str, uscc: str, field_name: str = "", old: object = None, new: object = None
    ) -> None:
        self.audit.append(
            AuditEntry(
                actor=self.actor,
                action=action,
                entity="enterprise",
                key=uscc,
                field=field_name,
                old=_audit_text(old),
                new=_audit_text(new),
                batch_id=self.batch_id,
            )
        )


def _scalar_values(facts: EnterpriseFacts, fields: frozenset[str]) -> dict[str, object]:
    """Model field → value for the facts given; ``ownership``/``size`` store '' for none."""
    values: dict[str, object] = {
        "name": facts.name,
        "region_id": facts.region,
        "industry_id": facts.industry,
    }
    if "ownership" in fields:
        values["ownership"] = facts.ownership or ""
    if "size" in fields:
        values["size"] = facts.size or ""
    if "land_mu" in fields:
        values["land_mu"] = facts.land_mu
    if "key" in fields:
        values["key"] = facts.key
    return values


def _audit_field(model_field: str) -> str:
    return model_field.removesuffix("_id")


def _spell_key(spell: tuple[int | None, int | None]) -> tuple[int, int]:
    return (0, 0) if spell[0] is None else (1, spell[0])


def _plan_spells(
    changes: _Changes,
    summary: UpsertSummary,
    facts: EnterpriseFacts,
    stored: list[tuple[int | None, int | None, int | None]],
    created_at: datetime | None,
) -> bool:
    plan = above_scale_plan(
        spells=stored, from_ym=facts.above_scale_from, to_ym=facts.above_scale_to
    )
    if plan.action != "none":
        before = tuple(sorted(((f, t) for _, f, t in stored), key=_spell_key))
        if plan.action == "open":
            after = (*before, (plan.from_ym, plan.to_ym))
        else:
            after = tuple(
                (plan.from_ym, plan.to_ym) if i == plan.spell_id else (f, t) for i, f, t in stored
            )
        changes.history.spells[facts.uscc] = (
            before if created_at is not None else None,
            created_at,
            tuple(sorted(after, key=_spell_key)),
        )
    if plan.action == "open":
        changes.spells_new.append(
            AboveScaleSpell(enterprise_id=facts.uscc, from_ym=plan.from_ym, to_ym=plan.to_ym)
        )
        summary.spells_opened += 1
        if stored:
            last = sorted(stored, key=_spell_order)[-1]
            changes.log(
                "spell_open",
                facts.uscc,
                "above_scale",
                _spell_text(*last[1:]),
                _spell_text(plan.from_ym, plan.to_ym),
            )
        return True
    if plan.action == "correct":
        assert plan.old is not None
        changes.spells_fix.append(
            AboveScaleSpell(
                id=plan.spell_id, enterprise_id=facts.uscc, from_ym=plan.from_ym, to_ym=plan.to_ym
            )
        )
        summary.spells_changed += 1
        for name, old, new in (
            ("above_scale_from", plan.old[0], plan.from_ym),
            ("above_scale_to", plan.old[1], plan.to_ym),
        ):
            if old != new:
                changes.log("spell_update", facts.uscc, name, _ym_text(old), _ym_text(new))
        return True
    return False


def _plan_chains(
    changes: _Changes,
    facts: EnterpriseFacts,
    stored: dict[str, str],
    is_new: bool,
    created_at: datetime | None,
) -> bool:
    wanted = {code: facts.chain_role or "" for code in facts.chains}
    if wanted == stored:
        if is_new:
            changes.history.chains[facts.uscc] = (None, None, ())
        return False
    changes.history.chains[facts.uscc] = (
        None if is_new else tuple(sorted(stored.items())),
        created_at,
        tuple(sorted(wanted.items())),
    )
    changes.chains_replace[facts.uscc] = [
        ChainMembership(enterprise_id=facts.uscc, chain_id=code, role=role)
        for code, role in wanted.items()
    ]
    if not is_new:
        for name, old, new in (
            ("chains", ";".join(sorted(stored)), ";".join(sorted(wanted))),
            ("chain_role", _roles_text(stored), _roles_text(wanted)),
        ):
            if old != new:
                changes.log("update", facts.uscc, name, old, new)
    return True


def _roles_text(memberships: dict[str, str]) -> str:
    return ";".join(sorted(set(memberships.values()) - {""}))


@transaction.atomic
def enterprises_upsert(
    *,
    facts: Sequence[EnterpriseFacts],
    fields: frozenset[str] = ALL_FACTS,
    actor: str,
    batch_id: int | None = None,
    now: datetime | None = None,
) -> UpsertSummary:
    """Create or update enterprises by USCC; audit every changed field.

    ``fields`` names the optional facts the source gives (see ``OPTIONAL_FACTS``); the others
    keep their stored values (a new enterprise gets the model's defaults, and its one spell from
    the facts: no dates, above scale throughout). ``above_scale`` and ``chains`` cover their
    pairs (from/to, chains/role).
    Raises :class:`SpellConflict` if a spell would overwrite history (validate first to avoid).
    """
    now = now or timezone.now()
    usccs = [f.uscc for f in facts]
    existing = Enterprise.objects.in_bulk(usccs)
    spells = spells_by_enterprise(usccs=usccs) if "above_scale" in fields else {}
    chains = chains_by_enterprise(usccs=usccs) if "chains" in fields else {}
    changes = _Changes(actor=actor, batch_id=batch_id)
    summary = UpsertSummary()

    for item in facts:
        values = _scalar_values(item, fields)
        enterprise = existing.get(item.uscc)
        is_new = enterprise is None
        changed = False
        if enterprise is None:
            enterprise = Enterprise(uscc=item.uscc, created_at=now, updated_at=now, **values)
            changes.create.append(enterprise)
            changes.log("create", item.uscc, "name", None, item.name)
            changes.history.attrs[item.uscc] = (None, None, (item.region, item.industry))
        else:
            placed = (enterprise.region_id, enterprise.industry_id)
            if placed != (item.region, item.industry):
                changes.history.attrs[item.uscc] = (
                    placed,
                    enterprise.created_at,
                    (item.region, item.industry),
                )
            for name, value in values.items():
                old = getattr(enterprise, name)
                if old != value:
                    changes.log("update", item.uscc, _audit_field(name), old, value)
                    setattr(enterprise, name, value)
                    changes.update_fields.add(name)
                    changed = True
        if is_new or "above_scale" in fields:
            # A new enterprise always gets its spell: no dates means above scale throughout.
            changed |= _plan_spells(
                changes,
                summary,
                item,
                spells.get(item.uscc, []),
                None if is_new else enterprise.created_at,
            )
        if "chains" in fields:
            changed |= _plan_chains(
                changes,
                item,
                chains.get(item.uscc, {}),
                is_new,
                None if is_new else enterprise.created_at,
            )
        if is_new:
            summary.created += 1
        elif changed:
            enterprise.updated_at = now
            changes.update.append(enterprise)
            summary.updated += 1
        else:
            summary.unchanged += 1

    _write(changes)
    # The versioned registry: what changed, with valid-from times (as-of queries read it).
    history_write(changes.history, now)
    summary.audit_entries = len(changes.audit)
    return summary


def _write(changes: _Changes) -> None:
    Enterprise.objects.bulk_create(changes.create, batch_size=1000)
    if changes.update:
        Enterprise.objects.bulk_update(
            changes.update, [*sorted(changes.update_fields), "updated_at"], batch_size=500
        )
    AboveScaleSpell.objects.bulk_create(changes.spells_new, batch_size=1000)
    if changes.spells_fix:
        AboveScaleSpell.objects.bulk_update(
            changes.spells_fix, ["from_ym", "to_ym"], batch_size=500
        )
    for chunk in chunked(list(changes.chains_replace)):
        ChainMembership.objects.filter(enterprise_id__in=chunk).delete()
    ChainMembership.objects.bulk_create(
        [m for members in changes.chains_replace.values() for m in members], batch_size=1000
    )
    AuditEntry.objects.bulk_create(changes.audit, batch_size=1000)


def enterprise_upsert(
    *,
    facts: EnterpriseFacts,
    actor: str,
    fields: frozenset[str] = ALL_FACTS,
    batch_id: int | None = None,
) -> Enterprise:
    """Create or update one enterprise (a form's save); returns it as stored."""
    enterprises_upsert(facts=[facts], fields=fields, actor=actor, batch_id=batch_id)
    return Enterprise.objects.get(uscc=facts.uscc)
