"""search/bm25.py: FTS5's varints, its IDF floor, the phrases of a query, and counting."""

from __future__ import annotations

import math

from newsflow.search.bm25 import idf, needles, score, size, varints
from newsflow.search.query import analyze, parse, positive_phrases


def test_varints_and_row_size() -> None:
    assert varints(bytes([5, 39, 0, 11])) == [5, 39, 0, 11]
    assert varints(bytes([0x81, 0x48, 0x05])) == [200, 5]  # 200 = 1 * 128 + 72
    assert size(bytes([0x81, 0x48, 0x05])) == 205 and size(bytes([5, 39, 0, 11])) == 55 and size(b"") == 0


def test_idf_is_floored_like_fts5() -> None:
    assert idf(100, 1) == math.log(99.5 / 1.5)
    assert idf(100, 90) == 1e-6 and idf(0, 0) == 1e-6


def test_positive_phrases_in_order() -> None:
    analyzed = analyze(parse('"central bank" OR rates -inflation'), ["en"])
    assert analyzed is not None
    assert [terms for terms, _ in positive_phrases(analyzed)] == [("central", "bank"), ("rate",)]


def test_counts_whole_terms_phrases_and_prefixes() -> None:
    query = [(("bank",), False), (("central", "bank"), False), (("ban",), True)]
    one = score([("central bank banks bank", 1.0)], 4, 4.0, [1.0, 0.0, 0.0], needles(query))
    two = score([("central bank banks bank", 1.0)], 4, 4.0, [0.0, 1.0, 0.0], needles(query))
    three = score([("central bank banks bank", 1.0)], 4, 4.0, [0.0, 0.0, 1.0], needles(query))
    tf = lambda f: f * 2.2 / (f + 1.2)  # noqa: E731  k1 = 1.2, D = avgdl
    assert (one, two, three) == (tf(2), tf(1), tf(3))
    assert score([("bank", 3.0), ("bank bank", 1.0)], 3, 3.0, [1.0, 0.0, 0.0], needles(query)) == tf(5)
