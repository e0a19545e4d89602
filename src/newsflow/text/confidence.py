"""How far an editor can trust a suggestion, measured on copy nobody had looked at.

Every held-out part of the evaluation set was scored once with the code of its time before
any rule was made from it (docs/text.md, "Generalisation"). Those first runs say how often a
kind of suggestion was right on new copy, and what told the right ones from the wrong:

* the **reason** it was found (after a title, from the gazetteer, from a pattern …);
* **what follows the name** where it is written at its longest (:func:`ending`):
  punctuation, a clause opener (إن / أن, "that"), a function word, a verb, or another word.
  A name that stops before an ordinary word was often cut short (عبد المحسن يوسف before
  الرشيدان), so it is less sure; one of its mentions closed by punctuation makes it surer;
* **what comes before it** (a name after a function word or at a line's start had often
  taken in a word that is no name), how many words it has (one-word people were never right),
  how often it is mentioned, whether the full name is written out, whether it is in the
  headline, where a place came from (the curated list or GeoNames) and, in Arabic, whether
  its last word is a dictionary word.

:func:`features` turns a suggestion into those facts, each tied to its language and kind.
``data/confidence.json`` holds a logistic model of them fitted on the first runs (:func:`fit`,
written by ``bench/first_runs.py --write-table``): :func:`confidence` is the probability it
gives that such a suggestion is right. A suggestion at :data:`SURE` or above is one the desk
and publishing fill in; the others the desk offers for the editor to check. Pure: no I/O but
reading the package's own model once.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from functools import cache, lru_cache
from pathlib import Path

from newsflow.text.entities import norm_word
from newsflow.text.lexicon import is_bare_verb, is_lexical, is_particle
from newsflow.text.mentions import Suggestion
from newsflow.text.stopwords import STOPWORDS
from newsflow.text.tokenize import word_memo

__all__ = ["ENDINGS", "SURE", "Model", "confidence", "ending", "features", "fit", "is_sure", "rated"]

TABLE = Path(__file__).parent / "data" / "confidence.json"
SURE = 0.9  # at or above: filled in on the desk and on publish; below: offered to check
ENDINGS = ("line end", "punctuation", "clause opener", "function word", "verb", "capitalised word", "other word")
_CLOSED = frozenset({"line end", "punctuation", "clause opener"})
_UNKNOWN = 0.8  # a language or kind the first runs never saw
L2 = 1.0  # the fit's weight penalty, in the units of one suggestion's loss

_CLAUSE = frozenset({norm_word(w) for w in ("إن", "أن", "بأن", "وأن")} | {"that"})
_PUNCTUATION = frozenset("،,.:؛;\"'«»()[]-–—؟?!…/")
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


def _before(text: str, start: int, language: str) -> str:
    """What precedes a name that starts at ``start``: ``line start``, ``punctuation`` or the
    class of the word before it."""
    head = text[max(0, start - 60) : start].rstrip(" \u00a0\t")
    if not head or head[-1] in "\r\n":
        return "line start"
    if head[-1] in _PUNCTUATION:
        return "punctuation"
    word = head.rsplit(None, 1)[-1].strip(_EDGE)
    return _word_class(word, language) if word else "punctuation"


FACTS = ("reason", "reason+ending", "ending", "a mention closed", "mentions", "words", "before",
         "written in full", "in the headline", "source", "last word in the dictionary")


def _facts(text: str, language: str, suggestion: Suggestion) -> tuple[object, ...]:
    """The values of :data:`FACTS` for ``suggestion`` in ``text``, in that order."""
    mentions = suggestion.mentions
    start, end = mentions[0] if len(mentions) == 1 else max(mentions, key=lambda m: m[1] - m[0])
    written = text[start:end]
    words = written.split()
    ends = ending(text, end, language)
    source = ""
    if suggestion.kind == "place" and suggestion.reason == "gazetteer":
        source = "GeoNames" if suggestion.evidence.startswith("GeoNames") else "curated"
    return (
        suggestion.reason,
        f"{suggestion.reason}|{ends}",
        ends,
        # a mention ending where the longest does is followed by what follows it: not closed
        ends in _CLOSED or any(ending(text, e, language) in _CLOSED for _, e in mentions if e != end),
        min(len(mentions), 3),
        min(len(words), 4),
        _before(text, start, language),
        suggestion.name == written,
        start < text.find("\n"),
        source,
        language == "ar" and bool(words) and _in_dictionary(words[-1]),
    )


_in_dictionary = word_memo(is_lexical)


def _strings(cell: str, values: tuple[object, ...]) -> list[str]:
    return [cell, *(f"{cell} {name}={value}" for name, value in zip(FACTS, values, strict=True))]


def features(text: str, language: str, suggestion: Suggestion) -> list[str]:
    """The facts the model weighs about ``suggestion`` in ``text``, each as a string tied to the
    language and kind (``"ar person ending=verb"``); the first is the language and kind alone."""
    return _strings(f"{language} {suggestion.kind}", _facts(text, language, suggestion))


class Model:
    """A logistic model: a bias and a weight per feature string."""

    def __init__(self, bias: float, weights: dict[str, float]) -> None:
        self.bias = bias
        self.weights = weights

    def probability(self, facts: list[str]) -> float:
        """The model's probability that a suggestion with these :func:`features` is right; a
        language and kind it never saw get a middling 0.8, below :data:`SURE`."""
        if facts[0] not in self.weights:
            return _UNKNOWN
        z = self.bias + sum(self.weights.get(f, 0.0) for f in facts)
        return 1.0 / (1.0 + math.exp(-z))


def fit(rows: Iterable[tuple[list[str], bool]], iterations: int = 300, rate: float = 0.5, l2: float = L2) -> Model:
    """A :class:`Model` fitted to ``rows`` of (features, right) by batch gradient descent on
    the log loss (AdaGrad steps, an L2 penalty). Deterministic: the same rows give the same
    model."""
    names: dict[str, int] = {}
    data: list[tuple[list[int], float]] = []
    for facts, right in rows:
        data.append(([names.setdefault(f, len(names)) for f in facts], 1.0 if right else 0.0))
    n = max(len(data), 1)
    w = [0.0] * len(names)
    squares = [1e-8] * len(names)
    bias, bias_square = 0.0, 1e-8
    for _ in range(iterations):
        grad = [0.0] * len(names)
        grad_bias = 0.0
        for index, target in data:
            z = bias + sum(w[i] for i in index)
            d = 1.0 / (1.0 + math.exp(-z)) - target
            grad_bias += d
            for i in index:
                grad[i] += d
        for i in range(len(w)):
            g = (grad[i] + l2 * w[i]) / n
            squares[i] += g * g
            w[i] -= rate * g / math.sqrt(squares[i])
        g = grad_bias / n
        bias_square += g * g
        bias -= rate * g / math.sqrt(bias_square)
    return Model(bias, {name: w[i] for name, i in names.items()})


@cache
def _model() -> Model | None:
    if not TABLE.exists():
        return None
    table = json.loads(TABLE.read_text(encoding="utf-8"))
    return Model(table["bias"], table["weights"])


def confidence(text: str, language: str, suggestion: Suggestion) -> float:
    """The probability, by the model fitted on first runs, that ``suggestion`` is right (0–1);
    0 when the package has no model, so nothing is filled in unchecked."""
    return _rate(f"{language} {suggestion.kind}", _facts(text, language, suggestion))


@lru_cache(maxsize=65536)
def _rate(cell: str, values: tuple[object, ...]) -> float:
    model = _model()
    return model.probability(_strings(cell, values)) if model else 0.0


def rated(text: str, language: str, suggestions: list[Suggestion]) -> list[Suggestion]:
    """``suggestions`` with their :func:`confidence`."""
    return [Suggestion(s.kind, s.name, s.reason, s.evidence, s.mentions, round(confidence(text, language, s), 3))
            for s in suggestions]


def is_sure(suggestion: Suggestion) -> bool:
    """True when ``suggestion`` is rated at :data:`SURE` or above."""
    return suggestion.confidence is not None and suggestion.confidence >= SURE
