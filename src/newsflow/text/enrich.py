"""Story enrichment: people, places, organisations, keywords and Media Topics.

One call gathers what the newsroom attaches to a story before it enters the
flow. Each kind of entity has its own module (:mod:`gazetteer`,
:mod:`people`, :mod:`organisations`, :mod:`subjects`); this module runs them in the right order
(places, then organisations — a place inside an organisation's name, "بورصة
إسطنبول", is no place mention — then people, who are never a curated place or
an organisation; a geonames city that is a word of a person's name,
"Vladimir" in "Vladimir Putin", is then dropped) and picks keywords.
Every name comes with its mentions (offsets) and the reason it was found
(:class:`~newsflow.text.mentions.Suggestion`).

Keywords are the most frequent stemmed content terms (headline terms count
double), each shown as its most frequent written form, excluding numbers and
terms already reported as an entity.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from itertools import accumulate
from operator import itemgetter

from newsflow.text.analyzer import analyze, normalized_tokens
from newsflow.text.confidence import rated
from newsflow.text.entities import norm_word
from newsflow.text.gazetteer import find_place_mentions, fold_key
from newsflow.text.language import detect_language
from newsflow.text.mediatopics import Subject
from newsflow.text.mentions import Found, Suggestion, group
from newsflow.text.normalize import normalize_arabic
from newsflow.text.organisations import find_organisation_mentions
from newsflow.text.people import find_people
from newsflow.text.people_words import LATIN_TITLES
from newsflow.text.place_patterns import find_place_patterns
from newsflow.text.subjects import choose_subjects_counted
from newsflow.text.tokenize import story_text, story_tokens, word_memo

__all__ = ["Enrichment", "enrich", "find_names"]

MAX_KEYWORDS = 8
# names and keywords repeat from story to story; the place index folds far more names at load
_fold_key = word_memo(fold_key)


@dataclass(frozen=True, slots=True)
class Enrichment:
    """Metadata found in a story, names in the story's language.

    ``people``, ``places`` and ``organisations`` hold every name found; ``suggestions`` hold
    them with their mentions, reason and confidence (:mod:`newsflow.text.confidence`), from
    which publishing and the desk fill in only the sure ones.
    """

    language: str
    people: tuple[str, ...]
    places: tuple[str, ...]
    organisations: tuple[str, ...]
    keywords: tuple[str, ...]
    subjects: tuple[Subject, ...]
    suggestions: tuple[Suggestion, ...] = ()


def _overlap_test(spans: list[tuple[int, int]]) -> Callable[[int, int], bool]:
    """A test of whether ``(s, e)`` overlaps one of ``spans`` (some ``a < e and s < b``): a
    binary search over the spans sorted by start, with the furthest end reached so far."""
    spans = sorted(spans)
    starts = [a for a, _ in spans]
    reach = list(accumulate((b for _, b in spans), max))

    def overlaps(s: int, e: int) -> bool:
        k = bisect_left(starts, e)  # the spans with a < e
        return k > 0 and reach[k - 1] > s

    return overlaps


def find_names(text: str, language: str) -> list[Suggestion]:
    """People, places and organisations of ``text``, one suggestion per name, with mentions."""
    if language not in ("ar", "en", "tr"):
        return []
    place_hits = find_place_mentions(text, language, LATIN_TITLES)
    places = [(s, e) for _, s, e in place_hits]
    orgs = find_organisation_mentions(text, language, places)
    org_spans = [(f.start, f.end) for f in orgs]
    in_org = _overlap_test(org_spans)
    place_found = [
        Found(
            "place",
            place.names.get(language) or place.names["en"],
            s,
            e,
            "gazetteer",
            "GeoNames" if place.id.startswith("geonames:") else "curated list",
        )
        for place, s, e in place_hits
        if not in_org(s, e)
    ]
    if language == "ar" and orgs:
        # شركة سابك السعودية: a word in the form of a nationality adjective right after a
        # company's name is its nationality, not the country
        org_ends = {f.end for f in orgs}
        place_found = [
            f
            for f in place_found
            if not (
                text[f.start - 1 : f.start] == " "
                and f.start - 1 in org_ends
                and text.startswith("ال", f.start)
                and text[f.start : f.end].endswith(("ية", "ي"))
            )
        ]
    if language == "en":
        # "at Villa Park", "at Selhurst Park": a ground named like a town GeoNames holds
        place_found = [
            f
            for f in place_found
            if not (f.evidence == "GeoNames" and text.endswith(" Park", 0, f.end) and text.endswith(" at ", 0, f.start))
            # "the Commonwealth observer group": a GeoNames town after "the" is a body or a thing named
            # like the town (a curated place, the Gambia or the Hague, keeps its article)
            # when a common word other than a place's kind follows ("the Manila-based lender", "the
            # Kunduz, Baghlan and Takhar provinces", "the Kunduz province" keep their towns)
            and not (f.evidence == "GeoNames" and text.endswith(("the ", "The "), 0, f.start) and _common_word_after(text, f.end))
        ]
    if language == "en" and "Gare " in text:
        # Gare de Lyon, Gare du Nord, Gare Saint-Lazare: a French railway station is a place whose
        # name holds its town's (the town found inside it is the station's, not a mention of the town)
        stations = [
            Found("place", m[0], m.start(), m.end(), "pattern", "Gare")
            for m in _EN_STATION.finditer(text)
            if not in_org(m.start(), m.end())
        ]
        place_found = [f for f in place_found if not any(g.start <= f.start and f.end <= g.end for g in stations)] + stations
        places += [(g.start, g.end) for g in stations]
    if language in ("tr", "en"):
        # Antalya Havalimanı'na, Sydney Airport: a town naming an airport is the airport's name
        place_found = [f for f in place_found if not _names_airport(text, f.end, language)]
    place_found += find_place_patterns(text, language, places + org_spans)
    trusted = [(f.start, f.end) for f in place_found if f.evidence != "GeoNames"]
    cities = [(f.start, f.end) for f in place_found if f.evidence == "GeoNames"]
    people = find_people(text, language, trusted + org_spans, cities)
    if language == "ar":
        people = [
            f for f in people if not _named_after(text, f.start) and not _share(text, f) and not _venue_named(text, f.start, f.end)
        ]
        place_found = [
            f for f in place_found
            if not _adjective_after_noun(text, f) and not _in_venue(text, f.start) and not _disease_named(text, f)
        ]
    if language == "en" and people:
        # the Chilean port city of San Antonio: words found as a place elsewhere in the story name
        # that place, not a person whose only evidence is the pattern of their recurrence (Turkish
        # sport copy names foreign clubs by their towns, Santa Clara, so it keeps the old reading)
        place_names = {(text[f.start : f.end], f.start) for f in place_found}
        people = [
            f for f in people
            if not (
                f.reason == "pattern"
                and " " in f.name
                and any(name == text[f.start : f.end] and start != f.start for name, start in place_names)
            )
        ]
    person_spans = [(f.start, f.end) for f in people]
    # a GeoNames city inside a name (Vladimir Putin), or a place that is a given name after a
    # title (رئيسة الوزراء الإيطالية جورجيا ميلوني), is the person's
    if person_spans:
        inside = bytearray(len(text) + 1)
        for s, e in person_spans:
            inside[s:e] = b"\x01" * (e - s)
        place_found = [f for f in place_found if not any(inside[f.start : f.end])]
    return rated(text, language, group([*people, *place_found, *orgs]))


# A venue or a prize named after a person (استاد جاسم بن حمد, مطار الملك خالد, جامعة الملك سعود)
# names the place, not the person; a share (سهم, أسهم) is named after its company.
_AR_NAMED_AFTER = frozenset(
    normalize_arabic(w)
    for w in ["استاد", "ستاد", "ملعب", "مطار", "جامعة", "شارع", "مستشفى", "جسر", "قاعة", "مسجد", "ميناء", "مدرسة", "كلية", "جائزة", "كأس", "سهم", "أسهم",
              # an institution named after a ruler (مركز الملك سلمان للإغاثة, مدينة الملك عبد الله)
              "مركز", "مدينة", "مؤسسة", "مجمع", "معهد", "مكتبة", "جامع", "قاعدة"]
)
_AR_HONORIFICS = frozenset(normalize_arabic(w) for w in ["الملك", "الأمير", "الشيخ", "الإمام", "الرئيس", "الشهيد", "السلطان"])
_AR_CLITICS = ("وب", "ول", "فب", "ب", "و", "ل", "ف")


@word_memo
def _bare(word: str) -> str:
    word = norm_word(word)
    if word in _AR_NAMED_AFTER or word in _AR_HONORIFICS:
        return word
    for clitic in _AR_CLITICS:
        if word.startswith(clitic) and word[len(clitic) :] in _AR_NAMED_AFTER:
            return word[len(clitic) :]
    return word


def _named_after(text: str, start: int) -> bool:
    """True when the Arabic name at ``start`` follows a venue, prize or share word, with at most
    an honorific between (ملعب محمد بن زايد, مطار الملك عبد العزيز)."""
    if not text[start - 1 : start].isspace():
        return False
    before = text[max(0, start - 40) : start].rsplit(None, 2)  # the last two words are whole
    if not before:
        return False
    last = _bare(before[-1])
    if last in _AR_NAMED_AFTER:
        return True
    return last in _AR_HONORIFICS and len(before) >= 2 and _bare(before[-2]) in _AR_NAMED_AFTER


_AR_VENUE_ENDS = frozenset(normalize_arabic(w) for w in ["الدولي", "الدولية"])


def _venue_named(text: str, start: int, end: int) -> bool:
    """True when the Arabic name ends in الدولي and a venue word stands up to three words before it:
    the venue's own name, after a word the name finder did not take (مطار مرتالا محمد الدولي)."""
    words = text[start:end].rsplit(None, 1)
    if not words or norm_word(words[-1]) not in _AR_VENUE_ENDS:
        return False
    return any(_bare(w) in _AR_NAMED_AFTER for w in text[max(0, start - 60) : start].split()[-3:])


