"""The portal core over real HTTP: sessions, CSRF, login and lockout, roles, languages.

Each test uses a fresh ``TestClient`` *without* the admin Bearer header (a browser), on
SQLite and PostgreSQL.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from newsflow.config import Settings
from newsflow.services.accounts import Role
from newsflow.web.app import create_app
from newsflow.web.portal import i18n
from newsflow.web.portal.session import COOKIE, Session, SessionCodec
from newsflow.wiring import Services


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "the page has no CSRF field"
    return match.group(1)


def login(browser: TestClient, area: str, username: str, password: str) -> str:
    """Log in through the form; returns the CSRF token of the logged-in session."""
    token = csrf_of(browser.get(f"/{area}/login").text)
    r = browser.post(f"/{area}/login", data={"username": username, "password": password, "csrf_token": token},
                     follow_redirects=False)
    assert r.status_code == 303, r.text
    page = browser.get(r.headers["location"])
    return csrf_of(page.text)


@pytest.fixture
def browser(settings: Settings, services: Services) -> Iterator[TestClient]:
    with TestClient(create_app(settings, services=services)) as c:
        yield c


@pytest.fixture
def subscriber(services: Services) -> dict[str, object]:
    return services.subscribers.create({"name": "Gazette"})


def test_pages_redirect_to_their_area_login_and_come_back(browser: TestClient, subscriber: dict) -> None:
    r = browser.get("/wire/usage", follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"] == "/wire/login?next=%2Fwire%2Fusage"
    token = csrf_of(browser.get(r.headers["location"]).text)
    r = browser.post("/wire/login", data={"username": subscriber["username"], "password": subscriber["password"],
                                          "csrf_token": token, "next": "/wire/usage"}, follow_redirects=False)
    assert (r.status_code, r.headers["location"]) == (303, "/wire/usage")
    assert browser.get("/wire/usage").status_code == 200


def test_session_cookie_flags(browser: TestClient) -> None:
    r = browser.get("/wire/login")
    cookie = r.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE}=")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/" in cookie and "Max-Age=" in cookie
    assert "Secure" not in cookie  # http base_url; https deployments get Secure (next test)


def test_secure_flag_on_https(settings: Settings, services: Services) -> None:
    from dataclasses import replace

    services.settings = replace(settings, base_url="https://news.example")
    with TestClient(create_app(services.settings, services=services)) as c:
        assert "Secure" in c.get("/wire/login").headers["set-cookie"]


def test_forged_or_expired_cookie_is_anonymous(browser: TestClient, subscriber: dict, services: Services) -> None:
    login(browser, "wire", str(subscriber["username"]), str(subscriber["password"]))
    user_id = services.accounts.login(str(subscriber["username"]), str(subscriber["password"])).user_id
    forged = SessionCodec("not-the-secret").encode(Session(user_id=user_id))
    browser.cookies.clear()
    browser.cookies.set(COOKIE, forged)
    assert browser.get("/wire/", follow_redirects=False).status_code == 303
    expired = SessionCodec("test-secret-key", max_age=-1)
    browser.cookies.set(COOKIE, SessionCodec("test-secret-key").encode(Session(user_id=user_id)))
    assert expired.decode(browser.cookies[COOKIE]) is None


def test_csrf_is_required_for_forms_and_fetch(browser: TestClient, subscriber: dict) -> None:
    token = login(browser, "wire", str(subscriber["username"]), str(subscriber["password"]))
    # HTML form without / with a wrong token: refused on portal paths
    assert browser.post("/wire/keys", data={"label": "x"}).status_code == 403
    assert browser.post("/wire/keys", data={"label": "x", "csrf_token": "nope"}).status_code == 403
    assert browser.post("/wire/keys", data={"label": "x", "csrf_token": token}).status_code == 201
    # JSON API with the cookie: a wrong header is refused, a missing one is not authenticated
    assert browser.post("/api/v1/keys", headers={"X-CSRF-Token": "nope"}).status_code == 403
    assert browser.post("/api/v1/keys").status_code == 401
    assert browser.post("/api/v1/keys", headers={"X-CSRF-Token": token}).status_code == 201
    # reads need no token
    assert browser.get("/api/v1/keys").status_code == 200
    # a login form posted cross-site (no cookie, no token) is refused too
    fresh = TestClient(browser.app)
    r = fresh.post("/wire/login", data={"username": subscriber["username"], "password": subscriber["password"]})
    assert r.status_code == 403


def test_token_changes_at_login_and_logout(browser: TestClient, subscriber: dict) -> None:
    before = csrf_of(browser.get("/wire/login").text)
    after = login(browser, "wire", str(subscriber["username"]), str(subscriber["password"]))
    assert before != after
    r = browser.post("/wire/logout", data={"csrf_token": after}, follow_redirects=False)
    assert (r.status_code, r.headers["location"]) == (303, "/wire/login")
    assert browser.get("/wire/", follow_redirects=False).status_code == 303
    assert browser.post("/wire/keys", data={"csrf_token": after}).status_code == 403  # old token is dead


def test_lockout_after_five_failures(browser: TestClient, subscriber: dict) -> None:
    for _ in range(5):
        token = csrf_of(browser.get("/wire/login").text)
        r = browser.post("/wire/login", data={"username": subscriber["username"], "password": "wrong-password",
                                              "csrf_token": token})
        assert r.status_code == 401
    token = csrf_of(browser.get("/wire/login").text)
    r = browser.post("/wire/login", data={"username": subscriber["username"], "password": subscriber["password"],
                                          "csrf_token": token})
    assert r.status_code == 401
    assert "locked" in r.text


def test_wrong_role_cannot_log_in_and_sees_403(browser: TestClient, subscriber: dict, services: Services) -> None:
    services.accounts.create_user("ed", Role.EDITOR, password="editor-pass-1")
    token = csrf_of(browser.get("/wire/login").text)
    r = browser.post("/wire/login", data={"username": "ed", "password": "editor-pass-1", "csrf_token": token})
    assert r.status_code == 401  # an editor is not a wire user; same message as a wrong password
    login(browser, "wire", str(subscriber["username"]), str(subscriber["password"]))
    r = browser.get("/desk/", follow_redirects=False)
    assert r.status_code == 403
    assert r.headers["content-type"].startswith("text/html")


def test_open_redirects_are_refused(browser: TestClient, subscriber: dict) -> None:
    token = csrf_of(browser.get("/wire/login").text)
    for evil in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        r = browser.post("/wire/login", data={"username": subscriber["username"], "password": subscriber["password"],
                                              "csrf_token": token, "next": evil}, follow_redirects=False)
        assert r.headers["location"] == "/wire/"
        token = csrf_of(browser.get("/wire/").text)
        browser.post("/wire/logout", data={"csrf_token": token})
        token = csrf_of(browser.get("/wire/login").text)


def test_password_change(browser: TestClient, subscriber: dict, services: Services) -> None:
    token = login(browser, "wire", str(subscriber["username"]), str(subscriber["password"]))
    r = browser.post("/account/password", data={"csrf_token": token, "current": "wrong", "new": "new-pass-123",
                                                "confirm": "new-pass-123"})
    assert r.status_code == 422
    r = browser.post("/account/password", data={"csrf_token": token, "current": subscriber["password"],
                                                "new": "new-pass-123", "confirm": "new-pass-124"})
    assert r.status_code == 422
    r = browser.post("/account/password", data={"csrf_token": token, "current": subscriber["password"],
                                                "new": "new-pass-123", "confirm": "new-pass-123"})
    assert r.status_code == 200
    assert services.accounts.login(str(subscriber["username"]), "new-pass-123").subscriber_id == subscriber["id"]


def test_a_password_change_or_deactivation_ends_the_users_other_sessions(
    settings: Settings, services: Services, browser: TestClient, subscriber: dict
) -> None:
    username, password = str(subscriber["username"]), str(subscriber["password"])
    with TestClient(create_app(settings, services=services)) as other:
        token = login(browser, "wire", username, password)
        login(other, "wire", username, password)
        r = browser.post("/account/password", data={"csrf_token": token, "current": password,
                                                    "new": "new-pass-123", "confirm": "new-pass-123"})
        assert r.status_code == 200
        assert other.get("/wire/usage", follow_redirects=False).status_code == 303  # ended
        assert browser.get("/wire/usage", follow_redirects=False).status_code == 200  # the changer's goes on

        login(other, "wire", username, "new-pass-123")
        user_id = services.accounts.login(username, "new-pass-123").user_id
        assert user_id is not None
        services.accounts.set_subscriber_user_active(int(str(subscriber["id"])), user_id, False)
        assert other.get("/wire/usage", follow_redirects=False).status_code == 303
        assert browser.get("/wire/usage", follow_redirects=False).status_code == 303
        services.accounts.set_subscriber_user_active(int(str(subscriber["id"])), user_id, True)
        assert browser.get("/wire/usage", follow_redirects=False).status_code == 303  # reactivation revives nothing


@pytest.mark.parametrize(("accept", "lang", "direction"), [("ar,en;q=0.5", "ar", "rtl"), ("tr-TR", "tr", "ltr"),
                                                           ("de, en;q=0.2", "en", "ltr"), ("", "en", "ltr")])
def test_language_from_accept_language(browser: TestClient, accept: str, lang: str, direction: str) -> None:
    html = browser.get("/wire/login", headers={"Accept-Language": accept}).text
    assert f'<html lang="{lang}" dir="{direction}">' in html
    assert i18n.gettext_for(lang)("Log in") in html


def test_language_switch_is_stored_for_the_user(browser: TestClient, subscriber: dict, services: Services) -> None:
    token = login(browser, "wire", str(subscriber["username"]), str(subscriber["password"]))
    r = browser.post("/account/language", data={"csrf_token": token, "lang": "ar", "next": "/wire/usage"},
                     follow_redirects=False)
    assert r.headers["location"] == "/wire/usage"
    page = browser.get("/wire/usage", headers={"Accept-Language": "en"}).text
    assert 'dir="rtl"' in page and "تسجيل الخروج" in page
    # a new session (another browser) gets the user's language at login
    other = TestClient(browser.app)
    login(other, "wire", str(subscriber["username"]), str(subscriber["password"]))
    assert 'lang="ar"' in other.get("/wire/usage", headers={"Accept-Language": "en"}).text


def test_catalogues_translate_every_msgid() -> None:
    """Every Arabic and Turkish entry is translated (an empty msgstr would show English)."""
    from babel.messages.pofile import read_po

    for lang in ("ar", "tr"):
        with (i18n.LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po").open("rb") as fh:
            catalog = read_po(fh)
        missing = [m.id for m in catalog if m.id and not m.string]
        assert not missing, f"{lang}: untranslated {missing[:5]}"


def test_static_css_uses_logical_properties(browser: TestClient) -> None:
    css = browser.get("/portal-static/portal.css")
    assert css.status_code == 200
    assert "margin-inline" in css.text and "margin-left" not in css.text and "padding-right" not in css.text
