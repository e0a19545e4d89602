"""People named in a story, found by pattern.

No trained model ships with newsflow, so people come from patterns an editor
would recognise. Precision matters more than recall: a wrong person in a
story's metadata is worse than a missing one.

* a title (الرئيس, وزير, الملك, President, Minister, Mr, Cumhurbaşkanı,
  Bakan ...) or a role (coach, spokesman) followed, after at most two
  adjective/country words (الرئيس الروسي ..., Russian President ...), by one to
  four name words (عبد العزيز, bin Salman joined);
* Arabic: a reporting verb (قال, أكد, أوضح, أضاف, لفت ...) directly followed
  by a word that is not a function word, not definite and not a place,
  when that word occurs at least twice in the story (proclitics stripped);
* English/Turkish: two or three capitalised words, not at a sentence start,
  none a place, title or organisation word, whose last word recurs.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from itertools import chain

from newsflow.text.entities import joined, norm_set, norm_word
from newsflow.text.entities import words as story_words
from newsflow.text.gazetteer import fold_word, strip_proclitics
from newsflow.text.stopwords import STOPWORDS

__all__ = ["find_people"]

_AR_TITLES = norm_set(
    "رئيس الرئيس الملك العاهل الأمير أمير وزير الوزير السيد السيدة الشيخ المستشار نظيره "
    "زعيم الزعيم السلطان البابا الجنرال رئيسة وزيرة النائب السفير المتحدث"
)
_AR_VERBS = norm_set(
    "قال وقال أكد وأكد أوضح وأوضح أضاف وأضاف أشار وأشار لفت ولفت تابع وتابع وجه ووجه "
    "بحث ناقش أعرب وأعرب صرح وصرح دعا ودعا شدد وشدد اعتبر واعتبر"
)
_AR_NAME_JOINERS = norm_set("عبد أبو أبي بن بنت")
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


def _written(word: str, base: str) -> str:
    """``word`` as written, minus the proclitics that ``base`` (normalized) lacks."""
    if len(norm_word(word)) == len(word):
        return word[len(word) - len(base) :]
    return base


@lru_cache(maxsize=65536)
def _distinct_forms(word: str) -> tuple[str, ...]:
    return tuple(set(strip_proclitics(word)))


@lru_cache(maxsize=65536)
def _is_title(word: str) -> bool:
    return any(f in _AR_TITLES for f in strip_proclitics(word))


@lru_cache(maxsize=65536)
def _is_cue(word: str) -> bool:
    return _is_title(word) or norm_word(word) in _AR_VERBS


def _arabic_people(text: str, places: set[str]) -> list[str]:
    words = story_words(text)
    stop = STOPWORDS["ar"]
    counts = Counter(chain.from_iterable(_distinct_forms(w) for w, _, _ in words))

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
    # Only a title or a reporting verb can introduce a name: visit those words.
    for i in [i for i, (w, _, _) in enumerate(words) if _is_cue(w)]:
        w = words[i][0]
        if _is_title(w):
            j = i + 1
            skipped = 0
            while j < len(words) and skipped < 2 and joined(text, words[j - 1], words[j]):
                nxt = norm_word(words[j][0])
                if nxt.startswith("ال") or fold_word(nxt) in places or nxt in _AR_TITLES:
                    j += 1
                    skipped += 1
                else:
                    break
            name: list[str] = []
            while j < len(words) and len(name) < 4 and joined(text, words[j - 1], words[j]):
                base = name_like(words[j][0], norm_word(name[-1]) if name else None)
                if base is None:
                    break
                name.append(_written(words[j][0], base))
                j += 1
            while name and norm_word(name[-1]) in _AR_NAME_JOINERS:
                name.pop()
            if name:
                people.append(" ".join(name))
        elif (
            norm_word(w) in _AR_VERBS
            and i + 1 < len(words)
            and joined(text, words[i], words[i + 1])
        ):
            base = name_like(words[i + 1][0])
            if base is not None and len(base) >= 3 and counts.get(base, 0) >= 2:
                people.append(_written(words[i + 1][0], base))
    return people


@lru_cache(maxsize=65536)
def _is_latin_title(word: str) -> bool:
    return word in _LATIN_TITLES or word.casefold() in _LATIN_ROLES


def _char_before(text: str, pos: int) -> str:
    """The last non-space character before ``pos`` ("" at the start of ``text``)."""
    while pos > 0 and text[pos - 1].isspace():
        pos -= 1
    return text[pos - 1 : pos]


def _latin_people(text: str, places: set[str], org_words: set[str]) -> list[str]:
    words = story_words(text)
    people: list[str] = []
    texts = [w for w, _, _ in words]
    last_counts = Counter(w for w in texts if w[:1].isupper())

    known: dict[str, bool] = {}

    def is_name(w: str) -> bool:
        answer = known.get(w)
        if answer is None:
            answer = known[w] = (
                w[:1].isupper()
                and not w.isupper()
                and w not in _LATIN_NOT_NAMES
                and w not in _LATIN_TITLES
                and fold_word(w.replace("’", "'").split("'")[0]) not in places  # Bakü'de
                and w not in org_words
            )
        return answer

    # Most words neither are a title nor start a name: visit only those that do.
    starts = {w: _is_latin_title(w) or is_name(w) for w in set(texts)}
    i = 0
    for k in [k for k, w in enumerate(texts) if starts[w]]:
        if k < i:
            continue  # inside a name already taken
        i = k
        w, start, _ = words[i]
        titled = _is_latin_title(w)
        j = i + 1 if titled else i
        name: list[str] = []
        while j < len(words) and len(name) < 4:
            word = words[j][0]
            joiner = (
                name and word in _LATIN_JOINERS and j + 1 < len(words) and is_name(words[j + 1][0])
            )
            if not (is_name(word) or joiner):
                break
            if j > i and not joined(text, words[j - 1], words[j]):
                break
            name.append(word)
            j += 1
        if (titled and name) or (
            not titled
            and len(name) >= 2
            and last_counts[name[-1]] >= 2
            and not (i == 0 or _char_before(text, start) in '.!?"“«\n')  # a sentence start
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
    text: str, language: str, places: set[str], organisations: list[str] | tuple[str, ...] = ()
) -> list[str]:
    """People named in ``text``.

    ``places`` holds the gazetteer keys found in the text; ``organisations``
    (found by the caller) keeps words such as "Merkez Bankası" out of names.
    """
    if language == "ar":
        found = _arabic_people(text, places)
    else:
        org_words = {w for org in organisations for w in org.split()}
        found = _latin_people(text, places, org_words)
    return _dedupe_people(found)
