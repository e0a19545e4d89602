"""Which Arabic words can be part of a person's name, and which cannot.

A name found after a title must end where the name ends: never on a verb
(يستقبل), a preposition or particle (في, مع, بعد), or a common noun (بمراسم,
وفد). Foreign names written in Arabic script (ستارمر, فيدان, غولر) are in no
Arabic dictionary, so "not an Arabic word" is good evidence for "a name".
Arabic given names often *are* dictionary words (كريم, سعيد, خالد), so a list
of given names wins over the dictionary.

Resources, read once on first use:

* **Arramooz** (``arramooz-pysqlite``, GPL-3.0): its verb table (13,942
  verbs, past tense with the vowel of the present) is expanded here into past
  forms and present stems, so a word is a verb when stripping a present
  prefix (ي ت ن أ), a person suffix (ت وا ون ان ين ...) or an object pronoun
  leaves a known form; its noun table (30,215 nouns with broken plurals) and
  its word-frequency list (nouns and adjectives) give common nouns; its
  stop-word table (16,929 forms of particles, prepositions and pronouns with
  their clitics) gives function words; the proper nouns of the word-frequency
  list (5,346, from news text) count as name words whatever the dictionary
  says (بوتين is not ب + وتين).
* **PyArabic** (GPL-3.0): the given names (``nom``) of its proper-noun list.
* A hand-written list below of given names as Turkish, Persian, European and
  Asian names are written in Arabic agency copy.
"""

from __future__ import annotations

import importlib.util
import re
import sqlite3
from functools import cache, lru_cache
from pathlib import Path

from newsflow.text.normalize import normalize_arabic
from newsflow.text.tokenize import word_memo

__all__ = [
    "is_bare_verb",
    "is_given_name",
    "is_lexical",
    "is_noun",
    "is_particle",
    "is_past_form",
    "is_proper_noun",
    "is_verb",
    "name_word",
]

