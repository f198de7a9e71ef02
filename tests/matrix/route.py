"""The route × persona matrix: the shape every capability uses to declare its routes.

Every URL pattern of the site and every operation of /api/v1 must be declared once, in a
module ``tests/matrix/routes_<area>.py`` that defines ``ROUTES: list[Route]`` (and, when its
paths need objects, ``fixtures() -> dict[str, str]``, called inside the test database after
the personas and the small reported city of ``tests/web/personas.py`` exist; it returns the
values of the ``{placeholders}`` in its paths). ``test_route_matrix.py`` requests each route
as each persona and compares the status; a pattern or operation that no module declares fails
the test, so a new route cannot ship without saying who may reach it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# anonymous: no session / no token; the others are tests/web/personas.py's users.
PERSONAS = ("anonymous", "alice", "dave", "bob", "carol")


@dataclass(frozen=True)
class Route:
    """One request and the status each persona must get.

    ``pattern`` names what is covered: a Django URL name (``"web:projects"``) or, for the API,
    ``"api:<METHOD> <openapi path>"`` (``"api:GET /api/v1/projects"``). ``path`` is the
    request path with ``{placeholders}`` filled from the module's ``fixtures()``; ``data``
    the query (GET) or form/JSON body (POST). API routes are called with a bearer token,
    pages with a logged-in session and a valid CSRF token. ``expect`` maps every persona to a
    status code (anonymous page requests: 302 to the login page; API: 401).
    """

    pattern: str
    path: str
    expect: dict[str, int]
    method: str = "GET"
    data: dict = field(default_factory=dict)
    json: bool = False

    def __post_init__(self) -> None:
        missing = set(PERSONAS) - set(self.expect)
        if missing:
            raise ValueError(f"{self.pattern}: no expected status for {sorted(missing)}")
