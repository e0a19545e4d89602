"""The held-out parts' first runs, rebuilt from git history and broken down by reason.

Run: ``.venv/bin/python bench/first_runs.py [--parts heldout12,heldout13,…] [--json PATH]``
(needs the project's git history: a shallow clone lacks the older commits).

Each held-out part of ``tests/data/text_eval.jsonl`` was scored once, with the code as it
stood when the part was written, before any rule was made from it (docs/text.md,
"Generalisation: the first-run figures"). That first run is the honest estimate of how the
name finder does on copy nobody has looked at. This script runs each part again with that
commit's ``newsflow.text`` (exported with ``git archive``, run in a child process), scores the
suggestions against the part's annotations as they are now, and prints:

* each part's first-run precision / recall (they reproduce the recorded figures);
* the pooled figures per language and kind, in entities and suggestions, exactly;
* precision by the suggestion's reason (title, pattern, gazetteer …);
* precision by what follows the name's longest mention (punctuation, a clause opener such as
  إن / أن, a function word, a verb, another word): a name that stops before an ordinary word
  is often cut short;
* a leave-one-part-out check of the confidence model: each part's suggestions rated by a model
  fitted on the other parts' first runs, and the precision of those rated sure and of the others.

``--write-table`` fits the model on every part given and writes it to
``src/newsflow/text/data/confidence.json``, which :mod:`newsflow.text.confidence` rates
suggestions with (the desk and publishing fill in the sure ones).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from collections import defaultdict
from io import BytesIO
from pathlib import Path

from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from newsflow.text.confidence import L2, SURE, TABLE, ending, features, fit
from newsflow.text.evaluation import KINDS, Annotation, score_story
from newsflow.text.mentions import Suggestion
from options import name_list

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "text_eval.jsonl"
LANGUAGES = ("ar", "en", "tr")

# The commit each part was first scored with (docs/text.md, "Generalisation", column "scored on").
FIRST_RUNS = {
    "heldout9": "db72b0d",
    "heldout10": "e38652e",
    "heldout11": "ae1e7b9",
    "heldout12": "3528b92",
    "heldout13": "1e4dda0",
    "heldout14": "2b03302",
    "heldout15": "09c7192",
    "heldout16": "1d53c98",
    "heldout17": "3ee4598",
    "heldout18": "0bd1bd7",
    "heldout19": "2f2bdc7",
    "heldout20": "825d4e9",
    "heldout21": "fd55ce9",
    "heldout22": "fd55ce9",
    "heldout23": "705a5ab",
    "heldout24": "705a5ab",
    "heldout25": "1f74f54",
    "heldout26": "16bafd5",
    "heldout27": "c9f143a",
    "heldout28": "6e8bdc1",
    "heldout29": "4b33a78",
    "heldout30": "e70d2ed",
    "heldout31": "bfe1a93",
    "heldout32": "d169f43",
    "heldout33": "27b0290",
    "heldout34": "507d475",
}
DEFAULT_PARTS = [f"heldout{n}" for n in range(12, 35)]

# Runs in the child process, with the old commit's src first on the path.
_DUMP = """
import json, sys
from newsflow.text.enrich import find_names
stories = json.load(sys.stdin)
out = {}
for s in stories:
    out[s["id"]] = [[x.kind, x.name, x.reason, x.evidence, [list(m) for m in x.mentions]]
                    for x in find_names(s["text"], s["language"])]
json.dump(out, sys.stdout, ensure_ascii=False)
"""

def export(commit: str, into: Path) -> Path:
    """The commit's ``src/newsflow`` written under ``into``; returns the src directory."""
    target = into / commit
    if not target.exists():
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", "--format=tar", commit, "src/newsflow"],
            check=True, capture_output=True,
        ).stdout
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            tar.extractall(target, filter="data")
    return target / "src"