# Given names in Arabic script that the lists below lack or read as words: common Arabic
# ones, and Turkish, Persian, European and Asian ones as agency copy writes them.
_TRANSLITERATED = [
    "رجب", "طيب", "هاكان", "يشار", "كير", "رشي", "بوريس", "ديفيد", "جيمس", "جون", "جورج",
    "دونالد", "جو", "باراك", "إيمانويل", "فرانسوا", "نيكولا", "أولاف", "فريدريش", "أنغيلا",
    "إيغور", "فلاديمير", "سيرغي", "ديمتري", "ميخائيل", "أليكسي", "فولوديمير", "أندريه",
    "بيترو", "جورجا", "ماريو", "سيلفيو", "جوزيبي", "ماتيو", "بيدرو", "بيتر", "بيير", "جان",
    "مارك", "مارتن", "ميشال", "شارل", "أورسولا", "كايا", "جوزيب", "أنطونيو", "خافيير",
    "كارلوس", "لويس", "خوسيه", "ريشي", "ليز", "تيريزا", "كامالا", "هيلاري", "أنتوني", "ماركو",
    "بنيامين", "يائير", "إسحاق", "نفتالي", "إلهام", "جيهون", "حكمت", "صاحبة", "قاسم", "جومارت",
    "صادر", "شوكت", "إمام", "علي", "مسعود", "عثمان", "كوراي", "مولود", "أحمد", "داود", "جودت",
    "نعمان", "أوزغور", "دولت", "كمال", "فاتح", "سليمان", "خلوصي", "إبراهيم", "عمر", "نور",
    "مصطفى", "بكير", "ميرال", "أكرم", "منصور", "شي", "جين", "بينغ", "خان", "لي", "تشيانغ",
    "وانغ", "يي", "ناريندرا", "شهباز", "نواز", "عمران", "فوميو", "شيغيرو", "يوشيهيدي", "يون",
    "سوك", "يول", "جيه", "ميونغ", "جوكو", "برابوو", "أنور", "حسن", "جواد", "عباس", "كريستيانو",
    "ليونيل", "نيمار", "كيليان", "إيرلينغ", "فيكتور", "أوكان", "فينيسيوس", "محمد", "صلاح",
    "ساديو", "كريم", "سيموني", "جورجي", "ماوريسيو", "دوسان", "إيدين", "زيكو", "وليد", "أشرف",
    "توفيق", "زياد", "باسم", "جعفر", "عماد", "رامي", "سامي", "هشام", "طارق", "ماهر", "نبيل",
    "وائل", "أيمن", "هاني", "مروان", "فراس", "ثامر", "فهد", "سعود", "نايف", "بندر", "تركي",
    "راشد", "سلطان", "حمدان", "خليفة", "ناصر", "عادل", "جمال", "فؤاد", "رياض", "سمير", "سميرة",
    "رشيد", "نادية", "ليلى", "هالة", "رانيا", "دينا", "منى", "هدى", "سلوى", "نورة", "أمين", "أولي",
    # frequent Arabic given names PyArabic's list lacks
    "فيصل", "شريف", "رزاق", "مشعل", "جاسم", "هادي", "حيدر", "رائد", "سامر", "نجيب", "فادي",
    "زكي", "مراد", "شادي", "صابر", "علاء", "مازن", "رضا", "حميد", "كاظم", "عدنان", "ياسر",
    "لؤي", "هيثم", "وسام", "مروة", "رنا", "لينا", "ريم", "نوال", "خديجة", "أمل", "ياسمين",
    "إيمان", "رغد", "لمى", "شيماء", "آمنة", "بشرى", "نجلاء", "سناء", "بدر", "نواف",
    "مشاري", "عبدالله", "عبدالرحمن", "عبدالعزيز", "تميم", "حمد", "زايد", "هزاع",
    "طحنون", "نهيان", "مكتوم", "قابوس", "شخبوط", "ثاني", "صقر", "غانم", "معاذ",
    "قصي", "عدي", "نوري", "فالح", "عمار", "قتيبة", "أنس", "باسل", "بشار", "نبيه",
    "رفيق", "سعد", "نجم", "ضياء", "صباح", "جلال", "عزيز", "عزيزة", "نسيم", "خلوق",
    # European, Asian and African given names as Arabic copy writes them
    "يانيك", "نوفاك", "روبرت", "ميشيل", "أولريش", "كريستين", "فرانك", "كيرياكوس", "ستيفانو",
    "كريستالينا", "كارلو", "جيورجيا", "مارين",
    "أوربان", "ألكسندر", "يوري", "دميتري", "فاليري",
    "ستيف", "جيف", "إيلون", "سام", "تيم", "ساتيا", "سوندار", "جنسن", "لاري", "ويليام",
    "ريتشارد", "توماس", "هنري", "تشارلز", "آندرو", "جيروم", "جانيت", "كاثرين", "هانز", "فولفغانغ",
    "أرمين", "إرلينغ", "لامين", "رافينيا",
    # more frequent Arabic given names, and Christian and foreign given names Levantine and
    # Gulf copy writes often, that neither list holds
    "ماجد", "مجدي", "حمدي", "فتحي", "رمزي", "رفعت", "شوقي", "صبري", "لطفي", "عاطف", "ممدوح",
    "وسيم", "نديم", "رامز", "وديع", "شفيق", "خليل", "نادر", "طه",
    "أميرة", "داليا", "ديما", "ريما", "رشا", "غادة", "سوزان", "تمارا", "لبنى", "كوثر", "نعيمة",
    "نبيلة", "سهام", "هناء", "حليمة",
    "بول", "جوزيف", "جوزاف", "دانيال", "إدوارد", "فيليب", "جوليان", "ريك", "رون", "بيار",
    "روبير", "طوني", "نقولا", "شربل", "إيلي", "جبران", "إلياس", "دان", "هانا", "جينين",
    "جوفاني", "كلاوديو", "رينيه", "بريا",
    # Greek, Japanese, Central Asian and Persian given names Gulf and Levantine copy writes, that
    # neither list holds
    "كوستاس", "نيكوس", "يانيس", "ديميتريس", "كيرياكوس", "أليكسيس", "ساتوشي", "هيروشي", "تاكيشي",
    "كينجي", "يوكو", "شينجيرو", "تارو", "سردار", "غوربانغولي", "نورسلطان", "رستم",
    "بهروز", "فرهاد", "كامران", "شهرام",

]


