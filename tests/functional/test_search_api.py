"""``GET /api/v1/search`` over HTTP on SQLite and PostgreSQL: visibility, filters,
facets, snippets, the index following publish / update / withdraw, and bad input."""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient

from newsflow.search import SearchQuery, Visibility
from newsflow.wiring import Services
from tests.conftest import story_fields
from tests.waiting import LIVENESS


def publish(client: TestClient, **fields: object) -> int:
    r = client.post("/api/v1/stories?publish=true", json=story_fields(**fields))
    assert r.status_code == 201, r.text
    return int(r.json()["id"])


def search(client: TestClient, headers: dict[str, str] | None = None, **params: object) -> dict:
    r = client.get("/api/v1/search", params=params, headers=headers or {})
    assert r.status_code == 200, r.text
    return r.json()


def subscriber(client: TestClient, **subscription: object) -> dict[str, str]:
    r = client.post("/api/v1/admin/subscribers", json={"name": "Gazette", **subscription})
    assert r.status_code == 201, r.text
    return {"Authorization": f"Bearer {r.json()['api_key']}"}


def test_subscriber_sees_only_its_entitlement_in_hits_and_facets(client: TestClient) -> None:
    econ_en = publish(client, headline="Tariff talks", body="<p>Tariff talks in Baku.</p>", category="economy")
    publish(client, headline="Tariff vote", body="<p>Parliament voted on tariff rules.</p>", category="politics")
    publish(client, headline="رسوم", body="<p>tariff في باكو</p>", language="ar", category="economy")
    publish(client, headline="Tariff flash", body="<p>Tariff news.</p>", category="economy", priority="flash")
    sub = subscriber(client, categories=["economy"], languages=["en"], priorities=["routine"])

    mine = search(client, sub, q="tariff")
    assert [h["id"] for h in mine["results"]] == [econ_en] and mine["total"] == 1
    assert mine["facets"]["category"] == {"economy": 1}
    assert mine["facets"]["language"] == {"en": 1}
    assert mine["facets"]["priority"] == {"routine": 1}
    # Asking for what it is not entitled to narrows, never widens.
    assert search(client, sub, q="tariff", category="politics")["total"] == 0
    assert search(client, sub, q="tariff", language="ar")["results"] == []

    everything = search(client, q="tariff")
    assert everything["total"] == 4
    assert everything["facets"]["category"] == {"economy": 3, "politics": 1}
    assert everything["facets"]["language"] == {"en": 3, "ar": 1}


def test_withdrawn_vanishes_for_subscribers_and_is_flagged_for_editors(client: TestClient) -> None:
    sid = publish(client, headline="Refinery fire", body="<p>A refinery fire near Baku.</p>")
    sub = subscriber(client)
    assert [h["id"] for h in search(client, sub, q="refinery")["results"]] == [sid]
    r = client.post(f"/api/v1/stories/{sid}/withdraw", json={"reason": "Unconfirmed"})
    assert r.status_code == 200, r.text

    gone = search(client, sub, q="refinery")
    assert gone["total"] == 0 and gone["results"] == [] and gone["facets"]["category"] == {}
    editor_hits = search(client, q="refinery")["results"]
    assert [(h["id"], h["withdrawn"]) for h in editor_hits] == [(sid, True)]


def test_update_replaces_what_the_story_is_found_by(client: TestClient) -> None:
    sid = publish(client, headline="Storm warning", body="<p>A hurricane approaches the coast.</p>")
    assert search(client, q="hurricane")["total"] == 1
    r = client.post(f"/api/v1/stories/{sid}/update", json={"body": "<p>A typhoon approaches instead.</p>"})
    assert r.status_code == 200, r.text
    assert search(client, q="hurricane")["total"] == 0
    hits = search(client, q="typhoon")["results"]
    assert [(h["id"], h["version"]) for h in hits] == [(sid, 2)]


