"""Text suggestions: the API, and what publishing stores."""

from __future__ import annotations

from fastapi.testclient import TestClient

from newsflow.text.confidence import SURE
from tests.conftest import story_fields

BODY = (
    "<p>DOHA (Newsflow) - Qatar and Oman signed a water agreement on Sunday in Doha.</p>"
    "<p>The plant will run on solar power, the energy minister said.</p>"
    "<p>It will cost about three billion dollars.</p>"
    "<p>Construction starts next year.</p>"
    "<p>Officials from both countries attended the ceremony.</p>"
    "<p>The Gulf depends on desalination for drinking water.</p>"
)


def test_abbreviate_endpoint_returns_whole_sentences_with_the_lead(client: TestClient) -> None:
    r = client.post("/api/v1/text/abbreviate", json={"body": BODY, "headline": "Qatar and Oman sign water deal"})
    assert r.status_code == 200, r.text
    data = r.json()
    assert data["language"] == "en"
    assert data["abbreviation"].startswith("DOHA (Newsflow) - Qatar and Oman signed")
    assert data["words"] < data["source_words"]
    for sentence in data["sentences"]:
        assert sentence in "".join(BODY.replace("</p><p>", " ").split("<p>"))


def test_enrich_endpoint_finds_places(client: TestClient) -> None:
    r = client.post("/api/v1/text/enrich", json={"body": BODY, "language": "en"})
    assert r.status_code == 200, r.text
    data = r.json()
    assert set(data) == {"language", "people", "places", "organisations", "keywords", "subjects", "suggestions"}
    assert "Qatar" in data["places"] and "Oman" in data["places"]


def test_text_api_rejects_bad_input_and_strangers(client: TestClient) -> None:
    assert client.post("/api/v1/text/abbreviate", json={"headline": "no body"}).status_code == 422
    assert client.post("/api/v1/text/abbreviate", json={"body": "x", "language": "zz"}).status_code == 422
    r = client.post("/api/v1/text/enrich", json={"body": "x"}, headers={"Authorization": ""})
    assert r.status_code == 401


def test_publishing_a_public_story_stores_the_suggested_abbreviation(client: TestClient) -> None:
    sid = client.post("/api/v1/stories?publish=true", json=story_fields(body=BODY, public=True)).json()["id"]
    content = client.get(f"/api/v1/stories/{sid}").json()["latest"]["content"]
    assert content["abbreviation"].startswith("DOHA (Newsflow) - Qatar and Oman signed")
    assert "Qatar" in content["places"]


def test_the_editors_abbreviation_and_metadata_win(client: TestClient) -> None:
    fields = story_fields(body=BODY, public=True, abbreviation="Editor's own summary.", places=["Muscat"])
    sid = client.post("/api/v1/stories?publish=true", json=fields).json()["id"]
    content = client.get(f"/api/v1/stories/{sid}").json()["latest"]["content"]
    assert content["abbreviation"] == "Editor's own summary."
    assert content["places"] == ["Muscat"]


def test_a_private_story_gets_no_abbreviation(client: TestClient) -> None:
    sid = client.post("/api/v1/stories?publish=true", json=story_fields(body=BODY, public=False)).json()["id"]
    assert client.get(f"/api/v1/stories/{sid}").json()["latest"]["content"]["abbreviation"] is None


def test_enrich_endpoint_gives_each_suggestion_its_offsets_and_reason(client: TestClient) -> None:
    headline = "Erdogan hosts Starmer in Ankara"
    body = (
        "<p>ANKARA (AA) - Turkish President Recep Tayyip Erdogan welcomed British Prime Minister "
        "Keir Starmer on Thursday.</p><p>Erdogan said the talks were useful.</p>"
    )
    r = client.post("/api/v1/text/enrich", json={"body": body, "headline": headline, "language": "en"})
    assert r.status_code == 200, r.text
    data = r.json()
    plain = "ANKARA (AA) - Turkish President Recep Tayyip Erdogan welcomed British Prime Minister Keir Starmer"
    by_name = {s["name"]: s for s in data["suggestions"]}
    erdogan = by_name["Recep Tayyip Erdogan"]
    assert erdogan["kind"] == "person" and erdogan["reason"] == "title"
    assert erdogan["evidence"] == "Turkish President"
    fields = {(m["field"], m["start"], m["end"]) for m in erdogan["mentions"]}
    assert ("headline", 0, 7) in fields
    start = plain.index("Recep")
    assert ("body", start, start + len("Recep Tayyip Erdogan")) in fields
    assert by_name["Anadolu Agency"]["reason"] == "dateline"
    assert data["people"] == ["Recep Tayyip Erdogan", "Keir Starmer"]
    assert {"Ankara"} <= set(data["places"])


CHECK_BODY = (
    "<p>استقبل الرئيس التركي رجب طيب أردوغان، الخميس، رئيس الوزراء البريطاني كير ستارمر.</p>"
    "<p>وأعلن وزير الداخلية سامر الحلبي مذكرة تفاهم مع الجانب البريطاني.</p>"
)


def test_each_suggestion_says_how_sure_it_is_and_publishing_fills_in_only_the_sure_ones(client: TestClient) -> None:
    data = client.post("/api/v1/text/enrich", json={"body": CHECK_BODY, "language": "ar"}).json()
    for s in data["suggestions"]:
        assert 0 < s["confidence"] <= 1 and s["sure"] is (s["confidence"] >= SURE), s
    sure = {s["name"] for s in data["suggestions"] if s["sure"]}
    unsure = {s["name"] for s in data["suggestions"] if not s["sure"]}
    assert "رجب طيب أردوغان" in sure
    assert "سامر الحلبي" in unsure  # the name stops before an ordinary word: it may be cut short
    assert "سامر الحلبي" in data["people"]  # the lists hold every name found

    sid = client.post("/api/v1/stories?publish=true", json=story_fields(body=CHECK_BODY, language="ar")).json()["id"]
    content = client.get(f"/api/v1/stories/{sid}").json()["latest"]["content"]
    assert {*content["people"], *content["places"], *content["organisations"]} == sure
