"""The life of an appeal, and who may move it: one permission check per step, tested per role."""

import datetime as dt

import pytest
from django.utils import timezone

from gongxin.appeals.models import Appeal, AppealEvent, Status
from gongxin.appeals.selectors import appeals_visible
from gongxin.appeals.services import appeal_act, appeal_submit
from gongxin.errors import UserError
from tests.appeals.fixtures import DONGCHANG_TEXTILE, LAND_UNIT, POLICY_UNIT, YANGGU_COPPER

pytestmark = pytest.mark.django_db

T0 = timezone.make_aware(dt.datetime(2024, 4, 30, 15, 0))


def _submit(people, who="firm", category="政策咨询", title="申请技改补贴政策解读", at=T0):
    return appeal_submit(
        actor=people[who], uscc=YANGGU_COPPER, category=category, title=title, now=at
    ).appeal


def test_submission_routes_to_the_categorys_unit_with_limits(people):
    appeal = _submit(people)
    assert appeal.status == Status.SUBMITTED
    assert appeal.unit == POLICY_UNIT
    assert appeal.region_id == "371521"
    assert (appeal.sign_due, appeal.answer_due, appeal.solve_due) == (
        dt.date(2024, 5, 6),
        dt.date(2024, 5, 8),
        dt.date(2024, 5, 23),
    )
    assert appeal.code == "SQ2024-000001"
    assert list(appeal.events.values_list("action", "actor")) == [("submit", "firm")]


def test_who_may_submit_for_which_firm(people):
    # The commissioner (bob) for his paired firm, the city for any firm.
    assert _submit(people, who="bob").enterprise_id == YANGGU_COPPER
    assert _submit(people, who="alice").enterprise_id == YANGGU_COPPER
    # Another enterprise's user, a unit, the analyst, a county user who is not its commissioner.
    for who in ("firm_other", "unit_policy", "dave", "carol"):
        with pytest.raises(PermissionError):
            _submit(people, who=who)
    assert Appeal.objects.count() == 2


def test_the_happy_path_submit_accept_answer_rate_close(people):
    appeal = _submit(people)
    t = T0
    for who, action, kw in (
        ("unit_policy", "accept", {}),
        ("unit_policy", "answer", {"note": "已对接市财政局，补贴5月底前拨付"}),
        ("firm", "rate", {"rating": "满意"}),
        ("alice", "close", {"solved": True}),
    ):
        t += dt.timedelta(days=1)
        appeal = appeal_act(actor=people[who], code=appeal.code, action=action, now=t, **kw)
    assert appeal.status == Status.CLOSED
    assert appeal.solved is True and appeal.rating == "满意"
    steps = list(appeal.events.values_list("action", "from_status", "to_status"))
    assert steps == [
        ("submit", "", "submitted"),
        ("accept", "submitted", "accepted"),
        ("answer", "accepted", "answered"),
        ("rate", "answered", "rated"),
        ("close", "rated", "closed"),
    ]


def test_unsatisfied_sends_it_back_to_the_unit_with_new_limits(people):
    appeal = _submit(people)
    appeal_act(actor=people["unit_policy"], code=appeal.code, action="accept", now=T0)
    appeal_act(actor=people["unit_policy"], code=appeal.code, action="answer", note="答复", now=T0)
    later = timezone.make_aware(dt.datetime(2024, 5, 20, 10))
    appeal = appeal_act(
        actor=people["bob"], code=appeal.code, action="rate", rating="不满意", now=later
    )
    assert appeal.status == Status.ACCEPTED
    assert appeal.reopen_count == 1
    assert appeal.answered_at is None
    # Counted again from Monday 20 May: 3 working days → 23 May.
    assert appeal.answer_due == dt.date(2024, 5, 23)


def test_return_and_reassign(people):
    appeal = _submit(people, category="土地规划", title="厂区用地规划调整")
    assert appeal.unit == LAND_UNIT
    with pytest.raises(UserError, match="须填写说明"):
        appeal_act(actor=people["unit_land"], code=appeal.code, action="return")
    appeal_act(actor=people["unit_land"], code=appeal.code, action="return", note="非本单位职责")
    # The unit can no longer see it once re-routed; the city re-routes.
    appeal = appeal_act(
        actor=people["alice"], code=appeal.code, action="reassign", unit=POLICY_UNIT
    )
    assert appeal.status == Status.SUBMITTED and appeal.unit == POLICY_UNIT
    assert not appeals_visible(people["unit_land"]).filter(code=appeal.code).exists()
    assert appeals_visible(people["unit_policy"]).filter(code=appeal.code).exists()