_EN_STATION = re.compile(r"\bGare (?:(?:de la |de l'|de |du |des |d')(?=[A-Z]))?[A-Z][a-z]+(?:-[A-Z][a-z]+)*")
_EN_PLACE_KINDS = frozenset(
    ["province", "provinces", "region", "regions", "district", "districts", "state", "states", "county", "city", "town", "valley", "area", "governorate", "island", "islands"]
)
_NEXT_WORD = re.compile(r" ([a-z]+)\b")


def _common_word_after(text: str, end: int) -> bool:
    """True when a lowercase word that is no place's kind follows ``end`` (the Commonwealth observer)."""
    m = _NEXT_WORD.match(text, end)
    return m is not None and m[1] not in _EN_PLACE_KINDS and m[1] not in ("and", "or") and m[1] not in _EN_TEAM_WORDS


# "the Rotterdam club", "the Turin side": sport copy names a team by its town, which stays a place
_EN_TEAM_WORDS = frozenset(["club", "side", "team", "outfit", "squad"])


_AIRPORT_WORDS: dict[str, tuple[str, ...]] = {"tr": ("Havalimanı", "Havaalanı"), "en": ("Airport",)}


def _names_airport(text: str, end: int, language: str) -> bool:
    """True when the word after a place ending at ``end`` is an airport's head word
    (Antalya Havalimanı'na, Trabzon Havalimanına, Esenboğa Havaalanı, Sydney Airport)."""
    return text[end : end + 1] == " " and text.startswith(_AIRPORT_WORDS[language], end + 1)