def test_drafts_are_not_searchable(client: TestClient) -> None:
    r = client.post("/api/v1/stories", json=story_fields(body="<p>Zeppelin sighting.</p>"))
    assert r.status_code == 201
    assert search(client, q="zeppelin")["total"] == 0


def test_snippet_marks_original_words_and_escapes_html(client: TestClient) -> None:
    publish(
        client, language="ar", headline="وزير الخارجية",
        body="<p>قال الوزير إن المفاوضات &lt;script&gt; ستستمر فالمفاوضات طويلة.</p>",
    )
    hit = search(client, q="مفاوضات")["results"][0]
    assert "<mark>المفاوضات</mark>" in hit["snippet"]
    assert "<mark>فالمفاوضات</mark>" in hit["snippet"]
    assert "&lt;script&gt;" in hit["snippet"] and "<script>" not in hit["snippet"]
    assert set(hit) >= {"id", "uri", "headline", "snippet", "language", "category", "priority", "type", "versioncreated", "score"}


def test_filters_sort_and_paging(client: TestClient) -> None:
    a = publish(
        client, headline="Gas deal", body="<p>A gas deal was signed.</p>", category="economy", priority="urgent",
        subjects=["medtop:20000344"], people=["Ilham Aliyev"], places=["Baku"],
    )
    b = publish(
        client, headline="Gas prices", body="<p>Gas prices fell.</p>", category="economy",
        subjects=["medtop:04000000"], people=["Recep Tayyip Erdoğan"], places=["Ankara"],
    )
    c = publish(client, headline="Gas leak", body="<p>A gas leak closed a school.</p>", category="health",
                subjects=["medtop:07000000"], people=["Someone Else"], places=["Izmir"])
    assert {h["id"] for h in search(client, q="gas", category="economy")["results"]} == {a, b}
    assert [h["id"] for h in search(client, q="gas", priority="urgent")["results"]] == [a]
    assert [h["id"] for h in search(client, q="gas", topic="medtop:04000000")["results"]] == [b]
    assert [h["id"] for h in search(client, q="gas", person="ilham  ALIYEV")["results"]] == [a]
    assert {h["id"] for h in search(client, q="gas", place="Ankara,Izmir")["results"]} == {b, c}
    assert search(client, q="gas", type="picture")["total"] == 0
    assert search(client, q="gas")["facets"]["topic"] == {"medtop:04000000": 1, "medtop:07000000": 1, "medtop:20000344": 1}

    by_time = search(client, q="gas", sort="time")["results"]
    assert [h["id"] for h in by_time] == [c, b, a]
    page = search(client, q="gas", sort="time", offset=1, limit=1)
    assert page["total"] == 3 and [h["id"] for h in page["results"]] == [b]
    # An empty query browses the archive newest first; filters still apply.
    assert [h["id"] for h in search(client, category="economy")["results"]] == [b, a]

    when = by_time[0]["versioncreated"]
    assert search(client, q="gas", **{"from": when})["total"] >= 1
    assert search(client, q="gas", to="2000-01-01T00:00:00Z")["total"] == 0


def test_relevance_prefers_the_headline(client: TestClient) -> None:
    body_only = publish(client, headline="Markets today", body="<p>Shares rose. Copper was mentioned once.</p>")
    in_headline = publish(client, headline="Copper hits record", body="<p>Prices rose sharply today.</p>")
    assert [h["id"] for h in search(client, q="copper")["results"]] == [in_headline, body_only]


def test_public_visibility_matches_the_abbreviation_only(client: TestClient, services: Services) -> None:
    shown = publish(
        client, headline="Visit to Baku", public=True,
        abbreviation="The president arrived in Baku for a state visit.",
        body="<p>The president arrived in Baku. Confidential pipeline figures were discussed.</p>",
    )
    publish(client, headline="Private note", body="<p>The president met bankers.</p>", public=False)

    def public(q: str) -> list[int]:
        return [h.story_id for h in services.search.search(SearchQuery(q=q, visibility=Visibility.public())).hits]

    assert public("president") == [shown]
    assert public("pipeline") == []  # only in the body
    assert public("confidential OR pipeline") == []
    hit = services.search.search(SearchQuery(q="president", visibility=Visibility.public())).hits[0]
    assert "pipeline" not in hit.snippet.lower() and "<mark>president</mark>" in hit.snippet
    assert [h.story_id for h in services.search.search(SearchQuery(q="pipeline")).hits] == [shown]  # editors


