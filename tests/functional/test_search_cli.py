"""``newsflow search reindex`` rebuilds the index from the stories, on both backends."""

from __future__ import annotations

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from newsflow.cli import app
from newsflow.config import Settings
from newsflow.wiring import Services
from tests.conftest import story_fields


def test_reindex_restores_a_cleared_index(client: TestClient, services: Services, settings: Settings) -> None:
    for word in ("aurora", "borealis", "aurora"):
        r = client.post("/api/v1/stories?publish=true", json=story_fields(body=f"<p>An {word} was seen.</p>"))
        assert r.status_code == 201
    client.post("/api/v1/stories", json=story_fields(body="<p>An aurora in a draft.</p>"))
    # The index follows the flow log after the commit: let it apply these before clearing it.
    assert services.index_follower.wait_for(services.signal.latest, timeout=60.0)
    services.search.clear()
    assert client.get("/api/v1/search", params={"q": "aurora"}).json()["total"] == 0

    env = {
        "NEWSFLOW_DATA_DIR": str(settings.data_dir),
        "NEWSFLOW_DATABASE_URL": settings.database_url,
        "NEWSFLOW_SECRET_KEY": "test-secret-key",
    }
    result = CliRunner().invoke(app, ["search", "reindex"], env=env)
    assert result.exit_code == 0, result.output
    assert "3 stories" in result.output
    assert client.get("/api/v1/search", params={"q": "aurora"}).json()["total"] == 2
    assert services.search.count() == 3
