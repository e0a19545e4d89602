"""People named in a story, found where the text signals a name.

No trained model ships with newsflow, so people come from evidence an editor
would recognise, and each name ends where the name ends. Precision matters
more than recall: a wrong person costs the editor more than a missing one.

Evidence (the ``reason`` of a mention):

* **title**: a title or role (الرئيس, وزير, السفير, Cumhurbaşkanı, Bakanı,
  Prime Minister, coach ...), possibly followed by words that complete it —
  adjectives and definite words (الرئيس التركي, وزير الخارجية), places
  (أمير قطر), an organisation (الأمين العام لمجلس الأمن القومي), a
  preposition and a place (السفير التركي في لندن, ambassador to London,) —
  then the name. The title is evidence, never part of the name;
* **pattern**: a reporting verb (قال, أكد, said) next to a name;
  Latin-script capitalised words that recur;
* **apposition**: a name followed by a comma and a title or role
  ("Cindy McCain, the agency's executive director");
* **name list**: an Arabic given name (a list, see :mod:`lexicon`)
  followed by more name words;
* **short form**: a surname alone (أردوغان, Erdoğan'ın) where the full name
  occurs in the story; it is reported under the full name.

Where a name ends (Arabic): a verb, particle or common noun (Arramooz, see
:mod:`lexicon`), a definite word, a place or organisation already found, a
title, punctuation, or a word with the conjunction و (a second person). After
بن / عبد / أبو / آل the next word always belongs to the name. Latin script:
capitalised words; an apostrophe suffix (Starmer'ı) ends the name.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from functools import lru_cache
from itertools import compress
from operator import itemgetter, not_

from newsflow.text.entities import is_definite, joined, norm_set, norm_word, word_strings
from newsflow.text.entities import words as story_words
from newsflow.text.gazetteer import fold_word, strip_proclitics
from newsflow.text.gazetteer import load as load_places
from newsflow.text.lexicon import (
    is_bare_verb,
    is_given_name,
    is_lexical,
    is_noun,
    is_particle,
    is_past_form,
    is_proper_noun,
    is_verb,
    name_word,
)
from newsflow.text.mentions import Found
from newsflow.text.people_words import (
    AR_TITLES,
    AR_VERBS,
    LATIN_DEMONYMS,
    LATIN_JOINERS,
    LATIN_NOT_NAMES,
    LATIN_ROLES,
    LATIN_TITLES,
    LATIN_VERBS,
)
from newsflow.text.stem import is_arabic
from newsflow.text.stopwords import STOPWORDS
from newsflow.text.tokenize import WordMemo, word_memo

__all__ = ["find_people"]

# Given names Arabic copy writes with the article (الحسن واتارا, الطيب البكوش, المختار ولد داداه)
_AR_DEFINITE_GIVEN = norm_set(
    "الحسن الحسين الهادي المختار الطيب البشير الصادق المهدي العربي المنصف الحبيب الطاهر الباجي الناصر"
    " الأزهر المنجي الشاذلي العياشي العيد السعيد الخليل الفاضل"
)
# kind nouns a governor's or a mayor's title names its place with (حاكمة إقليم X, عمدة مدينة X)
_AR_PLACE_KINDS = norm_set("إقليم ولاية محافظة مقاطعة مدينة بلدية منطقة جزيرة")
_AR_ORDINALS = norm_set("الأول الثاني الثالث الرابع الخامس السادس السابع الثامن التاسع العاشر")
# The second word of a theophoric family name (حمد الله, عطا المنان, فضل المولى, حسب الرسول):
# with the word before it, one name
_AR_DIVINE = norm_set("الله المنان الرحمن المولى الرسول الرب")
_AR_COMPOUND_ENDS = _AR_DIVINE | norm_set("الدين")
# the second halves of two-word given names (نور الهدى, سيف الإسلام, خير الدين, نور الله)
_AR_COMPOUND_SECONDS = _AR_COMPOUND_ENDS | norm_set("الهدى الإسلام الحق الزمان")
_AR_JOINERS = norm_set("بن بنت ابن عبد أبو أبي آل فون فان دي دير دا ولد منت")  # ولد / منت: محمد ولد الشيخ الغزواني, مريم منت أحمد
# A match report: a verb of scoring, the player, then what he scored (… أن يضيف X Y الهدف الثاني)
_AR_SCORING_VERBS = norm_set("يضيف أضاف يعادل عادل افتتح يفتتح سجل يسجل أحرز يحرز")
_AR_SCORED = norm_set("الهدف النتيجة التسجيل هدف هدفا")
_AR_CHAIN_LINKS = norm_set("بن بنت ابن آل")
_AR_OULD = norm_set("ولد منت")
_AR_CHAIN_OPENERS = norm_set("بن بنت ابن عبد")  # after a first word: a name whatever that word is
_AR_NOBILIARY = norm_set("دا دي دو دوس فون فان")  # the particles inside European names
_AR_OUTGOING = norm_set("المنتهية المنتهيه")
_AR_TERM = norm_set("ولايته ولايتها")
_AR_QUANTIFIERS = norm_set("جميع كل بعض كافة سائر معظم أغلب")
_AR_STAR = norm_set("نجم نجمة")  # the star of a match, in construct after a player's name
_AR_PREPOSITIONS = norm_set("في لدى باسم عن لشؤون بشأن")
_AR_IN_IT = norm_set("فيها فيه لديها لديه")
_AR_TO = norm_set("إلى")  # المبعوثة إلى X: only before a place found
_AR_DESCRIPTORS = norm_set("شركة فريق نادي مجموعة")
_AR_PARTY_WORDS = norm_set("حزب حركة تيار كتلة تحالف ائتلاف")  # النائب عن كتلة X …
_AR_BODIES = norm_set("حكومة دائرة هيئة جهاز مجلس وزارة إدارة لجنة مكتب بعثة مؤسسة غرفة قسم")  # قسم: a department (رئيس قسم الطوارئ)
_LATIN_PREPOSITIONS = frozenset(["to", "of", "at", "for", "in"])
_APOSTROPHE = re.compile(r"['’]")
_TR_CLITICS = frozenset(["da", "de"])
_TR_LOCATIVE = re.compile(r"['’][dt][ae]$")  # Kemer'de, Bodrum'da, Tokat'ta
_APOSTROPHE_S = re.compile(r"['’]s$")
_TR_INSTITUTION = re.compile(r"(?:lığı|liği|luğu|lüğü|lığın|liğin)$")  # Müdürlüğü, Başkanlığı
# Arabic article joined by a hyphen in Latin script: es-Sisi, al-Assad, el-Erian
_HYPHEN_ARTICLE = re.compile(r"^(?:al|el|es|ed|er|et|en|ez|as|ad|ar|at|az|aş)-[A-ZÇĞİÖŞÜ][a-zçğıöşü]")
# A Turkish common word opening a sentence with a case ending (Ziyarette, Görüşmede): a
# proper name takes its case ending after an apostrophe (Fidan'a), so this is no name.
_TR_CASE_WORD = re.compile(r"^[A-ZÇĞİÖŞÜ][a-zçğıöşü]{3,}(?:[dt][ae]n?|nd[ae]n?)$")
# A team's nickname in a case (Sarı-kırmızılılarda, Lacivert-beyazlılara): a colour compound,
# lower case after its hyphen, is never a name word, wherever it stands
_TR_NICKNAME = re.compile(r"^[A-ZÇĞİÖŞÜ][a-zçğıöşü]+-[a-zçğıöşü]{3,}(?:[dt][ae]n?|nd[ae]n?|[ae]|[ıiuü])$")
# A score line: "Shane Larkin 24 sayıyla", "Mario Hezonja 19 sayı kaydetti", "scored 24 points"
_SCORE_LINE = re.compile(r"\b\d{1,2}-\d{1,2}\b")
_STAT_WORDS = frozenset(["sayı", "sayıyla", "sayıda", "sayısı", "sayısıyla", "ribaund", "asist", "gol", "golle", "points", "rebounds", "assists", "goals"])
_MAX_NAME = 4
# A match report's verb right after a player's name: "Jan Novak opened the scoring", "… pulled one back"
_SCORING_VERBS = frozenset(["scored", "netted", "opened", "doubled", "equalised", "equalized", "sealed", "pulled", "headed", "converted"])
_SCORING_OBJECTS = frozenset(["the", "one", "a", "his", "in", "from", "twice", "again", "late"])
# Words that end a club's name, never a person's (Aston Villa, Leeds United, Stoke City)
_CLUB_TAILS = frozenset(["United", "City", "FC", "Villa", "Athletic", "Rovers", "Wanderers", "Albion", "Hotspur", "County", "Town", "Rangers", "Celtic", "Olympic", "Sporting"])
# A run of capitalised words ending in one of these names an event, not a person (Mexico City Grand Prix).
_EVENT_WORDS = frozenset(
    ["Prix", "Cup", "Open", "Championship", "Championships", "Games", "Olympics", "Marathon", "Rally", "Tour", "Masters", "Classic", "Summit", "Forum", "Festival", "Award", "Awards", "Prize", "Trophy", "Series", "Expo", "Fair", "Exhibition", "Conference", "Congress"]
)


def _prefix_len(raw: str, letters: int) -> int:
    """Offset in ``raw`` after its first ``letters`` letters (marks and tatweel skipped)."""
    seen = 0
    for k, ch in enumerate(raw):
        if seen == letters:
            return k if ch not in "\u0640" else k + 1
        if not ("\u064b" <= ch <= "\u065f" or ch in "\u0670\u0640"):
            seen += 1
    return len(raw)


@word_memo
def _nationality_word(word: str) -> bool:
    """True for a definite nationality adjective: التركي, الإيطالي, الكورية."""
    if not is_definite(word):
        return False
    n = norm_word(word)
    if n[:3] in ("وال", "فال"):
        n = n[1:]  # والألماني: the conjunction of a list, then the adjective
    n = n[2:] if n.startswith("ال") else n
    for ending in ("يه", "ي"):
        if n.endswith(ending) and len(n) > len(ending) + 2:
            stem = n[: -len(ending)]
            index = load_places()[0]
            # a country or region (التركي, الإيطالية), not a town: المالكي, الحلبي, الرومي
            # are family names as often as they are adjectives
            return any(
                (place := index.get(fold_word(c))) is not None and place.kind in ("country", "region")
                for c in (stem, stem + "يا", stem + "ا", stem + "يه", stem + "ان")
            )
    return False


_AR_COMPASS = norm_set("الجنوب الشمال الشرق الغرب")


@lru_cache(maxsize=4096)
def _compound_nationality(before: str, word: str) -> bool:
    """True for أفريقي after الجنوب (الجنوب أفريقي, الشمال أمريكية): a nationality in two words."""
    if norm_word(before) not in _AR_COMPASS:
        return False
    n = norm_word(word)
    for ending in ("يه", "ي"):
        if n.endswith(ending) and len(n) > len(ending) + 2:
            stem = n[: -len(ending)]
            index = load_places()[0]
            return any(fold_word(c) in index for c in (stem + "يا", stem + "ا", stem))
    return False


@word_memo
def _title_of(word: str) -> str | None:
    for form in strip_proclitics(word):
        if form in AR_TITLES:
            return form
    return None


class _Story:
    """The words of one story with what is already known about them."""

    def __init__(
        self,
        text: str,
        taken: list[tuple[int, int]],
        cities: list[tuple[int, int]] = (),  # type: ignore[assignment]
        language: str = "",
    ) -> None:
        self.text = text
        self.language = language
        self.words = story_words(text)
        self.taken = sorted(taken)
        self._ends = [e for _, e in self.taken]
        self.latin_names: dict[int, tuple[int, int]] = {}
        self.name_ok: list[bool] | None = None
        self.covered_names: set[int] = set()  # name-shaped words inside a place or body found
        self.surnames: Counter[str] | None = None
        self.score_line: bool | None = None
        self.cities = sorted(cities)
        self._city_ends = [e for _, e in self.cities]

    def city(self, i: int) -> bool:
        """True when word ``i`` is a GeoNames city (a place, unless it is part of a name)."""
        _, s, e = self.words[i]
        k = bisect_right(self._city_ends, s)
        return k < len(self.cities) and self.cities[k][0] < e

    def covered(self, i: int) -> bool:
        """True when word ``i`` overlaps a place or organisation already found."""
        _, s, e = self.words[i]
        k = bisect_right(self._ends, s)
        return k < len(self.taken) and self.taken[k][0] < e

    def joined(self, i: int) -> bool:
        return i > 0 and joined(self.text, self.words[i - 1], self.words[i])


# -- Arabic ---------------------------------------------------------------------------


_AR_BIRTH_TIMES = norm_set("العام الشهر الأسبوع اليوم الليلة الماضي")


def _ould_family(story: _Story, first: int, j: int) -> bool:
    """True when the definite word ``j`` after ولد is a Mauritanian family name (سيدي محمد ولد
    الطالب, محمد ولد الغزواني): a given name stands before ولد, and the word is no time of the
    verb "was born" (ولد العام الماضي)."""
    w = story.words[j][0]
    return (
        j - 2 >= first
        and (is_given_name(story.words[j - 2][0]) or j - 2 == first)  # سيدي ولد التاه: the word that opened the name
        and norm_word(w) not in _AR_BIRTH_TIMES
    )


def _ould_closed(story: _Story, first: int, j: int) -> bool:
    """True when the indefinite noun ``j`` after ولد is a Mauritanian family name: a given name
    stands before ولد and punctuation or the line's end closes the word (سيدي محمد ولد بيده،), where
    ولد "was born" would go on to a time or a place."""
    words = story.words
    return (
        j - 2 >= first
        and is_given_name(words[j - 2][0])
        and not is_particle(words[j][0])
        and not is_bare_verb(words[j][0])
        and (j + 1 >= len(words) or not story.joined(j + 1))
    )


def _arabic_name(story: _Story, j: int, titled: bool = False, lam: bool = False) -> tuple[int, int]:
    """The name starting at word ``j``: (first, last + 1) word indexes; empty when none.

    ``titled``: a title precedes, which is evidence enough for a surname that is
    also a dictionary word (وزير الخارجية إسحاق دار). ``lam``: the first word is a given name
    with the preposition ل (خلفا لفراس الهواري).
    """
    words = story.words
    first = j
    count = 0
    while j < len(words) and count < _MAX_NAME + 2:
        w = words[j][0]
        if j > first and not story.joined(j):
            break
        if not is_arabic(w) or _mixed(w) or (story.covered(j) and not (j == first and titled and _place_as_given_name(story, j))):
            break
        n = norm_word(w)
        if j > first and n in _AR_QUANTIFIERS:
            break  # في بيان جميع الأطراف: "all", which a list of given names also holds, ends a name
        if (
            j > first
            and n in _AR_STAR
            and j + 1 < len(words)
            and story.joined(j + 1)
            and is_definite(words[j + 1][0])
            and norm_word(words[j + 1][0]) not in _AR_COMPOUND_ENDS
        ):
            break  # X Y نجم اللقاء: "the star of the match", a noun in construct, ends a name (نجم الدين is one)
        if j > first and n[:2] == "لل" and norm_word(words[j - 1][0]) not in _AR_JOINERS:
            break  # وقال زيادة للأناضول: ل + the article, a preposition's phrase, ends a name
        if j > first and n[:3] in ("بال", "كال") and len(n) >= 6 and is_noun(n[3:]) and norm_word(words[j - 1][0]) not in _AR_JOINERS:
            break  # رحب الوزير عمر العمر بالحكم: ب / ك + the article on a noun, a preposition's phrase, too
        forced = j > first and (
            norm_word(words[j - 1][0]) in _AR_JOINERS or (j == first + 1 and norm_word(words[first][0]) == "وعبد")
        )
        if forced:
            if is_particle(w) and not is_given_name(w):
                break  # عبد في …; but بن شرقي: a name the stop-word list holds as "east of"
            if norm_word(words[j - 1][0]) == "ولد" and not is_given_name(w) and _title_of(w) is None and (
                is_particle(w)
                or (is_noun(w) and not is_definite(w) and not _ould_closed(story, first, j))
                or (is_definite(w) and not _ould_family(story, first, j))
            ):
                break  # ولد "was born" before a word: no Mauritanian name's ولد
        else:
            if is_definite(w) and len(n) > 3:  # فال, كال: too short for an article and a word
                if j == first and titled and _definite_given_name(story, j):
                    pass  # الرئيس الحسن واتارا: a given name written with the article
                elif norm_word(w) in _AR_ORDINALS and j > first:
                    pass  # فيليب السادس: a regnal number belongs to the name
                elif _family_chain(story, first, j):
                    pass  # مشعل الأحمد الجابر الصباح: a chain of family names
                elif (
                    titled
                    and j - first >= 2
                    and (_nisba(w) or _feminine_nisba(story, first, j))
                    # خلفان بن سعيد الشعيلي: a patronymic chain is a name whatever its first word
                    and (
                        is_given_name(words[first][0])
                        or norm_word(words[first + 1][0]) in _AR_CHAIN_OPENERS
                        # عبد العزيز بن سعيد الشيذاني: a compound given name, then a patronymic
                        or (norm_word(words[first][0]) == "عبد" and any(norm_word(x[0]) in _AR_PATRONYMIC for x in words[first + 2 : j]))
                    )
                    # سعد بن شريده الكعبي, but not هاني أبو ريدة النادي: "the club" names a body
                    and norm_word(w)[2:] not in _AR_DESCRIPTORS
                    and norm_word(w)[2:] not in _AR_BODIES
                ):
                    j += 1  # محمد شياع السوداني: after a title the nationality came before the name
                    break
                elif (norm_word(w) in ("الدين", "الله") and j == first + 1) or (norm_word(w) in _AR_DIVINE and j > first):
                    pass  # فخر الدين, ذبيح الله; عبد الرزاق حمد الله: a compound given or family name
                elif not _family_name(story, first, j, titled):
                    if _appointed(story, first, j):
                        j += 1  # تعيين نوال إبراهيم الخاطر وزيرة للصحة: the role closes the name
                    break
            elif _title_of(w) is not None and not (
                j > first and is_given_name(w) and j + 1 < len(words) and story.joined(j + 1)
                and _unknown_name(words[j + 1][0])
            ) and not (j == first and titled and _title_given_name(story, j)) and not (
                # الأستاذ باسم أمين فريقه: after a title and a listed given name, a title word that
                # is a given name too, written without the article, is the family name
                titled and j == first + 1 and not is_definite(w) and is_given_name(w)
                and is_given_name(words[first][0]) and _title_of(words[first][0]) is None
            ):
                break  # a title ends the name, unless it is a given name inside one (علي أمين غندابور)
            elif j > first and n[:1] == "و" and len(n) > 3 and not is_given_name(w) and not (
                titled and j == first + 1 and _waw_name(story, j)
                and (is_given_name(words[first][0]) or norm_word(words[first][0]) in _AR_DEFINITE_GIVEN)
            ):
                break  # وستارمر: a second person
            elif n in _AR_JOINERS and (j + 1 >= len(words) or not story.joined(j + 1)):
                break
            elif n in _AR_JOINERS:
                pass
            elif j == first and n[:1] == "و" and (
                (is_given_name(w[1:]) and not is_particle(w[1:])) or n in _AR_COMPOUND_OPENERS
            ):
                pass  # وأشرف بن شرقي, وعبد الله بن …: the conjunction joins a second name to a list
            elif j == first and n[:1] == "و" and len(n) > 3 and not is_given_name(w) and is_lexical(w[1:]) and not (
                titled and _waw_given_name(story, j)
            ):
                break  # وشريكه "and its partner": the conjunction on a word, no name
            elif (
                j > first
                and j + 1 < len(words)
                and story.joined(j + 1)
                and norm_word(words[j + 1][0]) in _AR_DIVINE
                and not is_particle(w)
                and not n.endswith("ه")  # رحمه الله, حفظه الله: a blessing after a name
            ):
                pass  # عبد الرزاق حمد الله, عبد القادر فضل الله: a family name in الله
            elif (
                j > first
                and j + 2 < len(words)
                and story.joined(j + 1)
                and norm_word(words[j + 1][0]) in _AR_NOBILIARY
                and story.joined(j + 2)
                and name_word(words[j + 2][0])
                and not is_definite(words[j + 2][0])
            ):
                pass  # لويس إيناسيو لولا دا سيلفا: any word before a name's دا / فون belongs to it
            elif not name_word(w) and not (j == first and (lam or _noun_before_name(story, j, titled))) and not (
                titled and j > first and _surname_slot(story, first, j, w)
            ):
                # رشاد علييف: a given name that is also a noun, before a name no dictionary holds;
                # شهباز شريف, إسحاق دار: a surname that is also a noun, after a known given name;
                # عبد المجيد تبون, إبراهيم قالن: a surname that parses as a verb only when split
                if titled and j > first:
                    j = _tail_to_boundary(story, first, j)
                elif _appointed(story, first, j):
                    j += 1  # محمد بن مبارك جمعة وزيرا للتعليم: a surname that is a noun, then the role
                break
        j += 1
        if n not in _AR_CHAIN_LINKS:
            count += 1  # سلطان بن سعد بن خالد آل سعود: the links of a patronymic chain are no name words
    while j > first and norm_word(words[j - 1][0]) in _AR_JOINERS:
        j -= 1
    if titled and j - first in (2, 3) and _closed_definite_family(story, first, j):
        return first, j + 1  # رئيس الحكومة عبد الحميد الدبيبة بالخطوة: the family name, closed
    if (
        j - first == 2
        and norm_word(words[first][0]) in ("عبد", "ابو")
        and j < len(words)
        and story.joined(j)
        and is_definite(words[j][0])
        and not _nationality_word(words[j][0])
    ):
        return first, first  # عبد الحميد + a family name we cannot tell from a word: no half name
    if (
        j - first == 3
        and norm_word(words[first + 1][0]) == "عبد"
        and not is_given_name(words[first][0])
        and j < len(words)
        and story.joined(j)
        and is_definite(words[j][0])
        and not _nationality_word(words[j][0])
    ):
        return first, first  # سامح عبد الحميد + a definite word: the same doubt, after a given name no list holds
    return first, j


_AR_WEEKDAYS = norm_set("السبت الأحد الاثنين الثلاثاء الأربعاء الخميس الجمعة")


def _closed_definite_family(story: _Story, first: int, j: int) -> bool:
    """After a title, a compound given name (عبد الحميد, سامح عبد الحميد) and a definite word
    closed by punctuation, reported speech's إن / أن, a word with و or ب + the article: the
    definite word is the family name (عبد الحميد الدبيبة بالخطوة, عبد الرحمن الصافي وعدد)."""
    words = story.words
    opener = first if j - first == 2 else first + 1
    if norm_word(words[opener][0]) not in ("عبد", "ابو") or j >= len(words) or not story.joined(j):
        return False
    if j - first == 3 and not (is_given_name(words[first][0]) or _unknown_name(words[first][0])):
        return False  # a word the dictionary holds before عبد X is no given name here
    w = words[j][0]
    n = norm_word(w)
    if (
        not is_definite(w)
        or len(n) <= 4
        or story.covered(j)
        or _nationality_word(w)
        or _title_of(w) is not None
        or n in _AR_WEEKDAYS
        or n in _AR_BIRTH_TIMES
        or n in STOPWORDS["ar"]
        or n[:2] == "لل"
        or norm_word(w)[2:] in _AR_DESCRIPTORS
        or norm_word(w)[2:] in _AR_BODIES
    ):
        return False
    k = j + 1
    if k >= len(words) or not story.joined(k):
        return True
    nxt = norm_word(words[k][0])
    return nxt in _AR_CLAUSE_OPENERS or (len(nxt) > 3 and (nxt[:1] == "و" or nxt[:3] == "بال"))


# Roles a decree appoints someone to, in the accusative or the feminine (عين X وزيرا للمالية,
# وزيرة للصحة): followed by ل + the portfolio, they close the name before them.
_AR_APPOINTED = norm_set(
    "وزيرا وزيرة سفيرا سفيرة رئيسا رئيسة محافظا محافظة مديرا مديرة مستشارا مستشارة نائبا نائبة أمينا أمينة"
)


def _appointed(story: _Story, first: int, j: int) -> bool:
    """Word ``j``, after two or more name words, is the name's last when the role the person is
    appointed to follows it with its ل + portfolio (فاطمة بنت جعفر الصيرفي وزيرة للسياحة); after
    one listed given name too (ليث القاسم وزيرا للصحة, ولينا عناب وزيرة للسياحة)."""
    words = story.words
    if j - first < 1 or j + 2 >= len(words) or norm_word(words[j + 1][0]) not in _AR_APPOINTED:
        return False  # the role first: most words are followed by none
    if not (story.joined(j + 1) and story.joined(j + 2)) or norm_word(words[j + 2][0])[:1] != "ل":
        return False
    if j - first == 1:
        given = words[first][0]
        if not (is_given_name(given) or (norm_word(given)[:1] == "و" and is_given_name(given[1:]))):
            return False
    w = words[j][0]
    return not (
        norm_word(w)[:1] == "و" or is_particle(w) or is_bare_verb(w) or _title_of(w) is not None or story.covered(j)
    )


def _apposition_end(story: _Story, j: int) -> int:
    """After a reporting verb, two or three name words closed by a comma and a title
    (وقال فيل فلين، كبير المحللين …): the end of the name, or 0.

    The title after the comma is the evidence, so the words may be dictionary words; none
    may be a function word, a verb as written, a definite word or a place already found.
    """
    words = story.words
    k = j
    while k < len(words) and k - j < 3 and (k == j or story.joined(k)):
        w = words[k][0]
        n = norm_word(w)
        if (
            not is_arabic(w) or _mixed(w) or is_definite(w) or story.covered(k) or n[:1] == "و"
            or n in STOPWORDS["ar"] or n in AR_VERBS or is_bare_verb(w) or _title_of(w) is not None
        ):
            return 0
        k += 1
        if k - j >= 2 and k < len(words) and story.text[words[k - 1][2] : words[k][1]].strip() == "،":
            # مصدر مطلع، رئيس سابق: common words before a title are no name; one word must be a name
            named = any(_known_name(w) or not is_lexical(w) for w, _, _ in words[j:k])
            return k if named and _title_of(words[k][0]) is not None else 0
    return 0


def _tail_to_boundary(story: _Story, first: int, j: int) -> int:
    """After a title, the words from ``j`` to a clause's end still belong to the name.

    Agency copy closes a titled name with punctuation or with the reported speech's
    إن / أن (وزيرة الخارجية ياسين فال.، وقال المدرب لوران بلان إن), so a short word
    there that no function-word, verb or clitic + dictionary reading claims is the
    surname, even when the dictionary knows it as a noun (فال "omen", بلان). Returns
    ``j`` when no boundary closes the name within its length.
    """
    words = story.words
    # after a name word no Arabic dictionary holds (ستيفاني, باسيرو; زينب إيمونغو), a short word
    # that reads as a verb (بوب, فاي, تاتي) is the foreign surname when punctuation closes the name
    foreign = any(_unknown_name(w) for w, _, _ in words[first:j])
    if not foreign and j + 1 < len(words) and story.joined(j + 1) and _middle_before_foreign(story, j):
        # جان لوك ميلانشون: a short middle name that reads as a verb, then a surname no dictionary
        # holds, closed by punctuation or a function word
        k = j + 2
        if k >= len(words) or not story.joined(k) or is_particle(words[k][0]):
            return k
        return j
    if j - first >= 2 and _nisba_surname(story, j):
        return j + 1  # المتحدث باسم الشركة X Y مشهدي.: an indefinite nisba closed by punctuation
    k = j
    while k < len(words) and k - first < _MAX_NAME and (k == j or story.joined(k)):
        w = words[k][0]
        if story.covered(k) or not (_tail_word(w) or (foreign and _foreign_tail(w))):
            return j
        k += 1
        if k >= len(words) or not story.joined(k) or _accusative_noun(words[k][0]):
            return k  # … اجتماعا مغلقا: the object of the sentence's verb follows the name
        if norm_word(words[k][0])[:1] == "و" and _title_of(words[k][0]) is not None:
            return k  # وزير الداخلية X Y قايا ورئيس …: the next person's title joined by و
        if norm_word(words[k][0]) == "ان" and all(_tail_word(x) or (foreign and _foreign_tail(x)) for x, _, _ in words[j:k]):
            return k
    return j


def _nisba_surname(story: _Story, j: int) -> bool:
    """Word ``j`` is an indefinite nisba of a town (مشهدي, تبريزي: ي on a dictionary noun)
    closed by punctuation or a line end: after a title and two name words, the family name, as
    Persian and Iraqi names keep one (مصطفى رجبي مشهدي.)."""
    words = story.words
    w = words[j][0]
    n = norm_word(w)
    return (
        len(n) >= 5
        and n.endswith("ي")
        and not is_definite(w)
        and n[:1] != "و"
        and not story.covered(j)
        and is_noun(w)
        and not _nationality_word("ال" + w)
        and _title_of(w) is None
        and n not in STOPWORDS["ar"]
        and (j + 1 >= len(words) or not story.joined(j + 1))
    )


@lru_cache(maxsize=65536)
def _foreign_tail(word: str) -> bool:
    """A word of at most four letters that :func:`_tail_word` refuses only as a bare verb (بوب,
    تاتي), or a three-letter word that is a function word only as ف + one (فاي: ف + أي)."""
    n = norm_word(word)
    if len(n) == 3 and n[0] == "ف" and n[1:] in STOPWORDS["ar"] and is_arabic(word) and not _mixed(word):
        return True
    return len(n) <= 4 and _tail_word(word, verbs=True)


@lru_cache(maxsize=65536)
def _accusative_noun(word: str) -> bool:
    """An indefinite noun in the accusative (اجتماعا, اتفاقا): never a word of a name. A noun
    with the pronoun ها (حكمها "its ruling") is no accusative ending."""
    n = norm_word(word)
    if n.endswith("ها") and is_noun(n[:-2]):
        return False
    return len(n) >= 5 and n.endswith("ا") and not is_definite(word) and is_noun(n[:-1]) and not name_word(word)


@lru_cache(maxsize=65536)
def _past_feminine(word: str) -> bool:
    """A dictionary verb's past form of four letters or more with the feminine ت (أصدرت,
    استقبلت): a verb as written, never a surname, unless a list holds it as a given name."""
    n = norm_word(word)
    return len(n) >= 5 and n.endswith("ت") and is_past_form(n[:-1]) and not is_given_name(word)


def _middle_before_foreign(story: _Story, j: int) -> bool:
    """Word ``j``, after a title and given names, is a short word that reads as a verb (not one in
    the third person, يـ / تـ) before a word no dictionary holds."""
    words = story.words
    w = words[j][0]
    n = norm_word(w)
    nxt = words[j + 1][0]
    return (
        n[:1] not in ("ي", "ت")
        and not is_particle(w)
        and _foreign_tail(w)
        and not story.covered(j + 1)
        and _unknown_name(nxt)
        and not is_definite(nxt)
    )


@lru_cache(maxsize=65536)
def _tail_word(word: str, verbs: bool = False) -> bool:
    """A word that may end a titled name before a boundary (see :func:`_tail_to_boundary`);
    with ``verbs``, also one that reads as a bare verb."""
    n = norm_word(word)
    if not is_arabic(word) or _mixed(word) or (is_definite(word) and len(n) > 3) or n[:1] == "و" or _title_of(word) is not None:
        return False
    if n in STOPWORDS["ar"] or n in AR_VERBS or (not verbs and is_bare_verb(word) and not is_proper_noun(word)):
        return False
    if _past_feminine(word) and not is_proper_noun(word):
        return False  # القاضي محمد الخطيب أصدرت حكمها: the verb after the name
    if is_noun(word) and (n.endswith("ا") or len(n) >= 5):
        return False  # مجددا, صباحا: an adverb; هدفين, بيانات: a noun's dual or plural
    # للصحفيين, بمراسم: a clitic on a dictionary word is the sentence going on
    return not any(len(f) >= 5 and is_lexical(f) for f in strip_proclitics(word)[1:])


@lru_cache(maxsize=65536)
def _common_adjective(word: str) -> bool:
    """A one-word "name" after a title that is a dictionary word ending like an adjective in
    agreement (سابق, سابقة, جديد, حالي): no name, though a list may hold it as one."""
    return norm_word(word) in _AR_TITLE_ADJECTIVES


# a rank after a title, before المستوى (مسؤول رفيع المستوى); رفيع alone is also a given name
_AR_RANK_ADJECTIVES = norm_set("رفيع رفيعة")
_AR_CLAUSE_OPENERS = norm_set("إن أن ما")
_AR_TIME_NOUNS = norm_set("أمس غدا غد مساء صباح ظهر فجر ليلة يوم عصر الآن")
_AR_TITLE_ADJECTIVES = norm_set(
    "سابق سابقة سابقا جديد جديدة حالي حالية منتخب منتخبة مؤقت مؤقتة فخري فخرية تنفيذي تنفيذية أسبق"
)


def _waw_name(story: _Story, j: int) -> bool:
    """A name word that begins with و (واتارا, ويلسون) rather than و + a second person.

    Asked after a given name alone, which needs a family name: the conjunction joins a
    second name only when the rest is itself a known name or is written alone elsewhere
    in the story.
    """
    w = story.words[j][0]
    rest = w[1:]
    if is_given_name(rest) or is_proper_noun(rest) or is_definite(rest) or not is_arabic(rest):
        return False
    key = norm_word(rest)
    return not any(norm_word(x) == key for x, _, _ in story.words)


def _waw_given_name(story: _Story, j: int) -> bool:
    """Right after a title, a name word that begins with و (وليام, ويليام) before a word no
    dictionary holds: a conjunction there would join a second title or body, never a bare word."""
    words = story.words
    w = words[j][0]
    rest = w[1:]
    return (
        name_word(w)
        and not is_definite(rest)
        and _title_of(rest) is None
        and not is_particle(rest)
        and not is_bare_verb(rest)
        and j + 1 < len(words)
        and story.joined(j + 1)
        and _unknown_name(words[j + 1][0])
        and not is_definite(words[j + 1][0])
        and not story.covered(j + 1)
    )


def _definite_given_name(story: _Story, j: int) -> bool:
    """A given name with the article (الحسن, الحسين) before a word no dictionary holds."""
    words = story.words
    w = words[j][0]
    n = norm_word(w)
    return (
        n in _AR_DEFINITE_GIVEN
        and j + 1 < len(words)
        and story.joined(j + 1)
        and (name_word(words[j + 1][0]) or norm_word(words[j + 1][0]) in _AR_JOINERS)
        # الصادق المورالي: a definite family name no dictionary holds, not a nationality
        and (
            not is_definite(words[j + 1][0])
            or (
                not is_lexical(words[j + 1][0])
                and norm_word(words[j + 1][0]).endswith("ي")
                and not _nationality_word(words[j + 1][0])
            )
        )
        and not story.covered(j + 1)
    )


def _construct_plural(story: _Story, j: int) -> bool:
    """A plural in construct (مسؤولي, مستشاري; with a pronoun, إدارييها) before a definite word:
    part of a title phrase."""
    words = story.words
    n = norm_word(words[j][0])
    if n.endswith(("يها", "يهم")) and len(n) >= 7:
        n = n[:-2]  # كبير إدارييها التنفيذيين: the plural carries the company's pronoun
    return (
        n.endswith("ي")
        and len(n) >= 5
        and is_noun(n[:-1])
        and j + 1 < len(words)
        and story.joined(j + 1)
        and is_definite(words[j + 1][0])
    )


def _surname_slot(story: _Story, first: int, j: int, w: str) -> bool:
    """After a title and the given name(s) at ``first``..``j-1``, whether ``w`` is the surname.

    After listed given names (إسحاق دار, شهباز شريف) a noun or a word that reads as a
    verb only when split (إبراهيم قالن); after a compound given name (عبد المجيد تبون)
    or one word no dictionary holds (نيجيرفان بارزاني) only the latter, since a noun
    after a surname is the sentence going on (ستارمر بمراسم).
    """
    words = story.words
    if all(is_given_name(x[0]) for x in words[first:j]):
        if j - first >= 2 and _surname_noun(w):
            # منصور عامر الكأس, خالد مراد إجلاء: after a given name and a father's name (or a
            # surname that is a given name) a noun is the sentence going on, unless punctuation,
            # a line end or reported speech closes the name right after it
            k = j + 1
            return k >= len(words) or not story.joined(k) or norm_word(words[k][0]) in _AR_CLAUSE_OPENERS
        return _surname_noun(w) or (j - first <= 2 and _split_verb(w))
    compound = j - first == 2 and (
        norm_word(words[first][0]) in ("عبد", "ابو") or norm_word(words[first + 1][0]) in ("الدين", "الله")
    )
    if compound and is_given_name(w):
        return True  # ذبيح الله مجاهد: a compound given name, then a family name that is a given name
    if compound and _surname_noun(w) and norm_word(w) not in _AR_TIME_NOUNS and not _accusative_noun(w):
        # رئيس الفريق الاشتراكي عبد الرحيم شهيد ما وصفه: after a title and a compound given name, a
        # noun closed by punctuation, by the إن / أن of reported speech or by ما is the family name
        k = j + 1
        if k >= len(words) or not story.joined(k) or norm_word(words[k][0]) in _AR_CLAUSE_OPENERS:
            return True
    if (
        j - first == 1
        and _unknown_name(words[first][0])
        and j + 1 < len(words)
        and story.joined(j + 1)
        and _unknown_name(words[j + 1][0])
        and not is_definite(words[j + 1][0])
        and not story.covered(j + 1)
        and not is_particle(w)
        and not is_definite(w)
        and norm_word(w)[:1] != "و"
    ):
        return True  # جهانغير علم تشودري: a dictionary word between two words no dictionary holds
    if j - first == 1 and _unknown_name(words[first][0]) and _proper_surname(w):
        return True  # منوتشهر حبيبي: after a name no dictionary holds, a proper noun of the news corpus
    return (compound or (j - first == 1 and (_unknown_name(words[first][0]) or _proper_surname(words[first][0])))) and (
        _split_verb(w) or _no_word_class(w)
    )


@lru_cache(maxsize=65536)
def _proper_surname(word: str) -> bool:
    """A word the news corpus knows as a proper noun (حبيبي, مسرور), though the dictionary also
    holds it as a noun: no function word, verb as written, title, definite word or و-word."""
    return (
        is_proper_noun(word)
        and not is_particle(word)
        and not is_bare_verb(word)
        and not is_definite(word)
        and _title_of(word) is None
        and norm_word(word)[:1] != "و"
        and norm_word(word) not in STOPWORDS["ar"]
    )


def _proper_before_surname(story: _Story, j: int) -> bool:
    """After a title, a proper noun of the news corpus (ماكس, مسرور) before a surname no
    dictionary holds or one that reads as a verb only when split (إيبرل, بارزاني)."""
    words = story.words
    w = words[j][0]
    if not is_proper_noun(w) or is_particle(w) or is_definite(w) or _title_of(w) is not None or norm_word(w)[:1] == "و":
        return False
    if j + 1 >= len(words) or not story.joined(j + 1) or story.covered(j + 1):
        return False
    nxt = words[j + 1][0]
    # a proper noun that is also a verb as written (ماكس) only before a word no dictionary holds
    return not is_definite(nxt) and (_unknown_name(nxt) or (_split_verb(nxt) and not is_bare_verb(w)))


@lru_cache(maxsize=65536)
def _no_word_class(word: str) -> bool:
    """A word the lexicon holds as no verb, noun, particle or title (ستريك): after a name no
    dictionary holds, a family name rather than the sentence going on."""
    return (
        is_arabic(word)
        and not is_verb(word, None)
        and not is_noun(word)
        and not is_particle(word)
        and not is_definite(word)
        and _title_of(word) is None
        and norm_word(word)[:1] != "و"
    )


@lru_cache(maxsize=65536)
def _known_name(word: str) -> bool:
    """A listed given name or a proper noun of the news corpus (not merely a word no dictionary holds)."""
    return is_given_name(word) or is_proper_noun(word) or norm_word(word) in _AR_JOINERS


def _foreign_run(story: _Story, first: int, last: int) -> int:
    """After a nationality and a given name no dictionary holds, the words up to punctuation
    are the name when the last of them is a word no dictionary holds either (والإيطالية إيزابيلا
    كاميرا دافليتو،: كاميرا "camera" between two foreign names); otherwise ``last``."""
    words = story.words
    k = last
    while k < len(words) and k - first < 3 and story.joined(k):
        w = words[k][0]
        n = norm_word(w)
        if (
            story.covered(k) or not is_arabic(w) or _mixed(w) or is_definite(w) or n[:1] == "و"
            or is_particle(w) or n in STOPWORDS["ar"] or n in AR_VERBS or _title_of(w) is not None
        ):
            return last
        k += 1
    closed = k >= len(words) or not story.joined(k)
    return k if k > last and closed and _unknown_name(words[k - 1][0]) else last


@lru_cache(maxsize=65536)
def _unknown_name(word: str) -> bool:
    """A word no Arabic dictionary holds: a foreign or rare name (جاسم, نيجيرفان)."""
    return is_arabic(word) and name_word(word) and not is_lexical(word)


def _clitic_after(story: _Story, k: int) -> bool:
    """Word ``k`` follows without punctuation and opens with و, ب, ل or ف before three letters
    or more, or punctuation or the text's end comes first."""
    if k >= len(story.words) or not story.joined(k):
        return True
    n = norm_word(story.words[k][0])
    return n[:1] in "وبلف" and len(n) > 4