def test_archive_days_limit_what_a_subscriber_finds(client: TestClient, services: Services) -> None:
    sid = publish(client, headline="Old news", body="<p>An archive story about lighthouses.</p>")
    sub_id = client.post("/api/v1/admin/subscribers", json={"name": "Short", "archive_days": 2}).json()["id"]
    ent = services.subscribers.entitlement(sub_id)
    now = services.clock()
    within = SearchQuery(q="lighthouses", visibility=Visibility.subscriber(ent, now + timedelta(days=1)))
    beyond = SearchQuery(q="lighthouses", visibility=Visibility.subscriber(ent, now + timedelta(days=3)))
    assert [h.story_id for h in services.search.search(within).hits] == [sid]
    result = services.search.search(beyond)
    assert result.hits == [] and result.total == 0 and result.facets["category"] == {}


def test_authentication_and_bad_parameters_are_problems(client: TestClient) -> None:
    r = client.get("/api/v1/search", params={"q": "x"}, headers={"Authorization": ""})
    assert r.status_code == 401 and r.headers["content-type"].startswith("application/problem+json")
    for params, field in [
        ({"q": '"unclosed'}, "q"), ({"q": "(a OR b"}, "q"), ({"q": "-alone"}, "q"), ({"q": "a OR -b"}, "q"),
        ({"q": "x" * 501}, "q"), ({"limit": 101}, "limit"), ({"limit": 0}, "limit"), ({"offset": -1}, "offset"),
        ({"sort": "popularity"}, "sort"), ({"from": "yesterday"}, "from"),
    ]:
        r = client.get("/api/v1/search", params=params)
        assert 400 <= r.status_code < 500, (params, r.status_code)
        assert r.headers["content-type"].startswith("application/problem+json"), params
        assert field in (r.json().get("field") or "") or field in r.json()["detail"], (params, r.json())


def test_a_huge_match_set_is_cut_to_the_newest_window(client: TestClient, services: Services) -> None:
    ids = [publish(client, headline=f"Volcano {i}", body="<p>The volcano erupted.</p>") for i in range(4)]
    assert services.index_follower.wait_for(services.signal.latest, LIVENESS)  # the small index reads the same tables
    small = type(services.search.raw)(services.db, clock=services.clock, window=3)
    result = small.search(SearchQuery(q="volcano", sort="time"))
    assert result.total == 3 and result.total_exact is False
    assert [h.story_id for h in result.hits] == ids[:0:-1]  # the oldest fell outside the window
    assert sum(result.facets["category"].values()) == 3
    full = services.search.search(SearchQuery(q="volcano"))
    assert full.total == 4 and full.total_exact is True
    assert search(client, q="volcano")["total_exact"] is True


def test_deep_pages_widen_the_ranked_window(client: TestClient, services: Services) -> None:
    ids = [publish(client, headline=f"Glacier {i}", body="<p>The glacier moved.</p>") for i in range(5)]
    assert services.index_follower.wait_for(services.signal.latest, LIVENESS)
    small = type(services.search.raw)(services.db, clock=services.clock, rank_window=2)
    first = small.search(SearchQuery(q="glacier", limit=2))
    assert first.total == 5 and first.total_exact is True  # counted past the ranked window
    assert sum(first.facets["category"].values()) == 2  # facets: the newest two only
    deep = small.search(SearchQuery(q="glacier", sort="time", offset=3, limit=2))
    assert [h.story_id for h in deep.hits] == [ids[1], ids[0]]