def first_run(commit: str, stories: list[dict], into: Path) -> dict[str, list]:
    src = export(commit, into)
    env = {**os.environ, "PYTHONPATH": str(src)}
    done = subprocess.run(
        [sys.executable, "-c", _DUMP], input=json.dumps(stories), env=env,
        check=True, capture_output=True, text=True,
    )
    return json.loads(done.stdout)


def rows_of(stories: list[dict], found: dict[str, list], part: str) -> tuple[list[dict], dict]:
    """One row per suggestion (with its verdict) and the part's counts per (language, kind)."""
    rows: list[dict] = []
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for story in stories:
        gold = [Annotation(e["kind"], e["start"], e["end"], e["name"]) for e in story["entities"]]
        suggestions = [Suggestion(k, n, r, e, tuple((a, b) for a, b in m)) for k, n, r, e, m in found[story["id"]]]
        verdicts: list[bool] = []
        scores = score_story(story["text"], gold, suggestions, story["id"], verdicts)
        for s, ok in zip(suggestions, verdicts, strict=True):
            longest = max(s.mentions, key=lambda m: m[1] - m[0])
            rows.append({
                "part": part, "id": story["id"], "language": story["language"], "kind": s.kind,
                "name": s.name, "reason": s.reason, "ok": ok,
                "ending": ending(story["text"], longest[1], story["language"]),
                "features": features(story["text"], story["language"], s),
            })
        for kind in KINDS:
            c = counts[(story["language"], kind)]
            sc = scores[kind]
            c[0] += sc.suggested
            c[1] += sc.correct
            c[2] += sc.entities
            c[3] += sc.found
    return rows, counts


def _pr(c: list[int]) -> str:
    p = c[1] / c[0] if c[0] else 1.0
    r = c[3] / c[2] if c[2] else 1.0
    return f"{p:.2f}/{r:.2f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parts", type=name_list(tuple(FIRST_RUNS), "part"), default=DEFAULT_PARTS,
                        help=f"comma-separated parts (default heldout12 … heldout34); known: {', '.join(FIRST_RUNS)}")
    parser.add_argument("--json", type=Path,
                        help="write every suggestion with its verdict, and each part's counts per language and kind, to this file")
    parser.add_argument("--write-table", action="store_true",
                        help=f"fit the confidence model on the parts given and write it to {TABLE.relative_to(ROOT)}")
    args = parser.parse_args()
    parts: list[str] = args.parts
    if subprocess.run(["git", "-C", str(ROOT), "cat-file", "-e", f"{FIRST_RUNS[parts[0]]}^{{commit}}"],
                      capture_output=True).returncode:
        print("bench/first_runs.py: the git history is missing (a shallow clone?); "
              f"commit {FIRST_RUNS[parts[0]]} is needed", file=sys.stderr)
        return 2
    stories = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
    console = Console(width=160)
    rows: list[dict] = []
    per_part: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp, Progress(console=console, transient=True) as progress:
        task = progress.add_task("first runs", total=len(parts))
        for part in parts:
            progress.update(task, description=f"{part} with {FIRST_RUNS[part]}")
            part_stories = [s for s in stories if s["split"] == part]
            found = first_run(FIRST_RUNS[part], part_stories, Path(tmp))
            part_rows, counts = rows_of(part_stories, found, part)
            rows += part_rows
            per_part[part] = counts
            progress.advance(task)

    t = Table(title="First run per part: P/R people · places · organisations")
    for col in ("part", "scored on", *LANGUAGES):
        t.add_column(col, no_wrap=True)
    for part in parts:
        c = per_part[part]
        t.add_row(part, FIRST_RUNS[part], *(" · ".join(_pr(c[(lang, k)]) for k in KINDS) for lang in LANGUAGES))
    console.print(t)

    pooled: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for counts in per_part.values():
        for key, c in counts.items():
            pooled[key] = [a + b for a, b in zip(pooled[key], c, strict=True)]
    t = Table(title=f"Pooled first runs ({len(parts)} parts)")
    for col in ("lang", "kind", "P", "R", "suggested", "right", "entities", "found"):
        t.add_column(col, justify="left" if col in ("lang", "kind") else "right")
    for lang in LANGUAGES:
        for kind in KINDS:
            c = pooled[(lang, kind)]
            p, r = _pr(c).split("/")
            t.add_row(lang, kind, p, r, *map(str, c[:2]), *map(str, c[2:]))
    console.print(t)

    for field, title in (("reason", "reason"), ("ending", "what follows the name")):
        cells: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0])
        for row in rows:
            cell = cells[(row["language"], row["kind"], row[field])]
            cell[0] += 1
            cell[1] += row["ok"]
        t = Table(title=f"First-run precision by {title}")
        for col in ("lang", "kind", title, "right / suggested", "P"):
            t.add_column(col, justify="right" if col == "P" else "left")
        for (lang, kind, value), (n, ok) in sorted(cells.items(), key=lambda kv: (kv[0][0], kv[0][1], -kv[1][0])):
            t.add_row(lang, kind, value, f"{ok} / {n}", f"{ok / n:.2f}")
        console.print(t)
    console.print(cross_check(rows, parts, console))
    if args.json:
        counts = {
            part: {f"{lang} {kind}": dict(zip(("suggested", "right", "entities", "found"), c, strict=True))
                   for (lang, kind), c in per_part[part].items()}
            for part in parts
        }
        args.json.write_text(json.dumps({"suggestions": rows, "counts": counts}, ensure_ascii=False, indent=0), encoding="utf-8")
    if args.write_table:
        write_table(rows, parts)
        console.print(f"wrote {TABLE.relative_to(ROOT)}")
    return 0


