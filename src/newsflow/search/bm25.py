"""BM25 as SQLite FTS5's ``bm25()`` computes it, for stories whose terms are at hand.

Why in Python: FTS5 weighs each query phrase by reading its whole posting list once
per query (its IDF), and there is no way to hand it statistics it already knows. So
when the SQLite engine has a window of story ids but cannot score them in the recent
tier (``search.sqlite_fts``), it scores them here with the tier's statistics: the
same numbers FTS5 returns in the tier, without reading a posting list of the full
archive.

The formula is FTS5's (``fts5_aux.c``): for each phrase *i* of the query,
``idf_i * f_i * (k1 + 1) / (f_i + k1 * (1 - b + b * D / avgdl))`` summed over the
phrases, with ``f_i`` the column-weighted count of the phrase in the row, ``D`` the
row's tokens in all columns, ``idf_i = log((N - n_i + 0.5) / (n_i + 0.5))`` (at least
1e-6), k1 = 1.2, b = 0.75. Stored terms are space-separated analyzer terms, the
tokens FTS5 indexes; a phrase whose terms repeat ("a a") is counted without overlaps
here, where FTS5 counts overlapping instances.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

__all__ = ["K1", "B", "Phrase", "idf", "needles", "score", "size", "varints"]

K1 = 1.2
B = 0.75
Phrase = tuple[tuple[str, ...], bool]  # terms, and whether the last one is a prefix


def idf(rows: int, hits: int) -> float:
    value = math.log((rows - hits + 0.5) / (hits + 0.5)) if rows else 0.0
    return value if value > 0.0 else 1e-6


def size(blob: bytes) -> int:
    """The sum of a ``docsize`` row's varints: a row's size in tokens."""
    if max(blob, default=0) < 0x80:  # every column under 128 tokens: one byte each
        return sum(blob)
    return sum(varints(blob))


def varints(blob: bytes) -> list[int]:
    """SQLite varints (FTS5's averages record and ``docsize`` rows)."""
    out: list[int] = []
    i, n = 0, len(blob)
    while i < n:
        value = 0
        for k in range(9):
            byte = blob[i]
            i += 1
            if k == 8:
                value = (value << 8) | byte
                break
            value = (value << 7) | (byte & 0x7F)
            if not byte & 0x80:
                break
        out.append(value)
    return out


def score(
    columns: Sequence[tuple[str, float]],
    tokens: int,
    avgdl: float,
    weights: Sequence[float],
    query: Sequence[str],
) -> float:
    """The BM25 score of one row: ``columns`` are (stored terms, column weight) for the
    columns the query searches, ``tokens`` the row's size in all columns (``D``),
    ``weights`` each phrase's IDF and ``query`` its ``needles``."""
    padded = [(" " + text.replace(" ", "  ") + " ", w) for text, w in columns if text]
    norm = K1 * (1 - B + B * tokens / avgdl) if avgdl > 0 else K1
    total = 0.0
    for needle, weight in zip(query, weights, strict=True):
        freq = 0.0
        for text, w in padded:
            n = text.count(needle)
            if n:
                freq += w * n
        if freq:
            total += weight * (freq * (K1 + 1.0)) / (freq + norm)
    return total


def needles(query: Sequence[Phrase]) -> list[str]:
    """What ``score`` counts for each phrase in a column padded as ``" a  b  c "``
    (terms two spaces apart, so every term has spaces of its own on both sides)."""
    out = []
    for terms, prefix in query:
        needle = " " + "  ".join(terms)
        out.append(needle if prefix else needle + " ")
    return out
