"""A synthetic Arabic / English news archive for the search benchmark.

Deterministic (``random.Random(seed)``): the same seed gives the same archive, so
figures are comparable between runs and machines. Words come from small lists
drawn with a Zipf-like skew (a few very common words, a long tail), and Arabic words
are written the way news copy writes them: with the proclitics و ف ب ل ك, the
article ال, and plural / feminine suffixes ات ون ين ة, plus the odd diacritic and
tatweel, so the analyzer does the work it does on real copy.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import accumulate

from newsflow.core.story import ContentType, Priority, StoryContent, StoryVersion, Subject

AR_STEMS = ["مفاوض", "وزير", "رئيس", "حكوم", "برلمان", "اقتصاد", "تجار", "نفط", "غاز", "طاق", "سوق", "بنك", "استثمار", "مشروع", "اتفاق", "قم", "زيار", "وفد", "سفير", "جامع", "مدرس", "طالب", "معلم", "مستشف", "طبيب", "مريض", "لقاح", "مدين", "قري", "شارع", "مطار", "ميناء", "بحر", "جبل", "نهر", "سد", "انتخاب", "مرشح", "حزب", "مجلس", "قانون", "دستور", "محكم", "قاض", "شرط", "جيش", "جندي", "حدود", "امن", "سلام", "حرب", "هدن", "لاجي", "مهرجان", "فيلم", "مسرح", "كتاب", "شاعر", "رياض", "فريق", "مبارا", "لاعب", "ملعب", "بطول", "كاس", "هدف", "مدرب", "نادي", "صحيف", "مؤتمر", "منتد", "تقرير", "بيان", "مصدر", "مسؤول", "خبير", "دراس", "بحث", "علم", "تقني", "شرك", "مصنع", "عامل", "نقاب", "اجر", "ضريب", "موازن", "دين", "قرض", "فائد", "عمل", "تضخم", "سعر", "قمح", "زراع", "مياه", "مطر", "طقس", "عاصف", "زلزال", "حريق", "فيضان", "اغاث"]
AR_PREFIXES = ("", "", "", "ال", "ال", "وال", "بال", "فال", "لل", "و", "ب", "ك", "ف")
AR_SUFFIXES = ("", "", "", "ات", "ون", "ين", "ة", "ه")
AR_FILLER = ["في", "من", "على", "إلى", "أن", "قال", "وقال", "أكد", "أن", "هذا", "التي", "الذي", "مع", "عن", "بعد", "قبل", "خلال"]

EN_WORDS = ["negotiation", "minister", "president", "government", "parliament", "economy", "trade", "oil", "gas", "energy", "market", "bank", "investment", "project", "agreement", "summit", "visit", "delegation", "ambassador", "university", "school", "student", "teacher", "hospital", "doctor", "patient", "vaccine", "city", "village", "street", "airport", "port", "sea", "mountain", "river", "dam", "election", "candidate", "party", "council", "law", "constitution", "court", "judge", "police", "army", "soldier", "border", "security", "peace", "war", "truce", "refugee", "festival", "film", "theatre", "book", "poet", "sport", "team", "match", "player", "stadium", "championship", "cup", "goal", "coach", "club", "newspaper", "conference", "forum", "report", "statement", "source", "official", "expert", "study", "research", "science", "technology", "company", "factory", "worker", "union", "wage", "tax", "budget", "debt", "loan", "interest", "inflation", "price", "wheat", "farming", "water", "rain", "weather", "storm", "earthquake", "fire", "flood", "relief", "pipeline", "export", "import", "tariff", "currency"]
EN_SUFFIXES = ("", "", "", "s", "ed", "ing")
EN_FILLER = ["the", "of", "and", "to", "in", "on", "said", "that", "for", "with", "by", "at", "from", "as", "was", "were", "has"]

CATEGORIES = ("general", "economy", "politics", "sports", "health", "science-technology")
LANGUAGES = ("ar", "ar", "ar", "en", "en")
PRIORITIES = (Priority.ROUTINE,) * 12 + (Priority.IMPORTANT,) * 4 + (Priority.URGENT, Priority.FLASH)
TYPES = (ContentType.TEXT,) * 9 + (ContentType.PICTURE,)
TOPICS = tuple(f"medtop:{n:08d}" for n in (1000000, 2000000, 3000000, 4000000, 5000000, 6000000, 7000000,
                                             8000000, 9000000, 10000000, 11000000, 12000000, 13000000,
                                             14000000, 15000000, 16000000, 17000000, 20000344, 20000350))
PLACES = ("Baku", "Ankara", "Riyadh", "Cairo", "Doha", "London", "Geneva", "Tehran", "Moscow", "Paris")
PEOPLE = ("Ilham Aliyev", "Recep Tayyip Erdoğan", "أحمد علي", "محمد حسن", "John Carter", "Sara Ahmed")
START = datetime(2021, 1, 1, tzinfo=UTC)
SPAN_SECONDS = 5 * 365 * 24 * 3600


AR_LETTERS = "بتثجحخدذرزسشصضطظعغفقكلمنهوي"
AR_PATTERNS = ("{0}ا{1}{2}", "م{0}{1}و{2}", "ت{0}{1}ي{2}", "م{0}ا{1}{2}", "است{0}{1}ا{2}", "{0}{1}ي{2}", "م{0}{1}{2}")
EN_SYLLABLES = ["ka", "ro", "mi", "tal", "ven", "dor", "sul", "pra", "nek", "bri", "lo", "fen", "gar", "tis", "mon", "quel", "ar", "bel", "cor", "dun"]
VOCABULARY = 4000  # per language: the real words above, then a synthetic long tail


def _synthetic(rng: random.Random, make: Callable[[random.Random], str], have: tuple[str, ...]) -> tuple[str, ...]:
    words = dict.fromkeys(have)
    while len(words) < VOCABULARY:
        words.setdefault(make(rng))
    return tuple(words)


def _ar_stem(rng: random.Random) -> str:
    return rng.choice(AR_PATTERNS).format(*rng.sample(AR_LETTERS, 3))


def _en_word(rng: random.Random) -> str:
    return "".join(rng.choice(EN_SYLLABLES) for _ in range(rng.randint(2, 4)))


AR_VOCABULARY = _synthetic(random.Random(1), _ar_stem, AR_STEMS)
EN_VOCABULARY = _synthetic(random.Random(2), _en_word, EN_WORDS)


def _zipf_weights(n: int) -> list[float]:
    """Cumulative Zipf weights: ``rng.choices(cum_weights=...)`` bisects instead of summing
    4,000 weights on every call (same draws as ``weights=``, about 100x faster)."""
    return list(accumulate(1.0 / (rank + 1) for rank in range(n)))


@dataclass
class Archive:
    """Story generator; ``stories(n)`` yields ``StoryVersion``s with ids 1..n."""

    seed: int = 20261129

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        self.ar_weights = _zipf_weights(len(AR_VOCABULARY))
        self.en_weights = _zipf_weights(len(EN_VOCABULARY))

    def ar_word(self) -> str:
        rng = self.rng
        stem = rng.choices(AR_VOCABULARY, cum_weights=self.ar_weights)[0]
        word = rng.choice(AR_PREFIXES) + stem + rng.choice(AR_SUFFIXES)
        roll = rng.random()
        if roll < 0.03:
            word = word[:2] + "ـــ" + word[2:]  # tatweel
        elif roll < 0.06:
            word = word[0] + "َ" + word[1:]  # a fatha
        return word

    def en_word(self) -> str:
        word = self.rng.choices(EN_VOCABULARY, cum_weights=self.en_weights)[0]
        suffix = self.rng.choice(EN_SUFFIXES)
        return word + ("" if word.endswith("s") and suffix == "s" else suffix)

    def sentence(self, language: str, words: int) -> str:
        rng = self.rng
        make, filler = (self.ar_word, AR_FILLER) if language == "ar" else (self.en_word, EN_FILLER)
        out = [rng.choice(filler) if rng.random() < 0.3 else make() for _ in range(words)]
        return " ".join(out) + "."

    def stories(self, n: int, start_id: int = 1, total: int | None = None) -> Iterator[StoryVersion]:
        """``n`` stories from ``start_id``; times spread over five years across ``total`` ids."""
        rng = self.rng
        total = total or start_id + n - 1
        for story_id in range(start_id, start_id + n):
            language = rng.choice(LANGUAGES)
            body = "".join(f"<p>{self.sentence(language, rng.randint(12, 22))}</p>" for _ in range(rng.randint(4, 7)))
            when = START + timedelta(seconds=SPAN_SECONDS * story_id // total)
            public = rng.random() < 0.3
            content = StoryContent(
                language=language,
                headline=self.sentence(language, rng.randint(5, 9)).rstrip("."),
                body_html=body,
                priority=rng.choice(PRIORITIES),
                category=rng.choice(CATEGORIES),
                type=rng.choice(TYPES),
                abbreviation=self.sentence(language, 25) if public else None,
                public=public,
                subjects=tuple(Subject(q) for q in rng.sample(TOPICS, rng.randint(1, 3))),
                people=tuple(rng.sample(PEOPLE, rng.randint(0, 2))),
                places=tuple(rng.sample(PLACES, rng.randint(0, 2))),
            )
            yield StoryVersion(
                story_id=story_id, uri=f"urn:newsflow:bench:{when:%Y%m%d}:{story_id}", version=1,
                content=content, firstcreated=when, versioncreated=when,
            )


def chunk(seed: int, index: int, size: int, total: int) -> list[StoryVersion]:
    """Chunk ``index`` of an archive: the same stories whichever process makes it."""
    return list(Archive(seed + index).stories(size, start_id=index * size + 1, total=total))