@lru_cache(maxsize=65536)
def _split_verb(word: str) -> bool:
    """A word that reads as a verb only with an affix split off (قالن, بارزاني): a surname after a name."""
    n = norm_word(word)
    return (
        is_verb(word, None)
        and not is_bare_verb(word)
        and not is_particle(word)
        and not is_definite(word)
        and _title_of(word) is None
        and n[:1] != "و"
        and n not in AR_VERBS
    )


def _family_chain(story: _Story, first: int, j: int) -> bool:
    """A further family name after a given name and a definite one (مشعل الأحمد الجابر الصباح).

    The chain goes on through definite given names (الأحمد, الجابر); after at least
    one of them, one more definite word closes it when punctuation follows (الصباح،).
    """
    words = story.words
    if j - first < 2:
        return False
    k = first + 1  # the given names: أحمد عبد الله الأحمد الصباح
    while k < j and not is_definite(words[k][0]):
        k += 2 if norm_word(words[k][0]) in _AR_JOINERS else 1
    chain = words[k:j]
    if j - first < 2 or not all(is_definite(w) for w, _, _ in chain) or story.covered(j):
        return False
    raw = words[j][0]
    if _nationality_word(raw) or _title_of(raw) or norm_word(raw) in STOPWORDS["ar"]:
        return False
    if is_given_name(norm_word(raw)[2:]):
        return True
    closed = j + 1 >= len(words) or not story.joined(j + 1)
    return closed and bool(chain) and any(is_given_name(norm_word(w)[2:]) for w, _, _ in chain)


