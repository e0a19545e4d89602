"""The admin portal over real HTTP: roles, subscribers, keys, users, packages, leads,
staff, webhooks and statistics, driven by form posts on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from newsflow.errors import AuthenticationFailed
from newsflow.services.accounts import Role
from newsflow.store import leads as lead_store
from newsflow.store import subscribers as subscriber_store
from newsflow.wiring import Services
from tests.conftest import story_fields
from tests.functional.portal.test_desk import PASSWORD, browser, csrf_of, log_in  # noqa: F401  (fixture)


@pytest.fixture
def admin(services: Services) -> str:
    services.accounts.create_user("ada", Role.ADMIN, password=PASSWORD, display_name="Ada Admin")
    return "ada"


def secret(html: str, name: str) -> str:
    match = re.search(rf'id="secret-{name}">([^<]+)<', html)
    assert match, f"no {name} on the page"
    return match.group(1)


def test_admin_pages_are_for_admins_only(browser: TestClient, services: Services) -> None:  # noqa: F811
    for path in ("/admin/subscribers", "/admin/leads", "/admin/stats", "/admin/staff", "/admin/webhooks"):
        r = browser.get(path, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/admin/login"), path
    services.accounts.create_user("edna", Role.EDITOR, password=PASSWORD)
    token = csrf_of(browser.get("/admin/login").text)
    r = browser.post("/admin/login", data={"username": "edna", "password": PASSWORD, "csrf_token": token})
    assert r.status_code == 401  # an editor cannot log in to the admin
    log_in(browser, "desk", "edna")
    r = browser.get("/admin/subscribers", follow_redirects=False)
    assert r.status_code == 403
    r = browser.post("/admin/staff", data={"csrf_token": csrf_of(r.text), "username": "eve", "role": "admin",
                                           "password": "x" * 10, "confirm": "x" * 10})
    assert r.status_code == 403
    assert services.accounts.principal(3) is None  # nobody was created


def test_subscriber_create_edit_keys_users_delete(browser: TestClient, services: Services, admin: str) -> None:  # noqa: F811
    token = log_in(browser, "admin", admin)
    r = browser.post("/admin/subscribers", data={"csrf_token": token, "name": "Daily Gazette", "languages": "ar, en"})
    assert r.status_code == 201
    api_key, username, password = secret(r.text, "api-key"), secret(r.text, "username"), secret(r.text, "password")
    sid = services.subscribers.list()[0]["id"]
    assert services.accounts.from_bearer(api_key).subscriber_id == sid
    assert services.accounts.login(username, password).subscriber_id == sid
    page = browser.get(f"/admin/subscribers/{sid}").text
    assert api_key not in page and password not in page  # shown once, never again

    services.subscribers.set_package("economy-ar", {"categories": ["economy"], "languages": ["ar"]})
    expires = (datetime.now(UTC) + timedelta(days=90)).strftime("%Y-%m-%dT%H:%M")
    r = browser.post(f"/admin/subscribers/{sid}", data={
        "csrf_token": token, "name": "Daily Gazette", "packages": "economy-ar", "categories": ["sports", "politics"],
        "priorities": "flash", "languages": "ar", "archive_days": "30", "download_limit": "500",
        "ip_ranges": "10.0.0.0/8\n192.0.2.1", "expires_at": expires, "active": "on"}, follow_redirects=False)
    assert r.status_code == 303, r.text
    s = services.subscribers.get(sid)
    assert (s["packages"], s["categories"], s["priorities"], s["languages"]) == (["economy-ar"], ["politics", "sports"], ["flash"], ["ar"])
    assert (s["archive_days"], s["download_limit"], s["ip_ranges"]) == (30, 500, ["10.0.0.0/8", "192.0.2.1"])
    assert s["expires_at"].startswith(expires) and s["active"] is True
    r = browser.post(f"/admin/subscribers/{sid}", data={"csrf_token": token, "name": "Daily Gazette",
                                                        "ip_ranges": "not-an-ip", "active": "on"})
    assert r.status_code == 422 and "ip_ranges" in r.text
    assert services.subscribers.get(sid)["ip_ranges"] == ["10.0.0.0/8", "192.0.2.1"]  # unchanged

    r = browser.post(f"/admin/subscribers/{sid}/keys", data={"csrf_token": token, "label": "newsroom CMS"})
    second_key = secret(r.text, "api-key")
    keys = services.subscribers.keys(sid)
    assert [k["label"] for k in keys] == ["initial", "newsroom CMS"]
    browser.post(f"/admin/subscribers/{sid}/keys/{keys[0]['id']}/revoke", data={"csrf_token": token})
    with pytest.raises(AuthenticationFailed):
        services.accounts.from_bearer(api_key)
    assert services.accounts.from_bearer(second_key).subscriber_id == sid

    r = browser.post(f"/admin/subscribers/{sid}/users", data={"csrf_token": token, "username": "gazette-desk"})
    assert r.status_code == 201
    assert services.accounts.login("gazette-desk", secret(r.text, "password")).subscriber_id == sid

    r = browser.post(f"/admin/subscribers/{sid}/delete", data={"csrf_token": token}, follow_redirects=False)
    assert r.status_code == 303
    assert services.subscribers.list() == []
    with pytest.raises(AuthenticationFailed):
        services.accounts.from_bearer(second_key)


def test_packages_page_saves_a_package(browser: TestClient, services: Services, admin: str) -> None:  # noqa: F811
    token = log_in(browser, "admin", admin)
    r = browser.post("/admin/packages", data={"csrf_token": token, "name": "sports-tr", "categories": "sports",
                                              "languages": "tr"}, follow_redirects=False)
    assert r.status_code == 303
    with services.db.read() as conn:
        pkg = subscriber_store.list_packages(conn)[0]
    assert (pkg.name, json.loads(pkg.categories), json.loads(pkg.languages)) == ("sports-tr", ["sports"], ["tr"])
    assert "sports-tr" in browser.get("/admin/packages").text


def test_lead_becomes_a_subscriber_in_one_step(browser: TestClient, services: Services, admin: str) -> None:  # noqa: F811
    lead = lead_store.Lead("Caspian Herald", "Leyla M.", "leyla@example.org", "AZ", ("ar", "en"),
                           ("economy", "retired-category"), "We want economy news", "en")
    with services.db.write() as tx:
        lead_id = lead_store.add(tx, lead, datetime.now(UTC))
    token = log_in(browser, "admin", admin)
    assert "Caspian Herald" in browser.get("/admin/leads").text
    r = browser.post(f"/admin/leads/{lead_id}/convert", data={"csrf_token": token})
    assert r.status_code == 201, r.text
    key = secret(r.text, "api-key")
    (sub,) = services.subscribers.list()
    assert (sub["name"], sub["languages"], sub["categories"]) == ("Caspian Herald", ["ar", "en"], ["economy"])
    assert services.accounts.from_bearer(key).subscriber_id == sub["id"]
    with services.db.read() as conn:
        (row,) = lead_store.list_all(conn)
    assert row["status"] == "converted"
    r = browser.post(f"/admin/leads/{lead_id}/convert", data={"csrf_token": token})
    assert r.status_code == 409 and len(services.subscribers.list()) == 1


def test_staff_create_and_deactivate(browser: TestClient, services: Services, admin: str) -> None:  # noqa: F811
    token = log_in(browser, "admin", admin)
    r = browser.post("/admin/staff", data={"csrf_token": token, "username": "omar", "display_name": "عمر",
                                           "role": "editor", "ui_language": "ar", "password": PASSWORD,
                                           "confirm": PASSWORD}, follow_redirects=False)
    assert r.status_code == 303
    editor = services.accounts.login("omar", PASSWORD)
    assert editor.role is Role.EDITOR
    r = browser.post("/admin/staff", data={"csrf_token": token, "username": "short", "role": "editor",
                                           "password": "abc", "confirm": "abc"})
    assert r.status_code == 422
    browser.post(f"/admin/staff/{editor.user_id}/active", data={"csrf_token": token})
    assert services.accounts.principal(editor.user_id) is None  # deactivated: sessions stop at once
    me = services.accounts.login(admin, PASSWORD)
    r = browser.post(f"/admin/staff/{me.user_id}/active", data={"csrf_token": token})
    assert r.status_code == 409  # not yourself


def test_statistics_count_downloads_and_deliveries(client: TestClient, browser: TestClient, services: Services,  # noqa: F811
                                                   admin: str) -> None:
    sub = client.post("/api/v1/admin/subscribers", json={"name": "Wire Reader"}).json()
    sid = client.post("/api/v1/stories?publish=true", json=story_fields()).json()["id"]
    client.post(f"/api/v1/stories/{sid}/update", json={"body": "<p>More.</p>"})
    reader = {"Authorization": f"Bearer {sub['api_key']}"}
    for fmt in ("ninjs", "ninjs", "newsmlg2"):
        assert client.get(f"/api/v1/documents/{sid}?format={fmt}", headers=reader).status_code == 200
    log_in(browser, "admin", admin)
    page = browser.get("/admin/stats?days=7").text
    assert re.search(r'id="total-downloads">3<', page) and re.search(r'id="total-deliveries">2<', page)
    assert page.count("<svg") == 4 and "Wire Reader" in page
    today = datetime.now(UTC).date().isoformat()
    assert f"<title>{today}: 3</title>" in page  # today's bar in the downloads chart
    assert "<title>ninjs: 2</title>" in page and "<title>newsmlg2: 1</title>" in page


def test_webhook_health_page_lists_endpoints(client: TestClient, browser: TestClient, services: Services,  # noqa: F811
                                             admin: str) -> None:
    from newsflow.store import webhooks as webhook_store

    sub = client.post("/api/v1/admin/subscribers", json={"name": "Hooked"}).json()
    # a literal public address: registration needs no DNS, and nothing is published to send
    services.webhooks.register(sub["id"], {"url": "https://192.0.43.10/in", "format": "ninjs"})
    (hook,) = services.webhooks.list(sub["id"])
    with services.db.write() as tx:
        webhook_store.add_dead_letter(tx.conn, hook["id"], 7, 12, "HTTP 500 from the receiver", datetime.now(UTC))
    log_in(browser, "admin", admin)
    page = browser.get("/admin/webhooks").text
    assert "https://192.0.43.10/in" in page and f'href="/admin/subscribers/{sub["id"]}"' in page
    assert f'<a href="/admin/webhooks?show={hook["id"]}">1</a>' in page  # one dead letter, linked
    page = browser.get(f"/admin/webhooks?show={hook['id']}").text
    assert "HTTP 500 from the receiver" in page and f"/admin/webhooks/{hook['id']}/dead-letters/" in page


def test_admin_in_arabic(browser: TestClient, admin: str) -> None:  # noqa: F811
    token = log_in(browser, "admin", admin)
    browser.post("/account/language", data={"lang": "ar", "csrf_token": token, "next": "/admin/"})
    page = browser.get("/admin/subscribers").text
    assert '<html lang="ar" dir="rtl">' in page and "المشتركون" in page


def test_a_lead_is_reviewed_in_a_prefilled_form_and_edited_before_conversion(
    browser: TestClient, services: Services, admin: str  # noqa: F811
) -> None:
    lead = lead_store.Lead("Caspian Herald", "Leyla M.", "leyla@example.org", "AZ", ("ar", "en"),
                           ("economy",), "We want economy news", "en")
    with services.db.write() as tx:
        lead_id = lead_store.add(tx, lead, datetime.now(UTC))
    token = log_in(browser, "admin", admin)
    assert f'href="/admin/leads/{lead_id}/convert"' in browser.get("/admin/leads").text
    form = browser.get(f"/admin/leads/{lead_id}/convert").text
    assert 'value="Caspian Herald"' in form and 'value="ar, en"' in form and "leyla@example.org" in form
    assert re.search(r'name="categories" value="economy" checked', form)
    refused = browser.post(f"/admin/leads/{lead_id}/convert", data={
        "csrf_token": token, "name": "Caspian Herald", "languages": "ar", "download_limit": "many"})
    assert refused.status_code == 422 and 'id="convert-form"' in refused.text and not services.subscribers.list()
    r = browser.post(f"/admin/leads/{lead_id}/convert", data={
        "csrf_token": token, "name": "Caspian Herald Media", "languages": "ar", "categories": ["economy", "sports"],
        "types": ["text", "picture"], "download_limit": "500"})
    assert r.status_code == 201, r.text
    key = secret(r.text, "api-key")
    (sub,) = services.subscribers.list()
    assert (sub["name"], sub["languages"], sorted(sub["categories"]), sorted(sub["types"]), sub["download_limit"]) == (
        "Caspian Herald Media", ["ar"], ["economy", "sports"], ["picture", "text"], 500)
    assert services.accounts.from_bearer(key).subscriber_id == sub["id"]
    assert key not in browser.get(f"/admin/subscribers/{sub['id']}").text  # shown once
    assert browser.get(f"/admin/leads/{lead_id}/convert").status_code == 409
