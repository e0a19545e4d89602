"""Extractive abbreviation of a story: the lead plus its most informative sentences.

An agency's public page carries a short abbreviation of the story subscribers
receive in full. Writing new text would risk misquoting, so the abbreviation
is *extractive*: whole sentences of the source, exactly as
:func:`newsflow.text.sentences.split_sentences` returns them, in story order.

Method
    1. The lead sentence is always kept (a dateline written as its own line,
       "BAKU, Nov 28 (Agency) -", is kept together with the sentence after it).
       No text is ever invented, not even a dateline the lead lacks.
    2. Every other sentence gets a score from its stemmed content terms:
       cosine overlap with the headline + lead terms, centrality (how many
       other sentences share its terms), and a position prior. Sentences that
       are mostly quotation or very short are penalised; sentences whose
       quotation marks do not balance are never used.
    3. Sentences are taken greedily by score (ties by position) while they fit
       the budget ``min(max_words, max_ratio * source_words)``; a sentence that
       adds almost no new terms is skipped as redundant. The lead counts
       against the budget but is kept even when it alone exceeds it.

Everything is deterministic: no randomness, ties broken by position.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from itertools import accumulate, chain

from newsflow.text.analyzer import index_terms, index_terms_each, piece_terms
from newsflow.text.language import detect_language
from newsflow.text.sentences import quotes_balanced, sentence_spans

__all__ = ["Abbreviation", "abbreviate"]

_DATELINE_ONLY = re.compile(r"^[^\n.!?؟]{1,80}\([^()\n]{1,40}\)\s*[-–—]?$|^[^\n.!?؟]{1,80}\s[-–—]$")
_QUOTED = re.compile(r'"[^"]*"|«[^»]*»|“[^”]*”|„[^“”]*[“”]|‹[^›]*›')
_SHORT_WORDS = 6
_FRAGMENT_WORDS = 3  # shorter than this is a fragment ("Share :"), never a sentence to pick
_REDUNDANT = 0.25  # a sentence adding fewer than this share of new terms is skipped


@dataclass(frozen=True, slots=True)
class Abbreviation:
    """The chosen sentences, their joined text and word counts."""

    text: str
    sentences: tuple[str, ...]
    language: str
    words: int
    source_words: int


def _word_count(text: str) -> int:
    return len(text.split())


def _lead_length(first: list[str], dateline: str | None) -> int:
    """How many leading sentences form the lead (2 when the first is a bare dateline)."""
    if len(first) < 2:
        return len(first)
    head = first[0]
    if _DATELINE_ONLY.match(head) or (dateline and head == dateline.strip()):
        return 2
    return 1


def _quote_share(sentence: str) -> float:
    if not ('"' in sentence or "«" in sentence or "“" in sentence or "„" in sentence or "‹" in sentence):
        return 0.0  # most sentences: no quotation opens (the first characters of _QUOTED's forms)
    inside = sum(len(m.group()) for m in _QUOTED.finditer(sentence))
    return inside / max(len(sentence), 1)


def _score(
    index: int, terms: set[str], reference: set[str], shared: dict[str, int], count: int
) -> float:
    if not terms:
        return 0.0
    overlap = len(terms & reference) / math.sqrt(len(terms) * max(len(reference), 1))
    centrality = sum(map(shared.__getitem__, terms)) / (3 * len(terms))
    position = 1.0 - index / max(count, 1)
    return 1.0 * overlap + 0.6 * centrality + 0.3 * position


def abbreviate(
    body: str,
    *,
    headline: str | None = None,
    language: str | None = None,
    dateline: str | None = None,
    max_words: int = 60,
    max_ratio: float = 0.35,
) -> Abbreviation:
    """Abbreviate plain-text ``body`` (paragraphs separated by blank lines)."""
    lang = language or detect_language(body)
    spans = sentence_spans(body, lang)
    sentences = [body[s:e] for s, e in spans]
    pieces = piece_terms(body, lang)
    source_words = len(pieces)  # _word_count(body)
    if not sentences:
        return Abbreviation("", (), lang, 0, source_words)
    lead_n = _lead_length(sentences[:2], dateline)
    budget = min(float(max_words), max_ratio * source_words)
    chosen = set(range(lead_n))
    sizes = [_word_count(s) for s in sentences]
    used = sum(sizes[:lead_n])

    if sum(sizes) == source_words:
        # every sentence ends before whitespace or at the end of the body, so each is a run of
        # whole pieces, in order: its terms are its pieces' terms, looked up once for the body
        terms = [set(chain.from_iterable(pieces[end - n : end])) for n, end in zip(sizes, accumulate(sizes), strict=True)]
    else:
        terms = [set(t) for t in index_terms_each(sentences, lang)]
    reference = set(index_terms(headline, lang)) if headline else set()
    for t in terms[:lead_n]:
        reference |= t
    spread = Counter(chain.from_iterable(terms))  # in how many sentences each term is
    # how many other sentences share each term, capped at 3
    shared = {t: min(n - 1, 3) for t, n in spread.items()}

    ranked: list[tuple[float, int]] = []
    for i in range(lead_n, len(sentences)):
        sentence = sentences[i]
        if sizes[i] < _FRAGMENT_WORDS or not quotes_balanced(sentence):
            continue
        score = _score(i, terms[i], reference, shared, len(sentences))
        if sizes[i] < _SHORT_WORDS:
            score *= 0.5
        if _quote_share(sentence) > 0.7:
            score *= 0.6
        ranked.append((-score, i))
    ranked.sort()

    covered = set(reference)
    for neg_score, i in ranked:
        if used >= budget:
            break
        n = sizes[i]
        if neg_score == 0.0 or used + n > budget:
            continue
        new = terms[i] - covered
        if len(new) < _REDUNDANT * len(terms[i]):
            continue
        chosen.add(i)
        covered |= terms[i]
        used += n

    picked = tuple(sentences[i] for i in sorted(chosen))
    return Abbreviation(" ".join(picked), picked, lang, used, source_words)
