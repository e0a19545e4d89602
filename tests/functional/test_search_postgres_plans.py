"""PostgreSQL plans a text query for its own words: the tsquery is rendered into the SQL,
so a statement psycopg prepares (after five runs) never carries it as a parameter, and
the planner never picks one plan for a word in half the archive and a rare one."""

from __future__ import annotations

import re

import pytest

from newsflow.search import SearchQuery
from newsflow.web.app import Services


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
