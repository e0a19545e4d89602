"""Choosing IPTC Media Topics for a story.

Two kinds of evidence, both on normalized, stemmed terms so that اقتصاد,
الاقتصادية and الاقتصادي count alike:

* a curated table of news keywords in Arabic, English and Turkish for the
  topics our desks file most (economy, trade, energy, oil and gas, diplomacy,
  conflict, sport, health, elections, environment, disasters ...), weight 1
  per occurrence;
* the Media Topic labels themselves (Arabic and English; IPTC has no Turkish
  labels), weight 0.5 per occurrence of a label whose every term occurs.
  Single-word labels shorter than four letters after stemming, and labels
  that are everyday words in Arabic (قدم "foot" for soccer, سلة, مضرب, امن),
  are left out because they mislead more than they help.

The 1–3 best topics scoring at least :data:`MIN_SCORE` are returned, ties
broken by qcode, so the choice is deterministic.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from newsflow.text.analyzer import index_terms
from newsflow.text.mediatopics import Subject, all_topics, label

__all__ = ["MIN_SCORE", "choose_subjects"]

MIN_SCORE = 2.0
MAX_SUBJECTS = 3

_CURATED: dict[str, dict[str, str]] = {
    "medtop:20000344": {
        "en": "economy economic growth GDP inflation investment investments",
        "tr": "ekonomi ekonomik büyüme yatırım enflasyon",
        "ar": "اقتصاد اقتصادية الاقتصادي نمو استثمار استثمارات تضخم",
    },
    "medtop:20000373": {
        "en": "trade exports imports tariff tariffs",
        "tr": "ticaret ihracat ithalat gümrük",
        "ar": "التجارة تجاري صادرات واردات التبادل",
    },
    "medtop:20000256": {
        "en": "energy electricity power",
        "tr": "enerji elektrik",
        "ar": "الطاقة الكهرباء الكهربائية",
    },
    "medtop:20001243": {
        "en": "oil gas crude pipeline LNG petroleum tanker tankers",
        "tr": "petrol doğalgaz gaz boru ham tanker",
        "ar": "النفط الغاز نفطية ناقلات البترول خط أنابيب",
    },
    "medtop:20000639": {
        "en": "visit talks summit ambassador bilateral diplomatic counterpart",
        "tr": "ziyaret görüşme zirve büyükelçi ikili diplomatik mevkidaşı",
        "ar": "زيارة مباحثات محادثات قمة سفير الثنائية دبلوماسي نظيره",
    },
    "medtop:20000638": {
        "en": "relations cooperation agreement agreements partnership alliance",
        "tr": "ilişkiler işbirliği anlaşma anlaşmalar ortaklık ittifak",
        "ar": "العلاقات تعاون الاتفاقيات اتفاقية شراكة التحالف",
    },
    "medtop:20000073": {
        "en": "peace ceasefire truce",
        "tr": "barış ateşkes",
        "ar": "السلام هدنة وقف إطلاق النار",
    },
    "medtop:20000056": {
        "en": "war attack attacks military troops killed shelling airstrike",
        "tr": "savaş saldırı asker askeri öldü bombardıman",
        "ar": "حرب هجوم عسكري قوات قتلى قصف غارة",
    },
    "medtop:20001065": {
        "en": "football soccer goal goals league match striker",
        "tr": "futbol gol lig maç forvet",
        "ar": "كرة القدم هدف دوري مباراة مهاجم",
    },
    "medtop:07000000": {
        "en": "health hospital hospitals patients vaccine doctors",
        "tr": "sağlık hastane hasta aşı doktor",
        "ar": "الصحة مستشفى المرضى لقاح أطباء",
    },
    "medtop:20000446": {
        "en": "disease epidemic outbreak virus infections",
        "tr": "hastalık salgın virüs enfeksiyon",
        "ar": "مرض وباء تفشي فيروس إصابات",
    },
    "medtop:20000574": {
        "en": "election elections vote voters ballot candidate",
        "tr": "seçim seçimler oy seçmen sandık aday",
        "ar": "الانتخابات انتخابات التصويت الناخبين مرشح",
    },
    "medtop:06000000": {
        "en": "environment environmental pollution ecological",
        "tr": "çevre kirlilik ekolojik",
        "ar": "البيئة البيئي بيئية تلوث",
    },
    "medtop:20000418": {
        "en": "climate warming emissions",
        "tr": "iklim ısınma emisyon",
        "ar": "المناخ الاحترار الانبعاثات",
    },
    "medtop:20000153": {"en": "earthquake quake magnitude", "tr": "deprem", "ar": "زلزال الهزة"},
    "medtop:20000645": {
        "en": "refugees refugee migrants",
        "tr": "mülteci mülteciler göçmen",
        "ar": "لاجئين اللاجئين مهاجرين",
    },
    "medtop:20000604": {
        "en": "security defence defense",
        "tr": "güvenlik savunma",
        "ar": "الأمن الدفاع",
    },
    "medtop:20000337": {
        "en": "transport shipping railway corridor logistics",
        "tr": "ulaşım taşımacılık demiryolu koridor lojistik",
        "ar": "النقل الشحن السكك ممر",
    },
}
_SKIP_LABELS = frozenset(
    {"medtop:20001065", "medtop:20000851", "medtop:20001085", "medtop:20000229", "medtop:20000387"}
)


def _build() -> tuple[dict[str, dict[str, str]], dict[str, list[tuple[str, tuple[str, ...]]]]]:
    curated: dict[str, dict[str, str]] = {}
    for qcode, by_language in _CURATED.items():
        for language, words in by_language.items():
            for term in index_terms(words, language):
                curated.setdefault(language, {})[term] = qcode
    # Labels indexed by their first term: a story only needs the labels it can match.
    labels: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for t in all_topics():
        if t.qcode in _SKIP_LABELS:
            continue
        for language in ("ar", "en"):
            text = t.labels.get(language)
            if not text:
                continue
            terms = tuple(sorted(set(index_terms(text, language))))
            if terms and (len(terms) > 1 or len(terms[0]) >= 4):
                labels.setdefault(terms[0], []).append((t.qcode, terms))
    return curated, labels


_CURATED_TERMS, _LABEL_TERMS = _build()


def choose_subjects(terms: list[str], language: str) -> tuple[Subject, ...]:
    """Pick 1–3 Media Topics for a story given its index terms (headline + body)."""
    return choose_subjects_counted(Counter(terms), language)


def choose_subjects_counted(counts: Counter[str], language: str) -> tuple[Subject, ...]:
    """:func:`choose_subjects` of the terms ``counts`` counts (enrichment counts them once for
    the keywords and the topics)."""
    scores: dict[str, float] = defaultdict(float)
    table = _CURATED_TERMS.get(language, _CURATED_TERMS["en"])
    # only the story's terms that name a topic (set intersections, not a loop over every term);
    # the scores are sums of halves, exact in any order
    for term in counts.keys() & table.keys():
        scores[table[term]] += counts[term]
    # a label scores the fewest times one of its terms occurs, when all of them do (the tests and
    # the minimum run in C, without a generator per label)
    has = counts.__contains__
    for term in counts.keys() & _LABEL_TERMS.keys():
        for qcode, label_terms in _LABEL_TERMS[term]:
            if all(map(has, label_terms)):
                scores[qcode] += 0.5 * min(map(counts.__getitem__, label_terms))
    best = sorted(
        (item for item in scores.items() if item[1] >= MIN_SCORE), key=lambda i: (-i[1], i[0])
    )
    return tuple(Subject(q, label(q, language)) for q, _ in best[:MAX_SUBJECTS])
