"""The warnings center (预警中心): list and filters, scope, dispositions with history, CSRF."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from gongxin.alerts import access, services
from gongxin.alerts.models import Evaluation, StoredWarning
from gongxin.registry.permissions import Actor

pytestmark = pytest.mark.django_db

BOB_OWN = "91371521MA3C00001A"
BOB_CABLE = "91371521MA3C00002B"
CAROLS = "91371502MA3C00003C"
PERIOD = "2024-04"
NOTE = services.ACTION_NAMES["note"]


def _stored(evaluation: Evaluation, **kw) -> StoredWarning:
    now = timezone.now()
    return StoredWarning.objects.create(
        period=PERIOD, evaluated_at=now, first_evaluation=evaluation,
        last_evaluation=evaluation, message=f"{kw['name']}：{kw['kind']}", **kw,
    )  # fmt: skip


@pytest.fixture
def stored(enterprises, alice, bob, carol) -> dict[str, StoredWarning]:
    """April's warnings as an evaluation stored them: two aggregate, three enterprise ones."""
    evaluation = Evaluation.objects.create(period=PERIOD, actor="test")
    return {
        "industry": _stored(
            evaluation, kind="below_province", scope="industry", member="33",
            name="金属制品业", region="", level="red", indicator="va_growth_ytd",
            value=-3.2, threshold=5.0,
        ),
        "dongchangfu": _stored(
            evaluation, kind="below_target", scope="region", member="371502",
            name="东昌府区", region="371502", level="yellow", indicator="va_gap_to_target_ytd",
            value=-2.5, threshold=-2.0,
        ),
        "bob_red": _stored(
            evaluation, kind="output_drop", scope="enterprise", member=BOB_OWN,
            name="阳谷铜业有限公司", region="371521", level="red",
            indicator="output_growth_month", value=-35.0, threshold=-30.0,
        ),
        "bob_blue": _stored(
            evaluation, kind="leaving_scale", scope="enterprise", member=BOB_CABLE,
            name="阳谷电缆有限公司", region="371521", level="blue",
        ),
        "carol": _stored(
            evaluation, kind="stalled", scope="enterprise", member=CAROLS,
            name="东昌府纺织有限公司", region="371502", level="yellow",
        ),
    }  # fmt: skip


def _ids(html: str) -> set[int]:
    return {int(i) for i in re.findall(r'<tr data-id="(\d+)"', html)}


def _post(client, url: str, data: dict):
    return client.post(url, {**data, "csrfmiddlewaretoken": client.cookies["csrftoken"].value})


def _action(client, warning: StoredWarning, **data):
    return _post(client, f"/alerts/{warning.pk}/actions/", data)


# --- the list ------------------------------------------------------------------------------


def test_the_center_lists_the_latest_month_with_counts(login, alice, stored):
    response = login(alice).get("/alerts/")
    html = response.content.decode()
    assert response.status_code == 200
    assert _ids(html) == {w.pk for w in stored.values()}
    assert '<option value="2024-04" selected>' in html  # the latest month with data
    assert 'data-count="all">5<' in html
    assert 'data-count="red">2<' in html and 'data-count="yellow">2<' in html
    assert 'data-count="blue">1<' in html
    # Chinese names of levels, kinds, scopes and statuses; red first.
    assert "红色预警" in html and "企业产值大幅下降" in html and "待处置" in html
    assert html.index("金属制品业") < html.index("东昌府区：below_target")
    # The enterprise links to its profile; the navigation entry is live.
    assert f'href="/enterprises/{BOB_OWN}/"' in html
    assert 'href="/alerts/" class="active"' in html


