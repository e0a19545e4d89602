"""Organisations named in a story, found by a curated table and patterns.

* a curated trilingual table (UN, NATO, OPEC, EU, Anadolu Agency ...),
  returned under the story language's name;
* Arabic: وكالة, شركة, منظمة, وزارة, بنك, جامعة, مجلس ... in construct with
  a definite word (وزارة الخارجية) or a bare name (شركة أرامكو), never an
  indefinite adjective (جامعة روسية is "a Russian university");
* English/Turkish: capitalised phrases ending in an organisation word
  (… Ministry, … Bank, … Bakanlığı, … A.Ş.), "Ministry of …", "Bank of …",
  and acronyms given in parentheses after a name.
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsflow.text.entities import joined, norm_set, norm_word
from newsflow.text.entities import words as story_words
from newsflow.text.gazetteer import fold_key, fold_word, strip_proclitics
from newsflow.text.stem import is_arabic
from newsflow.text.stopwords import STOPWORDS

__all__ = ["find_organisations"]

_AR_ORG_HEADS = norm_set(
    "وكالة شركة منظمة وزارة بنك مصرف جامعة مجلس هيئة حزب صندوق اتحاد حركة مؤسسة محكمة جمعية لجنة"
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


@lru_cache(maxsize=65536)
def _probe(word: str) -> tuple[dict[str, str] | None, tuple[str, ...]]:
    """What ``word`` can start: an acronym's names, or the folded heads of curated keys."""
    bare = word.replace(".", "")
    if bare in _ACRONYMS:
        return _ACRONYMS[bare], ()
    if is_arabic(word):
        return None, tuple(
            h for h in (fold_word(f) for f in strip_proclitics(word)) if h in _ORG_HEADS
        )
    if not word[:1].isupper():
        return None, ()
    folded = fold_word(word)
    return None, (folded,) if folded in _ORG_HEADS else ()


def _curated_orgs(text: str, language: str) -> list[str]:
    words = [w for w, _, _ in story_words(text)]
    found: list[str] = []
    for i, w in enumerate(words):
        acronym, heads = _probe(w)
        if acronym is not None:
            found.append(acronym.get(language) or acronym["en"])
            continue
        if not heads:
            continue
        names = None
        for head in heads:
            longest = min(_ORG_HEADS[head], len(words) - i)
            folded = [fold_word(w) for w in words[i + 1 : i + longest]]
            for length in range(longest, 0, -1):
                names = _ORG_INDEX.get(" ".join([head, *folded[: length - 1]]))
                if names:
                    break
            if names:
                found.append(names.get(language) or names["en"])
                break
    return found


def _arabic_orgs(text: str) -> list[str]:
    words = story_words(text)
    found: list[str] = []
    for i, (w, _, _) in enumerate(words):
        forms = strip_proclitics(w)
        head = next((f for f in forms if f in _AR_ORG_HEADS), None)
        if head is None:
            continue
        parts: list[str] = []
        j = i + 1
        while j < len(words) and len(parts) < 3 and joined(text, words[j - 1], words[j]):
            nxt = norm_word(words[j][0])
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
            surface = w[len(w) - len(head) :] if len(norm_word(w)) == len(w) else head
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
