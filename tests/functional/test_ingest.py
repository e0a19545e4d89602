"""Ingest over HTTP: NewsML-G2 and ninjs in, stories and flow entries out."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient

from newsflow.core.story import Action, Priority, PubStatus, StoryContent, StoryVersion
from newsflow.formats import newsml_g2, ninjs
from tests.standards import newsml_examples

XML = {"content-type": "application/xml"}


def remote_version(**changes: object) -> StoryVersion:
    now = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)
    v = StoryVersion(
        story_id=77,
        uri="urn:partner:wire:20261128:77",
        version=1,
        content=StoryContent(
            language="en",
            headline="Port strike ends after two days",
            body_html="<p>ROTTERDAM (Partner) - Dock workers returned to work on Friday.</p><p>Ships queued offshore.</p>",
            priority=Priority.URGENT,
            category="economy",
            dateline="Rotterdam",
        ),
        firstcreated=now,
        versioncreated=now,
        provider="partner",
    )
    return replace(v, **changes)  # type: ignore[arg-type]


def flow(client: TestClient) -> list[dict]:
    return client.get("/api/v1/flow", params={"limit": 100}).json()["entries"]


def test_newsml_g2_ingest_creates_updates_and_withdraws(client: TestClient) -> None:
    v1 = remote_version()
    r = client.post("/api/v1/ingest", content=newsml_g2.render(v1), headers=XML)
    assert r.status_code == 200, r.text
    item = r.json()["items"][0]
    assert item["source_uri"] == v1.uri and item["version"] == 1 and item["status"] == "published"
    story = client.get(f"/api/v1/stories/{item['id']}").json()
    assert story["latest"]["content"]["headline"] == "Port strike ends after two days"
    assert "Dock workers returned" in story["latest"]["content"]["body_html"]

    again = client.post("/api/v1/ingest", content=newsml_g2.render(v1), headers=XML).json()["items"][0]
    assert again["unchanged"] is True

    corrected = replace(
        v1, version=2, signal=Action.CORRECT, ed_note="Strike lasted two days, not three",
        content=replace(v1.content, headline="Port strike ends after two days (corrected)"),
    )
    r = client.post("/api/v1/ingest", content=newsml_g2.render(corrected), headers=XML).json()["items"][0]
    assert r["version"] == 2
    versions = client.get(f"/api/v1/stories/{item['id']}/versions").json()["versions"]
    assert versions[-1]["signal"] == "correct" and versions[-1]["ed_note"] == "Strike lasted two days, not three"

    withdrawn = replace(corrected, version=3, pubstatus=PubStatus.CANCELED, signal=Action.WITHDRAW, ed_note="Killed")
    r = client.post("/api/v1/ingest", content=newsml_g2.render(withdrawn), headers=XML).json()["items"][0]
    assert r["status"] == "withdrawn"
    assert [e["action"] for e in flow(client)] == ["publish", "correct", "withdraw"]


def test_ninjs_ingest(client: TestClient) -> None:
    doc = ninjs.dumps(ninjs.render(remote_version(uri="urn:partner:wire:20261128:78")))
    r = client.post("/api/v1/ingest", content=doc, headers={"content-type": "application/json"})
    assert r.status_code == 200, r.text
    assert r.json()["items"][0]["status"] == "published"


@pytest.mark.parametrize(
    "document",
    [
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        b"<newsMessage>&lol2;</newsMessage>",
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><newsItem>&xxe;</newsItem>',
        b"<newsItem><unclosed></newsItem>",
        b"\xff\xfe<not utf8>",
        b"<html><body>not news</body></html>",
    ],
)
def test_hostile_or_broken_documents_are_rejected_and_change_nothing(client: TestClient, document: bytes) -> None:
    r = client.post("/api/v1/ingest", content=document, headers=XML)
    assert 400 <= r.status_code < 500, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    assert client.get("/api/v1/stories").json()["stories"] == []
    assert flow(client) == []


def test_unsupported_type_and_non_editors(client: TestClient) -> None:
    r = client.post("/api/v1/ingest", content=b"hello", headers={"content-type": "text/plain"})
    assert r.status_code == 422 and r.json()["field"] == "content-type"
    r = client.post("/api/v1/ingest", content=b"<x/>", headers={**XML, "Authorization": ""})
    assert r.status_code == 401


def test_iptc_example_items_can_be_ingested(client: TestClient) -> None:
    example = next(p for p in newsml_examples() if p.name == "LISTING_2_NewsML-G2_Text_Document.xml")
    r = client.post("/api/v1/ingest", content=example.read_bytes(), headers=XML)
    assert r.status_code == 200, r.text
    sid = r.json()["items"][0]["id"]
    assert client.get(f"/api/v1/stories/{sid}").json()["latest"]["content"]["headline"]
