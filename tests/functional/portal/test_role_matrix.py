"""Who reaches what: every route of /wire, /desk, /admin, /account and /api/v1.

Routes are enumerated from ``app.routes`` and each one's required roles are read from
its dependencies (``page_principal(...)`` for pages, ``deps._role(...)`` for the API),
so a route added tomorrow is covered without touching this file — and a page added
under an area *without* a role check fails ``test_every_area_route_checks_its_role``.
Then every route is called over HTTP as anonymous, subscriber A, an editor and an
admin, and the denied ones must be denied. Finally, subscriber B must never see
subscriber A's usage, keys, webhooks or topics.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.routing import APIRoute, iter_route_contexts
from fastapi.testclient import TestClient

from conftest import ADMIN_TOKEN, story_fields
from functional.portal.test_portal_core import csrf_of, login
from newsflow.config import Settings
from newsflow.services.accounts import Role
from newsflow.web.app import create_app
from newsflow.wiring import Services

ALL = frozenset(Role)
AREA_ROLES = {"wire": {Role.SUBSCRIBER}, "desk": {Role.EDITOR, Role.ADMIN}, "admin": {Role.ADMIN}}
OPEN_PAGES = re.compile(r"^/(wire|desk|admin)/(login|logout)$")
PASSWORD = "matrix-pass-1"


def _closure(call: Callable[..., Any], name: str) -> Any:
    code = getattr(call, "__code__", None)
    if code is None or call.__closure__ is None or name not in code.co_freevars:
        return None
    return call.__closure__[code.co_freevars.index(name)].cell_contents


def required_roles(routed: Routed) -> frozenset[Role] | None:
    """The roles a route demands (None: no role check found in its dependencies)."""
    found: list[frozenset[Role]] = []
    stack = list(routed.route.dependant.dependencies)
    while stack:
        dep = stack.pop()
        call = dep.call
        qual = getattr(call, "__qualname__", "")
        if qual.startswith("page_principal.<locals>"):
            found.append(frozenset(_closure(call, "wanted")))
        elif qual == "any_user":
            found.append(ALL)
        elif qual.startswith("_role.<locals>"):
            found.append(frozenset(_closure(call, "roles")))
        elif qual == "current_principal":
            found.append(ALL)
        stack.extend(dep.dependencies)
    if not found:
        return None
    return frozenset.intersection(*found)


def area_of(path: str) -> str | None:
    first = path.strip("/").split("/")[0]
    return first if first in AREA_ROLES else None


def fill(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "1", path)


@pytest.fixture
def app_(settings: Settings, services: Services) -> Any:
    return create_app(settings, services=services)


@pytest.fixture
def people(services: Services) -> dict[str, Any]:
    services.accounts.create_user("boss", Role.ADMIN, password=PASSWORD)
    _, editor_token = services.accounts.create_user("ed", Role.EDITOR, password=PASSWORD, with_token=True)
    a = services.subscribers.create({"name": "Alpha"})
    b = services.subscribers.create({"name": "Beta"})
    return {
        "admin": {"role": Role.ADMIN, "user": "boss", "password": PASSWORD, "area": "admin", "bearer": ADMIN_TOKEN},
        "editor": {"role": Role.EDITOR, "user": "ed", "password": PASSWORD, "area": "desk", "bearer": editor_token},
        "subA": {"role": Role.SUBSCRIBER, "user": a["username"], "password": a["password"], "area": "wire",
                 "bearer": a["api_key"], "id": a["id"]},
        "subB": {"role": Role.SUBSCRIBER, "user": b["username"], "password": b["password"], "area": "wire",
                 "bearer": b["api_key"], "id": b["id"]},
    }


@pytest.fixture
def browsers(app_: Any, people: dict[str, Any]) -> Iterator[dict[str, tuple[TestClient, str, Role | None]]]:
    """A logged-in browser (client, csrf token, role) per person, and an anonymous one."""
    out: dict[str, tuple[TestClient, str, Role | None]] = {}
    with TestClient(app_) as anon:
        out["anonymous"] = (anon, csrf_of(anon.get("/wire/login").text), None)
        for name, p in people.items():
            c = TestClient(app_)
            out[name] = (c, login(c, p["area"], p["user"], p["password"]), p["role"])
        yield out


class Routed:
    """A route with its full path (FastAPI includes routers lazily; ``app.routes`` nests them)."""

    def __init__(self, path: str, route: APIRoute) -> None:
        self.path = path
        self.route = route
        self.methods: set[str] = set(route.methods)


def all_routes(app: Any) -> list[Routed]:
    return [Routed(ctx.path or ctx.original_route.path, ctx.original_route)  # type: ignore[attr-defined]
            for ctx in iter_route_contexts(app.routes) if isinstance(ctx.original_route, APIRoute)]


def page_routes(app: Any) -> list[Routed]:
    return [r for r in all_routes(app) if area_of(r.path) or r.path.startswith("/account/")]


def test_every_area_route_checks_its_role(app_: Any) -> None:
    routes = page_routes(app_)
    assert len(routes) > 20, "the portals' routes were not found"
    for route in routes:
        if OPEN_PAGES.match(route.path) or route.path == "/account/language":
            continue
        roles = required_roles(route)
        area = area_of(route.path)
        assert roles is not None, f"{route.path} has no role check"
        if area is not None:
            assert roles and set(roles) <= AREA_ROLES[area], f"{route.path} lets {sorted(roles)} in"


def test_pages_matrix(app_: Any, browsers: dict[str, tuple[TestClient, str, Role | None]]) -> None:
    checked = 0
    for route in page_routes(app_):
        if OPEN_PAGES.match(route.path) or route.path == "/account/language":
            continue
        roles = required_roles(route) or frozenset()
        path = fill(route.path)
        login_area = area_of(route.path) or "wire"
        for who, (browser, token, role) in browsers.items():
            for method in route.methods:
                if method == "HEAD":
                    continue
                allowed = role in roles
                if method == "GET":
                    r = browser.get(path, follow_redirects=False)
                elif allowed:
                    continue  # allowed writes are exercised by the feature tests
                else:
                    r = browser.request(method, path, data={"csrf_token": token}, follow_redirects=False)
                where = f"{method} {path} as {who}: {r.status_code}"
                if allowed:
                    assert r.status_code not in (401, 403), where
                    assert "/login" not in r.headers.get("location", ""), where
                elif role is None:
                    assert r.status_code == 303, where
                    assert r.headers["location"].startswith(f"/{login_area}/login"), where
                else:
                    assert r.status_code == 403, where
                checked += 1
    assert checked > 60


def test_api_matrix(app_: Any, people: dict[str, Any]) -> None:
    identities: dict[str, tuple[dict[str, str], Role | None]] = {"anonymous": ({}, None)}
    for name in ("subA", "editor", "admin"):
        identities[name] = ({"Authorization": f"Bearer {people[name]['bearer']}"}, people[name]["role"])
    routes = [r for r in all_routes(app_) if r.path.startswith("/api/v1/")]
    assert len(routes) > 20
    denied = 0
    with TestClient(app_) as c:
        for route in routes:
            roles = required_roles(route)
            if roles is None:
                continue  # no principal at all: a public or self-authenticating endpoint (stream tokens)
            for who, (headers, role) in identities.items():
                if role in roles:
                    continue
                for method in route.methods - {"HEAD"}:
                    r = c.request(method, fill(route.path), headers=headers)
                    where = f"{method} {route.path} as {who}: {r.status_code} {r.text[:120]}"
                    assert r.status_code == (401 if role is None else 403), where
                    denied += 1
    assert denied > 30


def test_subscribers_never_see_each_other(app_: Any, people: dict[str, Any], services: Services,
                                          browsers: dict[str, tuple[TestClient, str, Role | None]]) -> None:
    a, b = people["subA"], people["subB"]
    api = TestClient(app_)
    bearer = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    sid = api.post("/api/v1/stories?publish=true", json=story_fields(), headers=bearer).json()["id"]
    auth_a = {"Authorization": f"Bearer {a['bearer']}"}
    auth_b = {"Authorization": f"Bearer {b['bearer']}"}
    assert api.get(f"/api/v1/documents/{sid}?format=text", headers=auth_a).status_code == 200
    key = api.post("/api/v1/keys?label=alpha-secret-label", headers=auth_a).json()
    # usage: B's count is its own
    assert api.get("/api/v1/usage", headers=auth_b).json()["downloads_today"] == 0
    assert api.get("/api/v1/usage", headers=auth_a).json()["downloads_today"] == 1
    wire_b, token_b, _ = browsers["subB"]
    assert re.search(r'id="downloads-today">0<', wire_b.get("/wire/usage").text)
    # keys: B neither lists nor revokes A's
    assert all(k["id"] != key["id"] for k in api.get("/api/v1/keys", headers=auth_b).json()["keys"])
    assert "alpha-secret-label" not in wire_b.get("/wire/keys").text
    assert api.delete(f"/api/v1/keys/{key['id']}", headers=auth_b).status_code in (403, 404)
    wire_b.post(f"/wire/keys/{key['id']}/revoke", data={"csrf_token": token_b})
    assert services.accounts.from_bearer(key["api_key"]).subscriber_id == a["id"]  # still valid
    # webhooks
    if getattr(services, "webhooks", None) is not None:
        hook = services.webhooks.register(a["id"], {"url": "https://93.184.215.14/alpha-hook"})
        assert api.get(f"/api/v1/webhooks/{hook['id']}", headers=auth_b).status_code == 404
        assert api.delete(f"/api/v1/webhooks/{hook['id']}", headers=auth_b).status_code == 404
        assert "alpha-hook" not in wire_b.get("/wire/webhooks").text
        assert "alpha-hook" not in str(api.get("/api/v1/webhooks", headers=auth_b).json())
        assert len(services.webhooks.list(a["id"])) == 1
    # an editor sees no subscriber's usage through the subscriber API or the wire
    editor = {"Authorization": f"Bearer {people['editor']['bearer']}"}
    assert api.get("/api/v1/usage", headers=editor).status_code == 403
    assert api.get("/api/v1/keys", headers=editor).status_code == 403
    assert browsers["editor"][0].get("/wire/usage", follow_redirects=False).status_code == 403
