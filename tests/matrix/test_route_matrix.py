"""The route × persona matrix (tests/matrix/route.py): every URL pattern of the site and every
operation of /api/v1, requested as anonymous, alice (city_admin), dave (city_analyst), bob and
carol (county users of 371521 and 371502), must answer the status its ``routes_*.py`` module
declares; a pattern or operation that no module declares fails the test, saying what to add.

One database set-up serves the whole matrix (a module-scoped transaction rolled back at the
end); each request runs in its own savepoint, rolled back afterwards, so a POST by one persona
(an acknowledged warning, a logout) never changes what the next persona gets.
"""

from __future__ import annotations

import copy
import importlib
import pkgutil
import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

import tests.matrix
from tests.matrix.route import PERSONAS, Route
from tests.web.personas import PASSWORD, enterprises_create, persona

# Marked so that pytest-django creates the test database; the matrix's own data live in the
# module-scoped ``world`` transaction, each test's savepoint inside it.
pytestmark = pytest.mark.django_db

API_PREFIX = "/api/"
# The Django admin is one group: its dozens of generated URLs share one rule (city_admin only).
ADMIN_GROUP = "admin:*"
# Operations of the API namespace are covered through the OpenAPI document, not their names.
API_NAMESPACE = "api"
API_PAGES = {"openapi-json", "openapi-view"}
HINT_EXPECT = '{"anonymous": 302, "alice": 200, "dave": 200, "bob": 200, "carol": 200}'
HINT_EXPECT_API = '{"anonymous": 401, "alice": 200, "dave": 200, "bob": 200, "carol": 200}'


# --- what exists ------------------------------------------------------------------------------


def _walk(resolvers, namespace: str = "", prefix: str = "") -> Iterator[tuple[str, str]]:
    for entry in resolvers:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            full = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from _walk(entry.url_patterns, full, route)
        elif isinstance(entry, URLPattern):
            yield namespace, (entry.name or ""), route


def site_patterns() -> dict[str, str]:
    """Every URL pattern as the matrix names it (``web:home``, ``admin:*``, ``url:<route>``
    for an unnamed one, ``api:openapi-json`` for the API's own pages) → a path to request,
    ``<converter:name>`` written as ``{name}``."""
    names: dict[str, str] = {}
    for namespace, name, route in _walk(get_resolver().url_patterns):
        path = "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route).lstrip("^").rstrip("$")
        top = namespace.split(":")[0]
        if top == "admin":
            names[ADMIN_GROUP] = "/admin/"
        elif top == API_NAMESPACE:
            if name in API_PAGES:
                names[f"api:{name}"] = path
        elif name:
            names[f"{namespace}:{name}" if namespace else name] = path
        else:
            names[f"url:{route}"] = path
    return names


def api_operations() -> dict[str, str]:
    from gongxin.api.api import api

    schema = api.get_openapi_schema()
    return {
        f"api:{method.upper()} {path}": path
        for path, item in schema["paths"].items()
        for method in item
        if method in ("get", "post", "put", "patch", "delete")
    }


# --- what is declared -------------------------------------------------------------------------


@dataclass
class Declared:
    module: str
    route: Route


def route_modules() -> list:
    return [
        importlib.import_module(f"tests.matrix.{info.name}")
        for info in pkgutil.iter_modules(tests.matrix.__path__)
        if info.name.startswith("routes_")
    ]


def declared_routes(modules) -> list[Declared]:
    return [Declared(m.__name__, r) for m in modules for r in getattr(m, "ROUTES", [])]


def _hint(pattern: str, path: str) -> str:
    expect = HINT_EXPECT_API if path.startswith(API_PREFIX) else HINT_EXPECT
    method = pattern.split(":", 1)[1].split(" ")[0] if pattern.startswith("api:") else "GET"
    method = method if method.isupper() else "GET"
    extra = ""
    if method != "GET":
        expect = expect.replace('"dave": 200', '"dave": 403')
        extra = f', method="{method}"'
    return f'    Route("{pattern}", "{path}", expect={expect}{extra}),'


def test_every_route_is_declared():
    declared = {d.route.pattern for d in declared_routes(route_modules())}
    existing = site_patterns() | api_operations()
    missing = sorted(set(existing) - declared)
    stale = sorted(declared - set(existing))
    message = []
    if missing:
        message.append(
            "These URL patterns / API operations are in no tests/matrix/routes_*.py module. Add "
            "them to ROUTES of tests/matrix/routes_<your area>.py (create it if needed; a "
            "fixtures() -> dict there fills {placeholders} in paths), with the status each "
            "persona must get (anonymous page: 302 to login; anonymous API: 401; "
            "dave, the city_analyst, 403 on any change):\n"
            + "\n".join(_hint(p, existing[p]) for p in missing)
            + '\n(Check each status; a page taking POST: add method="POST" and data={...}.)'
        )
    if stale:
        message.append(
            "These declared patterns no longer exist (renamed or removed): " + ", ".join(stale)
        )
    assert not message, "\n\n".join(message)


