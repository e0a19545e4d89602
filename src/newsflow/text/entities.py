"""People and organisations found by pattern, for story enrichment.

No trained model ships with newsflow, so entities come from patterns an
editor would recognise. Precision matters more than recall: a wrong person in
a story's metadata is worse than a missing one.

People
    * a title (الرئيس, وزير, الملك, President, Minister, Mr, Cumhurbaşkanı,
      Bakan ...) followed, after at most two adjective/country words
      (الرئيس الروسي ..., Russian President ...), by one to three name words;
    * Arabic: a reporting verb (قال, أكد, أوضح, أضاف, لفت ...) directly followed
      by a word that is not a function word, not definite and not a place,
      when that word occurs at least twice in the story (proclitics stripped);
    * English/Turkish: two or three capitalised words, not at a sentence
      start, none a place, title or organisation word, whose last word recurs.

Organisations
    * a curated trilingual table (UN, NATO, OPEC, EU, Anadolu Agency ...);
    * Arabic: وكالة, شركة, منظمة, وزارة, بنك, جامعة, مجلس ... in construct with
      a definite word (وزارة الخارجية) or a bare name (شركة أرامكو), never an
      indefinite adjective (جامعة روسية is "a Russian university");
    * English/Turkish: capitalised phrases ending in an organisation word
      (… Ministry, … Bank, … Bakanlığı, … A.Ş.) or "Ministry of …", "Bank of …".
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsflow.text.gazetteer import fold_key, fold_word, strip_proclitics
from newsflow.text.normalize import normalize_arabic
from newsflow.text.stem import is_arabic
from newsflow.text.stopwords import STOPWORDS

__all__ = ["find_organisations", "find_people"]

_TOKEN = re.compile(r"[^\W_](?:[^\W_]|[\u064b-\u065f\u0670\u0640.’'-](?=[^\W_]))*\.?")


def _norm_set(text: str) -> frozenset[str]:
    return frozenset(normalize_arabic(w) for w in text.split())


_AR_TITLES = _norm_set(
    "رئيس الرئيس الملك العاهل الأمير أمير وزير الوزير السيد السيدة الشيخ المستشار نظيره "
    "زعيم الزعيم السلطان البابا الجنرال رئيسة وزيرة النائب السفير المتحدث"
)
_AR_VERBS = _norm_set(
    "قال وقال أكد وأكد أوضح وأوضح أضاف وأضاف أشار وأشار لفت ولفت تابع وتابع وجه ووجه "
    "بحث ناقش أعرب وأعرب صرح وصرح دعا ودعا شدد وشدد اعتبر واعتبر"
)
_AR_NAME_JOINERS = _norm_set("عبد أبو أبي بن بنت")
_AR_ORG_HEADS = _norm_set(
    "وكالة شركة منظمة وزارة بنك مصرف جامعة مجلس هيئة حزب صندوق اتحاد حركة مؤسسة محكمة جمعية لجنة"
)
_LATIN_TITLES = frozenset(
    [
        "President",
        "Minister",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "King",
        "Queen",
        "Prince",
        "Princess",
        "Sheikh",
        "Chancellor",
        "Secretary",
        "Senator",
        "General",
        "Pope",
        "Ambassador",
        "Governor",
        "Mayor",
        "Speaker",
        "Emir",
        "Sultan",
        "Premier",
        "Prof",
        "Cumhurbaşkanı",
        "Başbakan",
        "Bakan",
        "Bakanı",
        "Sayın",
        "Başkanı",
        "Kral",
        "Prens",
        "Büyükelçisi",
        "Valisi",
        "Sekreteri",
        "Lideri",
        "Şeyh",
    ]
)
_LATIN_ROLES = frozenset(
    [
        "coach",
        "striker",
        "spokesman",
        "spokeswoman",
        "chairman",
        "chairwoman",
        "ceo",
        "captain",
        "envoy",
        "teknik",
        "direktör",
        "sözcüsü",
    ]
)
_LATIN_JOINERS = frozenset(["bin", "bint", "ibn", "al", "el", "van", "von", "de", "da"])
_LATIN_NOT_NAMES = frozenset(
    [
        "The",
        "A",
        "An",
        "In",
        "On",
        "At",
        "For",
        "And",
        "But",
        "Of",
        "To",
        "By",
        "With",
        "From",
        "As",
        "It",
        "This",
        "That",
        "He",
        "She",
        "They",
        "We",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Ministry",
        "Bank",
        "Agency",
        "Company",
        "Council",
        "Union",
        "Party",
        "University",
        "Foreign",
        "Prime",
        "Deputy",
        "State",
        "Foreign",
        "Defence",
        "Defense",
        "Energy",
        "Trade",
        "Economy",
        "Russian",
        "Azerbaijani",
        "Turkish",
        "American",
        "British",
        "Chinese",
        "Iranian",
        "Statement",
        "Sea",
        "Ocean",
        "Gulf",
        "Strait",
        "North",
        "South",
        "East",
        "West",
        "Central",
        "Bakanlığı",
        "Cumhuriyeti",
        "Devlet",
        "Dışişleri",
        "Enerji",
        "Ticaret",
        "Ekonomi",
    ]
)
_LATIN_ORG_HEADS = (
    "Ministry|Bank|Agency|Company|Corporation|Council|Union|Organization|Organisation|Party|"
    "University|Fund|Association|Commission|Group|Authority|Committee|Institute|Court|"
    "Parliament|Assembly|Federation|League|Inc\\.|Ltd\\.?|Bakanlığı|Bankası|Üniversitesi|"
    "Ajansı|Şirketi|Kurumu|Partisi|Örgütü|Birliği|Meclisi|Konseyi|Derneği|Vakfı|Holding|"
    "Federasyonu|Başkanlığı|A\\.Ş\\."
)
_CAP = r"[A-ZÇĞİÖŞÜ][\wçğıöşü&'’-]*"
_LATIN_ORG = re.compile(
    rf"\b(?:{_CAP}\s+(?:(?:of|for|and|the|de|ve)\s+)?){{1,4}}(?:{_LATIN_ORG_HEADS})(?!\w)"
    rf"(?:\s+of\s+(?:the\s+)?{_CAP}(?:\s+{_CAP}){{0,2}})?"
    rf"|\b(?:Ministry|Bank|University|Council|Department|Bureau) (?:of|for) (?:the )?{_CAP}(?:\s+{_CAP}){{0,2}}"
)
_ACRONYM = re.compile(r"\(([A-ZÇĞİÖŞÜ]{2,6})\)")

# (English, Arabic, Turkish, aliases)
_ORGS: list[tuple[str, str, str, tuple[str, ...]]] = [
    ("United Nations", "الأمم المتحدة", "Birleşmiş Milletler", ("UN", "U.N.", "BM")),
    ("NATO", "حلف شمال الأطلسي", "NATO", ("الناتو", "حلف الناتو")),
    ("OPEC", "أوبك", "OPEC", ("منظمة أوبك",)),
    ("European Union", "الاتحاد الأوروبي", "Avrupa Birliği", ("EU", "AB")),
    ("World Bank", "البنك الدولي", "Dünya Bankası", ()),
    ("International Monetary Fund", "صندوق النقد الدولي", "Uluslararası Para Fonu", ("IMF",)),
    (
        "UN Security Council",
        "مجلس الأمن الدولي",
        "BM Güvenlik Konseyi",
        ("Security Council", "مجلس الأمن"),
    ),
    ("Arab League", "جامعة الدول العربية", "Arap Birliği", ()),
    (
        "Organisation of Islamic Cooperation",
        "منظمة التعاون الإسلامي",
        "İslam İşbirliği Teşkilatı",
        ("OIC", "İİT"),
    ),
    (
        "Gulf Cooperation Council",
        "مجلس التعاون الخليجي",
        "Körfez İşbirliği Konseyi",
        ("GCC", "KİK"),
    ),
    ("World Health Organization", "منظمة الصحة العالمية", "Dünya Sağlık Örgütü", ("WHO", "DSÖ")),
    ("Anadolu Agency", "وكالة الأناضول", "Anadolu Ajansı", ()),
    (
        "Organization of Turkic States",
        "منظمة الدول التركية",
        "Türk Devletleri Teşkilatı",
        ("OTS", "TDT"),
    ),
    (
        "Shanghai Cooperation Organisation",
        "منظمة شنغهاي للتعاون",
        "Şanghay İşbirliği Örgütü",
        ("SCO", "ŞİÖ"),
    ),
    ("African Union", "الاتحاد الأفريقي", "Afrika Birliği", ("AU",)),
    ("Red Crescent", "الهلال الأحمر", "Kızılay", ()),
    ("FIFA", "الاتحاد الدولي لكرة القدم", "FIFA", ("فيفا",)),
]
_ORG_INDEX: dict[str, dict[str, str]] = {}
_ACRONYMS: dict[str, dict[str, str]] = {}
for _en, _ar, _tr, _aliases in _ORGS:
    _names = {"en": _en, "ar": _ar, "tr": _tr}
    for _alias in (_en, _ar, _tr, *_aliases):
        if _alias.replace(".", "").isupper() and not is_arabic(_alias):
            _ACRONYMS[_alias.replace(".", "")] = _names
        else:
            _ORG_INDEX.setdefault(fold_key(_alias), _names)
_ORG_HEADS: dict[str, int] = {}
for _key in _ORG_INDEX:
    _first = _key.partition(" ")[0]
    _ORG_HEADS[_first] = max(_ORG_HEADS.get(_first, 0), _key.count(" ") + 1)


# Word-level folding is called for every word by every finder; words repeat.
_norm_word = lru_cache(maxsize=65536)(normalize_arabic)


@lru_cache(maxsize=4)
def _words(text: str) -> tuple[tuple[str, int, int], ...]:
    """Words with offsets; cached because every finder walks the same story."""
    return tuple((m.group().rstrip("."), m.start(), m.end()) for m in _TOKEN.finditer(text))


def _joined(text: str, a: tuple[str, int, int], b: tuple[str, int, int]) -> bool:
    """True when only spaces (or an abbreviation's full stop) separate two words."""
    gap = text[a[2] : b[1]]
    return gap.strip() == "" or (gap.strip() == "." and a[0] in _LATIN_TITLES)


def _arabic_bare(word: str) -> str:
    """The word without proclitics, as written (diacritics kept) when possible."""
    forms = strip_proclitics(word)
    bare = forms[-1] if len(forms) > 1 and forms[-1] in _AR_TITLES | _AR_ORG_HEADS else forms[0]
    return bare


def _written(word: str, base: str) -> str:
    """``word`` as written, minus the proclitics that ``base`` (normalized) lacks."""
    if len(_norm_word(word)) == len(word):
        return word[len(word) - len(base) :]
    return base


def _arabic_people(text: str, places: set[str]) -> list[str]:
    words = _words(text)
    stop = STOPWORDS["ar"]
    counts: dict[str, int] = {}
    for w, _, _ in words:
        for form in set(strip_proclitics(w)):
            counts[form] = counts.get(form, 0) + 1

    def name_like(word: str, after: str | None = None) -> str | None:
        forms = strip_proclitics(word)
        base = forms[0]
        compound = after in _AR_NAME_JOINERS and base.startswith("ال")  # عبد العزيز
        if base in stop or (base.startswith("ال") and not compound) or len(base) < 2:
            return None
        if any(fold_word(f) in places for f in forms) or base in _AR_TITLES:
            return None
        return base

    people: list[str] = []
    for i, (w, _, _) in enumerate(words):
        norm = _norm_word(w)
        bare = [f for f in strip_proclitics(w) if f in _AR_TITLES]
        if bare:
            j = i + 1
            skipped = 0
            while j < len(words) and skipped < 2 and _joined(text, words[j - 1], words[j]):
                nxt = _norm_word(words[j][0])
                if nxt.startswith("ال") or fold_word(nxt) in places or nxt in _AR_TITLES:
                    j += 1
                    skipped += 1
                else:
                    break
            name: list[str] = []
            while j < len(words) and len(name) < 4 and _joined(text, words[j - 1], words[j]):
                base = name_like(words[j][0], _norm_word(name[-1]) if name else None)
                if base is None:
                    break
                name.append(_written(words[j][0], base))
                j += 1
            while name and _norm_word(name[-1]) in _AR_NAME_JOINERS:
                name.pop()
            if name:
                people.append(" ".join(name))
        elif norm in _AR_VERBS and i + 1 < len(words) and _joined(text, words[i], words[i + 1]):
            base = name_like(words[i + 1][0])
            if base is not None and len(base) >= 3 and counts.get(base, 0) >= 2:
                people.append(_written(words[i + 1][0], base))
    return people


def _latin_people(text: str, places: set[str], org_words: set[str]) -> list[str]:
    words = _words(text)
    people: list[str] = []
    last_counts: dict[str, int] = {}
    for w, _, _ in words:
        if w[:1].isupper():
            last_counts[w] = last_counts.get(w, 0) + 1

    def is_name(w: str) -> bool:
        return (
            w[:1].isupper()
            and not w.isupper()
            and w not in _LATIN_NOT_NAMES
            and w not in _LATIN_TITLES
            and fold_word(w) not in places
            and w not in org_words
        )

    i = 0
    while i < len(words):
        w, start, _ = words[i]
        titled = w in _LATIN_TITLES or w.casefold() in _LATIN_ROLES
        sentence_start = i == 0 or text[:start].rstrip()[-1:] in '.!?"“«\n'
        j = i + 1 if titled else i
        name: list[str] = []
        while j < len(words) and len(name) < 4:
            word = words[j][0]
            joiner = (
                name and word in _LATIN_JOINERS and j + 1 < len(words) and is_name(words[j + 1][0])
            )
            if not (is_name(word) or joiner):
                break
            if j > i and not _joined(text, words[j - 1], words[j]):
                break
            name.append(word)
            j += 1
        if (titled and name) or (
            not titled and len(name) >= 2 and not sentence_start and last_counts[name[-1]] >= 2
        ):
            people.append(" ".join(name))
        i = max(j, i + 1)
    return people


def _dedupe_people(found: list[str]) -> list[str]:
    """Keep the first mention order; a surname alone folds into the full name."""
    full = sorted(set(found), key=lambda n: -len(n.split()))
    kept: list[str] = []
    for name in full:
        if not any(name != k and k.split()[-1] == name.split()[-1] and name in k for k in kept):
            kept.append(name)
    order = {n: found.index(n) for n in kept}
    return sorted(kept, key=order.__getitem__)


def find_people(
    text: str, language: str, places: set[str], organisations: list[str] | None = None
) -> list[str]:
    """People named in ``text``.

    ``places`` holds the gazetteer keys found in the text; ``organisations``
    (found already by the caller, or found here) keeps "Merkez Bankası" out.
    """
    if language == "ar":
        found = _arabic_people(text, places)
    else:
        orgs = find_organisations(text, language) if organisations is None else organisations
        org_words = {w for org in orgs for w in org.split()}
        found = _latin_people(text, places, org_words)
    return _dedupe_people(found)


def _curated_orgs(text: str, language: str) -> list[str]:
    words = [w for w, _, _ in _words(text)]
    folded = [fold_word(w) for w in words]
    found: list[str] = []
    for i, w in enumerate(words):
        bare = w.replace(".", "")
        if bare in _ACRONYMS:
            found.append(_ACRONYMS[bare].get(language) or _ACRONYMS[bare]["en"])
            continue
        if not (is_arabic(w) or w[:1].isupper()):
            continue
        heads = [fold_word(f) for f in strip_proclitics(w)] if is_arabic(w) else [folded[i]]
        heads = [h for h in heads if h in _ORG_HEADS]
        names = None
        for head in heads:
            for length in range(min(_ORG_HEADS[head], len(words) - i), 0, -1):
                names = _ORG_INDEX.get(" ".join([head, *folded[i + 1 : i + length]]))
                if names:
                    break
            if names:
                found.append(names.get(language) or names["en"])
                break
    return found


def _arabic_orgs(text: str) -> list[str]:
    words = _words(text)
    found: list[str] = []
    for i, (w, _, _) in enumerate(words):
        forms = strip_proclitics(w)
        head = next((f for f in forms if f in _AR_ORG_HEADS), None)
        if head is None:
            continue
        parts: list[str] = []
        j = i + 1
        while j < len(words) and len(parts) < 3 and _joined(text, words[j - 1], words[j]):
            nxt = _norm_word(words[j][0])
            if nxt in STOPWORDS["ar"]:
                break
            if nxt.startswith("ال"):
                parts.append(words[j][0])
            elif not parts and not nxt.endswith(("ه", "ي")) and len(nxt) >= 3:
                parts.append(words[j][0])
                break
            else:
                break
            j += 1
        if parts:
            surface = w[len(w) - len(head) :] if len(_norm_word(w)) == len(w) else head
            found.append(" ".join([surface, *parts]))
    return found


def find_organisations(text: str, language: str) -> list[str]:
    """Organisations named in ``text``, in order of first mention, without repeats."""
    found = _curated_orgs(text, language)
    if language == "ar":
        found += _arabic_orgs(text)
    else:
        for m in _LATIN_ORG.finditer(text):
            name = re.sub(r"^(?:The|In|At|On|By|For|With|From)\s+", "", m.group())
            found.append(name)
        found += [m.group(1) for m in _ACRONYM.finditer(text)]
    seen: dict[str, str] = {}
    for name in found:
        seen.setdefault(fold_key(name), name)
    keys = list(seen)
    # drop a name that is contained in a longer one found too ("Bank" in "World Bank")
    return [seen[k] for k in keys if not any(k != o and f" {k} " in f" {o} " for o in keys)]
