"""Places the gazetteer lacks, found where the text says what they are.

A town, district or island too small for the place index is still a place when the
copy names its kind: ولاية ملاطية, مدينة غابالا, بلدة X (Arabic, the name
after the kind noun; the name must not be an Arabic dictionary word), Pütürge
ilçesinde, Gebele kentinde (Turkish, the capitalised name before the kind
noun), "the town of X" (English). Reason ``pattern``; the name is reported
as written.

The city of an Arabic dateline (``دوغوندوتشي/ الأناضول``) is a place however small:
the dateline says what it is. Its other mentions in the story (with a proclitic
left out: بدوغوندوتشي) are reported with it, reason ``dateline``; a mention inside
an organisation's name (محكمة X الابتدائية) is not.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import compress

from newsflow.text.entities import is_definite, joined, norm_set, norm_word, word_strings
from newsflow.text.entities import words as story_words
from newsflow.text.gazetteer import (
    after_kind_word,
    division_after_kind,
    fold_key,
    is_town_name,
    place_of_word,
    prefix_len,
    strip_proclitics,
)
from newsflow.text.gazetteer import load as load_places
from newsflow.text.lexicon import is_given_name, name_word
from newsflow.text.mentions import Found
from newsflow.text.people_words import AR_TITLES, LATIN_DEMONYMS, LATIN_NOT_NAMES
from newsflow.text.stem import is_arabic
from newsflow.text.tokenize import WordMemo

__all__ = ["find_place_patterns"]

_AR_KINDS = norm_set("مدينة ولاية بلدة بلدية محافظة قرية إقليم معبر ميناء مقاطعة قضاء ناحية جزيرة نهر هور بحيرة وادي مخيم منطقة")
# Plurals and duals of the kinds, before a list joined by و: أقاليم طاطا وزاكورة وورزازات
_AR_PLURAL_KINDS = norm_set(
    "مدن ولايات بلدات بلديات محافظات قرى أقاليم مقاطعات مدينتي ولايتي بلدتي محافظتي إقليمي مدينتا ولايتا محافظتا"
    " نهري أنهار مديريات مديريتي"
)
# Kinds after which a definite word no dictionary holds is a name too (قضاء الجبايش, هور
# الحويزة); a port or a crossing with the article is the facility's name (ميناء الفاو)
_AR_DEFINITE_KINDS = _AR_KINDS - norm_set("معبر ميناء")
_AR_AREA = norm_set("منطقة")
# A governor's title names the division it governs (محافظ ذي قار, والي نهر النيل): read only
# for the divisions of the place table, never for any name
_AR_GOVERNORS = norm_set("محافظ والي")
_MAX_LIST = 6
# first words of Spanish and Portuguese place names written in Arabic (Santa, San, São, Porto, Rio)
# and of Sudanese ones (ود "son of": ود مدني, ود رملي), each followed by the rest of the name
_AR_NAME_OPENERS = norm_set("سانتا سان سانت سانتو ساو بورتو ريو ود")
# the city before "/ agency" on a line of its own (أنقرة/ الأناضول)
_AR_DATELINE_CITY = re.compile(r"^[ \t]*([\u0621-\u064a]{2,}(?: [\u0621-\u064a]{2,}){0,2})\s*/\s*[\u0621-\u064a][\u0621-\u064a ]{1,40}$", re.MULTILINE)
_TR_KINDS = r"(?:ilçesi|ilçesinde|ilçesine|ilçesinden|kenti|kentinde|kentine|kentinden|ili|ilinde|iline|köyü|köyünde|beldesinde|mevkii|mevkiinde|mevkisinde|mahallesinde|ören yeri|ören yerinde|ören yerine|ören yerinden)"
_TR_PLACE = re.compile(rf"(?<![\w'’-])([A-ZÇĞİÖŞÜ][a-zçğıöşü]+)(?:['’][a-zçğıöşü]+)?\s+{_TR_KINDS}(?!\w)")
# a list of villages or towns before the plural kind noun: "Yeşilköy, Dere ve Oba köyleri"
_TR_LISTED = re.compile(
    r"(?<![\w'’-])((?:[A-ZÇĞİÖŞÜ][a-zçğıöşü]+, ){0,4}[A-ZÇĞİÖŞÜ][a-zçğıöşü]+ ve [A-ZÇĞİÖŞÜ][a-zçğıöşü]+)"
    r" (?:köyleri|mahalleleri|beldeleri|ilçeleri)(?:nde|nden|ne|ni)?(?!\w)"
)
_TR_LISTED_NEEDS = ("köyleri", "mahalleleri", "beldeleri", "ilçeleri")
_TR_LISTED_NAME = re.compile(r"[A-ZÇĞİÖŞÜ][a-zçğıöşü]+")
_EN_PLACE = re.compile(
    r"\b(?:city|town|village|province|district|region|state) of "
    r"([A-Z][a-z]+(?: (?:(?:do|de|da|del|dos) )?[A-Z][a-z]+){0,3})\b"
    # Iwate prefecture; not "the Kyrgyz region of Batken", where the name follows "of"
    r"|\b([A-Z][a-z]+(?: [A-Z][a-z]+)?) (?:prefecture|province|county|district|region)\b(?! of )"
)
# a list of names before the plural kind noun: "the Farchana, Metche and Aboutengue camps", "Ouaddai
# and Sila provinces"; and a name in apposition with its kind: "Iriba, a town in Wadi Fira"
_EN_LISTED = re.compile(
    r"\b((?:[A-Z][a-z]+, ){0,4}[A-Z][a-z]+,? and [A-Z][a-z]+) "
    r"(?:provinces|districts|villages|towns|regions|states|camps|governorates|counties|cities)\b"
)
_EN_LISTED_NAME = re.compile(r"[A-Z][a-z]+")
# a list of names after the plural kind noun and "of": "the prefectures of Ouham and Ouham-Pende"
_EN_LISTED_OF = re.compile(
    r"\b(?:provinces|prefectures|districts|regions|states|towns|villages|cities|counties|governorates) of "
    r"((?:[A-Z][a-z]+(?:-[A-Z][a-z]+)?, ){0,4}[A-Z][a-z]+(?:-[A-Z][a-z]+)?,? and [A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b(?![ -][A-Z])"
)
_EN_LISTED_OF_NAME = re.compile(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?")
_EN_APPOSED = re.compile(
    r"\b([A-Z][a-z]+(?: [A-Z][a-z]+)?), an? (?:(?:small|remote|border|coastal|desert|northern|southern|eastern|western) )?"
    r"(?:town|village|city) (?:in|of|near|on)\b"
)
# a river named with its kind word (the Sanaga River), not a body named after it (the Mekong River
# Commission: a capitalised word follows)
_EN_RIVER = re.compile(r"\b([A-Z][a-z]+(?: [A-Z][a-z]+)?) River\b(?![ -][A-Z])")
# Every match of _EN_PLACE holds one of these: a text without them is not scanned (a few
# substring searches cost a fraction of the pattern's scan)
# a compass word opening a division's name of two words (North West province, Western Cape
# province), not before a word of the kind the region is (the Southern Gulf region)
_COMPASS = frozenset(["North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Central"])
_EN_NOT_NAMED = frozenset(["Gulf", "African", "Asian", "European", "American", "Arab", "Atlantic", "Pacific", "Mediterranean"])
_EN_PLACE_NEEDS = ("city of ", "town of ", "village of ", "state of ", "province", "district", "region", "prefecture", "county")
# Turkish names of peninsulas, gulfs, islands, lakes, rivers, streams and straits: the kind word is
# part of the name (Kore Yarımadası, Saros Körfezi, Göksu Deresi), a case ending after an apostrophe is not
_TR_FEATURE = re.compile(
    r"(?<![\w'’-])([A-ZÇĞİÖŞÜ][a-zçğıöşü]+ (?:Yarımadası|Körfezi|Adası|Gölü|Nehri|Boğazı|Deresi|Çayı|Irmağı))(?=['’]|[^\w]|$)"
)


@lru_cache(maxsize=65536)
def _is_kind(word: str) -> bool:
    return any(f in _AR_KINDS for f in strip_proclitics(word))


@lru_cache(maxsize=65536)
def _is_plural_kind(word: str) -> bool:
    return any(f in _AR_PLURAL_KINDS for f in strip_proclitics(word))


def _listed_places(text: str, words: tuple[tuple[str, int, int], ...] | list[tuple[str, int, int]], i: int) -> list[Found]:
    """The names joined by و after the plural kind noun at ``i`` (مدينتي الموصل وكركوك)."""
    out: list[Found] = []
    k = i + 1
    while k < len(words) and k - i <= _MAX_LIST and joined(text, words[k - 1], words[k]):
        w, s, e = words[k]
        bare = w
        if k > i + 1:
            if norm_word(w)[:1] != "و":
                break
            bare, s = w[1:], s + 1
        division = _division(text, words, k, words[i][0], conj=k > i + 1)
        if division is not None:
            # محافظات البصرة وذي قار والمثنى: a division of the place table, one to three words
            out.append(division)
            k += len(division.name.split())
            continue
        if norm_word(bare) in _AR_NAME_OPENERS and k + 1 < len(words) and joined(text, words[k], words[k + 1]):
            # قرى ود حامد والكتياب: an opener and the word after it are one name
            k += 1
            rest, _, e = words[k]
            if is_arabic(rest) and name_word(rest):
                out.append(Found("place", text[s:e], s, e, "pattern", words[i][0]))
        elif is_arabic(bare) and norm_word(bare) not in _AR_KINDS and not _is_kind(w) and (
            name_word(bare) or _indexed(bare) or is_town_name(bare)
        ) and (
            not is_definite(bare) or (out and k > i + 1)
        ):
            # محافظتي حلب وحمص: a town the index holds is a name here though a dictionary holds it too
            # a definite word is a name only inside a list that opened with one (قرى ود حامد والكتياب)
            if _position_follows(text, words, k):
                k += 1  # إقليمي شبيلي السفلى وجوبا الوسطى: the position adjective is part of the name
                e = words[k][2]
            out.append(Found("place", text[s:e], s, e, "pattern", words[i][0]))
        k += 1
    return out


# Adjectives of position that complete a region's name after its kind noun (إقليم كيفو الشمالي,
# شبيلي السفلى, جوبا الوسطى, النيل الأعلى)
_AR_POSITIONS = norm_set(
    "الشمالي الشمالية الجنوبي الجنوبية الشرقي الشرقية الغربي الغربية السفلى السفلي الوسطى الوسطي العليا الأعلى"
)


def _position_follows(text: str, words: tuple[tuple[str, int, int], ...] | list[tuple[str, int, int]], k: int) -> bool:
    """Word ``k + 1`` is a position adjective joined to the name at ``k``."""
    return k + 1 < len(words) and joined(text, words[k], words[k + 1]) and norm_word(words[k + 1][0]) in _AR_POSITIONS


_LIST_END = re.compile(r"[ \t]*(?:[،,.؛;:\n)]|$)")


def _closed_list(text: str, words: tuple[tuple[str, int, int], ...] | list[tuple[str, int, int]], i: int, found: list[Found]) -> list[Found]:
    """Every one-word name of a closed list after the plural kind noun at ``i``, a dictionary word
    included (ولايات إبراء والمضيبي وبدية،): the list says what each is when it ends at punctuation or
    a line end (a definite adjective of the kind may close it: مديريات الخوخة وحيس والمخا الساحلية.)
    and one of its names is a place already (found or indexed). An open list (ولايتي صحار ولوى ويدخل
    الأراضي) or one with no place in it (مدن العالم والمنطقة.) gives nothing more."""
    items: list[tuple[str, int, int]] = []
    k = i + 1
    while k < len(words) and k - i <= _MAX_LIST and joined(text, words[k - 1], words[k]):
        w, s, e = words[k]
        if k > i + 1:
            if norm_word(w)[:1] != "و" or len(w) < 3:
                break
            w, s = w[1:], s + 1
        items.append((w, s, e))
        k += 1
    if len(items) < 2:
        return []
    end = items[-1][2]
    if k < len(words) and joined(text, words[k - 1], words[k]):
        adj = norm_word(words[k][0])
        if not (adj.startswith("ال") and adj.endswith("يه")):
            return []  # the list runs on into other words: where it ends is unknown
        end = words[k][2]
    if not _LIST_END.match(text, end):
        return []
    spans = {(f.start, f.end) for f in found}
    if not any((s, e) in spans or _indexed(w) for w, s, e in items):
        return []
    out: list[Found] = []
    for w, s, e in items:
        n = norm_word(w)
        if not is_arabic(w) or n in _AR_KINDS or n in AR_TITLES or is_given_name(w) or any(a < e and s < b for a, b in spans):
            if any(a < e and s < b for a, b in spans):
                continue
            return []  # a kind noun, title or given name in the list: no list of places
        out.append(Found("place", w, s, e, "pattern", words[i][0]))
    return out


@lru_cache(maxsize=65536)
def _indexed(word: str) -> bool:
    """True when the place index holds ``word`` as written (no proclitic read off)."""
    return fold_key(word) in load_places()[0]


@lru_cache(maxsize=65536)
def _is_governor(word: str) -> bool:
    return any(f in _AR_GOVERNORS for f in strip_proclitics(word))


@lru_cache(maxsize=65536)
def _any_kind(word: str) -> bool:
    return _is_plural_kind(word) or _is_kind(word) or _is_governor(word)


def _division(
    text: str, words: tuple[tuple[str, int, int], ...] | list[tuple[str, int, int]], k: int, cue: str, conj: bool = False
) -> Found | None:
    """The first-level division of the place table named from word ``k`` on (one to three words
    on one line; the first may carry a proclitic, and with ``conj`` the و of a list: وذي قار),
    after the kind noun or title ``cue``."""
    n = 1
    while n < 3 and k + n < len(words) and joined(text, words[k + n - 1], words[k + n]):
        n += 1
    raw, s, _ = words[k]
    if conj:
        raw, s = raw[1:], s + 1
    hit = division_after_kind([raw, *(w for w, _, _ in words[k + 1 : k + n])])
    if hit is None or not is_arabic(raw):
        return None
    _, length, lead = hit
    start = s + prefix_len(raw, lead)
    end = words[k + length - 1][2]
    return Found("place", text[start:end], start, end, "pattern", cue)


@lru_cache(maxsize=65536)
def _definite_name(word: str) -> bool:
    """True for a word written with the article alone (no proclitic) whose rest is no dictionary
    word, given name, title or nisba adjective (الجبايش; not السلام, الرئيس, العراقية)."""
    if not word.startswith("ال") or len(word) < 5:
        return False
    bare = word[2:]
    n = norm_word(word)
    if n.endswith(("يه", "يين", "يون")) or (n.endswith("ي") and len(n) >= 6):
        return False  # العراقية, الإقليمي: an adjective
    return name_word(bare) and not is_given_name(bare) and norm_word(bare) not in AR_TITLES


_ANY_KIND = WordMemo(_any_kind)  # the same test, for every word of a story


@lru_cache(maxsize=65536)
def _after_kind_word(word: str) -> bool:
    return is_arabic(word) and after_kind_word(word) is not None


_AFTER_KIND_WORD = WordMemo(_after_kind_word)


def _coordinated_divisions(text: str) -> list[Found]:
    """A division that is also a word (قابس, قنا) joined by و to a place of its own country (في قابس
    وصفاقس, سوهاج وقنا): the pair says what it is."""
    words = story_words(text)
    out: list[Found] = []
    for k in compress(range(len(words)), map(_AFTER_KIND_WORD.__getitem__, word_strings(text))):
        raw, s, e = words[k]
        hit = after_kind_word(raw)
        if hit is None or not hit[0].country:
            continue
        place, lead = hit
        other = None
        if k + 1 < len(words) and joined(text, words[k], words[k + 1]) and norm_word(words[k + 1][0])[:1] == "و":
            other = place_of_word(words[k + 1][0][1:])
        if (
            (other is None or other.country != place.country)
            and k
            and norm_word(raw)[:1] == "و"
            and joined(text, words[k - 1], words[k])
        ):
            other = place_of_word(words[k - 1][0])
        if other is not None and other.country == place.country and other.id != place.id:
            start = s + prefix_len(raw, lead)
            out.append(Found("place", text[start:e], start, e, "pattern", "و"))
    return out


def _listed_names(m: re.Match[str], name: re.Pattern[str], kind: str) -> list[Found]:
    """Each name of the list ``m`` caught in its group 1, with the list's kind noun as evidence;
    none when a word of it is no name ("the Labour and Green states", "North and South ...")."""
    names = list(name.finditer(m[1]))
    if any(n[0] in LATIN_NOT_NAMES for n in names):
        return []
    at = m.start(1)
    return [Found("place", n[0], at + n.start(), at + n.end(), "pattern", kind) for n in names]


def _dateline_city(text: str) -> list[Found]:
    """The Arabic dateline's city and its other mentions, a proclitic left out."""
    head = text[:600]
    m = _AR_DATELINE_CITY.search(head) if "/" in head else None  # the slash before the agency
    if m is None:
        return []
    city = m[1]
    mention = re.compile(rf"(?<![\w\u064b-\u0652])(?:[وف]?[بل]|[وف])?({re.escape(city)})(?![\w\u064b-\u0652])")
    return [Found("place", city, h.start(1), h.end(1), "dateline", m[0].strip()) for h in mention.finditer(text)]


