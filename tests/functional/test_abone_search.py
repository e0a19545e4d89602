"""POST /abone/search/: filters, paging, dates, ids, and bad input (SQLite and PostgreSQL)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from newsflow.config import Settings
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


@pytest.fixture
def sub(client: TestClient) -> Sub:
    return make_subscriber(client, "Acme Daily")


@pytest.fixture
def ids(client: TestClient, sub: Sub) -> dict[str, int]:
    d = envelope(client.get("/abone/discover/en_US", auth=sub.basic), 200)
    out = {f"cat:{c['title']}": c["id"] for c in d["category"]}
    out |= {f"lang:{c['title']}": c["id"] for c in d["language"]}
    return out


@pytest.fixture
def stories(client: TestClient) -> list[dict]:
    made = [
        publish(client, headline="Markets rally on rate cut", category="economy", priority="urgent"),
        publish(client, headline="Derby ends in a draw", category="sports"),
        publish(client, headline="ارتفاع أسعار النفط", category="economy", language="ar",
                body="<p>ارتفعت أسعار النفط اليوم.</p>"),
        publish(client, headline="Flash: earthquake hits coast", category="general", priority="flash"),
    ]
    return made


def result_ids(r) -> list[str]:  # type: ignore[no-untyped-def]
    return [x["id"] for x in envelope(r, 200)["result"]]


def test_search_lists_newest_first_with_agency_ids(client: TestClient, sub: Sub, stories: list[dict]) -> None:
    data = envelope(search(client, sub), 200)
    assert data["total"] == 4
    expected = [agency_id(client, s["id"]) for s in reversed(stories)]
    assert [x["id"] for x in data["result"]] == expected
    first = data["result"][0]
    assert set(first) >= {"id", "title", "type", "date", "group_id"}
    assert first["title"] == "Flash: earthquake hits coast" and first["type"] == "text"
    assert re.fullmatch(r"nf:text:\d{8}:\d+", first["id"])
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", first["date"])
    dates = [x["date"] for x in data["result"]]
    assert dates == sorted(dates, reverse=True)


def test_filters_by_category_language_priority_type(client: TestClient, sub: Sub, stories: list[dict],
                                                     ids: dict[str, int]) -> None:
    aid = [agency_id(client, s["id"]) for s in stories]
    assert result_ids(search(client, sub, filter_category=ids["cat:Economy"])) == [aid[2], aid[0]]
    assert result_ids(search(client, sub, filter_language=ids["lang:Arabic"])) == [aid[2]]
    assert result_ids(search(client, sub, filter_priority="1,2")) == [aid[3], aid[0]]
    assert result_ids(search(client, sub, filter_type=1)) == list(reversed(aid))
    assert result_ids(search(client, sub, filter_type=2)) == []  # no pictures
    assert result_ids(search(client, sub, filter_priority=6)) == []  # archive: a concept we do not carry
    assert result_ids(search(client, sub, filter_category=ids["cat:Economy"],
                             filter_language=ids["lang:English"])) == [aid[0]]


def test_filter_package_and_entitlement_narrow_in_sql(client: TestClient, stories: list[dict]) -> None:
    client.put("/api/v1/admin/packages/sport", json={"categories": ["sports"]})
    client.put("/api/v1/admin/packages/arabic", json={"languages": ["ar"]})
    sub = make_subscriber(client, "Economy Desk", categories=["economy"])
    d = envelope(client.get("/abone/discover/en_US", auth=sub.basic), 200)
    pkg = {p["title"]: p["id"] for p in d["package"]}
    aid = [agency_id(client, s["id"]) for s in stories]
    data = envelope(search(client, sub), 200)
    assert data["total"] == 2 and [x["id"] for x in data["result"]] == [aid[2], aid[0]]
    assert result_ids(search(client, sub, filter_package=pkg["arabic"])) == [aid[2]]
    assert result_ids(search(client, sub, filter_package=pkg["sport"])) == []  # not entitled to sports
    assert envelope(search(client, sub, limit=1), 200)["total"] == 2


def test_paging_with_offset_and_limit(client: TestClient, sub: Sub, stories: list[dict]) -> None:
    everything = result_ids(search(client, sub, limit=100))
    pages = [result_ids(search(client, sub, offset=o, limit=2)) for o in (0, 2, 4)]
    assert pages[0] + pages[1] == everything and pages[2] == []
    assert envelope(search(client, sub, offset=1, limit=2), 200)["total"] == 4


def test_dates_now_and_iso(client: TestClient, sub: Sub, stories: list[dict]) -> None:
    past = (datetime.now(UTC) - timedelta(days=2)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert envelope(search(client, sub, start_date=past, end_date="NOW"), 200)["total"] == 4
    assert envelope(search(client, sub, start_date="NOW-1DAY", end_date="NOW"), 200)["total"] == 4
    assert envelope(search(client, sub, end_date=past), 200)["total"] == 0
    future = (datetime.now(UTC) + timedelta(days=1)).date().isoformat()
    assert envelope(search(client, sub, start_date=future), 200)["total"] == 0


def test_json_body_works_like_a_form(client: TestClient, sub: Sub, stories: list[dict], ids: dict[str, int]) -> None:
    form = result_ids(search(client, sub, filter_category=ids["cat:Economy"], limit=5))
    r = client.post("/abone/search/", json={"filter_category": ids["cat:Economy"], "limit": 5}, auth=sub.basic)
    assert result_ids(r) == form and len(form) == 2


def test_search_string_matches_headlines_case_insensitively(client: TestClient, sub: Sub, stories: list[dict]) -> None:
    aid = [agency_id(client, s["id"]) for s in stories]
    assert result_ids(search(client, sub, search_string="DERBY")) == [aid[1]]
    assert result_ids(search(client, sub, search_string="النفط")) == [aid[2]]
    assert result_ids(search(client, sub, search_string="100%_")) == []


def test_translation_group_and_multitoken(client: TestClient, stories: list[dict]) -> None:
    root = stories[0]
    tr = publish(client, headline="Piyasalar faiz indirimiyle yükseldi", language="tr", translation_of=root["id"])
    sub_tr = make_subscriber(client, "Istanbul Daily", languages=["tr"])
    data = envelope(search(client, sub_tr), 200)
    assert [x["id"] for x in data["result"]] == [agency_id(client, tr["id"])]
    group = data["result"][0]["group_id"]
    assert group == f"nf:group:{root['id']}"
    links = envelope(client.get(f"/abone/multitoken/{group}/newsml29", auth=sub_tr.basic), 200)["result"]
    assert [x["id"] for x in links] == [agency_id(client, tr["id"])]  # the English root is not offered
    r = client.get(links[0]["url"], headers={"Authorization": ""})
    assert r.status_code == 200 and b"Piyasalar" in r.content
    sub_all = make_subscriber(client, "World Desk")
    links = envelope(client.get(f"/abone/multitoken/{group}/ninjs", auth=sub_all.basic), 200)["result"]
    assert sorted(x["language"] for x in links) == ["en", "tr"]
    envelope(client.get("/abone/multitoken/nf:group:999999/ninjs", auth=sub_all.basic), 404)


def test_token_redirects_to_a_signed_link(client: TestClient, services: Services, sub: Sub, stories: list[dict]) -> None:
    aid = agency_id(client, stories[1]["id"])
    r = client.get(f"/abone/token/{aid}/ninjs", auth=sub.basic, follow_redirects=False)
    assert r.status_code == 302
    link = r.headers["location"]
    assert link.startswith("http://testserver/abone/link/")
    r = client.get(link, headers={"Authorization": ""})
    assert r.status_code == 200 and r.json()["headlines"][0]["value"] == "Derby ends in a draw"
    assert services.subscribers.usage(sub.id)["downloads_today"] == 1
    envelope(client.get(link[:-3] + "xyz", headers={"Authorization": ""}), 404)  # tampered
    # the link re-checks the subscription when used
    client.patch(f"/api/v1/admin/subscribers/{sub.id}", json={"active": False})
    envelope(client.get(link, headers={"Authorization": ""}), 403)


def test_signed_links_expire_after_24_hours(monkeypatch: pytest.MonkeyPatch) -> None:
    import itsdangerous.timed

    from newsflow.errors import PermissionDenied
    from newsflow.services.links import LinkGrant, LinkSigner

    signer = LinkSigner("secret")
    token = signer.sign(LinkGrant(1, 2, "ninjs"))
    assert signer.verify(token) == LinkGrant(1, 2, "ninjs")
    real = itsdangerous.timed.time.time
    monkeypatch.setattr(itsdangerous.timed.time, "time", lambda: real() + 24 * 3600 + 5)
    with pytest.raises(PermissionDenied):
        signer.verify(token)


BAD = [
    {"start_date": "yesterday"},
    {"start_date": "2024-13-45"},
    {"end_date": "NOW-"},
    {"start_date": "NOW", "end_date": "NOW-2DAYS"},
    {"offset": "-1"},
    {"offset": "ten"},
    {"limit": "101"},
    {"limit": "0"},
    {"filter_category": "999"},
    {"filter_priority": "7"},
    {"filter_type": "text"},
    {"filter_language": "en"},
    {"filter_package": "424242"},
    {"search_string": "x" * 201},
]


@pytest.mark.parametrize("params", BAD, ids=[next(iter(p)) + "=" + next(iter(p.values()))[:12] for p in BAD])
def test_bad_search_input_is_a_4xx_envelope_and_changes_nothing(
    client: TestClient, services: Services, sub: Sub, params: dict[str, str]
) -> None:
    publish(client)
    r = search(client, sub, **params)
    assert 400 <= r.status_code < 500, r.text
    envelope(r, r.status_code)
    assert services.subscribers.usage(sub.id)["downloads_today"] == 0


def test_malformed_json_body_is_a_4xx_envelope(client: TestClient, sub: Sub) -> None:
    r = client.post("/abone/search/", content=b"{nope", headers={"content-type": "application/json"}, auth=sub.basic)
    envelope(r, r.status_code)
    assert 400 <= r.status_code < 500
    r = client.post("/abone/search/", json=[1, 2], auth=sub.basic)
    assert 400 <= r.status_code < 500


@pytest.fixture
def aa_client(settings: Settings) -> Iterator[TestClient]:
    s = replace(settings, provider_prefix="aa")
    services = build_services(s)
    with TestClient(create_app(s, services=services)) as c:
        c.headers["Authorization"] = f"Bearer {ADMIN_TOKEN}"
        yield c
    services.db.dispose()


def test_provider_prefix_is_configurable(aa_client: TestClient) -> None:
    sub = make_subscriber(aa_client, "Prefix Test")
    story = publish(aa_client)
    [hit] = envelope(search(aa_client, sub), 200)["result"]
    assert hit["id"] == agency_id(aa_client, story["id"], prefix="aa") and hit["id"].startswith("aa:text:")
    assert aa_client.get(f"/abone/document/{hit['id']}/ninjs", auth=sub.basic).status_code == 200
    envelope(aa_client.get(f"/abone/document/nf{hit['id'][2:]}/ninjs", auth=sub.basic), 404)
