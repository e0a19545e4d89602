"""Text suggestions: the API, and what publishing stores."""

from __future__ import annotations

from fastapi.testclient import TestClient

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
    assert set(data) == {"language", "people", "places", "organisations", "keywords", "subjects"}
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