def _short_noun_verb_name(story: _Story, j: int) -> bool:
    """After a title, a word of three or four letters that the dictionary holds both as a noun
    and as a verb as written (بول, باب), before one word no dictionary holds that ends the name
    (punctuation, or no name word after it): a given name, the other word its surname."""
    words = story.words
    w = words[j][0]
    n = norm_word(w)
    if not (3 <= len(n) <= 4 and n[:1] != "و" and is_noun(w) and is_bare_verb(w)):
        return False
    if is_particle(w) or n in AR_VERBS or n in STOPWORDS or j + 1 >= len(words) or not story.joined(j + 1):
        return False
    nxt = words[j + 1][0]
    if not _unknown_name(nxt) or is_definite(nxt) or story.covered(j + 1):
        return False
    k = j + 2
    return k >= len(words) or not story.joined(k) or not name_word(words[k][0])


def _family_before_speech(story: _Story, first: int) -> bool:
    """After a title, a given name the news corpus knows as a proper noun, then a definite noun
    right before the إن / أن of reported speech: the noun is the family name (العقيد وسيم الغنام إن),
    not an object, which reported speech does not take; a day or time word (أردوغان الخميس إن)
    is none."""
    words = story.words
    k = first + 1
    if k + 1 >= len(words) or not story.joined(k) or not story.joined(k + 1) or norm_word(words[k + 1][0]) != "ان":
        return False
    w, fam = words[first][0], words[k][0]
    n = norm_word(fam)
    return (
        is_proper_noun(w)
        and not is_definite(w)
        and not is_particle(w)
        and not is_bare_verb(w)
        and (norm_word(w)[:1] != "و" or not is_lexical(w[1:]))  # وسيم, وديع: no conjunction
        and _title_of(w) is None
        and is_definite(fam)
        and len(n) >= 5
        and n not in STOPWORDS["ar"]
        and n not in _AR_TIME_NOUNS
        and not _nationality_word(fam)
        and _title_of(fam) is None
        and not story.covered(k)
    )


def _noun_before_name(story: _Story, j: int, titled: bool = False) -> bool:
    w = story.words[j][0]
    if titled and _family_before_speech(story, j):
        return True  # وقال رئيسها وسيم الغنام إن: a proper noun and its family name before إن
    if (
        titled
        and j + 1 < len(story.words)
        and story.joined(j + 1)
        and not is_bare_verb(w)
        and not is_particle(w)
        and not is_definite(w)
        and _title_of(w) is None
        and norm_word(w)[:1] != "و"
        and _unknown_name(story.words[j + 1][0])
        and not is_definite(story.words[j + 1][0])  # كبيرة لتطوير العلاقات: a phrase, no name
        and not story.covered(j + 1)
    ):
        return True  # الرئيس النيجيري بولا تينوبو: a given name that reads as a verb form only
    if titled and _short_noun_verb_name(story, j):
        return True  # الرئيس بول بيا: a short given name that is a noun and a verb as written
    if titled and _proper_before_surname(story, j):
        return True  # المدير الرياضي ماكس إيبرل: a proper noun of the news corpus, then a surname
    if (
        titled
        and j + 2 < len(story.words)
        and story.joined(j + 1)
        and story.joined(j + 2)
        and (
            (norm_word(story.words[j + 1][0]) in ("بن", "بنت") and is_given_name(story.words[j + 2][0]))
            # رئيس البنك سيدي ولد التاه: ولد / منت and a name or a definite family name
            or (
                norm_word(story.words[j + 1][0]) in ("ولد", "منت")
                and (is_given_name(story.words[j + 2][0]) or is_definite(story.words[j + 2][0]) or _unknown_name(story.words[j + 2][0]))
                and not _nationality_word(story.words[j + 2][0])
                and not story.covered(j + 2)
            )
            # سامح عبد الحميد الشناوي: عبد and a definite word, a compound name after the given name
            or (norm_word(story.words[j + 1][0]) == "عبد" and is_definite(story.words[j + 2][0]))
        )
        and not is_particle(w)
        and not is_definite(w)
        and _title_of(w) is None
    ):
        # الوزير خلفان بن سعيد الشعيلي, ماجد بن علي: a given name that is a noun or reads as a
        # verb, then بن and a listed name
        return True
    if is_particle(w) or is_verb(w, None) or j + 1 >= len(story.words) or not story.joined(j + 1):
        return False
    nxt = story.words[j + 1][0]
    if norm_word(nxt) in ("الدين", "الله"):
        return True  # فخر الدين, ذبيح الله: a compound given name
    if titled and is_given_name(nxt) and not is_definite(w) and _title_of(w) is None:
        return True  # وزيرة المالية مشكاة سلامة الخالدي: a given name that is a noun, then a listed one
    if titled and is_definite(nxt) and not _nationality_word(nxt) and not story.covered(j + 1):
        # النائب رائد المالكي, الشيخ مشعل الأحمد: after a title, a noun and a family name in
        # nisba form or a given name with the article
        return _nisba(nxt) or is_given_name(norm_word(nxt)[2:])
    if not titled and is_noun(w) and not is_proper_noun(w):
        return False  # وقال محامي بولسونارو: a common noun ("lawyer") before a name is no given name
    return is_arabic(nxt) and not is_definite(nxt) and not is_lexical(nxt) and not story.covered(j + 1)


