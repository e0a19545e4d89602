"""PostgreSQL plans a text query for its own words: the tsquery is rendered into the SQL,
so a statement psycopg prepares (after five runs) never carries it as a parameter, and
the planner never picks one plan for a word in half the archive and a rare one."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from newsflow.search import SearchQuery
from newsflow.search.engine import SqlSearch
from newsflow.web.app import Services
from tests.functional.test_search_recent_tier import story


def test_the_tsquery_is_never_a_prepared_parameter(services: Services) -> None:
    if services.db.dialect != "postgresql":
        pytest.skip("PostgreSQL's plan cache; SQLite plans every statement alike")
    for n in range(3):
        services.newsroom.create(
            {"language": "en", "headline": f"Bank holds rates {n}", "body": "<p>The central bank held rates.</p>",
             "priority": "routine", "category": "economy"},
            publish=True,
        )
    for _ in range(8):  # past psycopg's prepare threshold (5), on the one pooled connection
        assert services.search.search(SearchQuery(q="bank")).total == 3
    with services.db.read() as conn:
        prepared = list(conn.exec_driver_sql("SELECT statement FROM pg_prepared_statements").scalars())
    with_words = [s for s in prepared if "@@" in s]
    assert with_words, prepared  # the repeated search statements were prepared...
    assert all(re.search(r"@@ CAST\('", s) for s in with_words), with_words  # ...with their words inside
    assert not [s for s in with_words if re.search(r"@@ CAST\(\$\d", s)]


def test_a_bulk_load_leaves_statistics_for_every_table_it_wrote(services: Services) -> None:
    if services.db.dialect != "postgresql":
        pytest.skip("PostgreSQL's planner statistics; SQLite's bulk load ends with its own ANALYZE")
    search = services.search
    assert isinstance(search, SqlSearch)
    with search.bulk() as load:
        load([replace(story(i), tags=(("topic", "medtop:11000000"),)) for i in range(1, 41)])
    with services.db.read() as conn:
        stats = dict(
            conn.exec_driver_sql(
                "SELECT relname, reltuples FROM pg_class WHERE relname IN ('search_docs', 'search_tags', 'search_facts')"
            ).all()
        )
        vacuumed = set(
            conn.exec_driver_sql(
                "SELECT relname FROM pg_stat_user_tables WHERE last_vacuum IS NOT NULL"
            ).scalars()
        )
    # reltuples is -1 until a table was analyzed (or vacuumed): the planner then guesses
    assert stats == {"search_docs": 40, "search_tags": 40, "search_facts": 40}
    assert {"search_docs", "search_tags", "search_facts"} <= vacuumed  # visibility maps: index-only scans
    assert search.search(SearchQuery(q="common", topics=("medtop:11000000",))).total == 40
