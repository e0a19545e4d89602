"""Story enrichment: people, places, organisations, keywords and Media Topics.

One call gathers what the newsroom attaches to a story before it enters the
flow. Each kind of entity has its own module (:mod:`gazetteer`,
:mod:`people`, :mod:`organisations`, :mod:`subjects`); this module runs them in the right order
(places first, because people and organisations must not be places; a
geonames city whose name is part of a person's name, "Vladimir" in
"Vladimir Putin", is then dropped) and picks keywords.

Keywords are the most frequent stemmed content terms (headline terms count
double), each shown as its most frequent written form, excluding numbers and
terms already reported as an entity.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from newsflow.text.analyzer import analyze, analyze_tokens, normalized_tokens
from newsflow.text.gazetteer import find_places, fold_key
from newsflow.text.language import detect_language
from newsflow.text.mediatopics import Subject
from newsflow.text.organisations import find_organisations
from newsflow.text.people import find_people
from newsflow.text.subjects import choose_subjects
from newsflow.text.tokenize import story_tokens

__all__ = ["Enrichment", "enrich"]

MAX_KEYWORDS = 8


@dataclass(frozen=True, slots=True)
class Enrichment:
    """Metadata found in a story, names in the story's language."""

    language: str
    people: tuple[str, ...]
    places: tuple[str, ...]
    organisations: tuple[str, ...]
    keywords: tuple[str, ...]
    subjects: tuple[Subject, ...]


def _keywords(
    pairs: list[tuple[str, str]], headline: list[tuple[str, str]], taken: set[str]
) -> tuple[str, ...]:
    pair_counts = Counter(headline)
    pair_counts.update(pairs)
    counts: Counter[str] = Counter()
    surfaces: dict[str, list[tuple[str, int]]] = {}
    for (token, s), n in pair_counts.items():
        counts[s] += n
        surfaces.setdefault(s, []).append((token, n))
    ranked = sorted(
        ((s, n) for s, n in counts.items() if n >= 2 and len(s) >= 3 and not s[0].isdigit()),
        key=lambda i: (-i[1], i[0]),
    )
    out: list[str] = []
    for s, _ in ranked:
        surface = min(surfaces[s], key=lambda i: (-i[1], len(i[0]), i[0]))[0]
        if fold_key(surface) in taken or s in taken:
            continue
        out.append(surface)
        if len(out) == MAX_KEYWORDS:
            break
    return tuple(out)


def _written_forms(text: str, folded: list[str], language: str) -> dict[str, str]:
    """Map each normalized token back to how it was first written (hamza, diacritics).

    ``folded`` is the tokens of ``normalize(text, language)``.
    """
    raw = story_tokens(text)
    if len(raw) != len(folded):
        return {}
    forms: dict[str, str] = {}
    for r, f in zip(raw, folded, strict=True):
        forms.setdefault(f, r if language == "ar" else f)
    return forms


def enrich(body: str, *, headline: str | None = None, language: str | None = None) -> Enrichment:
    """Find people, places, organisations, keywords and 1–3 Media Topics in a story."""
    text = f"{headline}\n\n{body}" if headline else body
    lang = language or detect_language(text)
    found = find_places(text, lang)
    trusted = {
        fold_key(surface) for place, surface in found if not place.id.startswith("geonames:")
    }
    organisations = find_organisations(text, lang)
    people = find_people(text, lang, trusted, organisations)
    person_words = {fold_key(w) for p in people for w in p.split()}
    places: list[str] = []
    for place, surface in found:
        if place.id.startswith("geonames:") and fold_key(surface) in person_words:
            continue
        name = place.names.get(lang) or place.names["en"]
        if name not in places:
            places.append(name)

    # Each part is normalized and tokenized once; the blank line between
    # headline and body is a boundary for NFKC, case folding and tokens alike,
    # so the tokens of ``text`` are the headline's followed by the body's.
    body_tokens = normalized_tokens(body, lang)
    head_tokens = normalized_tokens(headline, lang) if headline else []
    pairs = analyze_tokens(body_tokens, lang)
    head_pairs = analyze_tokens(head_tokens, lang)
    taken = {fold_key(w) for name in (*people, *places, *organisations) for w in name.split()}
    taken |= {s for _, s in analyze(" ".join((*people, *places, *organisations)), lang)}
    written = _written_forms(text, [*head_tokens, *body_tokens], lang)
    keywords = tuple(written.get(k, k) for k in _keywords(pairs, head_pairs, taken))
    subjects = choose_subjects([s for _, s in [*head_pairs, *pairs]], lang)
    return Enrichment(lang, tuple(people), tuple(places), tuple(organisations), keywords, subjects)