def _feminine_nisba(story: _Story, first: int, j: int) -> bool:
    """Word ``j`` is the feminine of a family name in nisba form that no dictionary holds
    (البوسعيدية, الراشدية) and ends a woman's patronymic chain (شيخة بنت سعيد …)."""
    words = story.words
    w = words[j][0]
    n = norm_word(w)
    return (
        n.endswith("يه")
        and any(norm_word(x) == "بنت" for x, _, _ in words[first + 1 : j])
        and _nisba(w[:-1])
        and not is_lexical(w[:-1])
        and not _nationality_word(w)
    )


def _nisba(word: str) -> bool:
    """A definite word in the form family names take: السوداني, الشمري (not الثلاثاء, not a title;
    not a word in alif maqsura, الأعمى, الكبرى, which folding spells like one)."""
    n = norm_word(word)
    return (
        n.startswith("ال") and n.endswith("ي") and len(n) >= 6 and _title_of(word) is None
        and word.rstrip("\u064b-\u065f\u0640")[-1:] != "ى"
    )


def _surname_noun(word: str) -> bool:
    """A dictionary word that can still be a surname after a given name: a noun, or a bare past form (دار)."""
    if is_particle(word) or is_definite(word) or _title_of(word) or norm_word(word)[:1] == "و":
        return False
    return not is_verb(word, None) or (is_past_form(word) and len(norm_word(word)) <= 4)


def _listed_given(word: str) -> bool:
    """A listed given name, also with the conjunction of a list (ومحمود)."""
    return is_given_name(word) or (norm_word(word)[:1] == "و" and len(word) > 3 and is_given_name(word[1:]))


def _family_name(story: _Story, first: int, j: int, titled: bool = False) -> bool:
    """A definite word after a given name is its family name (عبد الفتاح السيسي, محمد المومني).

    Only after a known given name, or a compound one (عبد / أبو + word); never a
    nationality adjective (التركي), and a dictionary noun only in the nisba form
    family names take (الشبلي).
    """
    words = story.words
    given = (j - first == 1 and (
        is_given_name(words[first][0])
        or (titled and (_unknown_name(words[first][0]) or _noun_before_name(story, first, titled)))
    )) or (j - first == 2 and titled and is_given_name(words[first + 1][0]) and _noun_before_name(story, first, titled))
    # عبد الرحمن, أبو بكر; نور الهدى, خير الدين: a given name in two words, the second with the article
    compound = j - first == 2 and (
        norm_word(words[first][0]) in ("عبد", "ابو") or norm_word(words[first + 1][0]) in _AR_COMPOUND_SECONDS
    )
    # محمود عطية العموش: two listed given names (the person's and the father's); سارة بنت يوسف
    # الأميري: a patronymic chain. The family name is then held to the nisba test below.
    pair = j - first == 2 and all(_listed_given(w) and _title_of(w) is None for w, _, _ in words[first:j])
    chain = (
        j - first >= 3
        and norm_word(words[first + 1][0]) in _AR_PATRONYMIC
        and _listed_given(words[first][0])
        and (is_given_name(words[j - 1][0]) or norm_word(words[j - 1][0]) in _AR_DIVINE)
    )
    if not (given or compound or pair or chain) or story.covered(j):
        return False
    raw = words[j][0]
    bare = norm_word(raw)[2:]
    if len(bare) < 3 or bare.endswith("يه") or _nationality_word(raw):
        return False
    if _title_of(raw) and (
        j + 1 < len(words) and story.joined(j + 1) and not is_particle(words[j + 1][0])
        # محمد الأمين ولد أحمدو: before ولد / بن the word is the name's, no title of a next name
        and norm_word(words[j + 1][0]) not in _AR_PATRONYMIC | _AR_OULD
        and not _amin_of_a_name(story, first, j)
    ):
        return False  # a title that introduces the next name; أحمد الشيخ إن: the family name
    if (pair or chain) and not (given or compound):
        if not norm_word(raw).startswith("ال"):
            return False  # بالتنظيم: a clitic before the article is the sentence going on
        if chain and titled and (j + 1 >= len(words) or not story.joined(j + 1)):
            return True  # الوزير نواف بن محمد المعاودة،: after a title and a patronymic chain, the family name punctuation closes
        return not is_noun(bare) or (_nisba(raw) and not is_verb(bare, None))
    if titled and given and j - first == 2 and is_noun(bare) and not _nisba(raw) and norm_word(raw) not in _AR_COMPOUND_ENDS:
        # منصور عامر الكأس: after a given name and the father's, a common noun is the object (but
        # وليد جمال الدين: the second half of a compound name)
        return False
    if titled and compound and not given and is_noun(bare) and not _nisba(raw) and norm_word(raw) not in STOPWORDS["ar"]:
        # الشيخ عبد الرحمن السديس أن: after a title and a compound given name, a noun closed by a
        # particle or punctuation is the family name; الوزير عبد الله الوفد الزائر: the object goes on
        return j + 1 >= len(words) or not story.joined(j + 1) or is_particle(words[j + 1][0])
    if titled and given and norm_word(raw) not in STOPWORDS["ar"]:
        # وزير الاستثمار خالد الفالح: a title and a given name, then the family name; but
        # الرئيس أردوغان الوفد: after a surname alone, a common noun is the object
        surname_alone = j - first == 1 and not is_given_name(words[first][0]) and not _family_before_speech(story, first)
        return not (surname_alone and is_noun(bare) and not _nisba(raw))
    return not is_noun(bare) or (bare.endswith("ي") and not is_verb(bare, None))


_AR_AMIN_TITLE_NEXT = norm_set("العام العامة المساعد المساعدة التنفيذي")


def _amin_of_a_name(story: _Story, first: int, j: int) -> bool:
    """True when الأمين at ``j``, right after the given name محمد, is the second half of the
    compound given name محمد الأمين (زعيم المعارضة محمد الأمين صويلح): the title الأمين goes on
    with العام, المساعد or a ل-phrase, and the name with a family name."""
    words = story.words
    if j - first != 1 or norm_word(words[j][0]) != "الامين" or norm_word(words[first][0]) != "محمد":
        return False
    nxt = norm_word(words[j + 1][0])
    return nxt not in _AR_AMIN_TITLE_NEXT and nxt[:1] != "ل" and not is_definite(words[j + 1][0])


def _title_given_name(story: _Story, j: int) -> bool:
    """Word ``j`` is a title word that is also a given name (أمين), written without the article,
    before a listed given name that is no title: it opens the name (… التنفيذيين أمين حسن الناصر)."""
    words = story.words
    w = words[j][0]
    if (
        _title_of(w) is None or is_definite(w) or not is_given_name(w) or norm_word(w)[:1] == "و"
        or story.covered(j) or j + 1 >= len(words) or not story.joined(j + 1)
    ):
        return False
    nxt = words[j + 1][0]
    return is_given_name(nxt) and _title_of(nxt) is None and not is_definite(nxt) and not story.covered(j + 1)


def _skip_title(story: _Story, i: int) -> int:
    """Index of the first word after the title at ``i`` and the words completing it."""
    words = story.words
    j = i + 1
    steps = 0
    phrase = False  # a preposition's phrase (المتحدث باسم الحكومة) already completes the title
    while j < len(words) and steps < 8 and (story.joined(j) or _quoted_gap(story, j) or _bracketed(story, j)):
        w = words[j][0]
        n = norm_word(w)
        if (story.covered(j) or story.city(j)) and _place_as_given_name(story, j):
            break  # رئيسة الوزراء الإيطالية جورجيا ميلوني: a given name that is also a place
        if story.city(j) and not story.covered(j) and is_given_name(w):
            break  # لشركة سوناطراك رشيد حشيشي: a given name that GeoNames also holds as a town
        if (
            j > i + 1
            and story.covered(j - 1)
            and story.city(j)
            and not story.covered(j)
            and not is_definite(w)
            and j + 1 < len(words)
            and story.joined(j + 1)
            and _unknown_name(words[j + 1][0])
            and not story.covered(j + 1)
            and not story.city(j + 1)
        ):
            break  # سفير اليابان X Y: a GeoNames town right after the title's country opens the name
        if _title_of(w) is None and _definite_given_name(story, j):
            break  # الرئيس الحسن واتارا: a given name with the article, then a name no dictionary holds
        if _title_given_name(story, j):
            break  # وكبير إدارييها التنفيذيين أمين حسن الناصر: a title word that is a given name
        if story.covered(j) or story.city(j) or _title_of(w) is not None or is_definite(w):
            j += 1
            if n in _AR_OUTGOING and j < len(words) and story.joined(j) and norm_word(words[j][0]) in _AR_TERM:
                j += 1  # الرئيس المنتهية ولايته: "whose term is ending" completes the title
        elif n in _AR_RANK_ADJECTIVES and j + 1 < len(words) and story.joined(j + 1) and norm_word(
            words[j + 1][0]
        ) == "المستوي":
            j += 2  # مسؤول رفيع المستوى: the rank completes the title
        elif not is_definite(w) and n[:1] != "و" and not is_given_name(w) and _nationality_word("ال" + w):
            j += 1  # مسؤول أمريكي: an indefinite nationality after an indefinite title completes it
        elif _compound_nationality(words[j - 1][0], w):
            j += 1  # وزير الخارجية الجنوب أفريقي: the second word of a compound nationality
        elif (
            n[:1] == "ل"
            and len(n) > 3
            and is_noun(w[1:])
            and not is_given_name(w[1:])
            and j + 1 < len(words)
            and story.joined(j + 1)
            and is_definite(words[j + 1][0])
            and not story.covered(j + 1)
            and _title_of(words[j + 1][0]) is None
        ):
            j += 2  # المدير التنفيذي لكرة القدم في النادي: ل + a portfolio in construct
        elif n[:1] == "و" and len(n) > 4 and is_definite(w[1:]) and not is_given_name(w[1:]) and not is_given_name(w):
            j += 1  # وزير الإسكان والتخطيط العمراني: a second portfolio joined by و
        elif (
            n[:1] == "و"
            and len(n) > 3
            and is_noun(w[1:])
            and not is_given_name(w[1:])
            and not is_given_name(w)  # وائل النحاس: a given name that opens with و
            and j + 1 < len(words)
            and story.joined(j + 1)
            and is_definite(words[j + 1][0])
            and _title_of(words[j + 1][0]) is None
        ):
            j += 2  # وزير النقل والاتصالات وتقنية المعلومات: a portfolio in construct joined by و
        elif _construct_plural(story, j):
            j += 2  # كبير مسؤولي الاستثمار: the title's construct completes it
        elif n in _AR_IN_IT and steps > 0 and j + 1 < len(words) and story.joined(j + 1):
            j += 1  # رئيس قسم الطوارئ فيها: the body the title belongs to, named by a pronoun
        elif n in _AR_TO and j + 1 < len(words) and story.joined(j + 1) and story.covered(j + 1):
            j += 2  # المبعوثة الأممية إلى ليبيا: the country an envoy is sent to completes the title
            phrase = True
        elif (
            n[:1] == "ل"
            and n[1:] in _AR_PLACE_KINDS
            and j + 1 < len(words)
            and story.joined(j + 1)
            and story.covered(j + 1)
        ):
            j += 2  # مديرها التنفيذي لمنطقة الشرق الأوسط: ل + a kind noun and its place complete the title
        elif n in _AR_PREPOSITIONS and j + 1 < len(words) and story.joined(j + 1):
            if phrase and is_given_name(w):
                break  # المتحدث باسم الحكومة باسم العوادي: the second باسم is the name
            if story.covered(j + 1) or is_definite(words[j + 1][0]):
                j += 2
                phrase = True
            elif j + 2 < len(words) and _descriptor(words[j + 1][0]) and story.covered(j + 2):
                j += 2  # نظيره في شركة إيني: a preposition, a descriptor and a company
                phrase = True
            elif (
                j + 2 < len(words)
                and norm_word(words[j + 1][0]) in _AR_PARTY_WORDS
                and story.covered(j + 2)
                and _quoted_gap(story, j + 2)
            ):
                # المتحدث باسم حزب "التجمع الوطني" الحاكم: a party named in quotes completes the title
                j += 3
                while j < len(words) and story.covered(j) and story.joined(j):
                    j += 1
                phrase = True
            elif (
                j + 3 < len(words)
                and norm_word(words[j + 1][0]) in _AR_PARTY_WORDS
                and story.joined(j + 2)
                and story.joined(j + 3)
                and not is_definite(words[j + 2][0])
                and norm_word(words[j + 2][0])[:1] != "و"
                and _title_of(words[j + 2][0]) is None
            ):
                j += 3  # النائبة عن حزب تقدم: a party named by one word completes an MP's title
                phrase = True
            elif (
                j + 2 < len(words)
                and _body_head(words[j + 1][0])
                and story.joined(j + 2)
                and is_definite(words[j + 2][0])
            ):
                j += 2  # المتحدث باسم مكتب الإعلام الحكومي: a body in construct, the definite words follow
                phrase = True
            else:
                break
        elif _descriptor(w) and j + 1 < len(words) and (story.joined(j + 1) or _quoted_gap(story, j + 1)) and story.covered(j + 1):
            j += 1  # الرئيس التنفيذي لشركة سوناطراك (or "سوناطراك"): the descriptor, then the company
        elif (_body_head(w) or _descriptor(w)) and j + 1 < len(words) and story.joined(j + 1) and is_definite(words[j + 1][0]):
            j += 2  # رئيس حكومة الإقليم, رئيس مجموعة البنك: a body in construct completes the title
        elif _body_head(w) and j + 1 < len(words) and story.joined(j + 1) and (story.covered(j + 1) or story.city(j + 1)):
            j += 1  # رئيس غرفة دبي: a body named by its place completes the title
        elif n in _AR_PLACE_KINDS and j + 1 < len(words) and story.joined(j + 1) and (story.covered(j + 1) or story.city(j + 1)):
            j += 1  # حاكمة إقليم سيبو: a kind noun and its place complete the title
        elif _body_head(w) and (k := _indefinite_construct(story, j + 1)) > j + 1:
            j = k  # رئيس غرفة تجارة وصناعة X: common nouns in construct complete the title
        elif (
            steps == 0
            and not is_definite(w)
            and n[:1] != "و"
            and is_noun(w)
            and j + 1 < len(words)
            and story.joined(j + 1)
            and (story.covered(j + 1) or story.city(j + 1))
        ):
            j += 2  # وزير خارجية الأوروغواي: a portfolio in construct with its country completes the title
        elif (
            steps == 0
            and not is_definite(w)
            and n[:1] != "و"
            and is_noun(w)
            and not is_given_name(w)
            and j + 2 < len(words)
            and story.joined(j + 1)
            and _descriptor(words[j + 1][0])
            and (story.joined(j + 2) or _quoted_gap(story, j + 2))
            and story.covered(j + 2)
        ):
            j += 1  # مدير مشاريع شركة "X": a noun in construct before the company's descriptor
        else:
            break
        steps += 1
    return j


