"""Throughput and quality of the text pipeline (newsflow.text).

Run: ``.venv/bin/python bench/bench_text.py [--stories N]``

Throughput: synthetic Arabic and English stories (fixed seed) go through
normalize + index_terms (stemming) + abbreviate + enrich, one story after
another on one core; stories/s is wall time over the timed loop (after one
warm-up pass, so caches and imports are not counted). The CPU columns divide by
the process's CPU time instead: on a machine shared with other work the wall
figure measures the neighbours too, while CPU time is what one core of our own
costs. Both are printed; neither is asserted anywhere.

Quality: on the developers' labelled set (tests/unit/text/labelled.py) and the
agency story in ../shared/corpus (if present): compression ratio, share of
abbreviations keeping the lead, sentence integrity (every output sentence is
a source sentence with balanced quotes), ROUGE-1/2 F1 against the developers'
own reference abbreviations, and entity precision/recall.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

from rich.console import Console
from rich.progress import track
from rich.table import Table

from calibration import machine_line

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "unit" / "text"))

from labelled import STORIES  # noqa: E402

from newsflow.text import abbreviate, enrich, index_terms, normalize, split_sentences  # noqa: E402
from newsflow.text.sentences import quotes_balanced  # noqa: E402

CORPUS = ROOT / ".." / "shared" / "corpus" / "000_df422cbc89eb26dc.txt"

_EN = {
    "people": ["President Ilham Aliyev", "Minister John Carter", "Mr. Ahmed Yilmaz"],
    "places": ["Baku", "Ankara", "Moscow", "the Caspian Sea", "Tehran", "Brussels"],
    "nouns": [
        "talks",
        "trade",
        "gas",
        "oil",
        "pipeline",
        "energy",
        "agreement",
        "exports",
        "security",
        "peace",
        "investment",
        "relations",
        "summit",
        "transport",
        "corridor",
        "prices",
        "market",
        "growth",
        "election",
    ],
    "verbs": [
        "discussed",
        "signed",
        "announced",
        "welcomed",
        "reviewed",
        "expanded",
        "criticised",
        "approved",
    ],
}
_AR = {
    "people": ["الرئيس إلهام علييف", "الوزير أحمد يلماز", "الرئيس فلاديمير بوتين"],
    "places": ["باكو", "أنقرة", "موسكو", "بحر قزوين", "طهران", "بروكسل"],
    "nouns": [
        "المباحثات",
        "التجارة",
        "الغاز",
        "النفط",
        "الأنابيب",
        "الطاقة",
        "الاتفاقية",
        "الصادرات",
        "الأمن",
        "السلام",
        "الاستثمار",
        "العلاقات",
        "القمة",
        "النقل",
        "الممر",
        "الأسعار",
        "السوق",
        "النمو",
        "الانتخابات",
    ],
    "verbs": ["بحث", "وقع", "أعلن", "رحب", "راجع", "وسع", "انتقد", "أقر"],
}


def synthetic_story(rng: random.Random, language: str) -> tuple[str, str]:
    """A plausible-looking story of 12–24 sentences in 4–6 paragraphs."""
    lex = _EN if language == "en" else _AR
    paragraphs = []
    for _ in range(rng.randint(4, 6)):
        sentences = []
        for _ in range(rng.randint(2, 4)):
            who, where = rng.choice(lex["people"]), rng.choice(lex["places"])
            nouns = " ".join(rng.choice(lex["nouns"]) for _ in range(rng.randint(3, 8)))
            verb = rng.choice(lex["verbs"])
            if language == "en":
                s = f"{who} {verb} {nouns} in {where} on Monday."
                if rng.random() < 0.2:
                    s = f'{who} said: "We {verb} {nouns}. It matters." Officials agreed.'
            else:
                s = f"{verb} {who} {nouns} في {where} يوم الاثنين."
                if rng.random() < 0.2:
                    s = f"وقال {who}: «{nouns}. هذا مهم». ووافق المسؤولون."
            sentences.append(s)
        paragraphs.append(" ".join(sentences))
    headline = " ".join(rng.choice(lex["nouns"]) for _ in range(5))
    return headline, "\n\n".join(paragraphs)


def pipeline(headline: str, body: str, language: str) -> None:
    normalize(body, language)
    index_terms(body, language)
    abbreviate(body, headline=headline, language=language)
    enrich(body, headline=headline, language=language)


def rouge_n(candidate: str, reference: str, language: str, n: int) -> float:
    def grams(text: str) -> Counter[tuple[str, ...]]:
        words = index_terms(text, language)
        return Counter(tuple(words[i : i + n]) for i in range(len(words) - n + 1))

    c, r = grams(candidate), grams(reference)
    overlap = sum((c & r).values())
    if not overlap:
        return 0.0
    p, rec = overlap / sum(c.values()), overlap / sum(r.values())
    return 2 * p * rec / (p + rec)


def throughput(count: int, console: Console) -> Table:
    rng = random.Random(20241128)
    stories = [
        (lang, *synthetic_story(rng, lang)) for lang in ("ar", "en") for _ in range(count // 2)
    ]
    for lang, headline, body in stories[:20]:
        pipeline(headline, body, lang)  # warm-up: imports and first-use caches
    table = Table(title="Throughput (one core)")
    columns = ("language", "stories", "avg words", "seconds", "stories/s", "CPU s", "stories/CPU s")
    for col in columns:
        table.add_column(col, justify="right")
    for lang in ("ar", "en"):
        subset = [s for s in stories if s[0] == lang]
        words = sum(len(b.split()) for _, _, b in subset) / len(subset)
        start, cpu_start = time.perf_counter(), time.process_time()
        for _, headline, body in track(subset, description=f"pipeline {lang}", console=console):
            pipeline(headline, body, lang)
        elapsed = time.perf_counter() - start
        cpu = time.process_time() - cpu_start
        table.add_row(
            lang,
            str(len(subset)),
            f"{words:.0f}",
            f"{elapsed:.2f}",
            f"{len(subset) / elapsed:.0f}",
            f"{cpu:.2f}",
            f"{len(subset) / cpu:.0f}",
        )
    return table


def quality(console: Console) -> Table:
    table = Table(title="Abbreviation quality")
    for col in ("set", "stories", "compression", "lead kept", "integrity", "ROUGE-1", "ROUGE-2"):
        table.add_column(col, justify="right")
    ratios, leads, intact, r1, r2 = [], 0, 0, [], []
    for story in track(STORIES, description="labelled set", console=console):
        lang, body = story["language"], story["body"]
        result = abbreviate(body, headline=story["headline"], language=lang)
        source = split_sentences(body, lang)
        ratios.append(result.words / result.source_words)
        leads += result.sentences[0] == source[0]
        intact += all(s in source and quotes_balanced(s) for s in result.sentences)
        r1.append(rouge_n(result.text, story["reference"], lang, 1))
        r2.append(rouge_n(result.text, story["reference"], lang, 2))
    n = len(STORIES)
    table.add_row(
        "labelled (own refs)",
        str(n),
        f"{sum(ratios) / n:.2f}",
        f"{leads / n:.0%}",
        f"{intact / n:.0%}",
        f"{sum(r1) / n:.2f}",
        f"{sum(r2) / n:.2f}",
    )
    if CORPUS.is_file():
        body = CORPUS.read_text(encoding="utf-8")
        result = abbreviate(body, language="ar")
        source = split_sentences(body, "ar")
        table.add_row(
            "agency story",
            "1",
            f"{result.words / result.source_words:.2f}",
            f"{result.sentences[0] == source[0]:.0%}",
            f"{all(s in source and quotes_balanced(s) for s in result.sentences):.0%}",
            "n/a",
            "n/a",
        )
    return table


def entities() -> Table:
    table = Table(title="Enrichment on the labelled set")
    for col in ("kind", "precision", "recall"):
        table.add_column(col, justify="right")
    results = [enrich(s["body"], headline=s["headline"], language=s["language"]) for s in STORIES]
    for kind in ("people", "places", "organisations", "topics"):
        tp = fp = fn = 0
        for story, result in zip(STORIES, results, strict=True):
            if kind == "topics":
                found = {s.qcode for s in result.subjects}
                tp += len(found & story["topics"])
                fp += len(found - story["topics"])
                fn += not found & story["topics"]  # recall: at least one acceptable topic
                continue
            found = set(getattr(result, kind))
            tp += len(found & story[kind])  # type: ignore[literal-required]
            fp += len(found - story[kind])  # type: ignore[literal-required]
            fn += len(story[kind] - found)  # type: ignore[literal-required]
        recall = (len(STORIES) - fn) / len(STORIES) if kind == "topics" else tp / max(tp + fn, 1)
        table.add_row(kind, f"{tp / max(tp + fp, 1):.2f}", f"{recall:.2f}")
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=2000)
    args = parser.parse_args()
    machine = machine_line()  # before the load starts
    console = Console()
    tables = [throughput(args.stories, console), quality(console), entities()]
    for table in tables:
        console.print(table)
    console.print(machine)


if __name__ == "__main__":
    main()
