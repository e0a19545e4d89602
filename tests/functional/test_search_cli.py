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
    if services.db.dialect == "postgresql":  # the bulk path: progress by phase, statistics after
        assert "reindex: analyze" in result.output
        with services.db.read() as conn:
            analyzed = set(
                conn.exec_driver_sql(
                    "SELECT relname FROM pg_stat_user_tables WHERE last_analyze IS NOT NULL OR last_autoanalyze IS NOT NULL"
                ).scalars()
            )
        assert {"search_docs", "search_terms", "search_facts", "search_tags"} <= analyzed


def test_a_reindex_never_replaces_a_newer_version_written_meanwhile(services: Services) -> None:
    """While a reindex runs, the index follower may write a story's next version before
    the reindex gets to the version it read earlier: the newer one stays."""
    from dataclasses import replace

    from newsflow.search import SearchQuery
    from tests.functional.test_search_recent_tier import story

    newer = replace(story(7, version=3, extra=("eclipse",)), versioncreated=story(7).versioncreated)
    services.search.index_documents([newer])
    with services.search.bulk(commit_every=1, newest_only=True) as load:
        load([story(6), story(7, version=2)])
    assert [h.story_id for h in services.search.search(SearchQuery(q="eclipse")).hits] == [7]
    assert services.search.count() == 2
