"""The HTTP API (/api/v1): bearer token for every operation (anonymous: 401).

Uses the placeholders of routes_web.fixtures() (``{w_bob}``, ``{w_carol_region}``).
"""

from __future__ import annotations

from tests.matrix.route import Route

BOB_USCC = "91371521MA3C00001A"
PERIOD = "2024-04"


def _e(anonymous=401, alice=200, dave=200, bob=200, carol=200) -> dict[str, int]:
    return {"anonymous": anonymous, "alice": alice, "dave": dave, "bob": bob, "carol": carol}


ROUTES = [
    Route("api:openapi-json", "/api/v1/openapi.json", expect=_e()),
    Route("api:openapi-view", "/api/v1/docs", expect=_e(anonymous=302)),  # a browser: login
    Route(
        "api:GET /api/v1/query",
        "/api/v1/query",
        data={"indicator": "output_ytd", "period": PERIOD, "by": "region"},
        expect=_e(),
    ),
    Route(
        "api:GET /api/v1/query",
        "/api/v1/query",
        data={"indicator": "output_ytd", "period": PERIOD, "by": "enterprise"},
        expect=_e(),
    ),
    # An empty period is refused by the schema (422), as documented.
    Route(
        "api:GET /api/v1/query",
        "/api/v1/query",
        data={"indicator": "output_ytd", "period": ""},
        expect=_e(alice=422, dave=422, bob=422, carol=422),
    ),
    Route("api:GET /api/v1/catalog", "/api/v1/catalog", expect=_e()),
    Route("api:GET /api/v1/enterprises", "/api/v1/enterprises", expect=_e()),
    Route(
        "api:GET /api/v1/enterprises/{uscc}",
        f"/api/v1/enterprises/{BOB_USCC}",
        expect=_e(carol=404),
    ),
    Route("api:GET /api/v1/alerts", "/api/v1/alerts", data={"period": PERIOD}, expect=_e()),
    Route(
        "api:POST /api/v1/alerts/{warning_id}/actions",
        "/api/v1/alerts/{w_bob}/actions",
        method="POST",
        json=True,
        data={"action": "acknowledge"},
        expect=_e(dave=403, carol=404),
    ),
    Route(
        "api:POST /api/v1/alerts/{warning_id}/actions",
        "/api/v1/alerts/{w_carol_region}/actions",
        method="POST",
        json=True,
        data={"action": "close", "note": "已核实"},
        expect=_e(dave=403, bob=403),
    ),
    Route(
        "api:POST /api/v1/alerts/{warning_id}/actions",
        "/api/v1/alerts/{w_bob}/actions",
        method="POST",
        json=True,
        data={"action": "assign", "user": "carol"},
        expect=_e(alice=400, dave=403, bob=400, carol=404),
    ),
]
