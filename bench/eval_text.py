"""Precision and recall of name suggestions on the hand-annotated evaluation set.

Run: ``make eval-text`` or ``.venv/bin/python bench/eval_text.py [--errors] [--split dev|heldout1|…|all]``

The set (``tests/data/text_eval.jsonl``) is agency-style copy written and
annotated by hand for newsflow: Arabic, English and Turkish stories (state
visits, cabinet meetings, sport, markets, disasters) with every mention of a
person, place and organisation and its offsets. Splits: ``dev`` (the rules
were tuned on it) and ``heldout1``, ``heldout2`` … (the parts the data file names), each written after the rules
of its time and scored once as they stood (the first-run figures in
docs/text.md); their errors were then used for general fixes, so no part is
unseen once it has been scored.
Scoring: :mod:`newsflow.text.evaluation` (a suggestion is right only when all
its spans are exact mentions of one annotated entity, once). "sure", "sure P" and "sure R": how
many suggestions are sure (what publishing and the desk fill in,
:mod:`newsflow.text.confidence`), their precision, and the share of the entities they find.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from newsflow.text.confidence import is_sure
from newsflow.text.enrich import find_names
from newsflow.text.evaluation import KINDS, Annotation, Score, score_story

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "text_eval.jsonl"
TARGETS = {"person": (0.95, 0.90), "place": (0.95, 0.90), "organisation": (0.85, 0.80)}
LANGUAGES = ("ar", "en", "tr")


def load(path: Path = DATA) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def parts(stories: list[dict]) -> list[str]:
    """The set's parts as the data file names them: dev, then heldout1, heldout2, … in order."""
    names = {s["split"] for s in stories}
    return sorted(names, key=lambda n: (n != "dev", int(n.removeprefix("heldout")) if n.startswith("heldout") else 0, n))


def evaluate(stories: list[dict], sure: dict[tuple[str, str], list[int]] | None = None) -> dict[tuple[str, str], Score]:
    """Scores per (language, kind); ``sure``, when given, receives [right, suggested] of the
    sure suggestions (:mod:`newsflow.text.confidence`) per (language, kind)."""
    cells: dict[tuple[str, str], Score] = {}
    for story in stories:
        gold = [Annotation(e["kind"], e["start"], e["end"], e["name"]) for e in story["entities"]]
        found = find_names(story["text"], story["language"])
        verdicts: list[bool] = []
        for kind, score in score_story(story["text"], gold, found, story["id"], verdicts).items():
            cells.setdefault((story["language"], kind), Score()).add(score)
        if sure is not None:
            for s, ok in zip(found, verdicts, strict=True):
                if is_sure(s):
                    cell = sure.setdefault((story["language"], s.kind), [0, 0])
                    cell[0] += ok
                    cell[1] += 1
    return cells


def table(title: str, cells: dict[tuple[str, str], Score], stories: list[dict], sure: dict[tuple[str, str], list[int]]) -> Table:
    t = Table(title=title)
    for col in ("lang", "stories", "kind", "entities", "suggested", "P", "R", "target P/R", "mention P", "mention R", "sure", "sure P", "sure R"):
        t.add_column(col, justify="right" if col not in ("lang", "kind", "target P/R") else "left", no_wrap=True)
    for lang in LANGUAGES:
        n = sum(1 for s in stories if s["language"] == lang)
        if not n:
            continue
        for kind in KINDS:
            c = cells.get((lang, kind), Score())
            p_target, r_target = TARGETS[kind]
            met = c.precision >= p_target and c.recall >= r_target
            t.add_row(
                lang, str(n), kind, str(c.entities), str(c.suggested),
                f"{c.precision:.2f}", f"{c.recall:.2f}",
                f"{p_target:.2f}/{r_target:.2f} {'met' if met else 'NOT met'}",
                f"{c.mention_precision:.2f}", f"{c.mention_recall:.2f}",
                str(sure.get((lang, kind), [0, 0])[1]), _share(sure.get((lang, kind), [0, 0])),
                f"{sure.get((lang, kind), [0, 0])[0] / c.entities:.2f}" if c.entities else "-",
            )
    return t


def _share(cell: list[int]) -> str:
    return f"{cell[0] / cell[1]:.2f}" if cell[1] else "-"


def main() -> int:
    stories = load()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=[*parts(stories), "all"], default=None,
                        help="one part of the set (default: each part, then all)")
    parser.add_argument("--errors", action="store_true", help="list every wrong or missed name")
    args = parser.parse_args()
    console = Console(width=150)
    splits = [args.split] if args.split else [*parts(stories), "all"]
    started = time.process_time()
    for split in splits:
        part = stories if split == "all" else [s for s in stories if s["split"] == split]
        if not part:
            continue
        sure: dict[tuple[str, str], list[int]] = {}
        cells = evaluate(part, sure)
        console.print(table(f"Name suggestions, {split} ({len(part)} stories)", cells, part, sure))
        if args.errors:
            for cell in cells.values():
                for line in cell.errors:
                    console.print("  " + line, markup=False)
    console.print(f"CPU time: {time.process_time() - started:.2f} s (place index built once)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