_QUOTES = frozenset('"«»“”')


def _quoted_gap(story: _Story, j: int) -> bool:
    """Word ``j`` follows word ``j - 1`` with a quotation mark between, where a body found in
    quotes begins or ends (المحللة في شركة "X" للأبحاث سلمى …): no break in a title."""
    if j == 0 or not (story.covered(j) or story.covered(j - 1)):
        return False
    gap = story.text[story.words[j - 1][2] : story.words[j][1]]
    return "\n" not in gap and gap.strip() != "" and all(ch in _QUOTES or ch.isspace() for ch in gap)


def _bracketed(story: _Story, j: int) -> bool:
    """Word ``j`` opens or follows a body's acronym in brackets right after the body's name
    (رئيس وكالة التعاون (تيكا) X): no break in a title."""
    words = story.words

    def gap(k: int) -> str:
        return story.text[words[k - 1][2] : words[k][1]]

    if j < 2 or j >= len(words) or "\n" in gap(j):
        return False
    if gap(j).strip() == "(":  # entering the acronym
        return story.covered(j) and story.covered(j - 1) and j + 1 < len(words) and gap(j + 1).strip() == ")"
    # leaving it
    return gap(j).strip() == ")" and story.covered(j - 1) and story.covered(j - 2) and gap(j - 1).strip() == "("


def _indefinite_construct(story: _Story, k: int) -> int:
    """The end of the common nouns in construct from word ``k`` (تجارة وصناعة), none of them
    a given name, definite or already found."""
    words = story.words
    while k < len(words) and story.joined(k) and not story.covered(k):
        w = words[k][0]
        bare = w[1:] if norm_word(w)[:1] == "و" and k > 0 else w
        if is_definite(w) or is_given_name(w) or is_given_name(bare) or not is_noun(bare) or norm_word(bare).endswith("ي"):
            break  # ماليزي: an adjective, not a noun in construct
        k += 1
    return k


@word_memo
def _body_head(word: str) -> bool:
    """حكومة, دائرة, هيئة … (with proclitics): a body whose construct completes a title."""
    return any(f in _AR_BODIES for f in strip_proclitics(word))


@word_memo
def _descriptor(word: str) -> bool:
    """شركة, فريق, نادي (with proclitics): a word that introduces a company or club."""
    return any(f in _AR_DESCRIPTORS for f in strip_proclitics(word))


def _place_as_given_name(story: _Story, j: int) -> bool:
    """A place word right after a nationality adjective, before a word no dictionary holds.

    In a title the nationality comes last (رئيسة الوزراء الإيطالية), so a place after it
    is no part of the title but a given name (جورجيا ميلوني).
    """
    words = story.words
    return (
        j > 0
        and j + 1 < len(words)
        and story.joined(j + 1)
        and _nationality_word(words[j - 1][0])
        and is_arabic(words[j][0])
        and not is_definite(words[j][0])
        and _unknown_name(words[j + 1][0])
        and not story.covered(j + 1)
    )


def _foreign_after_nationality(story: _Story, i: int) -> int:
    """End (last + 1) of a foreign name after the nationality adjective at ``i``, or 0.

    A foreign given name the dictionary reads as a word (أدريان as a verb with an affix, كارمن,
    بول) names a person after a nationality when the next word is one no dictionary holds
    (الفرنسي أدريان موكيليه); more such words, or listed given names, belong to the name. A
    function word (مع, أمام) is no given name unless the news corpus knows it as a proper noun
    (آلان), nor is a verb that goes on the clause (:func:`_clause_verb`: الوزير التركي يستقبل).
    """
    words = story.words
    n = len(words)
    j = i + 1
    if j + 1 >= n or not story.joined(j) or not story.joined(j + 1):
        return 0
    given, surname = words[j][0], words[j + 1][0]
    if (
        not is_arabic(given)
        or _mixed(given)
        or story.covered(j)
        or is_definite(given)
        or (norm_word(given)[:1] == "و" and not _waw_after_nationality(given))
        or _title_of(given) is not None
        or (is_particle(given) and not is_proper_noun(given))
        or _clause_verb(given)
        or not is_arabic(surname)
        or _mixed(surname)
        or story.covered(j + 1)
        or is_lexical(surname)
        or is_definite(surname)
    ):
        return 0
    last = j + 2
    while (
        last < n
        and last - j < _MAX_NAME
        and story.joined(last)
        and is_arabic(words[last][0])
        and not story.covered(last)
        and not is_definite(words[last][0])
        and norm_word(words[last][0])[:1] != "و"
        and (not is_lexical(words[last][0]) or is_given_name(words[last][0]))
    ):
        last += 1
    if last < n and story.joined(last) and not story.covered(last):
        w = words[last][0]
        m = norm_word(w)
        if is_arabic(w) and not _mixed(w) and not (
            is_definite(w) or (m[:1] in "وبلف" and len(m) > 4 and is_lexical(w[1:])) or is_particle(w) or m in STOPWORDS["ar"] or m in AR_VERBS
            or _title_of(w) is not None or is_bare_verb(w) or _accusative_noun(w)
        ):
            # كارمن رويث برافو بجائزة: a last word that reads as a word is the surname when
            # punctuation or a word with a proclitic closes it; before anything else, no name
            return last + 1 if _clitic_after(story, last + 1) and last + 1 - j <= _MAX_NAME else 0
    return last


@lru_cache(maxsize=4096)
def _clause_verb(word: str) -> bool:
    """A verb as written in the third person present (يستقبل, تعقد) or a derived past form of five
    letters or more (استقبل, انتقد), or a reporting verb: the clause going on after a subject, never
    a foreign given name (أوسي and بوي read as short verbs, and are names)."""
    n = norm_word(word)
    if n in AR_VERBS:
        return True
    if not is_bare_verb(word) or is_proper_noun(word):
        return False
    return n[:1] in "يت" or (n[:1] == "ا" and len(n) >= 5)


@lru_cache(maxsize=4096)
def _waw_after_nationality(word: str) -> bool:
    """A given name that begins with و (وحيدة) right after a nationality: the rest is no title,
    body word, particle, verb as written, given or proper name, so no conjunction joins it."""
    rest = word[1:]
    return (
        len(norm_word(word)) > 3
        and is_arabic(rest)
        and not is_definite(rest)
        and _title_of(rest) is None
        and not _body_head(rest)
        and not _descriptor(rest)
        and not is_particle(rest)
        and not is_bare_verb(rest)
        and not is_given_name(rest)
        and not is_proper_noun(rest)
    )


def _opponent_end(story: _Story, i: int) -> int:
    """End (last + 1) of the opponent named after على / أمام at ``i``, or 0.

    After a result's noun (بفوزه, بتعادل, تغلبها), one word between at most (بتعادل صعب أمام),
    a name opened by a word no dictionary holds is the opponent beaten or held (بفوزه على X Y في):
    two or three words, each unknown to the dictionary, a proper noun of the news corpus or عبد and
    the word after it, closed by punctuation, a particle or a word with a proclitic.
    """
    words = story.words
    n = len(words)
    if i < 1 or not story.joined(i) or not any(
        k >= 0 and _AR_RESULT.match(norm_word(words[k][0])) and all(story.joined(m) for m in range(k + 1, i + 1))
        for k in (i - 1, i - 2)
    ):
        return 0
    j = i + 1
    if j >= n or not story.joined(j) or story.covered(j) or not _unknown_name(words[j][0]) or is_definite(words[j][0]):
        return 0
    last = j + 1
    while last < n and last - j < 3 and story.joined(last) and not story.covered(last):
        w = words[last][0]
        if norm_word(words[last - 1][0]) == "عبد" and is_arabic(w):
            last += 1  # نوديربيك عبد الستاروف: عبد and the word after it
        elif norm_word(w) == "عبد" or (
            is_arabic(w) and not is_definite(w) and norm_word(w)[:1] != "و"
            and (_unknown_name(w) or (is_proper_noun(w) and not is_particle(w)))
        ):
            last += 1
        else:
            break
    if last - j < 2 or norm_word(words[last - 1][0]) == "عبد":
        return 0
    if last < n and story.joined(last) and not (is_particle(words[last][0]) or _clitic_after(story, last)):
        return 0
    return last


@lru_cache(maxsize=65536)
def _scoring_verb(word: str) -> bool:
    """True for a verb of scoring, bare or after a proclitic (أضاف, وسجل)."""
    return any(f in _AR_SCORING_VERBS for f in strip_proclitics(word))


def _scorer_end(story: _Story, i: int) -> int:
    """After a verb of scoring at ``i``, two or three name words and then what was scored
    (ثم أضاف X Y الهدف الثاني, قبل أن يعادل X Y النتيجة): the end of the player's name, or 0.

    The object after the name is the evidence, so the words may be dictionary words; none may
    be definite, a function word, a word with و or a place or body already found (أضاف ريال
    مدريد الهدف is a club).
    """
    words = story.words
    if not _scoring_verb(words[i][0]):
        return 0
    k = i + 1
    while k < len(words) and k - i <= 3 and story.joined(k):
        w = words[k][0]
        n = norm_word(w)
        if n in _AR_SCORED:
            return k if k - i >= 3 else 0
        if (
            not is_arabic(w) or _mixed(w) or is_definite(w) or story.covered(k) or n[:1] == "و"
            or n in STOPWORDS["ar"] or _title_of(w) is not None
        ):
            return 0
        k += 1
    return 0


def _scorer_after_nationality(story: _Story, i: int) -> bool:
    """After a verb of scoring at ``i``, a nationality and one name word, then what was scored
    (وأضاف البرازيلي X الهدف الثالث, أحرز البرازيلي X هدف الضيوف): a player known by one name.

    The word is none of: definite, a function word, a word with و, a title, a verb as written,
    an accusative noun, a place or body already found."""
    words = story.words
    if i + 3 >= len(words) or not _scoring_verb(words[i][0]):
        return False
    if not (story.joined(i + 1) and story.joined(i + 2) and story.joined(i + 3)):
        return False
    if not (is_definite(words[i + 1][0]) and _nationality_word(words[i + 1][0])):
        return False
    w = words[i + 2][0]
    n = norm_word(w)
    if (
        not is_arabic(w) or _mixed(w) or is_definite(w) or story.covered(i + 2) or n[:1] == "و"
        or n in STOPWORDS["ar"] or n in _AR_SCORED or _title_of(w) is not None or is_bare_verb(w)
        or _accusative_noun(w)
    ):
        return False
    return norm_word(words[i + 3][0]) in _AR_SCORED


def _arabic_people(story: _Story) -> list[Found]:
    words = story.words
    text = story.text
    counts: Counter[str] | None = None  # words' frequencies, needed for a lone name after a verb
    found: list[Found] = []
    i = 0
    n = len(words)
    for at in compress(range(n), map(_OPENS.__getitem__, word_strings(text))):  # the other words add nothing
        if at < i:
            continue  # inside the name found last
        i = at
        w = words[i][0]
        last = _scorer_end(story, i)
        if last:
            found.append(_found(story, i + 1, last, "pattern", w))
            i = last
            continue
        if _scorer_after_nationality(story, i):
            found.append(_found(story, i + 2, i + 3, "pattern", w))
            i += 3
            continue
        cue = _cue(w)
        if cue is None or story.covered(i):
            i += 1
            continue
        if cue == "nationality":
            # الإيطالي يانيك سينر: a nationality adjective before two or more name words
            first, last = _arabic_name(story, i + 1) if i + 1 < n and story.joined(i + 1) else (i, i)
            given = words[first][0]
            if (
                last - first == 1
                and last < n
                and story.joined(last)
                and not is_lexical(given)
                and not story.covered(last)
                and _foreign_tail(words[last][0])
                and (last + 1 >= n or not story.joined(last + 1))
            ):
                last += 1  # والألماني X تاه.: after a name no dictionary holds, a short last word before punctuation
            elif (
                last - first == 1
                and last + 1 < n
                and not is_lexical(given)
                and story.joined(last)
                and not story.covered(last)
                and len(norm_word(words[last][0])) >= 4
                and _split_verb(words[last][0])
                and _clitic_after(story, last + 1)
            ):
                # الهندي روهان بوبانا والأسترالي …, ماثيو إبدن باللقب: after a name no dictionary
                # holds, a foreign surname that reads as a verb only with an affix, before a word
                # with a proclitic (the list's next item, the prize won)
                last += 1
            elif last - first == 1 and not is_lexical(given):
                last = _foreign_run(story, first, last)  # والإيطالية إيزابيلا كاميرا دافليتو،
            if last - first >= 2 and (
                not is_lexical(given)
                or norm_word(given) in ("عبد", "ابو")
                # الفرنسي كريم بنزيمة: a listed given name, then a word no dictionary holds as a noun
                or (is_given_name(given) and name_word(words[first + 1][0]) and not is_noun(words[first + 1][0]))
            ):
                found.append(_found(story, first, last, "pattern", w))
                i = last
                continue
            last = _foreign_after_nationality(story, i)
            if last:
                found.append(_found(story, i + 1, last, "pattern", w))
                i = last
                continue
            i += 1
            continue
        if cue == "against":
            last = _opponent_end(story, i)
            if last:
                found.append(_found(story, i + 1, last, "pattern", w))
                i = last
                continue
            i += 1
            continue
        if cue == "succeeding":
            # خلفا لفراس الهواري: ل + a listed given name and a family name, the person replaced
            nxt = words[i + 1][0] if i + 1 < n and story.joined(i + 1) else ""
            # لعلي: a given name that folds to a particle (على) counts as written with its ي
            if nxt[:1] == "ل" and is_given_name(nxt[1:]) and (not is_particle(nxt[1:]) or nxt.endswith("ي")):
                first, last = _arabic_name(story, i + 1, titled=True, lam=True)
                # … بن سلمان الدوسري: a definite word the name stopped before may be its family name
                cut = last < n and story.joined(last) and is_definite(words[last][0])
                if (
                    cut
                    and last - first >= 2
                    and not story.covered(last)
                    and not _nationality_word(words[last][0])
                    and norm_word(words[last][0]) not in STOPWORDS["ar"]
                    and _title_of(words[last][0]) is None
                    and (last + 1 >= n or not story.joined(last + 1) or norm_word(words[last + 1][0]) in _AR_RELATIVES)
                ):
                    # خلفا لعلي محسن العلاق الذي: a definite word closed by punctuation or a relative
                    # pronoun is the family name the name stopped before
                    last += 1
                    cut = False
                if last - first >= 2 and not cut:
                    found.append(_found(story, first, last, "pattern", w))
                    i = last
                    continue
            i += 1
            continue
        title = _title_of(w) if cue == "title" else None
        if title is not None:
            j = _skip_title(story, i)
            first, last = (
                _arabic_name(story, j, titled=True)
                if j < n and (story.joined(j) or _quoted_gap(story, j) or _bracketed(story, j))
                else (j, j)
            )
            if last - first == 1 and _common_adjective(words[first][0]):
                first = last  # رئيس سابق "a former president": an adjective, no name
            if last == first and j > i + 1 and _nationality_word(words[j - 1][0]) and (end := _foreign_after_nationality(story, j - 1)):
                first, last = j, end  # ممثلة المنظمة الباكستانية X Y: the title ends with a nationality
            if last > first:
                evidence = text[words[i][1] : words[first - 1][2]] if first > i else w
                found.append(_found(story, first, last, "title", evidence))
                i = last
                continue
            i = max(j, i + 1)
            continue
        if cue == "verb" and i + 1 < n and story.joined(i + 1):
            last = _apposition_end(story, i + 1)
            if last:
                found.append(_found(story, i + 1, last, "apposition", words[last][0]))
                i = last
                continue
            first, last = _arabic_name(story, i + 1)
            if last - first == 1 and counts is None:
                counts = Counter(f for w, _, _ in words for f in set(strip_proclitics(w)))
            lone_before_place = last - first == 1 and last < n and story.joined(last) and story.covered(last)
            if last - first >= 2 or (
                last - first == 1
                and counts is not None
                and counts.get(norm_word(words[first][0]), 0) >= 2
                and not lone_before_place  # استقبل سلطان عمان: a ruler's title in construct, no person
            ):
                found.append(_found(story, first, last, "pattern", w))
                i = last
                continue
        elif (
            cue == "compound"
            and i + 3 < n
            and story.joined(i + 1)
            and story.joined(i + 2)
            and norm_word(words[i + 2][0]) in _AR_PATRONYMIC
            and (i == 0 or not _after_joiner(story, i))
        ):
            # عبد الله بن عادل فخرو: a compound given name and a patronymic name a person, no title needed
            first, last = _arabic_name(story, i)
            # … بن سلمان الدوسري: a definite word after it may be the family name the name
            # stopped before, so a half name is never suggested
            cut = last < n and story.joined(last) and is_definite(words[last][0])
            if last - first >= 4 and not cut:
                found.append(_found(story, first, last, "name list", w))
                i = last
                continue
        elif cue == "name" and (i == 0 or not _after_joiner(story, i)):
            first, last = _arabic_name(story, i)
            if last - first >= 2 and is_noun(w) and not _known_name(words[first + 1][0]) and not is_definite(
                words[first + 1][0]
            ):
                first, last = i, i  # تتضمن زيادة مخصصات: a noun ("increase") before an unknown word
            if (
                last - first == 2
                and last + 1 < n
                and is_given_name(words[first + 1][0])
                and story.joined(last)
                and is_definite(words[last][0])
                and norm_word(words[last][0])[:2] != "لل"
                and not story.covered(last)
                and not _nationality_word(words[last][0])
                and text[words[last][2] : words[last + 1][1]].strip() in ("،", ",", ".")
            ):
                # وفادي حسين النعيمات،: a definite word closed by punctuation after a given name and a
                # father's name may be the family name the name stopped before: no half name
                first, last = i, i
            if last - first >= 2:
                reason = "name list"
                gap = text[words[last - 1][2] : words[last][1]].strip() if last < n else ""
                if gap == "،" and _title_of(words[last][0]) is not None:
                    reason = "apposition"
                found.append(_found(story, first, last, reason, w))
                i = last
                continue
        i += 1
    if len(found) >= 2:
        found = _story_family_names(story, found)
    return found


