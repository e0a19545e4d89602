"""What the name finder suggests in a text, read the two ways the name tests compare."""

from __future__ import annotations

from newsflow.text.enrich import find_names


def mentions(text: str, language: str, kind: str) -> list[str]:
    """Every span suggested as ``kind``, as written in ``text``."""
    return [text[a:b] for s in find_names(text, language) if s.kind == kind for a, b in s.mentions]


def names(text: str, language: str, kind: str) -> list[str]:
    """The names suggested as ``kind`` (one per suggestion, its full form)."""
    return [s.name for s in find_names(text, language) if s.kind == kind]