def test_extension_moves_the_solve_limit_only_when_approved(people):
    appeal = _submit(people)
    appeal_act(actor=people["unit_policy"], code=appeal.code, action="accept", now=T0)
    appeal_act(
        actor=people["unit_policy"], code=appeal.code, action="extend", days=5, note="需会商"
    )
    with pytest.raises(UserError, match="待审核"):
        appeal_act(
            actor=people["unit_policy"], code=appeal.code, action="extend", days=5, note="再延"
        )
    appeal = appeal_act(actor=people["alice"], code=appeal.code, action="approve_extension")
    # 23 May + 5 working days = 30 May.
    assert appeal.solve_due == dt.date(2024, 5, 30)
    assert appeal.extension_days is None


@pytest.mark.parametrize(
    ("who", "error"),
    [
        ("unit_land", LookupError),  # a unit the appeal is not routed to: it does not exist
        ("firm_other", LookupError),  # another firm's user
        ("carol", LookupError),  # a county user of another region
        ("dave", PermissionError),  # the analyst sees everything and changes nothing
        ("bob", PermissionError),  # the commissioner may not sign for the unit
        ("firm", PermissionError),
        ("alice", PermissionError),  # the city routes; the unit signs
    ],
)
def test_only_the_routed_unit_may_sign(people, who, error):
    appeal = _submit(people)
    with pytest.raises(error):
        appeal_act(actor=people[who], code=appeal.code, action="accept")
    appeal.refresh_from_db()
    assert appeal.status == Status.SUBMITTED
    assert AppealEvent.objects.filter(appeal=appeal).count() == 1


def test_a_step_the_state_does_not_allow_is_refused_and_changes_nothing(people):
    appeal = _submit(people)
    with pytest.raises(UserError, match="当前为“待签收”，不能“答复”"):
        appeal_act(actor=people["unit_policy"], code=appeal.code, action="answer", note="x")
    with pytest.raises(UserError, match="不能“评价”"):
        appeal_act(actor=people["firm"], code=appeal.code, action="rate", rating="满意")
    appeal.refresh_from_db()
    assert appeal.status == Status.SUBMITTED


def test_merge_and_withdraw(people):
    first = _submit(people)
    second = _submit(people, title="申请技改补贴政策解读（再次反映）")
    with pytest.raises(UserError, match="同一企业"):
        other = appeal_submit(
            actor=people["alice"], uscc=DONGCHANG_TEXTILE, category="其他", title="用电", now=T0
        ).appeal
        appeal_act(actor=people["alice"], code=other.code, action="merge", into=first.code)
    merged = appeal_act(actor=people["alice"], code=second.code, action="merge", into=first.code)
    assert merged.status == Status.MERGED and merged.merged_into_id == first.pk
    withdrawn = appeal_act(actor=people["firm"], code=first.code, action="withdraw")
    assert withdrawn.status == Status.WITHDRAWN


def test_intake_suggests_alike_appeals_of_the_same_firm_within_30_days(people):
    _submit(people, title="申请技改补贴政策解读")
    again = appeal_submit(
        actor=people["firm"],
        uscc=YANGGU_COPPER,
        category="政策咨询",
        title="申请技改补贴的政策解读",
        now=T0 + dt.timedelta(days=3),
    )
    assert [a.title for a in again.duplicates] == ["申请技改补贴政策解读"]
    later = appeal_submit(
        actor=people["firm"],
        uscc=YANGGU_COPPER,
        category="政策咨询",
        title="申请技改补贴政策解读",
        now=T0 + dt.timedelta(days=45),
    )
    # 45 and 42 days later: both earlier appeals are outside the 30 days.
    assert later.duplicates == []


def test_visibility_per_role(people):
    mine = _submit(people)
    other = appeal_submit(
        actor=people["alice"], uscc=DONGCHANG_TEXTILE, category="土地规划", title="用地", now=T0
    ).appeal
    seen = {
        who: set(appeals_visible(people[who]).values_list("code", flat=True))
        for who in ("alice", "dave", "bob", "carol", "unit_policy", "unit_land", "firm")
    }
    assert seen["alice"] == seen["dave"] == {mine.code, other.code}
    assert seen["bob"] == {mine.code}  # 阳谷县
    assert seen["carol"] == {other.code}  # 东昌府区
    assert seen["unit_policy"] == {mine.code}
    assert seen["unit_land"] == {other.code}
    assert seen["firm"] == {mine.code}