def _story_family_names(story: _Story, found: list[Found]) -> list[Found]:
    """Family names the story itself gives.

    A definite word that ends one name found in the story (عبد المحسن الرشيدان) is a family
    name, so a name that stopped right before it takes it in (عبد المحسن يوسف الرشيدان,
    فيصل عبد المحسن الرشيدان); a shorter name made of a longer one's first words and its family
    name (a headline leaving out the father's name) is that longer name.
    """
    words = story.words
    families = {norm_word(f.name.split()[-1]) for f in found if " " in f.name and is_definite(f.name.split()[-1])}
    if not families:
        return found
    out: list[Found] = []
    for f in found:
        last = bisect_left(words, f.end, key=itemgetter(2))  # the name's last word: words end in order
        k = last + 1
        if (
            last < len(words)
            and words[last][2] == f.end
            and k < len(words)
            and norm_word(words[k][0]) in families  # the rare case first
            and norm_word(words[k][0]) != norm_word(f.name.split()[-1])
            and story.joined(k)
            and not story.covered(k)
        ):
            end = words[k][2]
            f = Found("person", story.text[f.start : end], f.start, end, f.reason, f.evidence)
        out.append(f)
    split = {f.name: f.name.split() for f in out}
    by_last: dict[str, list[str]] = {}
    for name, parts in split.items():
        by_last.setdefault(parts[-1], []).append(name)
    longer: dict[str, str] = {}
    for name, parts in split.items():
        if len(parts) < 2 or len(by_last[parts[-1]]) < 2:
            continue
        fuller = {
            other for other in by_last[parts[-1]]
            if len(split[other]) > len(parts)
            and split[other][: len(parts) - 1] == parts[:-1]
            and norm_word(split[other][len(parts) - 1]) not in _AR_PATRONYMIC
        }
        if len(fuller) == 1:
            longer[name] = fuller.pop()
    if not longer:
        return out
    return [f._replace(name=longer[f.name]) if f.name in longer else f for f in out]


@lru_cache(maxsize=65536)
def _opens(word: str) -> bool:
    """True for a word :func:`_arabic_people` acts on: a verb of scoring or a cue."""
    return _scoring_verb(word) or _cue(word) is not None


_OPENS = WordMemo(_opens)  # the same test, for every word of a story


@word_memo
def _cue(word: str) -> str | None:
    """What an Arabic word can start: "title", "verb" (reporting), "name" (given name) or nothing."""
    if not is_arabic(word):
        return None
    if _title_of(word) is not None:
        return "title"
    if norm_word(word) in AR_VERBS:
        return "verb"
    if is_given_name(word):
        return "name"
    n = norm_word(word)
    if n[:1] == "و" and len(n) > 3 and is_given_name(word[1:]) and not is_particle(word[1:]):
        return "name"  # كريم البركاوي وأشرف بن شرقي: the next name in a list
    if n in _AR_COMPOUND_OPENERS:
        return "compound"  # عبد الله بن عادل: a compound given name, then بن and the father's name
    if n in _AR_SUCCEEDING:
        return "succeeding"  # خلفا لفراس الهواري: the person replaced
    if n in _AR_AGAINST:
        return "against"  # بفوزه على X Y: the opponent in a result
    return "nationality" if _nationality_word(word) else None


_AR_COMPOUND_OPENERS = norm_set("عبد وعبد")
_AR_SUCCEEDING = norm_set("خلفا خلفاً")
_AR_AGAINST = norm_set("على أمام")
# a result's noun before على / أمام (بفوزه على, بتعادل صعب أمام, بعد تغلبها على, خسارته أمام)
_AR_RESULT = re.compile(r"^(?:[وف])?(?:ب)?(?:ال)?(?:فوز|تعادل|تغلب|خسار[هت]?|هزيم[هت]?)(?:ه|ها|هم|هما)?$")
_AR_RELATIVES = norm_set("الذي التي")
_AR_PATRONYMIC = norm_set("بن بنت ابن")


def _after_joiner(story: _Story, i: int) -> bool:
    return story.joined(i) and norm_word(story.words[i - 1][0]) in _AR_JOINERS


def _found(story: _Story, first: int, last: int, reason: str, evidence: str) -> Found:
    words = story.words
    raw, start, _ = words[first]
    # drop a proclitic glued to the first word (ولي, لـ, و): only when the bare form is the name
    forms = strip_proclitics(raw)
    norm = forms[0]
    if raw[:1] == "و" and (
        (is_given_name(raw[1:]) and not is_given_name(raw)) or norm_word(raw) in _AR_COMPOUND_OPENERS
    ):
        start += 1  # وأشرف بن شرقي, وعبد الله بن …: the conjunction is no part of the name
    elif is_arabic(raw) and len(forms) > 1 and not name_word(raw) and not is_given_name(raw) and not (
        raw[:1] == "و" and is_proper_noun(raw) and not is_lexical(raw[1:])
    ):  # وديع: a proper noun whose و is no conjunction keeps it
        for form in forms[1:]:
            if name_word(form):
                start += _prefix_len(raw, len(norm) - len(form))
                break
    end = words[last - 1][2]
    name = story.text[start:end]
    return Found("person", name, start, end, reason, evidence)


# -- Latin script ---------------------------------------------------------------------


@lru_cache(maxsize=65536)
def _base(word: str) -> tuple[str, bool]:
    """The word before an apostrophe suffix, and whether there was one (Starmer'ı); an apostrophe
    before a capital is inside the name (O'Malley, D'Souza; O'Malley's has the suffix)."""
    for m in _APOSTROPHE.finditer(word):
        after = word[m.end() : m.end() + 2]
        if not (after[:1].isupper() and after[1:].islower()):  # ANKARA'DA: a suffix in capitals
            return word[: m.start()], True
    return word, False


@word_memo
def _mixed(word: str) -> bool:
    """True for a word mixing Arabic and Latin letters (ErdoğanأردوغAN): never a name word."""
    arabic = sum(1 for ch in word if "\u0600" <= ch <= "\u06ff")
    return 0 < arabic < sum(1 for ch in word if ch.isalpha())


@lru_cache(maxsize=65536)
def _is_latin_title(word: str) -> bool:
    if word in LATIN_TITLES or word.casefold() in LATIN_ROLES:
        return True
    base, suffix = _base(word)
    # Türk Telekom CEO'su: a role written with the Turkish possessive after an apostrophe
    return suffix and base.isupper() and len(base) >= 2 and base.casefold() in LATIN_ROLES


def _latin_name_word(story: _Story, i: int) -> bool:
    ok = story.name_ok
    if ok is None:  # computed once per story: shape per word (cached), then coverage
        ok = story.name_ok = [_latin_name_shape(w) for w, _, _ in story.words]
        turkish = story.language == "tr"
        for k, good in enumerate(ok):
            if not good:
                continue
            if story.covered(k):
                ok[k] = False
                story.covered_names.add(k)
            elif (turkish and _TR_CASE_WORD.match(story.words[k][0]) and _sentence_start(story, k)) or (
                turkish and _TR_NICKNAME.match(story.words[k][0])
            ):
                ok[k] = False
    return ok[i]


@lru_cache(maxsize=65536)
def _latin_name_shape(word: str) -> bool:
    w, _ = _base(word)
    if _HYPHEN_ARTICLE.match(w):
        return not any(ch.isdigit() for ch in w)
    return (
        len(w) > 1
        and w[:1].isupper()
        and not w.isupper()
        and not is_arabic(w)
        and not _mixed(w)
        and w not in LATIN_NOT_NAMES
        and not _is_latin_title(w)
        and not any(ch.isdigit() for ch in w)
        and not _TR_INSTITUTION.search(w)
    )


def _latin_name(story: _Story, j: int) -> tuple[int, int]:
    """The Latin-script name starting at word ``j`` (remembered per story)."""
    known = story.latin_names.get(j)
    if known is None:
        known = story.latin_names[j] = _latin_name_at(story, j)
    return known


def _latin_name_at(story: _Story, j: int) -> tuple[int, int]:
    words = story.words
    first = j
    count = 0
    while j < len(words) and count < _MAX_NAME + 1:
        if j > first and not story.joined(j):
            break
        w = words[j][0]
        if j > first and w in LATIN_JOINERS:
            k = j
            while k < len(words) and words[k][0] in LATIN_JOINERS and story.joined(k) and k - j < 2:
                k += 1  # Lula da Silva, Ursula von der Leyen: joiners do not count as words
            if (
                k < len(words)
                and story.joined(k)
                and _latin_name_word(story, k)
                # Ersoy da Kemer'de: in Turkish, da / de before a word with a case ending is "too"
                # (Lula da Silva'nın keeps its da: a genitive, not a place's locative)
                and not (story.language == "tr" and w in _TR_CLITICS and k == j + 1 and _TR_LOCATIVE.search(words[k][0]))
            ):
                j = k
                continue
        count += 1
        if not _latin_name_word(story, j) and not (
            j > first and _is_latin_title(w) and w[:1].isupper() and _name_ends_after(story, j)
        ):  # Murat Emir ise: a title word closing a name is its surname
            break
        j += 1
        if _base(w)[1]:
            break  # Starmer'ı: the suffix ends the name
    return first, j


def _name_ends_after(story: _Story, j: int) -> bool:
    """True when nothing capitalised follows word ``j`` in its clause (a lowercase word or punctuation)."""
    words = story.words
    return j + 1 >= len(words) or not story.joined(j + 1) or not words[j + 1][0][:1].isupper()


def _skip_latin_title(story: _Story, i: int) -> int:
    words = story.words
    j = i + 1
    prepositional = False
    while j < len(words) and j - i < 12:
        if not story.joined(j):
            if prepositional and story.text[words[j - 1][2] : words[j][1]].strip() == ",":
                return j
            break
        w = words[j][0]
        if _is_latin_title(w) or (w in LATIN_NOT_NAMES and w[:1].isupper()):
            j += 1
        elif (
            w[:1].isupper()
            and j + 1 < len(words)
            and story.joined(j + 1)
            and _is_latin_title(words[j + 1][0])
            and not _name_ends_after(story, j + 1)  # Murat Emir ise: the name, not a title
        ):
            j += 2  # Chief Cabinet Secretary: a word between two title words is part of the title
        elif (
            w == "and"
            and prepositional
            and j + 2 < len(words)
            and story.joined(j + 1)
            and story.joined(j + 2)
            and words[j + 1][0][:1].isupper()
            and words[j + 2][0][:1].isupper()
        ):
            j += 2  # Minister of State for IT and Telecom X Y: a second portfolio after "and"
        elif w in _LATIN_PREPOSITIONS or w == "the":
            prepositional = True
            j += 1
            if j < len(words) and words[j][0] == "the":
                j += 1
            if j < len(words) and words[j][0][:1].isupper():
                j += 1  # Chancellor of the Exchequer, ambassador to London
        elif story.covered(j):
            j += 1
        else:
            break
    return j


_AGE = re.compile(r"\d{1,2}")


def _age_follows(story: _Story, last: int) -> bool:
    """True when a number of one or two digits closed by a comma follows word ``last - 1`` and
    its comma (Siobhan O'Malley, 39, was …): the age agency copy gives after a person's name."""
    words = story.words
    if last >= len(words) or not _AGE.fullmatch(words[last][0]):
        return False
    return last + 1 < len(words) and story.text[words[last][2] : words[last + 1][1]].strip() == ","


def _place_surname(story: _Story, k: int) -> bool:
    """True when word ``k``, right after a titled one-word name in Turkish copy, is a province's or
    town's name written bare (no case suffix) and closed by punctuation or a lower-case word: the
    name's surname (Orhan Aydın), as a lone given name after a title is rare in agency copy."""
    words = story.words
    if story.language != "tr" or k >= len(words) or not story.joined(k) or not story.covered(k):
        return False
    w = words[k][0]
    if _base(w)[1] or not _latin_name_shape(w):
        return False
    place = load_places()[0].get(fold_word(w))
    return place is not None and place.kind != "country" and _name_ends_after(story, k)


def _given_name_after_head(story: _Story, i: int, j: int) -> bool:
    """True when word ``j - 1``, which the title at ``i`` took in, is a given name: a capitalised
    word the title list holds as a modifier (Devlet "state") right after a Turkish title's head in
    the possessive (Başkanı, Bakanı, Yardımcısı), which closes a title, before a one-word name."""
    words = story.words
    if story.language != "tr" or j - 2 < i or not story.joined(j - 1):
        return False
    head, given = words[j - 2][0], words[j - 1][0]
    return (
        given in LATIN_NOT_NAMES
        and given[:1].isupper()
        and not given.isupper()
        and head[-1:] in "ıiuü"
        and _is_latin_title(head)
    )


