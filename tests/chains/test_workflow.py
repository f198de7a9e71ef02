"""Problems worked like warnings: one service per action, each checking the actor."""

from __future__ import annotations

import datetime as dt

import pytest

from gongxin.chains import services as S
from gongxin.chains.models import ChainNode, ChainProblem
from gongxin.chains.selectors import problems_visible
from gongxin.errors import UserError
from gongxin.registry.models import AuditEntry
from gongxin.registry.users import scope_for_user
from tests.web.personas import ENTERPRISES, enterprises_create, persona

D = dt.date
YANGGU, DONGCHANG = ENTERPRISES[0][0], ENTERPRISES[2][0]


@pytest.fixture
def users(city):
    enterprises_create()
    ChainNode.objects.create(chain_id="nonferrous", code="N1", name="铜加工", stream="中游")
    return {name: persona(name) for name in ("alice", "dave", "bob", "carol")}


def _open(actor, uscc=YANGGU, **kw):
    from gongxin.registry.models import Enterprise

    return S.problem_open(
        actor=actor, chain="nonferrous", category="要素保障", description="用电指标不足",
        opened_on=D(2024, 3, 1), deadline=D(2024, 4, 30), node="N1",
        enterprise=Enterprise.objects.get(uscc=uscc) if uscc else None, **kw,
    )  # fmt: skip


def test_full_life_with_history(users):
    alice = users["alice"]
    p = _open(alice)
    assert (p.code, p.status, p.region) == ("WT2024-001", "open", "371521")
    p = S.problem_assign(actor=alice, problem=p, owner_unit="国网聊城供电公司")
    assert p.status == "assigned"
    p = S.problem_note(actor=users["bob"], problem=p, note="已协调增容")
    assert p.status == "in_progress"
    p = S.problem_solve(actor=alice, problem=p, solved_on=D(2024, 4, 20), note="增容完成")
    assert (p.status, p.solved_on) == ("solved", D(2024, 4, 20))
    p = S.problem_close(actor=alice, problem=p, note="企业确认，销号")
    assert p.status == "closed"
    p = S.problem_reopen(actor=alice, problem=p, note="再次出现")
    assert (p.status, p.solved_on) == ("in_progress", None)
    history = list(p.events.values_list("actor", "action", "from_status", "to_status"))
    assert history == [
        ("alice", "open", "", "open"),
        ("alice", "assign", "open", "assigned"),
        ("bob", "note", "assigned", "in_progress"),
        ("alice", "solve", "in_progress", "solved"),
        ("alice", "close", "solved", "closed"),
        ("alice", "reopen", "closed", "in_progress"),
    ]
    assert AuditEntry.objects.filter(entity="chain_problem", key=p.code).count() == 6


def test_analyst_reads_but_cannot_act(users):
    p = _open(users["alice"])
    with pytest.raises(S.ProblemForbidden):
        _open(users["dave"])
    for action, kw in (
        (S.problem_assign, {"owner_unit": "x"}),
        (S.problem_note, {"note": "x"}),
        (S.problem_solve, {"solved_on": D(2024, 4, 1), "note": "x"}),
    ):
        with pytest.raises(S.ProblemForbidden):
            action(actor=users["dave"], problem=p, **kw)
    assert problems_visible(scope_for_user(users["dave"])).count() == 1


def test_county_users_act_on_their_own_region_only(users):
    p = _open(users["bob"])  # a 阳谷县 firm: bob may open it
    with pytest.raises(S.ProblemForbidden):
        S.problem_note(actor=users["carol"], problem=p, note="x")
    with pytest.raises(S.ProblemForbidden):
        _open(users["carol"])  # carol may not open one on a 阳谷县 firm
    with pytest.raises(S.ProblemForbidden):
        _open(users["bob"], uscc=None)  # a county problem names its firm
    assert problems_visible(scope_for_user(users["carol"])).count() == 0
    assert problems_visible(scope_for_user(users["bob"])).count() == 1
    q = _open(users["carol"], uscc=DONGCHANG)
    assert q.region == "371502"


def test_bad_moves_are_refused(users):
    alice = users["alice"]
    p = _open(alice)
    with pytest.raises(UserError, match="尚未解决"):
        S.problem_close(actor=alice, problem=p, note="x")
    with pytest.raises(UserError, match="无需重新打开"):
        S.problem_reopen(actor=alice, problem=p, note="x")
    with pytest.raises(UserError, match="早于提出日期"):
        S.problem_solve(actor=alice, problem=p, solved_on=D(2024, 2, 1), note="x")
    with pytest.raises(UserError, match="说明"):
        S.problem_note(actor=alice, problem=p, note="  ")
    with pytest.raises(UserError, match="办结时限"):
        S.problem_open(
            actor=alice, chain="nonferrous", category="融资", description="x",
            opened_on=D(2024, 3, 1), deadline=D(2024, 2, 1),
        )  # fmt: skip
    p = S.problem_solve(actor=alice, problem=p, solved_on=D(2024, 4, 1), note="x")
    with pytest.raises(UserError, match="重新打开"):
        S.problem_note(actor=alice, problem=p, note="x")
    assert ChainProblem.objects.get(pk=p.pk).status == "solved"