# --- requesting them --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Personas, the small reported city, every module's fixtures and a client per persona."""
    from django.conf import settings

    from gongxin.api.services import token_create
    from gongxin.city.services import city_sync
    from gongxin.registry.permissions import Actor

    data = tmp_path_factory.mktemp("matrix")
    saved = settings.DATA_DIR, settings.ANALYTICS_DIR
    settings.DATA_DIR, settings.ANALYTICS_DIR = data, data / "analytics"
    modules = route_modules()
    with django_db_blocker.unblock(), transaction.atomic():
        city_sync(actor="test")
        users = {name: persona(name) for name in PERSONAS if name != "anonymous"}
        enterprises_create()
        values: dict[str, str] = {}
        for module in modules:
            fixtures = getattr(module, "fixtures", None)
            if fixtures is not None:
                found = fixtures()
                # One namespace for every module's {placeholders}: a clash would silently
                # point one area's routes at another area's objects.
                clash = sorted(set(found) & set(values))
                assert not clash, f"{module.__name__}: placeholder(s) {clash} already used"
                values.update(found)
        tokens = {
            name: token_create(username=user.username, actor=Actor.system("test"))
            for name, user in users.items()
        }
        clients = {name: _logged_in(name) for name in PERSONAS}
        yield {"values": values, "tokens": tokens, "clients": clients}
        transaction.set_rollback(True)
    settings.DATA_DIR, settings.ANALYTICS_DIR = saved


def _logged_in(name: str) -> Client:
    """A client that went through the real login form with its CSRF token (anonymous: only
    the form, so that it holds a CSRF cookie and a POST fails on login, not on CSRF)."""
    client = Client(enforce_csrf_checks=True)
    client.get("/login/")
    if name != "anonymous":
        response = client.post(
            "/login/",
            {
                "username": name,
                "password": PASSWORD,
                "csrfmiddlewaretoken": client.cookies["csrftoken"].value,
            },
        )
        assert response.status_code == 302, response.content.decode()
    return client


def _request(world, route: Route, who: str):
    client: Client = world["clients"][who]
    path = route.path.format(**world["values"])
    headers = {}
    data = dict(route.data)
    if path.startswith(API_PREFIX):
        if who != "anonymous":
            headers["Authorization"] = f"Bearer {world['tokens'][who]}"
    elif route.method != "GET":
        headers["X-CSRFToken"] = client.cookies["csrftoken"].value
    cookies = copy.deepcopy(client.cookies)  # a logout must not log the persona out for good
    try:
        with transaction.atomic():
            if route.method == "GET":
                response = client.get(path, data, headers=headers)
            elif route.json:
                response = client.generic(
                    route.method, path, data=_json(data), content_type="application/json",
                    headers=headers,
                )  # fmt: skip
            else:
                response = client.generic(
                    route.method, path, data=_form(data),
                    content_type="application/x-www-form-urlencoded", headers=headers,
                )  # fmt: skip
            transaction.set_rollback(True)
    finally:
        client.cookies = cookies
    return path, response


def _json(data: dict) -> str:
    import json

    return json.dumps(data)


def _form(data: dict) -> str:
    from urllib.parse import urlencode

    return urlencode(data, doseq=True)


def _all_routes() -> list:
    return [
        pytest.param(d.route, id=f"{d.route.pattern}|{d.route.method} {d.route.path}")
        for d in declared_routes(route_modules())
    ]


@pytest.mark.parametrize("route", _all_routes())
def test_route_answers_each_persona_as_declared(world, route: Route):
    wrong = []
    for who in PERSONAS:
        path, response = _request(world, route, who)
        status = response.status_code
        if status != route.expect[who]:
            wrong.append(f"{who}: expected {route.expect[who]}, got {status}")
        elif who == "anonymous" and status == 302 and not path.startswith(API_PREFIX):
            location = response["Location"]
            if "/login/" not in location:
                wrong.append(f"anonymous: redirected to {location}, not to the login page")
    assert not wrong, f"{route.method} {route.path} ({route.pattern}): " + "; ".join(wrong)