def _sentence_start(story: _Story, i: int) -> bool:
    pos = story.words[i][1]
    before = story.text[:pos].rstrip()
    return not before or before[-1] in '.!?"“”«\n'


def _latin_people(story: _Story) -> list[Found]:
    words = story.words
    text = story.text
    found: list[Found] = []
    i = 0
    n = len(words)
    while i < n:
        w = words[i][0]
        if _is_latin_title(w) and not story.covered(i):
            j = _skip_latin_title(story, i)
            if j < n and (story.joined(j) or text[words[j - 1][2] : words[j][1]].strip() == ","):
                first, last = _latin_name(story, j)
                if last - first == 1 and _given_name_after_head(story, i, j):
                    first = j - 1  # MHP Genel Başkanı Devlet Bahçeli: a given name that is also a title's word
                elif last - first == 1 and _place_surname(story, last):
                    last += 1  # TÜBİTAK Başkanı Orhan Aydın, …: a surname that is also a place's name
                if last > first:
                    k = i  # the title's own adjectives and country (Turkish President, İngiltere Başbakanı)
                    while k > 0 and story.joined(k) and (
                        words[k - 1][0] in LATIN_NOT_NAMES or story.covered(k - 1)
                    ) and words[k - 1][0][:1].isupper():
                        k -= 1
                    found.append(_latin_found(story, first, last, "title", text[words[k][1] : words[min(j, first) - 1][2]]))
                    i = last
                    continue
            i = max(i + 1, j)
            continue
        if not _latin_name_word(story, i):
            if i in story.covered_names and _given_name_place(story, i):
                # Jordan Loyd 24 sayı: a one-word place (Jordan, Georgia) is the given name of
                # two name words a score line follows
                last = _latin_name(story, i + 1)[1]
                found.append(_latin_found(story, i, last, "pattern", words[last][0]))
                i = last
                continue
            i += 1
            continue
        first, last = _latin_name(story, i)
        if last - first >= 2 and words[last - 1][0] not in _EVENT_WORDS and not _place_prefix(story, first, last):
            gap_after = text[words[last - 1][2] : words[last][1]].strip() if last < n else ""
            after = words[last][0] if last < n else ""
            before = words[first - 1][0] if first > 0 and story.joined(first) else ""
            reason = None
            dem = _demonym_person(story, first, last) if story.language == "en" else None
            if (
                before[:1].isupper()
                and before in LATIN_NOT_NAMES
                and not _sentence_start(story, first - 1)
            ):
                pass  # of University College London: the run goes on an institution's name
            elif gap_after == "," and any(
                _is_latin_title(words[k][0]) for k in range(last, min(n, last + 6))
            ):
                reason = "apposition"
            elif gap_after == "," and _age_follows(story, last):
                reason = "apposition"  # Siobhan O'Malley, 39, was acquitted: a person's age
            elif (
                before in LATIN_VERBS
                or (after in LATIN_VERBS and not gap_after)
                # Red Bull's Max Verstappen came third: a team's or company's person, then a verb
                or (_APOSTROPHE_S.search(before) and before[:1].isupper() and after[:1].islower() and not gap_after)
                # a meeting with Liverpool's Richard Hughes, after …: an organisation's person before a comma
                or (_APOSTROPHE_S.search(before) and gap_after == "," and story.covered(first - 1) and last - first == 2)
                or (not _sentence_start(story, first) and _recurring_surname(story, last - 1) and not _head_after(story, last))
                or (not gap_after and _score_follows(story, last))  # Shane Larkin 24 sayıyla
                or (not gap_after and _scorer(story, first, last))  # Jan Novak opened the scoring
                or (story.language == "tr" and _tr_scorer(story, first, last))  # … Silva 85. dakikada
                or (story.language == "en" and _country_possessive(story, first, last))  # Ethiopia's X Y
                or dem is not None  # Ethiopian X Y held off …
                # X Y, who is …; not after a preposition (a curator at National Museums Scotland, who)
                or (gap_after == "," and after == "who" and story.language == "en" and before not in _LATIN_PREPOSITIONS)
                or (before == "through" and _through_scorer(story, first, last))  # levelled through X Y
                # Samoa, coached by X Y, …: a side is coached by a person (led by may be a company)
                or (before == "by" and first >= 2 and story.joined(first - 1) and words[first - 2][0] == "coached")
            ):
                reason = "pattern"
            if reason:
                if dem is not None and dem > first:
                    before, first = words[first][0], dem  # the nationality stays outside the name
                found.append(_latin_found(story, first, last, reason, before or after))
        i = max(last, i + 1)
    return found


_TR_INSTITUTION_CASE = re.compile(r"(?:lığ|liğ|luğ|lüğ)[ıiuü](?:n[ıiuü]n|n[ae]|nd[ae]n?)?$")  # Bakanlığında


def _head_after(story: _Story, last: int) -> bool:
    """True when a title or an institution noun follows the run directly (Çalışma ve Sosyal
    Güvenlik Bakanı, … Bakanlığında): the run's words are the ministry's, not a person's."""
    if last >= len(story.words) or not story.joined(last):
        return False
    w = _base(story.words[last][0])[0]
    return w in LATIN_TITLES or (w[:1].isupper() and _TR_INSTITUTION_CASE.search(w) is not None)


_THROUGH_VERBS = frozenset(
    ["levelled", "leveled", "equalised", "equalized", "ahead", "lead", "led", "replied", "responded", "back", "scored"]
)


def _player_in_match_report(story: _Story, first: int, last: int) -> bool:
    """True when no word of ``first``..``last-1`` ends a club's name and the story gives a
    score (a number-dash-number): the words can be a player named by what he did."""
    if any(w in _CLUB_TAILS or w in LATIN_NOT_NAMES for w, _, _ in story.words[first:last]):
        return False
    if story.score_line is None:
        story.score_line = _SCORE_LINE.search(story.text) is not None
    return story.score_line


def _through_scorer(story: _Story, first: int, last: int) -> bool:
    """In a match report, two or three capitalised words after a verb of scoring and "through"
    (had levelled through X Y, went ahead through X Y) are the scorer; none a club's word."""
    words = story.words
    if not 2 <= last - first <= 3 or first < 2 or not story.joined(first - 1):
        return False
    if words[first - 2][0] not in _THROUGH_VERBS:
        return False
    return _player_in_match_report(story, first, last)


# words that make a capitalised run after a nationality a body, a thing or an event, not a person
_NOT_AFTER_DEMONYM = frozenset(
    ["Airlines", "Airways", "Air", "Bank", "League", "Party", "Army", "Navy", "Government", "Ministry", "Embassy",
     "New", "Year", "Day", "Republic", "Federation", "Association", "Union", "Council", "Red", "Crescent", "Cross"]
)


def _demonym_person(story: _Story, first: int, last: int) -> int | None:
    """Where the person starts when a nationality adjective opens two capitalised words followed
    by a lower-case word (Ethiopian Tigist Ketema held off, Kenyan X Y to win): the adjective is
    read as a word of the run or, where the lists hold it, stands before it."""
    words = story.words
    if last - first >= 3 and words[first][0] in LATIN_DEMONYMS:
        start = first + 1
    elif first > 0 and words[first - 1][0] in LATIN_DEMONYMS and story.joined(first):
        start = first
    else:
        return None
    if last - start != 2 or last >= len(words) or not story.joined(last) or not words[last][0][:1].islower():
        return None
    run = words[start:last]
    if any(
        w in _NOT_AFTER_DEMONYM or w in _EVENT_WORDS or w in _CLUB_TAILS or w in LATIN_NOT_NAMES or _is_latin_title(w)
        or story.city(k) or _base(w)[1]
        for k, (w, _, _) in enumerate(run, start)
    ):
        return None
    opener = start - 1
    if opener > 0 and story.joined(opener) and words[opener - 1][0][:1].isupper() and not _sentence_start(story, opener):
        return None  # The Kenyan …, a longer capitalised run: no nationality on its own
    return start


def _country_possessive(story: _Story, first: int, last: int) -> bool:
    """Two or three capitalised words right after a country's possessive (finishing ahead of
    Ethiopia's X Y.) are that country's person; none may be a city, a club's or an event's word."""
    if not 2 <= last - first <= 3 or first == 0 or not story.joined(first):
        return False
    before = story.words[first - 1][0]
    if not _APOSTROPHE_S.search(before):
        return False
    index = load_places()[0]
    place = index.get(fold_word(_base(before)[0]))
    if place is None or place.kind != "country":
        return False
    return not any(
        w in _CLUB_TAILS or w in _EVENT_WORDS or w in LATIN_NOT_NAMES or story.city(k) or fold_word(_base(w)[0]) in index
        for k, (w, _, _) in enumerate(story.words[first:last], first)
    )


def _place_prefix(story: _Story, first: int, last: int) -> bool:
    """True when the name's first two or three words are a place's (the Oklahoma City Thunder,
    the Los Angeles Lakers, the New York Times): a club or company named after its city."""
    index = load_places()[0]
    for length in (3, 2):
        if last - first > length:
            key = " ".join(fold_word(_base(w)[0]) for w, _, _ in story.words[first : first + length])
            if key in index:
                return True
    return False


def _scorer(story: _Story, first: int, last: int) -> bool:
    """True when a scoring verb and its object follow the words ``first``..``last-1`` in a
    story about a match (a number-dash-number score in it), and no word of theirs ends a
    club's name: a player named by what he did, with no title or role."""
    words = story.words
    if last + 1 >= len(words) or not story.joined(last + 1):
        return False
    if words[last][0] not in _SCORING_VERBS or words[last + 1][0] not in _SCORING_OBJECTS:
        return False
    return _player_in_match_report(story, first, last)


_TR_GOAL_WORDS = frozenset(["golüyle", "golleriyle", "golü", "golünü", "golleri", "pasıyla", "asistiyle"])
_TR_LEVEL_WORDS = frozenset(["eşitliği", "beraberliği", "farkı", "skoru"])
_TR_GENITIVE = re.compile(r"['’](?:n?[ıiuü]n)$")
_MINUTE = re.compile(r"\d{1,3}\.\s+dakika(?:da|sında)?\b")
_MINUTE_BEFORE = re.compile(r"\d{1,3}\.\s+dakikada\s+$")


def _tr_scorer(story: _Story, first: int, last: int) -> bool:
    """In a Turkish match report (a score in it), two or three capitalised words are a player
    when what he did follows them: his goal in the genitive (Jan Novak'ın golüyle), "ile" and
    the level score (Jan Novak ile eşitliği sağladı), or the minute (Jan Novak 85. dakikada);
    never when a word of theirs is a club's (…spor, United) or no name."""
    words = story.words
    if not 2 <= last - first <= 3:
        return False
    if any(w in _CLUB_TAILS or w in LATIN_NOT_NAMES or _base(w)[0].endswith("spor") for w, _, _ in words[first:last]):
        return False
    if story.score_line is None:
        story.score_line = _SCORE_LINE.search(story.text) is not None
    if not story.score_line:
        return False
    end = words[last - 1][2]
    if _TR_GENITIVE.search(words[last - 1][0]):
        return last < len(words) and story.joined(last) and words[last][0] in _TR_GOAL_WORDS
    if _base(words[last - 1][0])[1]:
        return False  # another case ending: no player's signal here
    if (
        _MINUTE_BEFORE.search(story.text, max(0, words[first][1] - 24), words[first][1])
        and last < len(words)
        and story.joined(last)
        and words[last][0][:1].islower()
        and not any(story.city(k) for k in range(first, last))
    ):
        return True  # 12. dakikada Jan Novak öne geçirdi: the minute, the player, what he did
    if last + 1 < len(words) and story.joined(last) and words[last][0] == "ile" and story.joined(last + 1):
        return words[last + 1][0] in _TR_LEVEL_WORDS
    return _MINUTE.match(story.text, end + 1) is not None and story.text[end : end + 1] == " "


_TR_GOAL_OBJECTS = frozenset(["golünü", "gollerini", "golü", "golleri"])
_TR_GOAL_VERBS = frozenset(["attı", "kaydetti", "attılar"])
_TR_FROM = re.compile(r"['’](?:[dt][ae]n)$")  # Fred'den geldi: the goal came from him


def _tr_nationality(word: str) -> bool:
    """A Turkish nationality adjective in -lı/-li/-lu/-lü on a country's name (Brezilyalı)."""
    if len(word) < 5 or word[-2:] not in ("lı", "li", "lu", "lü"):  # Çinli, Brezilyalı
        return False
    place = load_places()[0].get(fold_word(word[:-2]))
    return place is not None and place.kind == "country"


def _tr_goal_scorers(story: _Story, found: list[Found]) -> list[Found]:
    """In a Turkish match report, the names between a goal word and its verb are the scorers:
    "gollerini A B, C ve D E attı", "tek golünü ise A B attı", "tek golü Brezilyalı A'dan geldi".

    The frame is the evidence, so an item may be one word; an item with a club's, a body's or
    no-name word, or the frame broken by any other word, gives nothing."""
    words = story.words
    if story.score_line is None:
        story.score_line = _SCORE_LINE.search(story.text) is not None
    if not story.score_line:
        return []
    taken = {f.start for f in found}
    out: list[Found] = []
    n = len(words)
    for g in range(n - 2):
        if words[g][0] not in _TR_GOAL_OBJECTS:
            continue
        k = g + 1
        if story.joined(k) and words[k][0] == "ise":
            k += 1
        items: list[tuple[int, int]] = []
        first = k
        ok = False
        while (k < n and story.joined(k)) or (k < n and k > first and story.text[words[k - 1][2] : words[k][1]].strip() == ","):
            w = words[k][0]
            if w == "ve" and k > first:
                if not items or items[-1][1] != k:
                    items.append((first, k))
                first = k + 1
                k += 1
                continue
            if not w[:1].isupper():
                if items and items[-1][1] == k:
                    pass
                elif k > first:
                    items.append((first, k))
                base_last = words[k - 1][0]
                ok = (w in _TR_GOAL_VERBS and not _base(base_last)[1]) or (w == "geldi" and bool(_TR_FROM.search(base_last)))
                break
            if k > first and story.text[words[k - 1][2] : words[k][1]].strip() == ",":
                items.append((first, k))
                first = k
            if (
                story.covered(k) or w in LATIN_NOT_NAMES or w in _CLUB_TAILS or _base(w)[0].endswith("spor")
                or not _latin_name_shape(_base(w)[0]) or k - first >= 3
            ):
                break
            k += 1
        if not ok or not items:
            continue
        for a, b in items:
            if b - a >= 2 and _tr_nationality(words[a][0]):
                a += 1  # Brezilyalı Fred: the nationality before the name
            if _tr_nationality(words[a][0]) or words[a][1] in taken:
                continue
            out.append(_latin_found(story, a, b, "pattern", words[g][0]))
    return out


def _owners(story: _Story) -> set[str]:
    """Capitalised runs right before a role and a capitalised name ("Sinn Fein leader Mary
    Lou McDonald", "Porto coach Ana Silva"): a body the person belongs to, never a person."""
    words = story.words
    out: set[str] = set()
    # only the role words (a set lookup per word, no Python loop over every word)
    for r in compress(range(1, len(words) - 1), map(LATIN_ROLES.__contains__, map(itemgetter(0), words[1:-1]))):
        if not story.joined(r) or not story.joined(r + 1) or not words[r + 1][0][:1].isupper():
            continue
        k = r
        while k > 0 and r - k < 3 and story.joined(k) and words[k - 1][0][:1].isupper() and words[k - 1][0].isalpha():
            k -= 1
        if r - k >= 2:  # a one-word body (Porto coach …) is never suggested as a person anyway
            out.add(story.text[words[k][1] : words[r - 1][2]])
    return out


