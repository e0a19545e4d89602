"""search on PostgreSQL: adjacent term pairs, so a phrase is an index lookup

GIN keeps no positions: a phrase (``'central' <-> 'bank'``) found every story holding both
words in the index and then read each one's ``tsvector`` to check they stand next to each
other. ``search_terms`` gains ``pairs`` and ``public_pairs``: one lexeme per pair of terms at
adjacent stored positions (``'central bank'``), no positions, each column with a GIN index,
stored out of line uncompressed (``STORAGE EXTERNAL``), and the ``terms`` kept in the row
(``STORAGE MAIN``: compressed, out of line only when nothing else makes the row fit).
A two-term phrase is then one pair lexeme; a longer one the AND of its pairs, its positions
checked only on the stories that have them all (``postgres_fts._where``).

Filled here from the stored ``tsvector``s by one rewrite of ``search_terms`` (its rows kept in
their order, its indexes rebuilt), its progress on stderr every 20,000 stories: the pairs of
positions p and p + 1, as ``postgres_fts.pairs_literal`` writes them (pairs over 2,046 bytes
left out, and those past 900,000 bytes a story in position order).
Search answers every query right after the upgrade; no reindex is needed.

The SQL is frozen here on purpose, like ``0002`` and ``0007``.

Revision ID: 0020
Revises: 0019
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Any

from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None

PAIRS = """
CREATE FUNCTION pg_temp.nf_pairs(v tsvector) RETURNS tsvector LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(array_to_tsvector(array_agg(pair)), ''::tsvector) FROM (
    SELECT pair, sum(octet_length(pair)) OVER (ORDER BY first, pair COLLATE "C") AS used FROM (
      SELECT a.lexeme || ' ' || b.lexeme AS pair, min(a.pos) AS first
      FROM (SELECT lexeme, unnest(positions) AS pos FROM unnest(v)) a
      JOIN (SELECT lexeme, unnest(positions) AS pos FROM unnest(v)) b ON b.pos = a.pos + 1
      WHERE octet_length(a.lexeme) + octet_length(b.lexeme) + 1 <= 2046
      GROUP BY 1
    ) found
  ) counted WHERE used <= 900000
$$
"""


# The rewrite is one statement: the function it calls per row counts the rows in a temporary
# sequence and raises a notice every ``STEP`` stories (and at the last), which the server sends
# at once and ``_said`` prints, so an upgrade of a large archive shows its progress.
STEP = 20_000

COUNTED = f"""
CREATE FUNCTION pg_temp.nf_pairs_counted(v tsvector, total bigint) RETURNS tsvector LANGUAGE plpgsql AS $$
DECLARE n bigint := nextval('pg_temp.nf_paired');
BEGIN
  IF mod(n, {STEP}) = 0 OR n = total THEN
    RAISE NOTICE USING MESSAGE = 'nf_paired ' || n || ' ' || total;
  END IF;
  RETURN pg_temp.nf_pairs(v);
END $$
"""


def _say(text: str) -> None:
    print(f"0020_search_pairs: {text}", file=sys.stderr, flush=True)


def _said(started: float) -> Callable[[Any], None]:
    def notice(diagnostic: Any) -> None:
        words = str(getattr(diagnostic, "message_primary", "") or "").split()
        if len(words) == 3 and words[0] == "nf_paired":
            done, total = int(words[1]), int(words[2])
            _say(f"paired {done} of {total} stories ({done / total:.0%}, {time.monotonic() - started:.0f} s)")

    return notice


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    op.execute(
        "ALTER TABLE search_terms ADD COLUMN pairs tsvector NOT NULL DEFAULT ''::tsvector,"
        " ADD COLUMN public_pairs tsvector NOT NULL DEFAULT ''::tsvector"
    )
    # the pairs out of line, the terms in the row: a row holding both passes TOAST's 2 KB, and
    # whichever was larger went to TOAST; terms there cost every walk along the key TOAST reads
    op.execute(
        "ALTER TABLE search_terms ALTER COLUMN pairs SET STORAGE EXTERNAL,"
        " ALTER COLUMN public_pairs SET STORAGE EXTERNAL, ALTER COLUMN terms SET STORAGE MAIN,"
        " ALTER COLUMN public_terms SET STORAGE MAIN"
    )
    op.execute("SET LOCAL maintenance_work_mem = '256MB'")
    stories = bind.exec_driver_sql("SELECT count(*) FROM search_terms").scalar() or 0
    if stories:
        # filled by rewriting the table (ALTER ... TYPE ... USING) rather than by UPDATE: an
        # UPDATE left each row's new version on its own page when it fitted there and at the
        # end of the table when not, and a walk along the key for a common word's newest 2,000
        # matches then changed page 6,049 times at 100k instead of 3,842; the rewrite keeps the
        # rows in their order and leaves no old versions behind. A rewrite takes the column's
        # storage from its type, so the storage is set again in the same statement.
        bind.exec_driver_sql(PAIRS)
        bind.exec_driver_sql("CREATE TEMPORARY SEQUENCE nf_paired")
        bind.exec_driver_sql(COUNTED)
        _say(f"pairing {stories} stories (search_terms rewritten, its indexes rebuilt)")
        started = time.monotonic()
        driver = bind.connection.dbapi_connection
        notice = _said(started)
        listen = getattr(driver, "add_notice_handler", None)  # psycopg 3
        if listen is not None:
            listen(notice)
        try:
            bind.exec_driver_sql(
                "ALTER TABLE search_terms ALTER COLUMN pairs TYPE tsvector"
                f" USING pg_temp.nf_pairs_counted(terms, {int(stories)}),"
                " ALTER COLUMN public_pairs TYPE tsvector USING pg_temp.nf_pairs(public_terms),"
                " ALTER COLUMN pairs SET STORAGE EXTERNAL, ALTER COLUMN public_pairs SET STORAGE EXTERNAL"
            )
        finally:
            if listen is not None:
                driver.remove_notice_handler(notice)  # type: ignore[union-attr]
        bind.exec_driver_sql("DROP FUNCTION pg_temp.nf_pairs_counted(tsvector, bigint)")
        bind.exec_driver_sql("DROP SEQUENCE pg_temp.nf_paired")
        bind.exec_driver_sql("DROP FUNCTION pg_temp.nf_pairs(tsvector)")
        _say(f"paired {stories} stories ({time.monotonic() - started:.0f} s); indexing the pairs")
    op.execute("CREATE INDEX ix_search_terms_pairs ON search_terms USING gin (pairs)")
    op.execute("CREATE INDEX ix_search_terms_public_pairs ON search_terms USING gin (public_pairs)")
    op.execute("ANALYZE search_terms")
    if stories:
        _say("done")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        "ALTER TABLE search_terms DROP COLUMN pairs, DROP COLUMN public_pairs,"  # their indexes go with them
        " ALTER COLUMN terms SET STORAGE EXTENDED, ALTER COLUMN public_terms SET STORAGE EXTENDED"
    )
