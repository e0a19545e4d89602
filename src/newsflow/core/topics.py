"""Saved-topic matching: one rule for the wire's view filters, its alerts and e-mail alerts.

A topic is a few fields (category, priority, language, type, Media Topic); a story
matches when every given field matches. Language ``ar`` matches ``ar-SA``; the Media
Topic is matched by qcode or by a part of its label. ``wire-live.js`` keeps the same
rules for stories arriving in the browser.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from newsflow.core.language import primary_language


def matches(
    view: Mapping[str, str], *, category: str, priority: str, language: str, type: str,
    topics: Iterable[tuple[str, str]],
) -> bool:
    for key, value in (("category", category), ("priority", priority), ("language", language), ("type", type)):
        wanted = view.get(key)
        if wanted and value != wanted and not (key == "language" and primary_language(value) == wanted):
            return False
    topic = (view.get("topic") or "").strip().lower()
    return not topic or any(topic == q.lower() or topic in n.lower() for q, n in topics)
