"""How far an editor can trust a suggestion, measured on copy nobody had looked at.

Every held-out part of the evaluation set was scored once with the code of its time before
any rule was made from it (docs/text.md, "Generalisation"). Those first runs say how often a
kind of suggestion was right on new copy. Two things predict it well:

* the **reason** it was found (after a title, from the gazetteer, from a pattern …);
* **what follows the name** where it is written at its longest: punctuation, a clause opener
  (إن / أن, "that"), a function word, a verb, or another word. A name that stops before an
  ordinary word was often cut short (عبد المحسن يوسف before الرشيدان), so it is less sure.

``data/confidence.json`` holds the first runs' counts per language, kind, reason and ending
(written by ``bench/first_runs.py --write-table``). :func:`confidence` is the share of such
suggestions that were right, smoothed towards the broader cell when a cell is small
(language, kind and reason; then language and kind). A suggestion at :data:`SURE` or above is
one the desk fills in; the others it offers for the editor to check. Pure: no I/O but reading
the package's own table once.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from newsflow.text.entities import norm_word
from newsflow.text.lexicon import is_bare_verb, is_particle
from newsflow.text.mentions import Suggestion
from newsflow.text.stopwords import STOPWORDS

__all__ = ["ENDINGS", "SURE", "confidence", "counts", "ending", "is_sure", "rated", "share"]

TABLE = Path(__file__).parent / "data" / "confidence.json"
SURE = 0.9  # at or above: filled in on the desk; below: offered to check
SMOOTHING = 10.0  # how many suggestions' weight the broader cell's share carries
ENDINGS = ("line end", "punctuation", "clause opener", "function word", "verb", "capitalised word", "other word")
_UNKNOWN = 0.8  # a language or kind the first runs never saw

_CLAUSE = frozenset({norm_word(w) for w in ("إن", "أن", "بأن", "وأن")} | {"that"})
_PUNCTUATION = frozenset("،,.:؛;\"'«»()[]-–—؟?!…")
_EDGE = "\"'«»()[]،,.:؛;؟?!…"


@lru_cache(maxsize=16384)
def _word_class(word: str, language: str) -> str:
    folded = norm_word(word) if language == "ar" else word.casefold()
    if folded in _CLAUSE:
        return "clause opener"
    if language == "ar":
        if is_particle(word):
            return "function word"
        return "verb" if is_bare_verb(word) else "other word"
    if folded in STOPWORDS.get(language, ()):
        return "function word"
    return "capitalised word" if word[:1].isupper() else "other word"


def ending(text: str, end: int, language: str) -> str:
    """What follows a name that ends at ``end`` in ``text``: one of :data:`ENDINGS`."""
    rest = text[end : end + 60].lstrip(" \u00a0\t")
    if not rest or rest[0] in "\r\n":
        return "line end"
    if rest[0] in _PUNCTUATION:
        return "punctuation"
    word = rest.split(maxsplit=1)[0].strip(_EDGE)
    return _word_class(word, language) if word else "punctuation"


Cells = dict[tuple[str, ...], tuple[int, int]]


def counts(rows: Iterable[Mapping[str, Any]]) -> Cells:
    """(right, suggested) per (language, kind), (…, reason) and (…, reason, ending), from rows
    of ``language``, ``kind``, ``reason``, ``ending``, ``right`` and ``suggested``."""
    cells: Cells = {}
    for row in rows:
        key = (row["language"], row["kind"], row["reason"], row["ending"])
        for k in (key[:2], key[:3], key):
            right, suggested = cells.get(k, (0, 0))
            cells[k] = (right + row["right"], suggested + row["suggested"])
    return cells


def share(cells: Cells, language: str, kind: str, reason: str, ends: str) -> float:
    """The share of the suggestions in ``cells`` like this one that were right, each cell
    smoothed towards the broader one by :data:`SMOOTHING` suggestions' weight."""
    right, suggested = cells.get((language, kind), (0, 0))
    value = right / suggested if suggested else _UNKNOWN
    for key in ((language, kind, reason), (language, kind, reason, ends)):
        right, suggested = cells.get(key, (0, 0))
        value = (right + SMOOTHING * value) / (suggested + SMOOTHING)
    return value


@cache
def _table() -> Cells:
    if not TABLE.exists():
        return {}
    return counts(json.loads(TABLE.read_text(encoding="utf-8"))["cells"])


@lru_cache(maxsize=1024)
def confidence(language: str, kind: str, reason: str, ends: str) -> float:
    """The smoothed share of first-run suggestions like this one that were right (0–1)."""
    return share(_table(), language, kind, reason, ends)


def rated(text: str, language: str, suggestions: list[Suggestion]) -> list[Suggestion]:
    """``suggestions`` with their :func:`confidence`, judged at each name's longest mention."""
    out = []
    for s in suggestions:
        _, end = max(s.mentions, key=lambda m: m[1] - m[0])
        rate = round(confidence(language, s.kind, s.reason, ending(text, end, language)), 3)
        out.append(Suggestion(s.kind, s.name, s.reason, s.evidence, s.mentions, rate))
    return out


def is_sure(suggestion: Suggestion) -> bool:
    """True when ``suggestion`` is rated at :data:`SURE` or above."""
    return suggestion.confidence is not None and suggestion.confidence >= SURE
