"""诉求通's routes: who may reach which page and API operation (tests/matrix/route.py).

The matrix's personas have no appeal role: the city admin (alice) sees and routes every
appeal, the analyst (dave) reads and is refused every change, the county users see their
region's appeals (bob: 阳谷县, the firm's county; carol: none of this firm's). The unit and
enterprise roles are tested in tests/appeals and tests/api/test_appeals.py.
"""

from tests.matrix.route import Route


def fixtures() -> dict[str, str]:
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from gongxin.appeals.services import appeal_submit
    from tests.web.personas import ENTERPRISES

    alice = get_user_model().objects.get(username="alice")
    appeal = appeal_submit(
        actor=alice,
        uscc=ENTERPRISES[0][0],
        category="政策咨询",
        title="矩阵测试",
        now=timezone.now(),
    ).appeal
    return {"code": appeal.code}


ALL = {"anonymous": 302, "alice": 200, "dave": 200, "bob": 200, "carol": 200}
API_ALL = {"anonymous": 401, "alice": 200, "dave": 200, "bob": 200, "carol": 200}

ROUTES = [
    Route("appeals:list", "/appeals/", ALL),
    # Intake: the city for any firm; others only for their own or commissioned firms (none here).
    Route("appeals:new", "/appeals/new/", {**ALL, "dave": 404, "bob": 404, "carol": 404}),
    Route("appeals:stats", "/appeals/stats/", ALL),
    Route(
        "appeals:report",
        "/appeals/report/",
        {**ALL, "bob": 403, "carol": 403},
        data={"period": "2024-04", "format": "xlsx"},
    ),
    Route("appeals:detail", "/appeals/{code}/", {**ALL, "carol": 404}),
    Route(
        "appeals:action",
        "/appeals/{code}/actions/",
        {"anonymous": 302, "alice": 403, "dave": 403, "bob": 403, "carol": 404},
        method="POST",
        data={"action": "accept"},
    ),
    Route("api:GET /api/v1/appeals", "/api/v1/appeals", API_ALL),
    Route(
        "api:POST /api/v1/appeals",
        "/api/v1/appeals",
        {"anonymous": 401, "alice": 201, "dave": 403, "bob": 403, "carol": 403},
        method="POST",
        data={"uscc": "91371521MA3C00001A", "service_name": "其他", "title": "矩阵"},
        json=True,
    ),
    Route(
        "api:GET /api/v1/appeals/stats",
        "/api/v1/appeals/stats",
        API_ALL,
        data={"start": "2024-01-01", "end": "2024-12-31"},
    ),
    Route("api:GET /api/v1/appeals/{code}", "/api/v1/appeals/{code}", {**API_ALL, "carol": 404}),
    Route(
        "api:POST /api/v1/appeals/{code}/actions",
        "/api/v1/appeals/{code}/actions",
        {"anonymous": 401, "alice": 403, "dave": 403, "bob": 403, "carol": 404},
        method="POST",
        data={"action": "accept"},
        json=True,
    ),
]
