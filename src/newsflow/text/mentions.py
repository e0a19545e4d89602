"""Suggestions: a name found in a story, where it was found, and why.

Each finder (people, places, organisations) reports :class:`Found` mentions:
a span of the text, the name it stands for, and the evidence (a title, the
gazetteer, a pattern, the dateline). :func:`group` turns them into
:class:`Suggestion` objects, one per name: the same person written fully and
shortly (رجب طيب أردوغان / أردوغان) is one suggestion under the full form.
Offsets index the text the finders read: ``f"{headline}\\n\\n{body}"``, or the
body alone when there is no headline.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

__all__ = ["REASONS", "Found", "Suggestion", "group"]

# Why a name was suggested, strongest evidence first.
REASONS = ("gazetteer", "title", "dateline", "apposition", "pattern", "name list", "short form")
_RANK = {reason: k for k, reason in enumerate(REASONS)}


class Found(NamedTuple):
    """One mention: ``text[start:end]`` names ``name`` (``evidence`` says what signalled it).

    A named tuple, not a frozen dataclass: the finders make several per name (each step that
    renames or drops mentions makes new ones), and a tuple is made in a third of the time.
    """

    kind: str
    name: str
    start: int
    end: int
    reason: str
    evidence: str = ""


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One name to attach to the story, with every place it occurs and the best reason."""

    kind: str  # "person" | "place" | "organisation"
    name: str
    reason: str
    evidence: str
    mentions: tuple[tuple[int, int], ...]
    # how likely it is to be right, by a model of suggestions on new copy (:mod:`newsflow.text.confidence`)
    confidence: float | None = None


def group(found: list[Found]) -> list[Suggestion]:
    """One suggestion per (kind, name), in order of first mention, mentions sorted."""
    by_name: dict[tuple[str, str], list[Found]] = {}
    for f in found:
        by_name.setdefault((f.kind, f.name), []).append(f)
    out: list[Suggestion] = []
    for (kind, name), items in by_name.items():
        if len(items) == 1:  # a name found once: its only mention (no ranking, no sort)
            best = items[0]
            spans: tuple[tuple[int, int], ...] = ((best.start, best.end),)
        else:
            best = min(items, key=lambda f: _RANK.get(f.reason, 99))
            spans = tuple(sorted({(f.start, f.end) for f in items}))
        out.append(Suggestion(kind, name, best.reason, best.evidence, spans))
    out.sort(key=lambda s: s.mentions[0])
    return out