def _given_name_place(story: _Story, i: int) -> bool:
    """True when word ``i``, a place of one word, opens a name a score follows (Jordan Loyd 24
    sayı, Georgia Smith's 21 points): a given name that the gazetteer also holds."""
    words = story.words
    if i + 1 >= len(words) or not _latin_name_word(story, i + 1) or not story.joined(i + 1):
        return False
    _, s, e = words[i]
    k = bisect_right(story._ends, s)
    if not (story.taken[k][0] == s and story.taken[k][1] == e):
        return False  # part of a longer place or body
    first, last = _latin_name(story, i + 1)
    return last - first == 1 and last < len(words) and _score_follows(story, last)


def _score_follows(story: _Story, k: int) -> bool:
    """True when word ``k`` is a number followed by a score word (24 sayıyla, 19 points)."""
    words = story.words
    return (
        k + 1 < len(words)
        and words[k][0].isdigit()
        and story.joined(k + 1)
        and words[k + 1][0].casefold() in _STAT_WORDS
    )


def _latin_lists(story: _Story, found: list[Found]) -> list[Found]:
    """Names in a list ("A B, C D ve E F"): two or more items of two or more name words each."""
    words = story.words
    text = story.text
    taken = {f.start for f in found}
    out: list[Found] = []
    i = 0
    n = len(words)
    while i < n:
        if not _latin_name_word(story, i):
            i += 1
            continue
        items: list[tuple[int, int]] = []
        closed = False  # a list ends with "ve" / "and" before its last item
        j = i
        while j < n:
            first, last = _latin_name(story, j)
            if last - first < 2:
                break
            items.append((first, last))
            if last >= n:
                break
            gap = text[words[last - 1][2] : words[last][1]].strip()
            if gap == "," and last < n:
                j = last
            elif gap == "" and words[last][0] in ("ve", "and", "ile") and last + 1 < n and not closed:
                closed = True
                j = last + 1
            else:
                break
        end = items[-1][1] if items else 0
        # Çalışma ve Sosyal Güvenlik Bakanı: a capitalised word right after the last item makes the
        # run one longer name (a ministry's, a title's, a company's), not a list of people
        longer = 0 < end < n and story.joined(end) and words[end][0][:1].isupper()
        if (
            closed
            and len(items) >= 2
            and items[-1][0] == j
            and not longer
            # Esenboğa Havalimanı'ndan ve Adnan Menderes Havalimanı'ndan: facilities, not people
            and not any(_base(words[last - 1][0])[0] in _TR_HEADS for _, last in items)
            # the China Import and Export Fair: an event's name, its words in two halves
            and words[items[-1][1] - 1][0] not in _EVENT_WORDS
        ):
            for first, last in items:
                if story.language == "tr" and last - first >= 3 and _tr_nationality(words[first][0]):
                    first += 1  # Kenyalı Daniel Kiprop ile …: the nationality before an item stays outside it
                if words[first][1] not in taken:
                    out.append(_latin_found(story, first, last, "pattern", "list"))
            i = items[-1][1]
        else:
            i += 1
    return out


def _recurs(story: _Story, i: int) -> bool:
    """True when word ``i`` (apostrophe suffix off) occurs at least twice capitalised."""
    if story.surnames is None:
        story.surnames = Counter(_base(w)[0] for w, _, _ in story.words if w[:1].isupper())
    return story.surnames[_base(story.words[i][0])[0]] >= 2


# The head of a Turkish facility's or institution's name (Esenboğa Havalimanı, Pegasus Hava Yolları,
# Marmara Araştırma Merkezi): a run ending in one names no person, however often the word recurs.
_TR_HEADS = frozenset(
    ["Havalimanı", "Limanı", "Merkezi", "Yolları", "Üniversitesi", "Hastanesi", "Camii", "Stadı", "Stadyumu",
     "Köprüsü", "Barajı", "Kurulu", "Kurumu", "Ajansı", "Bankası", "Şirketi", "Derneği", "Vakfı", "Enstitüsü",
     "Fakültesi", "Müzesi", "Meydanı", "Caddesi", "Bulvarı", "Parkı", "Meclisi", "Belediyesi", "Holding", "Grubu",
     "Valiliği", "Kaymakamlığı", "Koleji", "Lisesi", "Salonu",
     # and the plural or kind word closing an English company's name (Hutchison Ports, APM Terminals)
     "Ports", "Terminals", "Holdings", "Airlines", "Airways", "Industries", "Logistics", "Shipping", "Motors",
     "Technologies", "Resources", "Partners",
     # and an event's kind word (Türkiye Bisiklet Turu, İstanbul Maratonu, Antalya Diplomasi Forumu)
     "Turu", "Rallisi", "Maratonu", "Festivali", "Fuarı", "Zirvesi", "Forumu"]
)


def _recurring_surname(story: _Story, i: int) -> bool:
    """Word ``i`` recurs capitalised (:func:`_recurs`) and may be a surname: not the head of a
    Turkish institution's name, not a place's name (Telenor Pakistan, where Pakistan recurs)."""
    if not _recurs(story, i):
        return False
    base = _base(story.words[i][0])[0]
    if base in _TR_HEADS:
        return False
    place = load_places()[0].get(fold_word(base))
    return place is None or place.kind not in ("country", "region")


def _latin_found(story: _Story, first: int, last: int, reason: str, evidence: str) -> Found:
    words = story.words
    if story.language == "tr" and last - first >= 3 and _tr_nationality(words[first][0]):
        first += 1  # Avustralyalı Jay Vine: a nationality before two name words is no part of the name
    start = words[first][1]
    word, _, end = words[last - 1]
    base, suffixed = _base(word)
    if suffixed:
        end = words[last - 1][1] + len(base)
    return Found("person", story.text[start:end], start, end, reason, evidence)


# -- short forms ----------------------------------------------------------------------


@word_memo
def _particle_not_name(word: str) -> bool:
    return is_arabic(word) and is_particle(word) and not is_given_name(word)


@word_memo
def _key(word: str) -> str:
    return norm_word(_base(word)[0]).casefold()


@lru_cache(maxsize=65536)
def _short_key_set(word: str) -> frozenset[str]:
    return frozenset(key for key, _, _ in _short_keys(word))


_SHORT_KEY_SET = WordMemo(_short_key_set)  # the same readings, for every word of a story


@word_memo
def _short_keys(word: str) -> tuple[tuple[str, int, int], ...]:
    """(key, offset, length) of each reading of ``word`` as a bare name (proclitics, suffix off)."""
    raw = _base(word)[0]
    if not is_arabic(raw):
        return ((_key(raw), 0, len(raw)),) if raw[:1].isupper() else ()
    out = []
    for form in strip_proclitics(raw):
        lead = _prefix_len(raw, len(norm_word(raw)) - len(form))
        out.append((_key(form), lead, len(raw) - lead))
    return tuple(out)


def _link_short_forms(story: _Story, found: list[Found]) -> list[Found]:
    """Report every surname alone, and every repeat of a full name, under the full name."""
    found = _two_word_family_repeats(story, found)
    full = {f.name: f for f in found if len(f.name.split()) >= 2}
    # the longest name a short form belongs to; a surname shared by two people links to neither
    by_short: dict[str, set[str]] = {}
    for name in full:
        parts = name.split()
        shorts = {_key(parts[-1])}
        for k, part in enumerate(parts[1:], 1):
            if norm_word(part) in ("بن", "ابن") and k >= 1:
                shorts.add(_key(" ".join(parts[:k])))
        for short in shorts:
            by_short.setdefault(short, set()).add(name)
    if story.language != "ar":
        # DSÖ Genel Direktörü Tedros, … Tedros Adhanom Ghebreyesus: a one-word name that opens exactly
        # one longer name of the story is that person, known by the given name
        for f in found:
            if len(f.name.split()) == 1 and _key(f.name) not in by_short:
                opening = {name for name in full if _key(name.split()[0]) == _key(f.name)}
                if len(opening) == 1:
                    by_short[_key(f.name)] = opening
    for f in found:  # a one-word name (بوتين) found once with evidence: every other occurrence too
        if len(f.name.split()) == 1 and _key(f.name) not in by_short:
            by_short[_key(f.name)] = {f.name}
    # a full name inside a longer one: the longer wins (the last of them, if several)
    target_of = {name: name for name in full}
    for name in full:
        for other in full:
            if other != name and f" {name} " in f" {other} " and _inside(name, other):
                target_of[name] = other
                for names in by_short.values():
                    if name in names:
                        names.discard(name)
                        names.add(other)
    out: list[Found] = []
    for f in found:
        target = f.name
        if len(f.name.split()) == 1:
            names = by_short.get(_key(f.name), set())
            if len(names) == 1:
                target = next(iter(names))
            elif len(names) > 1:
                continue  # Vizcarra where Martin and Mario Vizcarra are named: either, so neither
        else:
            target = target_of[f.name]
        out.append(Found("person", target, f.start, f.end, f.reason, f.evidence))
    if not by_short:
        return out
    taken = bytearray(len(story.text) + 1)  # characters inside a mention already reported
    for f in out:
        taken[f.start : f.end] = b"\x01" * (f.end - f.start)
    if story.language != "ar":
        # LA PAZ, in La Paz: a surname inside a city's name of two or more words is the city's word
        for cs, ce in story.cities:
            if " " in story.text[cs:ce] and not any(taken[cs:ce]):
                taken[cs:ce] = b"\x01" * (ce - cs)
    # full names written again elsewhere (a headline at a sentence start)
    text = story.text
    for name in full:
        pos = text.find(name)
        while pos >= 0:
            end = pos + len(name)
            if not any(taken[pos:end]):
                taken[pos:end] = b"\x01" * (end - pos)
                out.append(Found("person", name, pos, end, "short form"))
            pos = text.find(name, end)
    keys = by_short.keys()
    words = story.words
    # only the words with a reading among the short forms (a lookup per word, not a loop)
    readings = map(_SHORT_KEY_SET.__getitem__, word_strings(story.text))
    for i in compress(range(len(words)), map(not_, map(keys.isdisjoint, readings))):
        w, s, _ = words[i]
        for key, lead, length in _short_keys(w):
            owners = by_short.get(key)
            if owners is None or len(owners) != 1 or story.covered(i) or _particle_not_name(w):
                continue  # على is no mention of علي
            if not length:
                continue  # a tatweel alone (ـ) folds to nothing: no mention
            start, end = s + lead, s + lead + length
            if taken[end - 1]:
                break  # inside a mention reported already (most repeats of a name)
            owner = next(iter(owners))
            if key == _key(owner.split()[-1]):
                parts = owner.split()
                moved = _middle_words_before(story, i, parts[:-1], start)
                if moved == start and len(parts) >= 2 and norm_word(parts[-2]) == "عبد":
                    break  # الأمير, الرسول alone are no mention of زينب عبد الأمير: عبد is the name's
                start = moved
            if not taken[start]:
                taken[start:end] = b"\x01" * (end - start)
                out.append(Found("person", owner, start, end, "short form"))
            break
    return out


def _two_word_family_repeats(story: _Story, found: list[Found]) -> list[Found]:
    """A one-word name that is the first word of a longer name's two-word family name, written
    right before its second word (وقال يرلي قايا for علي يرلي قايا), is that name's repeat: the
    two words are one mention under the full name, not a name of their own."""
    tails: dict[str, tuple[str, str]] = {}  # first word of the family name -> (second word, full name)
    for f in found:
        parts = f.name.split()
        if len(parts) == 3 and norm_word(parts[1]) not in _AR_JOINERS and norm_word(parts[0]) not in _AR_JOINERS:
            tails.setdefault(_key(parts[1]), (parts[2], f.name))
    if not tails:
        return found
    text = story.text
    out = []
    for f in found:
        if len(f.name.split()) == 1 and (tail := tails.get(_key(f.name))) is not None:
            second, owner = tail
            if text.startswith(" " + second, f.end) and not text[f.end + 1 + len(second) : f.end + 2 + len(second)].isalpha():
                f = Found("person", owner, f.start, f.end + 1 + len(second), f.reason, f.evidence)
        out.append(f)
    return out


def _inside(name: str, other: str) -> bool:
    """True when ``name`` is written inside the longer name ``other`` as the same person: not
    after بن / بنت, where the words name the father (عبد الله الثاني in الحسين بن عبد الله الثاني)."""
    padded = f" {other} "
    pos = padded.find(f" {name} ")
    if pos <= 0:
        return pos == 0
    before = padded[:pos].rsplit(None, 1)
    return not (before and norm_word(before[-1]) in _AR_PATRONYMIC)


def _middle_words_before(story: _Story, i: int, before: list[str], start: int) -> int:
    """Where a surname's mention starts when the name's middle words are written before it
    (ورفض تشيروما بكاري for عيسى تشيروما بكاري: one mention, not بكاري alone); the given name
    itself is not taken in (a full repeat is found as such)."""
    words = story.words
    k, j = len(before) - 1, i - 1
    while k >= 1 and j >= 0 and story.joined(j + 1) and not story.covered(j):
        readings = _short_keys(words[j][0])
        match = next(((lead, n) for key, lead, n in readings if key == _key(before[k])), None)
        if match is None:
            break
        start = words[j][1] + match[0]
        if match[0]:
            break  # a proclitic opens the mention
        k, j = k - 1, j - 1
    return start


def find_people(
    text: str,
    language: str,
    taken: list[tuple[int, int]],
    cities: list[tuple[int, int]] = (),  # type: ignore[assignment]
) -> list[Found]:
    """People named in ``text``.

    ``taken`` holds the spans of curated places and organisations (never part of a
    name); ``cities`` those of GeoNames cities, which complete a title (مدرب
    برشلونة) but may be a word of a name elsewhere (Vladimir Putin).
    """
    story = _Story(text, taken, cities, language)
    if language == "ar":
        found = _arabic_people(story)
    else:
        found = _latin_people(story)
        found += _latin_lists(story, found)
        if language == "tr" and "gol" in text:
            found += _tr_goal_scorers(story, found)
        owners = _owners(story)
        if owners:
            found = [f for f in found if f.name not in owners]
        found = _latin_tails(found)
        if story.cities:
            found = [f for f in found if not _city_after_locative(story, f)]
    return _link_short_forms(story, found)


_LATIN_LOCATIVES = frozenset(["in", "at", "from", "near", "to"])


def _city_after_locative(story: _Story, f: Found) -> bool:
    """A span that is exactly a GeoNames city right after "in", "at", "from", "near" or "to"
    (supporters in La Paz) is the city, not a person; a name elsewhere may still hold a city's
    words (Vladimir Putin)."""
    if (f.start, f.end) not in story.cities:
        return False
    before = story.text[: f.start].split()
    return bool(before) and before[-1] in _LATIN_LOCATIVES


def _latin_tails(found: list[Found]) -> list[Found]:
    """A name of two or more words that ends a longer name found in the story (Strand Larsen
    of Jorgen Strand Larsen) is a mention of that person, not a person of its own."""
    names = {f.name for f in found if " " in f.name}
    if len(names) < 2:
        return found
    fuller: dict[str, str] = {}
    for n in names:
        # Von der Leyen opening a sentence ends Ursula von der Leyen: the joiner's case aside
        longer = {m for m in names if m != n and (m.endswith(" " + n) or m.endswith(" " + n[:1].lower() + n[1:]))}
        if len(longer) == 1:
            fuller[n] = longer.pop()
    if not fuller:
        return found
    return [f._replace(name=fuller[f.name]) if f.name in fuller else f for f in found]