def find_place_patterns(text: str, language: str, taken: list[tuple[int, int]]) -> list[Found]:
    """Places named after (or before) a word for their kind, outside the ``taken`` spans."""
    out: list[Found] = []
    if language == "ar":
        out += _dateline_city(text)
        words = story_words(text)
        out += _coordinated_divisions(text)
        # only the kind nouns (a cached test per word, not a Python loop over every word)
        for i in compress(range(len(words) - 1), map(_ANY_KIND.__getitem__, word_strings(text))):
            w = words[i][0]
            if _is_plural_kind(w):
                listed = _listed_places(text, words, i)
                out += listed
                out += _closed_list(text, words, i, listed)
                continue
            if not joined(text, words[i], words[i + 1]):
                continue
            division = _division(text, words, i + 1, w)
            if division is not None:
                out.append(division)  # محافظة المثنى, ولاية الجزيرة, والي نهر النيل
                continue
            if not _is_kind(w):
                continue
            nxt, s, e = words[i + 1]
            if not is_arabic(nxt):
                continue
            if is_definite(nxt):
                # قضاء الجبايش, هور الحويزة: a definite name no dictionary holds after the kind
                # after منطقة "area", only a GeoNames town (منطقة الشامية; منطقة اليورو is the eurozone)
                loose = not any(f in _AR_AREA for f in strip_proclitics(w))
                if ((loose and _definite_name(nxt)) or is_town_name(nxt)) and any(
                    f in _AR_DEFINITE_KINDS for f in strip_proclitics(w)
                ):
                    out.append(Found("place", nxt, s, e, "pattern", w))
                continue
            if norm_word(nxt) in _AR_KINDS or (
                not name_word(nxt)
                and norm_word(nxt) not in _AR_NAME_OPENERS
                # ولاية عبري: a GeoNames town after the kind, though the dictionary holds the word (not
                # after a port or a crossing, whose name is the facility's: ميناء صحار)
                and not (is_town_name(nxt) and any(f in _AR_DEFINITE_KINDS for f in strip_proclitics(w)))
            ):
                continue
            if w.endswith("ه") and any(f in AR_TITLES for f in strip_proclitics(w[:-1])):
                continue  # محافظه "its governor" (a title and a pronoun), not محافظة "governorate"
            if norm_word(nxt) in _AR_NAME_OPENERS:
                # سانتا كروز, سان خوسيه, ساو باولو: the name goes on; without a name word after
                # (إقليم سانتا في: Santa Fe or "in") where it ends is unknown, so nothing is suggested
                if i + 2 >= len(words):
                    continue
                last, _, e2 = words[i + 2]
                if not joined(text, words[i + 1], words[i + 2]) or not is_arabic(last) or not name_word(last):
                    continue
                out.append(Found("place", text[s:e2], s, e2, "pattern", w))
                continue
            if _position_follows(text, words, i + 1):
                e = words[i + 2][2]  # إقليم كيفو الشمالي: the position adjective is part of the name
            out.append(Found("place", text[s:e], s, e, "pattern", w))
    elif language == "tr":
        for m in _TR_PLACE.finditer(text):
            out.append(Found("place", m[1], m.start(1), m.end(1), "pattern", m[0]))
        for m in _TR_LISTED.finditer(text) if any(k in text for k in _TR_LISTED_NEEDS) else ():
            for n in _TR_LISTED_NAME.finditer(m[1]):
                if n[0] not in LATIN_NOT_NAMES:
                    s0 = m.start(1) + n.start()
                    out.append(Found("place", n[0], s0, s0 + len(n[0]), "pattern", m[0].rsplit(" ", 1)[1]))
        for m in _TR_FEATURE.finditer(text):
            if m[1].split()[0] not in LATIN_NOT_NAMES:
                out.append(Found("place", m[1], m.start(1), m.end(1), "pattern", m[1].split()[1]))
    else:
        for m in _EN_PLACE.finditer(text) if any(w in text for w in _EN_PLACE_NEEDS) else ():
            g = 1 if m[1] is not None else 2
            parts = m[g].split()
            # the Gulf region: an adjective, no name; North West province: a compass name
            if parts[0] in LATIN_DEMONYMS:
                continue  # the Kyrgyz region: a nationality adjective, no name
            if parts[0] not in LATIN_NOT_NAMES or (len(parts) == 2 and parts[0] in _COMPASS and parts[1] not in _EN_NOT_NAMED):
                out.append(Found("place", m[g], m.start(g), m.end(g), "pattern", m[0]))
        if " and " in text:
            for m in _EN_LISTED.finditer(text):  # Ouham and Bamingui provinces: the kind noun ends it
                out += _listed_names(m, _EN_LISTED_NAME, m[0].rsplit(" ", 1)[1])
            for m in _EN_LISTED_OF.finditer(text):  # the prefectures of Ouham and Ouham-Pende: it opens it
                out += _listed_names(m, _EN_LISTED_OF_NAME, m[0].split(" ", 1)[0])
        for m in _EN_APPOSED.finditer(text) if ", a" in text else ():
            if m[1].split()[0] not in LATIN_NOT_NAMES:
                out.append(Found("place", m[1], m.start(1), m.end(1), "pattern", m[0]))
        for m in _EN_RIVER.finditer(text) if " River" in text else ():
            if m[1].split()[0] not in LATIN_NOT_NAMES and m[1].split()[0] not in LATIN_DEMONYMS:
                out.append(Found("place", m[0], m.start(), m.end(), "pattern", "River"))
    return [f for f in out if not any(a < f.end and f.start < b for a, b in taken)]
