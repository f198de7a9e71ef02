"""The platform's pages (gongxin.web), the admin group and the admin's login redirect.

Placeholders: ``{w_bob}`` an enterprise warning of 阳谷县 (bob's), ``{w_carol_region}`` the
region warning of 东昌府区 (carol's; visible to every county, actionable by carol only),
``{batch}`` an import made by the city (no county sees it), ``{chain}`` a chain with bob's
enterprise as its 链主.
"""

from __future__ import annotations

from tests.matrix.route import Route

BOB_USCC = "91371521MA3C00001A"
PERIOD = "2024-04"


def _all(status: int, anonymous: int = 302) -> dict[str, int]:
    return {"anonymous": anonymous, "alice": status, "dave": status, "bob": status, "carol": status}


def _e(anonymous=302, alice=200, dave=200, bob=200, carol=200) -> dict[str, int]:
    return {"anonymous": anonymous, "alice": alice, "dave": dave, "bob": bob, "carol": carol}


def fixtures() -> dict[str, str]:
    from django.utils import timezone

    from gongxin.alerts.models import Evaluation, StoredWarning
    from gongxin.city.models import Chain
    from gongxin.ingest.models import ImportBatch
    from gongxin.registry.models import ChainMembership
    from gongxin.stats.models import DataVersion

    evaluation = Evaluation.objects.create(period=PERIOD, actor="test")
    common = {
        "period": PERIOD, "evaluated_at": timezone.now(), "first_evaluation": evaluation,
        "last_evaluation": evaluation, "level": "red", "message": "测试预警",
    }  # fmt: skip
    w_bob = StoredWarning.objects.create(
        kind="stalled", scope="enterprise", member=BOB_USCC, name="阳谷铜业有限公司",
        region="371521", **common,
    )  # fmt: skip
    w_carol = StoredWarning.objects.create(
        kind="below_target", scope="region", member="371502", name="东昌府区", region="371502",
        **common,
    )  # fmt: skip
    chain = Chain.objects.order_by("order", "code").first()
    # get_or_create: another area's fixtures (chains) may have placed the same firm already.
    ChainMembership.objects.get_or_create(
        enterprise_id=BOB_USCC, chain=chain, defaults={"role": "链主"}
    )
    DataVersion.bump()
    return {
        "w_bob": str(w_bob.pk),
        "w_carol_region": str(w_carol.pk),
        "batch": str(ImportBatch.objects.order_by("pk").first().pk),
    }


ROUTES = [
    # --- login, logout, map -------------------------------------------------------------------
    Route("web:login", "/login/", expect=_all(302, anonymous=200)),  # logged in: go on
    Route("web:logout", "/logout/", method="POST", expect=_all(302)),
    Route("web:home", "/", data={"period": PERIOD}, expect=_all(200)),
    Route("web:geo", "/geo/371500.geojson", expect=_all(200)),
    # --- drill-down: aggregates for everyone, enterprises within the scope ---------------------
    Route("web:regions", "/regions/", expect=_all(200)),
    Route("web:region", "/regions/371521/", expect=_all(200)),
    Route("web:industries", "/industries/", expect=_all(200)),
    Route("web:industry", "/industries/33/", expect=_all(200)),
    # 产业链 pages (the chain-chief system took them over): tests/matrix/routes_chains.py.
    Route("web:dim", "/dim/high_tech/", expect=_all(200)),
    Route("web:dim_member", "/dim/key/1/", expect=_all(200)),
    Route("web:enterprises", "/enterprises/", expect=_all(200)),
    Route("web:enterprise_table", "/enterprises/table/", expect=_all(200)),
    Route("web:enterprise_export", "/enterprises/export/", expect=_all(200)),
    Route("web:enterprise", f"/enterprises/{BOB_USCC}/", expect=_e(carol=404)),
    # --- uploads: city admin everything, county users monthly/daily, the analyst nothing ------
    Route("web:uploads", "/uploads/", expect=_all(200)),
    # No file: the form's 400 for whoever may import monthly data; 403 for the analyst.
    Route(
        "web:uploads",
        "/uploads/",
        method="POST",
        data={"kind": "monthly"},
        expect=_e(alice=400, dave=403, bob=400, carol=400),
    ),
    Route(
        "web:uploads",
        "/uploads/",
        method="POST",
        data={"kind": "roster"},
        expect=_e(alice=400, dave=403, bob=403, carol=403),
    ),
    Route("web:revisions", "/uploads/revisions/", data={"period": PERIOD}, expect=_all(200)),
    # The city's own import: not made by a county's user, so no county sees it.
    Route("web:upload_batch", "/uploads/{batch}/", expect=_e(bob=404, carol=404)),
    # --- warnings center ----------------------------------------------------------------------
    Route("web:alerts", "/alerts/", data={"period": PERIOD}, expect=_all(200)),
    Route(
        "web:alerts_evaluate",
        "/alerts/evaluate/",
        method="POST",
        data={"period": PERIOD},
        expect=_e(alice=302, dave=403, bob=403, carol=403),
    ),
    Route("web:alert", "/alerts/{w_bob}/", expect=_e(carol=404)),
    Route("web:alert", "/alerts/{w_carol_region}/", expect=_all(200)),
    Route(
        "web:alert_action",
        "/alerts/{w_bob}/actions/",
        method="POST",
        data={"action": "acknowledge"},
        expect=_e(alice=302, dave=403, bob=302, carol=404),
    ),
    Route(
        "web:alert_action",
        "/alerts/{w_carol_region}/actions/",
        method="POST",
        data={"action": "close", "note": "已核实"},
        expect=_e(alice=302, dave=403, bob=403, carol=302),
    ),
    # Handing bob's warning to carol, who cannot see it: refused alike for alice and bob.
    Route(
        "web:alert_action",
        "/alerts/{w_bob}/actions/",
        method="POST",
        data={"action": "assign", "user": "carol"},
        expect=_e(alice=400, dave=403, bob=400, carol=404),
    ),
    # --- reports: documents list every county's enterprises, so city roles only ---------------
    Route("web:reports", "/reports/", expect=_all(200)),
    # The document downloads (county editions, 文号 and 成文日期): tests/matrix/routes_reports.py.
    # --- the Django admin: city_admin only; others get a 403 page, never a login loop --------
    Route("admin:*", "/admin/", expect=_e(dave=403, bob=403, carol=403)),
    Route("admin:*", "/admin/registry/enterprise/", expect=_e(dave=403, bob=403, carol=403)),
    Route("admin:*", "/admin/auth/user/", expect=_e(dave=403, bob=403, carol=403)),
    Route("admin:*", "/admin/web/logincounter/", expect=_e(dave=403, bob=403, carol=403)),
    # Django admin's own login form would bypass throttling: it redirects to ours.
    Route("url:admin/login/", "/admin/login/", expect=_e(alice=302, dave=403, bob=403, carol=403)),
]
