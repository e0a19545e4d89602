"""Helpers shared by the ``/abone`` tests and the security matrix (no tests here)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
from fastapi.testclient import TestClient

from tests.conftest import story_fields


@dataclass(frozen=True)
class Sub:
    id: int
    username: str
    password: str
    api_key: str

    @property
    def basic(self) -> httpx.BasicAuth:
        return httpx.BasicAuth(self.username, self.password)

    @property
    def bearer(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.api_key}"}


def make_subscriber(client: TestClient, name: str, **fields: Any) -> Sub:
    r = client.post("/api/v1/admin/subscribers", json={"name": name, **fields})
    assert r.status_code == 201, r.text
    d = r.json()
    return Sub(d["id"], d["username"], d["password"], d["api_key"])


def publish(client: TestClient, **fields: Any) -> dict[str, Any]:
    r = client.post("/api/v1/stories?publish=true", json=story_fields(**fields))
    assert r.status_code == 201, r.text
    return dict(r.json())


def agency_id(client: TestClient, story_id: int, prefix: str = "nf") -> str:
    r = client.get(f"/api/v1/stories/{story_id}/versions")
    assert r.status_code == 200, r.text
    first = r.json()["versions"][0]
    day = first["firstcreated"][:10].replace("-", "")
    return f"{prefix}:{first['content']['type']}:{day}:{story_id}"


def envelope(r: httpx.Response, code: int) -> Any:
    """Assert the agency envelope with this code (HTTP status and response.code) and return data."""
    assert r.status_code == code, (r.status_code, r.text)
    body = r.json()
    assert body["response"] == {"success": code == 200, "code": code, "message": body["response"]["message"]}
    if code != 200:
        assert isinstance(body["response"]["message"], str) and body["response"]["message"]
    return body["data"]


def search(client: TestClient, sub: Sub, **params: Any) -> httpx.Response:
    return client.post("/abone/search/", data={k: str(v) for k, v in params.items()}, auth=sub.basic)