def cross_check(rows: list[dict], parts: list[str], console: Console) -> Table:
    """Each part's suggestions rated by a model fitted on the other parts' first runs: how
    precise the sure ones (and the others) are on a part the model never saw."""
    tiers: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0])
    models = {}
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("leave one part out", total=len(parts))
        for part in parts:
            models[part] = fit((r["features"], r["ok"]) for r in rows if r["part"] != part)
            progress.advance(task)
    for part in parts:
        for r in rows:
            if r["part"] != part:
                continue
            tier = "sure" if models[part].probability(r["features"]) >= SURE else "check"
            for key in ((r["language"], r["kind"], tier), (r["language"], "all", tier), ("all", "all", tier)):
                tiers[key][0] += r["ok"]
                tiers[key][1] += 1
    t = Table(title="Leave one part out: each part rated by the others' first runs")
    for col in ("lang", "kind", "sure: right / suggested", "P", "check: right / suggested", "P"):
        t.add_column(col, justify="right" if col == "P" else "left")
    for lang in (*LANGUAGES, "all"):
        for kind in (*KINDS, "all") if lang != "all" else ("all",):
            s, c = tiers[(lang, kind, "sure")], tiers[(lang, kind, "check")]
            t.add_row(lang, kind, f"{s[0]} / {s[1]}", f"{s[0] / s[1]:.2f}" if s[1] else "-",
                      f"{c[0]} / {c[1]}", f"{c[0] / c[1]:.2f}" if c[1] else "-")
    return t


def write_table(rows: list[dict], parts: list[str]) -> None:
    model = fit((r["features"], r["ok"]) for r in rows)
    table = {
        "about": "A logistic model of whether a name suggestion is right, fitted on the first runs of the "
                 "held-out parts of tests/data/text_eval.jsonl (each part run with the commit it was first "
                 "scored with, scored against its annotations). Written by bench/first_runs.py --write-table; "
                 "read by newsflow.text.confidence.",
        "parts": {part: FIRST_RUNS[part] for part in parts},
        "suggestions": len(rows),
        "right": sum(r["ok"] for r in rows),
        "l2": L2,
        "bias": round(model.bias, 5),
        "weights": {name: round(weight, 5) for name, weight in sorted(model.weights.items())},
    }
    TABLE.write_text(json.dumps(table, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
