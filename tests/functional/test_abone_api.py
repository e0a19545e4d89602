"""The agency-compatible API at /abone/ over HTTP, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from lxml import etree

from newsflow.config import Settings
from newsflow.services.accounts import Role
from newsflow.web.app import create_app
from newsflow.wiring import Services, build_services
from tests.conftest import ADMIN_TOKEN
from tests.functional.test_abone_support import (
    Sub,
    agency_id,
    envelope,
    make_subscriber,
    publish,
    search,
)
from tests.standards import newsml_schema


@pytest.fixture
def sub(client: TestClient) -> Sub:
    return make_subscriber(client, "Acme Daily")


def downloads(services: Services, sub: Sub) -> int:
    return int(services.subscribers.usage(sub.id)["downloads_today"])


# -- authentication ------------------------------------------------------------------------
def test_credentials_are_required_and_checked(client: TestClient, sub: Sub) -> None:
    r = client.get("/abone/discover/en_US", headers={"Authorization": ""})
    envelope(r, 401)
    assert r.headers["www-authenticate"].startswith("Basic")
    envelope(client.get("/abone/discover/en_US", auth=(sub.username, "wrong-password")), 401)
    envelope(client.get("/abone/discover/en_US", headers={"Authorization": "Basic !!notbase64"}), 401)
    # a Bearer admin token is no Basic credential
    envelope(client.get("/abone/discover/en_US", headers={"Authorization": f"Bearer {ADMIN_TOKEN}"}), 401)
    envelope(client.get("/abone/discover/en_US", auth=sub.basic), 200)


def test_failed_logins_lock_the_account(client: TestClient, sub: Sub) -> None:
    for _ in range(5):
        envelope(client.get("/abone/subscription/", auth=(sub.username, "not-the-password")), 401)
    # now even the right password is refused for a while
    envelope(client.get("/abone/subscription/", auth=sub.basic), 401)


def test_editor_accounts_cannot_use_the_compatible_api(client: TestClient, services: Services) -> None:
    services.accounts.create_user("desk", Role.EDITOR, password="desk-password-1")
    envelope(client.get("/abone/discover/en_US", auth=("desk", "desk-password-1")), 403)


# -- discover and subscription -------------------------------------------------------------
def test_discover_labels_in_three_languages(client: TestClient, sub: Sub) -> None:
    assert client.put("/api/v1/admin/packages/sport-pack", json={"categories": ["sports"]}).status_code == 204
    data = {lang: envelope(client.get(f"/abone/discover/{lang}", auth=sub.basic), 200)
            for lang in ("tr_TR", "en_US", "ar_AR")}
    for lang in data:
        assert [p["id"] for p in data[lang]["priority"]] == [1, 2, 3, 4, 5, 6]
        assert [t["id"] for t in data[lang]["type"]] == [1, 2, 3, 4, 5]
        assert set(data[lang]) == {"provider", "category", "priority", "package", "type", "language"}
        assert [p["title"] for p in data[lang]["package"]] == ["sport-pack"]
    en, tr, ar = data["en_US"], data["tr_TR"], data["ar_AR"]
    assert en["priority"][0]["title"] == "Flash" and tr["priority"][0]["title"] == "Flaş"
    assert en["type"][1]["title"] == "Picture" and tr["type"][1]["title"] == "Fotoğraf"
    assert ar["type"][0]["title"] == "نص"
    economy = next(c["id"] for c in en["category"] if c["title"] == "Economy")
    assert next(c["title"] for c in tr["category"] if c["id"] == economy) == "Ekonomi"
    assert next(c["title"] for c in ar["category"] if c["id"] == economy) == "اقتصاد"
    assert [x["id"] for x in en["language"]] == [x["id"] for x in ar["language"]]


@pytest.mark.parametrize("lang", ["fr_FR", "en", "tr_tr", "xx"])
def test_discover_unknown_language_is_a_4xx_envelope(client: TestClient, sub: Sub, lang: str) -> None:
    r = client.get(f"/abone/discover/{lang}", auth=sub.basic)
    assert 400 <= r.status_code < 500
    envelope(r, r.status_code)


def test_subscription_in_discover_ids(client: TestClient) -> None:
    client.put("/api/v1/admin/packages/mena", json={"languages": ["ar"]})
    sub = make_subscriber(client, "Gulf Times", categories=["economy", "sports"], packages=["mena"],
                          archive_days=30, download_limit=500, types=["text"])
    data = envelope(client.get("/abone/subscription/", auth=sub.basic), 200)
    discover = envelope(client.get("/abone/discover/en_US", auth=sub.basic), 200)
    names = {c["id"]: c["title"] for c in discover["category"]}
    assert sorted(names[i] for i in data["category"]) == ["Economy", "Sports"]
    assert data["language"] == [3] and data["type"] == [1]
    assert data["package"] == [discover["package"][0]["id"]]
    assert data["archive_days"] == 30 and data["download_limit"] == 500
    assert data["provider"] == [1] and data["priority"] == [1, 2, 3, 4]
    assert {"photo_sizes", "video_sizes", "graphic_sizes"} <= set(data)


# -- documents -----------------------------------------------------------------------------
def test_newsml29_is_the_agency_shape_and_our_api_stays_strict(client: TestClient, services: Services, sub: Sub) -> None:
    story = publish(client, headline="Lira steadies after rate decision")
    aid = agency_id(client, story["id"])
    r = client.get(f"/abone/document/{aid}/newsml29", auth=sub.basic)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/xml")
    root = etree.fromstring(r.content)
    assert etree.QName(root).localname == "newsMessage"
    ns = {"n": "http://iptc.org/std/nar/2006-10-01/", "nitf": "http://iptc.org/std/NITF/2006-10-18/"}
    content = root.xpath("//nitf:body.content", namespaces=ns)[0]
    assert len(content) == 0 and "The central bank held rates on Thursday." in content.text  # HTML as text
    assert root.xpath("//n:newsItem/@guid", namespaces=ns) == [aid]
    r = client.get(f"/abone/document/{aid}/ninjs", auth=sub.basic)
    assert r.json()["headlines"][0]["value"] == "Lira steadies after rate decision"
    assert downloads(services, sub) == 2
    # our own API keeps the strict IPTC form: NITF elements, valid against the XSD
    strict = client.get(f"/api/v1/documents/{story['id']}", params={"format": "newsmlg2"}, headers=sub.bearer)
    assert strict.status_code == 200, strict.text
    strict_root = etree.fromstring(strict.content)
    newsml_schema().assertValid(strict_root)
    assert [etree.QName(p).localname for p in strict_root.xpath("//nitf:body.content/*", namespaces=ns)] == ["p", "p"]


def test_every_download_is_recorded_with_story_version_and_format(client: TestClient, services: Services, sub: Sub) -> None:
    story = publish(client)
    aid = agency_id(client, story["id"])
    for fmt in ("newsml29", "ninjs3", "text"):
        assert client.get(f"/abone/document/{aid}/{fmt}", auth=sub.basic).status_code == 200
    import sqlalchemy as sa

    from newsflow.store.tables import downloads as downloads_table

    with services.db.read() as conn:
        rows = conn.execute(sa.select(downloads_table).order_by(downloads_table.c.id)).all()
    assert [(r.subscriber_id, r.story_id, r.version, r.format) for r in rows] == [
        (sub.id, story["id"], 1, f) for f in ("newsml29", "ninjs3", "text")
    ]
    assert all(abs((r.at - datetime.now(UTC)).total_seconds()) < 3600 for r in rows)


def test_daily_limit_answers_429_with_retry_after(client: TestClient) -> None:
    sub = make_subscriber(client, "Small Paper", download_limit=2)
    aid = agency_id(client, publish(client)["id"])
    for _ in range(2):
        assert client.get(f"/abone/document/{aid}/ninjs", auth=sub.basic).status_code == 200
    r = client.get(f"/abone/document/{aid}/ninjs", auth=sub.basic)
    envelope(r, 429)
    assert int(r.headers["retry-after"]) >= 1


def test_unknown_ids_are_404_and_unentitled_are_403(client: TestClient, services: Services) -> None:
    sub = make_subscriber(client, "Sports Only", categories=["sports"])
    story = publish(client, category="economy")
    aid = agency_id(client, story["id"])
    prefix, kind, day, sid = aid.split(":")
    envelope(client.get(f"/abone/document/{aid}/newsml29", auth=sub.basic), 403)
    for bad in (f"{prefix}:{kind}:{day}:999999", f"xx:{kind}:{day}:{sid}", f"{prefix}:picture:{day}:{sid}",
                f"{prefix}:{kind}:19990101:{sid}", f"{prefix}:{kind}:20241399:{sid}", "garbage"):
        envelope(client.get(f"/abone/document/{bad}/newsml29", auth=sub.basic), 404)
    assert downloads(services, sub) == 0


def test_unknown_format_is_a_4xx_and_counts_nothing(client: TestClient, services: Services, sub: Sub) -> None:
    aid = agency_id(client, publish(client)["id"])
    for fmt in ("pdf", "newsml30", "NEWSML29"):
        r = client.get(f"/abone/document/{aid}/{fmt}", auth=sub.basic)
        assert 400 <= r.status_code < 500
        envelope(r, r.status_code)
    assert downloads(services, sub) == 0


def test_embargoed_story_is_unknown_until_released(client: TestClient, sub: Sub) -> None:
    later = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    story = publish(client, headline="Held until tomorrow", embargoed=later)
    assert story["status"] == "embargoed"
    aid = agency_id(client, story["id"])
    r = client.get(f"/abone/document/{aid}/newsml29", auth=sub.basic)
    envelope(r, 404)
    assert b"Held until tomorrow" not in r.content
    assert envelope(search(client, sub), 200)["total"] == 0


def test_withdrawn_story_is_a_canceled_item_without_body(client: TestClient, services: Services, sub: Sub) -> None:
    story = publish(client, headline="Minister resigns", body="<p>The secret details of the resignation.</p>")
    aid = agency_id(client, story["id"])
    assert client.post(f"/api/v1/stories/{story['id']}/withdraw", json={"reason": "Wrong minister"}).status_code == 200
    r = client.get(f"/abone/document/{aid}/ninjs", auth=sub.basic)
    assert r.status_code == 200
    doc = r.json()
    assert doc["pubstatus"] == "canceled" and "bodies" not in doc
    r = client.get(f"/abone/document/{aid}/newsml29", auth=sub.basic)
    assert b"secret details" not in r.content and b"canceled" in r.content
    assert downloads(services, sub) == 0  # a take-down notice is not a download
    assert envelope(search(client, sub), 200)["total"] == 0


# -- minimum interval ----------------------------------------------------------------------
@pytest.fixture
def slow_client(settings: Settings) -> Iterator[TestClient]:
    s = replace(settings, compat_min_interval_ms=60_000)
    services = build_services(s)
    with TestClient(create_app(s, services=services)) as c:
        c.headers["Authorization"] = f"Bearer {ADMIN_TOKEN}"
        yield c
    services.db.dispose()


def test_minimum_interval_per_user_answers_429(slow_client: TestClient) -> None:
    a = make_subscriber(slow_client, "Alpha")
    b = make_subscriber(slow_client, "Beta")
    envelope(slow_client.get("/abone/subscription/", auth=a.basic), 200)
    r = slow_client.get("/abone/subscription/", auth=a.basic)
    envelope(r, 429)
    assert 1 <= int(r.headers["retry-after"]) <= 60
    envelope(slow_client.get("/abone/subscription/", auth=b.basic), 200)  # another user is not held
    # a failed login does not consume the interval of the user it names
    c = make_subscriber(slow_client, "Gamma")
    envelope(slow_client.get("/abone/subscription/", auth=(c.username, "wrong-password")), 401)
    envelope(slow_client.get("/abone/subscription/", auth=c.basic), 200)


def test_minimum_interval_limiter_is_bounded() -> None:
    from newsflow.errors import RateLimited
    from newsflow.services.compat import MinimumInterval

    now = [0.0]
    limiter = MinimumInterval(0.5, max_users=3, monotonic=lambda: now[0])
    for user in "abcde":
        limiter.check(user)
    assert len(limiter) == 3
    with pytest.raises(RateLimited) as err:
        limiter.check("e")
    assert 0 < err.value.retry_after <= 0.5
    now[0] = 0.6
    limiter.check("e")
