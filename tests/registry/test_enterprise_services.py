"""Enterprise upserts: audited field changes, spells as history, chains replaced."""

import pytest

from gongxin.registry import services
from gongxin.registry.models import AboveScaleSpell, AuditEntry, ChainMembership, Enterprise
from gongxin.registry.selectors import enterprise_spells
from gongxin.registry.services import (
    EnterpriseFacts,
    SpellConflict,
    above_scale_plan,
    enterprise_upsert,
)

ALPHA = "91110000600037341L"


def facts(**overrides) -> EnterpriseFacts:
    values = {"uscc": ALPHA, "name": "阿尔法", "region": "371502", "industry": "3216"}
    return EnterpriseFacts(**(values | overrides))


class TestAboveScalePlan:
    def test_it_opens_the_first_spell(self):
        assert above_scale_plan(spells=[], from_ym=None, to_ym=None).action == "open"

    def test_the_same_spell_again_changes_nothing(self):
        assert above_scale_plan(spells=[(1, 202001, None)], from_ym=202001, to_ym=None).action == (
            "none"
        )

    def test_an_exit_month_closes_the_open_spell(self):
        plan = above_scale_plan(spells=[(1, 202001, None)], from_ym=202001, to_ym=202306)
        assert (plan.action, plan.spell_id, plan.to_ym) == ("correct", 1, 202306)

    def test_a_start_after_the_last_exit_opens_a_new_spell(self):
        plan = above_scale_plan(spells=[(1, 202001, 202306)], from_ym=202401, to_ym=None)
        assert (plan.action, plan.from_ym) == ("open", 202401)

    def test_a_correction_may_not_reach_over_an_earlier_spell(self):
        spells = [(1, 202001, 202306), (2, 202401, None)]
        with pytest.raises(SpellConflict) as exc:
            above_scale_plan(spells=spells, from_ym=202305, to_ym=None)
        assert str(exc.value) == services.ERR_SPELL_OVERLAP.format(
            given="2023-05", previous="2023-06"
        )


def test_a_new_enterprise_is_audited_once_and_gets_a_spell(city):
    enterprise = enterprise_upsert(facts=facts(), actor="alice")
    assert enterprise.name == "阿尔法"
    assert [(s.from_ym, s.to_ym) for s in enterprise_spells(uscc=ALPHA)] == [(None, None)]
    assert list(
        AuditEntry.objects.filter(entity="enterprise").values_list("action", "key", "new")
    ) == [("create", ALPHA, "阿尔法")]


def test_every_changed_field_is_audited_with_old_and_new(city):
    enterprise_upsert(facts=facts(land_mu=10.0), actor="alice")
    enterprise_upsert(facts=facts(name="阿尔法铝业", land_mu=12.5, key=True), actor="bob")
    changes = AuditEntry.objects.filter(action="update").values_list("actor", "field", "old", "new")
    assert sorted(changes) == [
        ("bob", "key", "否", "是"),
        ("bob", "land_mu", "10", "12.5"),
        ("bob", "name", "阿尔法", "阿尔法铝业"),
    ]


def test_facts_the_source_does_not_give_keep_their_stored_values(city):
    enterprise_upsert(facts=facts(land_mu=10.0, chains=("nonferrous",)), actor="alice")
    enterprise_upsert(facts=facts(), actor="alice", fields=frozenset())
    assert Enterprise.objects.get(uscc=ALPHA).land_mu == 10.0
    assert ChainMembership.objects.filter(enterprise_id=ALPHA).count() == 1


def test_chains_are_replaced_by_the_new_set_and_audited(city):
    enterprise_upsert(facts=facts(chains=("nonferrous", "auto"), chain_role="骨干"), actor="a")
    enterprise_upsert(facts=facts(chains=("nonferrous",), chain_role="链主"), actor="a")
    members = ChainMembership.objects.filter(enterprise_id=ALPHA).values_list("chain_id", "role")
    assert list(members) == [("nonferrous", "链主")]
    audited = AuditEntry.objects.filter(action="update").values_list("field", "old", "new")
    assert sorted(audited) == [
        ("chain_role", "骨干", "链主"),
        ("chains", "auto;nonferrous", "nonferrous"),
    ]


def test_leaving_and_re_entering_keeps_both_spells(city):
    enterprise_upsert(facts=facts(above_scale_from=202001), actor="a")
    enterprise_upsert(facts=facts(above_scale_from=202001, above_scale_to=202306), actor="a")
    enterprise_upsert(facts=facts(above_scale_from=202401), actor="a")
    spells = AboveScaleSpell.objects.order_by("from_ym").values_list("from_ym", "to_ym")
    assert list(spells) == [(202001, 202306), (202401, None)]
    assert list(
        AuditEntry.objects.filter(action__startswith="spell")
        .order_by("id")
        .values_list("action", "field", "old", "new")
    ) == [
        ("spell_update", "above_scale_to", "", "2023-06"),
        ("spell_open", "above_scale", "2020-01—2023-06", "2024-01—…"),
    ]


def test_history_records_every_change_with_valid_from_times(city):
    from datetime import UTC, datetime

    from gongxin.registry.models import (
        AboveScaleSpellHistory,
        ChainMembershipHistory,
        EnterpriseHistory,
    )
    from gongxin.registry.services import EnterpriseFacts, enterprises_upsert

    t0, t1 = datetime(2024, 1, 1, tzinfo=UTC), datetime(2024, 3, 1, tzinfo=UTC)
    uscc = "91371500MA3C000001"
    base = dict(uscc=uscc, name="甲", industry="1311", chains=("agrifood",))
    enterprises_upsert(facts=[EnterpriseFacts(region="371502", **base)], actor="t", now=t0)
    moved = EnterpriseFacts(region="371503", above_scale_from=202402, **{**base, "chains": ()})
    enterprises_upsert(facts=[moved], actor="t", now=t1)
    assert [
        (h.region_id, h.valid_from, h.valid_to)
        for h in EnterpriseHistory.objects.filter(enterprise_id=uscc).order_by("valid_from")
    ] == [("371502", t0, t1), ("371503", t1, None)]
    assert [
        (h.from_ym, h.valid_from, h.valid_to)
        for h in AboveScaleSpellHistory.objects.filter(enterprise_id=uscc).order_by("valid_from")
    ] == [(None, t0, t1), (202402, t1, None)]
    assert [
        (h.chain_id, h.valid_from, h.valid_to)
        for h in ChainMembershipHistory.objects.filter(enterprise_id=uscc)
    ] == [("agrifood", t0, t1)]
