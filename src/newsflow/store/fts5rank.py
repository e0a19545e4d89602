"""``nf_bm25``: FTS5's BM25 with the statistics handed in (the C module ``_fts5rank``).

FTS5's ``bm25()`` reads each query phrase's whole posting list once per query to weigh
it; ``nf_bm25(table, avgdl, idf, w0, w1, ...)`` takes the average row size and one IDF
per phrase instead and does only the per-row part (``_fts5rank.c`` says exactly how).
The search engine hands it the recent tier's statistics (``search.sqlite_fts``).

The module registers the function with ``sqlite3_auto_extension``: every SQLite
connection opened afterwards in this process has it. ``Database`` calls ``install()``
before it creates a SQLite engine, so no pooled connection lacks it. The module is
built by ``pip install`` (``pyproject.toml``); where it could not be built (no C
compiler or SQLite headers), ``install()`` returns False and the engine ranks with
FTS5's own ``bm25()`` and ``search.bm25`` as before.
"""

from __future__ import annotations

import sqlite3
import struct
from collections.abc import Sequence
from functools import cache

__all__ = ["idf_blob", "install"]


@cache
def install() -> bool:
    """Register ``nf_bm25`` for every connection opened from now on; whether it works."""
    try:
        from newsflow.store import _fts5rank  # type: ignore[attr-defined]
    except ImportError:
        return False
    _fts5rank.install()
    conn = sqlite3.connect(":memory:")  # linked with the same library as the driver?
    try:
        conn.execute("CREATE VIRTUAL TABLE probe USING fts5(a)")
        conn.execute("INSERT INTO probe VALUES ('x')")
        conn.execute("SELECT nf_bm25(probe, 1.0, ?) FROM probe WHERE probe MATCH 'x'", (idf_blob([1.0]),)).fetchall()
        return True
    except sqlite3.Error:
        return False
    finally:
        conn.close()


def idf_blob(weights: Sequence[float]) -> bytes:
    """The ``idf`` argument: one native double per phrase, in FTS5's phrase order."""
    return struct.pack(f"={len(weights)}d", *weights)