# Venues whose names hold a place (مطار البصرة الدولي, استاد القاهرة): the place is the venue's
# name, not a mention of the town (a port, ميناء, and a cup, كأس أفريقيا, name the place itself).
_AR_VENUES = frozenset(
    normalize_arabic(w) for w in ["استاد", "ستاد", "ملعب", "مطار", "شارع", "مستشفى", "جسر", "قاعة", "مسجد", "مدرسة", "كلية"]
)


# Words before a disease's name (جائحة كورونا, فيروس زيكا, حمى الضنك): a GeoNames town named like
# the disease is no place there
_AR_DISEASE_WORDS = frozenset(
    normalize_arabic(w) for w in ["جائحة", "فيروس", "وباء", "حمى", "متحور", "متحورات", "سلالة"]
)


def _disease_named(text: str, f: Found) -> bool:
    """True when the GeoNames place ``f`` follows a disease word, with or without a proclitic."""
    if f.evidence != "GeoNames" or not text[f.start - 1 : f.start].isspace():
        return False
    before = text[max(0, f.start - 20) : f.start].split()
    if not before:
        return False
    word = normalize_arabic(before[-1])
    return word in _AR_DISEASE_WORDS or (word[:1] in "وبلف" and word[1:] in _AR_DISEASE_WORDS)


def _in_venue(text: str, start: int) -> bool:
    """True when the place at ``start`` follows a venue word (مطار البصرة, باستاد القاهرة), or a
    word right after one (مطار الرباط سلا: an airport named by two towns)."""
    if not text[start - 1 : start].isspace():
        return False
    before = text[max(0, start - 30) : start].rsplit(None, 2)  # the last two words are whole
    if not before:
        return False
    if _bare(before[-1]) in _AR_VENUES:
        return True
    return (
        len(before) >= 2
        and before[-1].isalpha()
        and _bare(before[-2]) in _AR_VENUES
        and not _kind_noun(before[-1])  # مستشفى بمدينة مرسيليا: "in the city of", the town itself
    )