def _arramooz() -> Path | None:
    spec = importlib.util.find_spec("arramooz")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _rows(db: Path, sql: str) -> list[tuple[str, ...]]:
    con = sqlite3.connect(f"file:{db}?mode=ro&immutable=1", uri=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _present_stems(past: str, vocalized: str, future_type: str) -> list[str]:
    """The present-tense stems (after the prefix ي/ت/ن/ا) of a past form, normalized."""
    stems = [past]
    if past.startswith("ا") and len(past) >= 4:
        if vocalized.startswith("اِ") or vocalized.startswith("ا"):
            stems.append(past[1:])  # استقبل → يستقبل, اجتمع → يجتمع
        if len(past) == 4 and vocalized.startswith("أ"):
            if past[2] == "ا":  # أشار → يشير, أفاد → يفيد
                stems.append(past[1] + "ي" + past[3])
            elif past.endswith("ي"):  # أعطى → يعطي
                stems.append(past[1:])
            else:  # أعرب → يعرب; أكّد → يؤكد
                stems.append(past[1:])
                stems.append("و" + past[1:])
    if len(past) == 3:
        middle = {"ضمة": "و", "كسرة": "ي", "فتحة": "ا"}.get(future_type, "")
        if past[1] == "ا" and middle:  # قال → يقول, سار → يسير
            stems.append(past[0] + middle + past[2])
        if past[2] in "اي" and middle:  # دعا → يدعو, مضى → يمضي
            stems.append(past[:2] + ("ي" if middle == "ا" else middle))
        if past[0] == "و":  # وصل → يصل, وضع → يضع
            stems.append(past[1:])
    return stems


@cache
def _load() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """Past forms, present stems, nouns, particles and given names, all normalized."""
    past: set[str] = set()
    present: set[str] = set()
    nouns: set[str] = set()
    particles: set[str] = set()
    names: set[str] = set()
    proper_nouns: set[str] = set()
    data = _arramooz()
    if data is not None:
        for unvoc, voc, future in _rows(
            data / "arabicdictionary.sqlite", "select unvocalized, vocalized, future_type from verbs"
        ):
            p = normalize_arabic(unvoc)
            past.add(p)
            present.update(_present_stems(p, voc or "", future or ""))
        for unvoc, plurals, wordtype in _rows(
            data / "arabicdictionary.sqlite", "select unvocalized, broken_plural, wordtype from nouns"
        ):
            n = normalize_arabic(unvoc)
            nouns.add(n)
            if "جامد" in (wordtype or "") or "مصدر" in (wordtype or ""):
                nouns.add("#" + n)  # a plain noun: its duals and sound plurals are nouns too
            for plural in (plurals or "").split(";"):
                plural = normalize_arabic(plural).strip()
                if plural and " " not in plural:
                    nouns.add(plural)
        for word, kind in _rows(data / "wordfreq.sqlite", "select unvocalized, word_type from wordfreq"):
            w = normalize_arabic(word)
            if kind == "verb":
                past.add(w)
            elif kind in ("noun", "adj", "adv", "noun_quant", "adj_num"):
                nouns.add(w)
            elif kind == "noun_prop":
                proper_nouns.add(w)
        for (word,) in _rows(data / "stopwords.sqlite", "select unvocalized from STOPWORDS"):
            particles.add(normalize_arabic(word))
    try:
        from pyarabic.propernouns import TEXT as proper
    except ImportError:  # pragma: no cover - the dependency is declared
        proper = ""
    for line in proper.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[1] == "nom":
            names.add(normalize_arabic(parts[0]))
            _RAW_NAMES.add(_MARKS.sub("", parts[0]))
    names.update(normalize_arabic(w) for w in _TRANSLITERATED)
    _RAW_NAMES.update(_TRANSLITERATED)
    _PROPER.update(proper_nouns)
    return frozenset(past), frozenset(present), frozenset(nouns), frozenset(particles), frozenset(names)


_PROPER: set[str] = set()
_RAW_NAMES: set[str] = set()


_PROCLITICS = ("وس", "فس", "و", "ف", "س", "ل", "ب")
_ARTICLES = ("ال", "وال", "فال", "بال", "كال", "لل")
_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")
_PAST_SUFFIXES = ("تما", "تم", "تن", "وا", "تا", "نا", "ت", "ا", "ن", "")
_PRESENT_SUFFIXES = ("ون", "ان", "ين", "وا", "ن", "ا", "")
_OBJECTS = ("هما", "هم", "ها", "ه", "كم", "ك", "ني", "نا", "")
_POSSESSIVES = ("هما", "هم", "ها", "ه", "")
_NOUN_ENDINGS = ("ين", "ان", "ون", "ات", "ي")


def _bases(word: str, proclitics: tuple[str, ...] = _PROCLITICS) -> list[str]:
    out = [word]
    for p in proclitics:
        if word.startswith(p) and len(word) - len(p) >= 2:
            out.append(word[len(p) :])
    return out


@lru_cache(maxsize=65536)
def is_verb(word: str, conjunctions: bool | None = True) -> bool:
    """True when ``word`` is a form of a dictionary verb.

    With ``conjunctions`` false, a leading و/ف/ل/ب is not read as a clitic
    (inside a name, فيدان is not ف + يدان); the future's س still is.
    """
    past, present, _, _, _ = _load()
    w = normalize_arabic(word)
    clitics = _PROCLITICS if conjunctions else ("س",) if conjunctions is False else ()
    for base in _bases(w, clitics):
        for obj in _OBJECTS:
            if obj and not base.endswith(obj):
                continue
            core = base[: len(base) - len(obj)] if obj else base
            if len(core) < 3:
                continue
            for suffix in _PAST_SUFFIXES:
                if (not suffix or core.endswith(suffix)) and core[: len(core) - len(suffix)] in past:
                    return True
            # the first person's أ is written with hamza above: إلبان and آصف are no verbs
            if core[0] in "يتن" or (core[0] == "ا" and _MARKS.sub("", word)[len(w) - len(base) :][:1] in "أا"):
                stem = core[1:]
                for suffix in _PRESENT_SUFFIXES:
                    if (not suffix or stem.endswith(suffix)) and stem[: len(stem) - len(suffix)] in present:
                        return True
    return False


@word_memo
def is_particle(word: str) -> bool:
    """True for prepositions, conjunctions, pronouns and other function words (with clitics)."""
    return normalize_arabic(word) in _load()[3]


@lru_cache(maxsize=65536)
def _is_noun(word: str, conjunctions: bool | None = True) -> bool:
    nouns = _load()[2]
    w = normalize_arabic(word)
    clitics = _PROCLITICS if conjunctions else ("ب", "ل", "ك") if conjunctions is False else ()
    article = _MARKS.sub("", word).startswith(_ARTICLES)
    for base in _bases(w, clitics):
        if base.startswith("ال") and len(base) > 3 and (article or base != w):
            base = base[2:]  # إلبان folds to البان but has no article
        for pos in _POSSESSIVES:
            if pos and not base.endswith(pos):
                continue
            core = base[: len(base) - len(pos)] if pos else base
            if core in nouns or (core.endswith("ت") and core[:-1] + "ه" in nouns):
                return True
        if base.endswith("ا") and len(base) >= 4 and base[:-1] in nouns:
            return True  # accusative: اجتماعا
        for ending in _NOUN_ENDINGS:
            if base.endswith(ending) and "#" + base[: -len(ending)] in nouns:
                return True
            # مجموعتين, حكومتان: the dual of a noun in ة
            if ending in ("ين", "ان") and base.endswith("ت" + ending) and base[: -len(ending) - 1] + "ه" in nouns:
                return True
    return False


@word_memo
def is_lexical(word: str) -> bool:
    """True when ``word`` is an Arabic verb, common noun or function word."""
    return is_particle(word) or is_verb(word) or _is_noun(word)


@word_memo
def is_given_name(word: str) -> bool:
    """True for a listed given name (Arabic, or a foreign one as written in Arabic).

    Folding makes على (on) look like علي and أمام (before) like إمام: a word
    that folds to a function word counts only when written exactly as a name.
    """
    folded = normalize_arabic(word)
    if folded not in _load()[4]:
        return False
    return not is_particle(word) or _MARKS.sub("", word) in _RAW_NAMES


@word_memo
def is_bare_verb(word: str) -> bool:
    """True when ``word`` is a verb as written: a past form, or a present prefix on a stem.

    No suffix, object pronoun or conjunction is read off, so a foreign surname that
    only parses as a verb by splitting it (قالن = قال + ن, بارزاني = بارز + ا + ني,
    فليك = فلى + ك) is not one.
    """
    past, present, _, _, _ = _load()
    w = normalize_arabic(word)
    if w in past:
        return True
    if len(w) >= 4 and w[0] in "يتن" and w[1:] in present:
        return True
    return len(w) >= 5 and w[0] == "س" and w[1] in "يتن" and w[2:] in present


def is_proper_noun(word: str) -> bool:
    """True for a proper noun of Arramooz's news word-frequency list (بوتين, أردوغان)."""
    _load()
    return normalize_arabic(word) in _PROPER


def is_past_form(word: str) -> bool:
    """True when ``word`` is itself a dictionary verb's past form (دار), no affix read off."""
    return normalize_arabic(word) in _load()[0]


@word_memo
def name_word(word: str) -> bool:
    """Whether ``word`` (no article, no conjunction) can be a word of a person's name."""
    if is_given_name(word):
        return True
    if is_particle(word) or is_verb(word, None) or _is_noun(word, None):
        return False
    if normalize_arabic(word) in _PROPER:
        return True  # بوتين is a name, not ب + وتين
    return not (is_verb(word, conjunctions=False) or _is_noun(word, conjunctions=False))


def is_noun(word: str) -> bool:
    """True when ``word`` itself (no clitics read off) is a dictionary noun or adjective."""
    return _is_noun(word, None)
