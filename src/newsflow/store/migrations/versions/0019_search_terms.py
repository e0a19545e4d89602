"""search on PostgreSQL: the words and filters of each story in a narrow table of their own

``search_docs`` holds the display text (headline, body, public abbreviation) beside the
``tsvector``s: about 2.9 KB a story. Matching, ranking and counting read only the terms and
the filter columns, yet every row they tested or counted brought its wide page into the
buffers (a GIN bitmap visits the heap row of every match it counts, and re-checks a phrase
row by row). ``search_terms`` holds, per story, the id, the filter columns (version,
latest version's time, language, category, priority, type, public, withdrawn) and the two
``tsvector``s, with their own GIN indexes; ``search_docs`` keeps the display columns, read
for the page's 20 stories only. The columns and indexes on ``search_docs`` that held the
terms are dropped.

Filled here from ``search_docs`` in id ranges of 50,000 stories, each reported on stderr
(an archive of a million stories takes minutes), then indexed.

The SQL is frozen here on purpose, like ``0002`` and ``0007``.

Revision ID: 0019
Revises: 0018
"""

from __future__ import annotations

import sys
import time

from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

STEP = 50_000
COLUMNS = "story_id, version, versioncreated, language, category, priority, type, public, withdrawn"


def _say(text: str) -> None:
    print(f"0019_search_terms: {text}", file=sys.stderr, flush=True)


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    op.execute(
        "CREATE TABLE search_terms ("
        " story_id integer PRIMARY KEY,"
        " version integer NOT NULL,"
        " versioncreated timestamp without time zone NOT NULL,"
        " language varchar(35) NOT NULL,"
        " category varchar(60) NOT NULL,"
        " priority varchar(20) NOT NULL,"
        " type varchar(20) NOT NULL,"
        " public boolean NOT NULL,"
        " withdrawn boolean NOT NULL,"
        " terms tsvector NOT NULL DEFAULT ''::tsvector,"
        " public_terms tsvector NOT NULL DEFAULT ''::tsvector)"
    )
    low, high = bind.exec_driver_sql("SELECT min(story_id), max(story_id) FROM search_docs").one()
    if low is not None:
        started = time.monotonic()
        for start in range(int(low), int(high) + 1, STEP):
            bind.exec_driver_sql(
                f"INSERT INTO search_terms ({COLUMNS}, terms, public_terms) SELECT {COLUMNS}, terms, public_terms"
                " FROM search_docs WHERE story_id >= %(lo)s AND story_id < %(hi)s",
                {"lo": start, "hi": start + STEP},
            )
            done = min(int(high), start + STEP - 1) - int(low) + 1
            _say(f"copied stories {low}..{min(int(high), start + STEP - 1)} ({done / (int(high) - int(low) + 1):.0%},"
                 f" {time.monotonic() - started:.0f} s)")
        _say("indexing the terms")
    op.execute("SET LOCAL maintenance_work_mem = '256MB'")
    op.execute("CREATE INDEX ix_search_terms_terms ON search_terms USING gin (terms)")
    op.execute("CREATE INDEX ix_search_terms_public_terms ON search_terms USING gin (public_terms)")
    op.execute("CREATE INDEX ix_search_terms_versioncreated ON search_terms (versioncreated)")
    op.execute("CREATE INDEX ix_search_terms_corrected ON search_terms (story_id) WHERE version > 1")
    op.execute("DROP INDEX IF EXISTS ix_search_docs_corrected")
    op.execute("ALTER TABLE search_docs DROP COLUMN terms, DROP COLUMN public_terms")  # their indexes go with them
    op.execute("ANALYZE search_terms")
    if low is not None:
        _say("done")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("ALTER TABLE search_docs ADD COLUMN terms tsvector NOT NULL DEFAULT ''::tsvector")
    op.execute("ALTER TABLE search_docs ADD COLUMN public_terms tsvector NOT NULL DEFAULT ''::tsvector")
    op.execute(
        "UPDATE search_docs d SET terms = t.terms, public_terms = t.public_terms FROM search_terms t WHERE t.story_id = d.story_id"
    )
    op.execute("CREATE INDEX ix_search_docs_terms ON search_docs USING gin (terms)")
    op.execute("CREATE INDEX ix_search_docs_public_terms ON search_docs USING gin (public_terms)")
    op.execute("CREATE INDEX ix_search_docs_corrected ON search_docs (story_id) WHERE version > 1")
    op.execute("DROP TABLE search_terms")