_AR_PLACE_KINDS = frozenset(normalize_arabic(w) for w in ["مدينة", "بلدة", "ولاية", "محافظة", "منطقة", "جزيرة", "إقليم", "قرية"])


def _kind_noun(word: str) -> bool:
    """True for a place's kind noun, bare or after ب / و / ل / في (بمدينة, وولاية)."""
    n = norm_word(word)
    return n in _AR_PLACE_KINDS or any(n.startswith(c) and n[len(c) :] in _AR_PLACE_KINDS for c in ("وب", "ب", "و", "ل"))


def _share(text: str, f: Found) -> bool:
    """True when a name starts with a share word (سهم الأهلي: the company's share) or a venue's
    or an institution's word (مجمع خليفة الدولي: the venue, named after a person or not)."""
    first = text[f.start : f.end].split(maxsplit=1)
    return len(first) == 2 and _bare(first[0]) in _AR_NAMED_AFTER


def _adjective_after_noun(text: str, f: Found) -> bool:
    """True when a place written like a feminine nationality adjective (السعودية) follows a
    definite noun (الحكومة السعودية, الأسهم السعودية): the adjective of that noun."""
    surface = text[f.start : f.end]
    if " " in surface or not surface.startswith("ال") or not surface.endswith("ية"):
        return False
    before = text[max(0, f.start - 30) : f.start]
    if not before.endswith(" "):
        return False
    words = before.split()
    # a masculine adjective before it (وزير الخارجية التركي السعودية) cannot agree: the place is an object
    return bool(words) and words[-1].startswith("ال") and len(words[-1]) > 3 and not words[-1].endswith("ي")


def _keywords(counts: Counter[str], pairs: list[tuple[str, str]], taken: set[str]) -> tuple[str, ...]:
    """The keywords of a story's ``pairs`` (headline's, then body's), whose stems ``counts``
    counts."""
    ranked = sorted(
        ((s, n) for s, n in counts.items() if n >= 2 and len(s) >= 3 and not s[0].isdigit()),
        key=lambda i: (-i[1], i[0]),
    )
    wanted = {s for s, _ in ranked}
    pair_counts = Counter(pairs)
    surfaces: dict[str, list[tuple[str, int]]] = {}
    for (token, s), n in pair_counts.items():
        if s in wanted:
            surfaces.setdefault(s, []).append((token, n))
    out: list[str] = []
    for s, _ in ranked:
        surface = min(surfaces[s], key=lambda i: (-i[1], len(i[0]), i[0]))[0]
        if _fold_key(surface) in taken or s in taken:
            continue
        out.append(surface)
        if len(out) == MAX_KEYWORDS:
            break
    return tuple(out)


def _written_forms(text: str, keywords: tuple[str, ...], language: str) -> tuple[str, ...]:
    """Each normalized Arabic keyword as it was first written in ``text`` (hamza, diacritics).

    A keyword is shown as it is when the text's written tokens do not pair one to one with
    the tokens of ``normalize(text, language)``, or when it is not one of them; elsewhere
    than in Arabic a token is shown as it is normalized.
    """
    if language != "ar" or not keywords:
        return keywords
    raw = story_tokens(text)
    folded = normalized_tokens(text, language)
    if len(raw) != len(folded):
        return keywords
    out: list[str] = []
    for k in keywords:
        try:
            out.append(raw[folded.index(k)])  # its first occurrence
        except ValueError:
            out.append(k)
    return tuple(out)


def enrich(body: str, *, headline: str | None = None, language: str | None = None) -> Enrichment:
    """Find people, places, organisations, keywords and 1–3 Media Topics in a story."""
    text = story_text(headline, body) if headline else body
    lang = language or detect_language(text)
    suggestions = find_names(text, lang)
    people = [s.name for s in suggestions if s.kind == "person"]
    places = [s.name for s in suggestions if s.kind == "place"]
    organisations = [s.name for s in suggestions if s.kind == "organisation"]

    pairs = analyze(body, lang)
    if headline:
        pairs = analyze(headline, lang) + pairs
    counts = Counter(map(itemgetter(1), pairs))  # each stem's count, for the keywords and the topics
    taken = {_fold_key(w) for name in (*people, *places, *organisations) for w in name.split()}
    taken |= {s for _, s in analyze(" ".join((*people, *places, *organisations)), lang)}
    keywords = _written_forms(text, _keywords(counts, pairs, taken), lang)
    subjects = choose_subjects_counted(counts, lang)
    return Enrichment(
        lang, tuple(people), tuple(places), tuple(organisations), keywords, subjects, tuple(suggestions)
    )
