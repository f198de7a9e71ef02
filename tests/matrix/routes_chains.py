"""Routes of the chain-chief system (产业链链长制): pages taken over and added, and the API.

``/chains/`` and ``/chains/<code>/`` were the generic dimension pages; ``web/views/chains.py``
serves them now. Everyone with a role reads; dave (city_analyst) gets 403 on any change; a
county user acts on problems of its own region's firms only, and another region's problem is
answered like a missing one (404).
"""

from __future__ import annotations

from tests.matrix.route import Route

READ = {"anonymous": 302, "alice": 200, "dave": 200, "bob": 200, "carol": 200}
API_READ = {"anonymous": 401, "alice": 200, "dave": 200, "bob": 200, "carol": 200}


def fixtures() -> dict[str, str]:
    """A chain map, an activity, a target and problems (WT-BOB on a 阳谷县 firm)."""
    from tests.chains.fixtures import chains_create

    return chains_create()


ROUTES = [
    Route("web:chains", "/chains/", READ),
    Route("web:chain", "/chains/{chain}/", READ),
    Route("web:chain_node_firms", "/chains/{chain}/nodes/{node}/", READ),
    Route("web:chain_problem", "/chains/problems/{problem}/", {**READ, "carol": 404}),
    Route("web:chain_problem_new", "/chains/problems/new/?activity={activity}", READ),
    Route(
        "web:chain_problem_new",
        "/chains/problems/new/",
        # A city-wide problem (no firm): only the city admin opens one.
        {"anonymous": 302, "alice": 302, "dave": 403, "bob": 403, "carol": 403},
        method="POST",
        data={
            "chain": "nonferrous",
            "category": "融资",
            "description": "贷款难",
            "opened_on": "2024-04-01",
            "deadline": "2024-06-30",
        },
    ),
    Route(
        "web:chain_problem_action",
        "/chains/problems/{problem}/actions/",
        {"anonymous": 302, "alice": 302, "dave": 403, "bob": 302, "carol": 404},
        method="POST",
        data={"action": "note", "note": "已协调"},
    ),
    Route(
        "web:report_chain_brief",
        "/reports/chain-brief/?chain={chain}&period=2024-04",
        {"anonymous": 302, "alice": 200, "dave": 200, "bob": 403, "carol": 403},
    ),
    Route("api:GET /api/v1/chains", "/api/v1/chains?period=2024-04", API_READ),
    Route("api:GET /api/v1/chains/{code}", "/api/v1/chains/{chain}?period=2024-04", API_READ),
]
