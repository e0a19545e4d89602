"""The name suggestions of the evaluation set's stories as recorded, for the regression test.

``tests/data/text_eval_suggestions.jsonl`` holds, per story of ``tests/data/text_eval.jsonl``,
every suggestion :func:`~newsflow.text.enrich.find_names` makes (kind, name, reason, evidence,
mentions). A change made for speed must leave it as it is; a change of the rules changes it on
purpose: write it again with ``.venv/bin/python tests/unit/text/suggestion_record.py`` and the
diff shows every suggestion the change adds, drops or moves.
"""

from __future__ import annotations

import json
from pathlib import Path

from newsflow.text.enrich import find_names

DATA = Path(__file__).resolve().parents[2] / "data"
STORIES = DATA / "text_eval.jsonl"
RECORD = DATA / "text_eval_suggestions.jsonl"


def stories() -> list[dict]:
    return [json.loads(line) for line in STORIES.read_text(encoding="utf-8").splitlines() if line.strip()]


def suggestions(story: dict) -> list[list]:
    """What the name finder suggests in ``story``, as JSON values."""
    return [
        [s.kind, s.name, s.reason, s.evidence, [list(m) for m in s.mentions]]
        for s in find_names(story["text"], story["language"])
    ]


def recorded() -> dict[str, list[list]]:
    rows = (json.loads(line) for line in RECORD.read_text(encoding="utf-8").splitlines() if line.strip())
    return {row["id"]: row["suggestions"] for row in rows}


def write() -> None:
    lines = [
        json.dumps({"id": story["id"], "suggestions": suggestions(story)}, ensure_ascii=False)
        for story in stories()
    ]
    RECORD.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    write()