def test_filters_and_the_htmx_partial(login, alice, stored):
    client = login(alice)
    html = client.get("/alerts/?level=red", HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in html and 'id="alert-center"' in html  # a fragment
    assert _ids(html) == {stored["industry"].pk, stored["bob_red"].pk}
    assert 'data-count="all">5<' in html  # the chips count before the level filter
    html = client.get("/alerts/?kind=stalled").content.decode()
    assert _ids(html) == {stored["carol"].pk}
    # A region's warnings: its enterprises' and its own.
    html = client.get("/alerts/?region=371502").content.decode()
    assert _ids(html) == {stored["dongchangfu"].pk, stored["carol"].pk}
    services.warning_acknowledge(warning=stored["bob_blue"], actor=Actor.system("alice"))
    html = client.get("/alerts/?status=acknowledged").content.decode()
    assert _ids(html) == {stored["bob_blue"].pk}


def test_a_bad_filter_shows_the_chinese_message(login, alice, stored):
    html = login(alice).get("/alerts/?level=purple&kind=nope").content.decode()
    assert "未知预警" in html and _ids(html) == set()


def test_resolved_warnings_only_on_request(login, alice, stored):
    warning = stored["carol"]
    warning.firing, warning.resolved_at = False, timezone.now()
    warning.save()
    client = login(alice)
    assert warning.pk not in _ids(client.get("/alerts/").content.decode())
    html = client.get("/alerts/?all=1").content.decode()
    assert warning.pk in _ids(html) and "重新评估后不再触发" in html


def test_no_data_yet(login, alice):
    html = login(alice).get("/alerts/").content.decode()
    assert "尚无月度运行数据" in html


def test_anonymous_is_sent_to_login(client, stored):
    response = client.get("/alerts/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


# --- scope ---------------------------------------------------------------------------------


def test_bob_sees_every_aggregate_but_only_his_enterprises(login, bob, stored):
    html = login(bob).get("/alerts/").content.decode()
    assert _ids(html) == {stored[k].pk for k in ("industry", "dongchangfu", "bob_red", "bob_blue")}
    assert "东昌府纺织" not in html
    assert 'data-count="yellow">1<' in html  # carol's enterprise is not even counted


def test_another_regions_enterprise_warning_is_404_and_cannot_be_acted_on(login, bob, stored):
    client = login(bob)
    carols = stored["carol"]
    missing = max(w.pk for w in stored.values()) + 100
    assert client.get(f"/alerts/{carols.pk}/").status_code == 404
    assert client.get(f"/alerts/{missing}/").status_code == 404
    response = _action(client, carols, action="close", note="x")
    assert response.status_code == 404
    assert "东昌府纺织" not in response.content.decode()
    carols.refresh_from_db()
    assert carols.status == "open" and not carols.events.exists()


def test_another_regions_aggregate_is_visible_but_not_actionable(login, bob, stored):
    client = login(bob)
    region = stored["dongchangfu"]
    html = client.get(f"/alerts/{region.pk}/").content.decode()
    assert "东昌府区" in html and 'data-action="close"' not in html  # no forms offered
    response = _action(client, region, action="acknowledge")
    assert response.status_code == 403
    message = access.ERR_NOT_YOUR_REGION.format(label="371521")
    assert message in response.content.decode()
    region.refresh_from_db()
    assert region.status == "open"


def test_bob_acts_on_his_own_but_assigns_only_within_his_region(login, bob, stored):
    client = login(bob)
    warning = stored["bob_red"]
    response = _action(client, warning, action="assign", region="371502")
    assert response.status_code == 403
    assert access.ERR_ASSIGN_OUTSIDE.format(region="371502", label="371521") in (
        response.content.decode()
    )
    response = _action(client, warning, action="assign", region="371521", user="bob", note="请跟进")
    assert response.status_code == 302
    warning.refresh_from_db()
    assert (warning.status, warning.assigned_region, warning.assigned_user.username) == (
        "assigned", "371521", "bob",
    )  # fmt: skip
    # The assign form offers only his region and his region's users.
    html = client.get(f"/alerts/{warning.pk}/").content.decode()
    assert '<option value="371502"' not in html and '<option value="carol"' not in html


# --- dispositions --------------------------------------------------------------------------


def test_a_warnings_life_with_its_history(login, alice, stored):
    client = login(alice)
    warning = stored["bob_red"]
    html = client.get(f"/alerts/{warning.pk}/").content.decode()
    assert "-35.0" in html and "-30.0" in html and "output_growth_month" in html
    steps = [
        {"action": "assign", "region": "371521", "note": "请阳谷县核实"},
        {"action": "acknowledge", "note": "已签收"},
        {"action": "note", "note": "走访企业：订单减少，正在协调"},
        {"action": "close", "note": "已复产"},
        {"action": "reopen", "note": "5月再次下降"},
    ]
    for step in steps:
        response = _action(client, warning, **step)
        assert response.status_code == 302, response.content.decode()
        assert response["Location"] == f"/alerts/{warning.pk}/"
    warning.refresh_from_db()
    assert warning.status == "reopened"
    assert [e.action for e in warning.events.order_by("id")] == [
        "assign", "acknowledge", "note", "close", "reopen",
    ]  # fmt: skip
    html = client.get(f"/alerts/{warning.pk}/").content.decode()
    for text in (
        "交办",
        "签收",
        "添加跟进记录",
        "办结",
        "重新打开",
        "走访企业：订单减少",
        "已办结 → 重新打开",
    ):
        assert text in html, text
    assert "alice" in html


@pytest.mark.parametrize(
    ("setup", "step", "message"),
    [
        ("acknowledge", {"action": "acknowledge"}, services.ERR_ALREADY_ACKNOWLEDGED),
        (None, {"action": "note", "note": " "}, services.ERR_NOTE_REQUIRED.format(action=NOTE)),
        (None, {"action": "reopen", "note": "x"}, services.ERR_NOT_CLOSED.format(status="待处置")),
        ("close", {"action": "close", "note": "again"}, services.ERR_ALREADY_CLOSED),
        (None, {"action": "assign"}, services.ERR_ASSIGN_TARGET),
        (None, {"action": "delete"}, "未知处置动作：delete"),
    ],
)  # fmt: skip
def test_refused_steps_show_the_chinese_reason(login, alice, stored, setup, step, message):
    warning = stored["bob_red"]
    if setup == "acknowledge":
        services.warning_acknowledge(warning=warning, actor=Actor.system("alice"))
    elif setup == "close":
        services.warning_close(warning=warning, actor=Actor.system("alice"), note="done")
    before = warning.events.count()
    response = _action(login(alice), warning, **step)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert warning.events.count() == before


def test_actions_need_the_csrf_token(login, alice, stored):
    client = login(alice)  # Client(enforce_csrf_checks=True)
    warning = stored["bob_red"]
    response = client.post(f"/alerts/{warning.pk}/actions/", {"action": "acknowledge"})
    assert response.status_code == 403
    response = client.post("/alerts/evaluate/", {"period": PERIOD})
    assert response.status_code == 403
    warning.refresh_from_db()
    assert warning.status == "open"
    assert client.get(f"/alerts/{warning.pk}/actions/").status_code == 405  # POST only


# --- re-evaluation -------------------------------------------------------------------------

RULES = (
    "rules:\n  - {kind: below_target, scope: region, bands: {red: -5.0, yellow: -2.0, blue: 0.0}}\n"
)


def test_the_city_re_evaluates_and_sees_the_summary(login, alice, stored, tmp_path, monkeypatch):
    from gongxin.stats.models import DataVersion, ReferenceValue

    rules = tmp_path / "rules.yaml"
    rules.write_text(RULES, encoding="utf-8")
    monkeypatch.setenv("GONGXIN_ALERT_RULES", str(rules))
    ReferenceValue.objects.create(
        series="target_va_growth", scope="371521", period="2024", recorded_at=timezone.now(),
        value=50.0,
    )  # fmt: skip
    DataVersion.bump()
    client = login(alice)
    response = _post(client, "/alerts/evaluate/", {"period": PERIOD})
    assert response.status_code == 302
    evaluation = Evaluation.objects.filter(period=PERIOD).order_by("-id").first()
    assert (evaluation.new, evaluation.resolved) == (1, 5)  # 阳谷县 fires; the rest no longer
    html = client.get(response["Location"]).content.decode()
    assert "2024-04 预警已重新评估：新增 1，级别变化 0，数值更新 0，不再触发 5，未变 0" in html
    assert "阳谷县" in html


def test_a_county_user_cannot_re_evaluate(login, bob, stored):
    client = login(bob)
    assert "重新评估" not in client.get("/alerts/").content.decode()
    response = _post(client, "/alerts/evaluate/", {"period": PERIOD})
    assert response.status_code == 403
    assert Evaluation.objects.filter(period=PERIOD).count() == 1


# --- the enterprise profile ------------------------------------------------------------------


def test_an_enterprise_profile_lists_its_warnings_and_dispositions(login, alice, bob, stored):
    html = login(bob).get(f"/enterprises/{BOB_OWN}/").content.decode()
    assert "预警及处置" in html
    assert f'href="/alerts/{stored["bob_red"].pk}/"' in html
    assert "阳谷铜业有限公司：output_drop" in html and "待处置" in html
    assert "阳谷电缆有限公司：leaving_scale" not in html  # another enterprise's warning
    # Carol's enterprise is out of bob's scope: the page (and so its warnings) is a 404.
    assert login(bob).get(f"/enterprises/{CAROLS}/").status_code == 404
    assert (
        "东昌府纺织有限公司：stalled"
        in login(alice).get(f"/enterprises/{CAROLS}/").content.decode()
    )
