"""Scoring name suggestions against hand-annotated stories.

An annotated story lists every mention of a person, place or organisation
with its offsets and the name it stands for (the full form: a surname alone
carries the full name). Mentions with the same kind and name are one *entity*.

A suggestion is **correct** when every one of its mentions is exactly (same
start, same end) a mention of one single annotated entity of its kind, that
entity was not already claimed by an earlier suggestion (two suggestions for
one person cost the editor work), and, for people, its name is the entity's
full name. So a span that swallows a verb, two people merged into one span,
a surname suggested apart from its full name, or a wrong boundary all count
as errors. Precision = correct / suggested; recall = entities claimed /
annotated entities. Mention-level figures (exact spans) are computed too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from newsflow.text.mentions import Suggestion
from newsflow.text.normalize import normalize_arabic

__all__ = ["KINDS", "Annotation", "Score", "score_story"]

KINDS = ("person", "place", "organisation")


@dataclass(frozen=True, slots=True)
class Annotation:
    kind: str
    start: int
    end: int
    name: str


@dataclass
class Score:
    """Counts for one (language, kind) cell; add stories into it."""

    suggested: int = 0
    correct: int = 0
    entities: int = 0
    found: int = 0
    mentions_predicted: int = 0
    mentions_gold: int = 0
    mentions_correct: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct / self.suggested if self.suggested else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.entities if self.entities else 1.0

    @property
    def mention_precision(self) -> float:
        return self.mentions_correct / self.mentions_predicted if self.mentions_predicted else 1.0

    @property
    def mention_recall(self) -> float:
        return self.mentions_correct / self.mentions_gold if self.mentions_gold else 1.0

    def add(self, other: Score) -> None:
        self.suggested += other.suggested
        self.correct += other.correct
        self.entities += other.entities
        self.found += other.found
        self.mentions_predicted += other.mentions_predicted
        self.mentions_gold += other.mentions_gold
        self.mentions_correct += other.mentions_correct
        self.errors.extend(other.errors)


_DOTLESS = str.maketrans({"İ": "i", "I": "i", "ı": "i"})


def _key(name: str) -> str:
    """Names compared with Arabic folding and case folding that ignores the Turkish i distinction."""
    return normalize_arabic(name).translate(_DOTLESS).casefold()


def score_story(
    text: str,
    gold: Iterable[Annotation],
    suggestions: Iterable[Suggestion],
    story_id: str = "",
    verdicts: list[bool] | None = None,
) -> dict[str, Score]:
    """Scores per kind for one story; ``verdicts``, when given, receives whether each
    suggestion was right, in the order of ``suggestions``."""
    gold = list(gold)
    suggestions = list(suggestions)
    right = [False] * len(suggestions)
    out = {kind: Score() for kind in KINDS}
    for kind in KINDS:
        score = out[kind]
        entities: dict[str, set[tuple[int, int]]] = {}
        for a in gold:
            if a.kind == kind:  # ANKARA and Ankara are one place
                entities.setdefault(_key(a.name), set()).add((a.start, a.end))
        owner = {span: name for name, spans in entities.items() for span in spans}
        score.entities = len(entities)
        score.mentions_gold = len(owner)
        claimed: set[str] = set()
        predicted_spans: set[tuple[int, int]] = set()
        for k, s in enumerate(suggestions):
            if s.kind != kind:
                continue
            score.suggested += 1
            predicted_spans.update(s.mentions)
            names = {owner.get(span) for span in s.mentions}
            target = next(iter(names)) if len(names) == 1 else None
            ok = target is not None and target not in claimed
            if ok and kind == "person" and _key(s.name) != target:
                ok = False
            if ok:
                assert target is not None
                claimed.add(target)
                score.correct += 1
                right[k] = True
            else:
                shown = [text[a:b] for a, b in s.mentions]
                score.errors.append(f"{story_id} {kind}: suggested {s.name!r} at {shown}")
        score.found = len(claimed)
        score.mentions_predicted = len(predicted_spans)
        score.mentions_correct = len(predicted_spans & set(owner))
        for name in entities:
            if name not in claimed:
                score.errors.append(f"{story_id} {kind}: missed {name!r}")
    if verdicts is not None:
        verdicts.extend(right)
    return out
