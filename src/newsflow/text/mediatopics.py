"""IPTC Media Topics: the subject vocabulary stories are classified with.

The data is a compact file derived from IPTC's published scheme by
``data/make_mediatopics.py`` (attribution inside the file and in
``data/NOTICE.md``). It is read once, when this module is imported.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType

from newsflow.text.normalize import normalize

__all__ = ["ATTRIBUTION", "Subject", "Topic", "all_topics", "label", "search", "topic"]


@dataclass(frozen=True, slots=True)
class Subject:
    """A Media Topic assigned to a story, labelled in the story's language."""

    qcode: str
    name: str


@dataclass(frozen=True, slots=True)
class Topic:
    """One Media Topic concept: its qcode, labels by language, broader concept."""

    qcode: str
    labels: MappingProxyType[str, str]
    broader: str | None
    retired: bool


def _load() -> tuple[str, dict[str, Topic]]:
    raw = json.loads(
        resources.files("newsflow.text").joinpath("data/mediatopics.json").read_text("utf-8")
    )
    topics = {
        t["qcode"]: Topic(t["qcode"], MappingProxyType(t["labels"]), t["broader"], t["retired"])
        for t in raw["topics"]
    }
    return raw["attribution"], topics


ATTRIBUTION, _TOPICS = _load()


def topic(qcode: str) -> Topic | None:
    """The topic with ``qcode`` ("medtop:20000344"), or None."""
    return _TOPICS.get(qcode)


def label(qcode: str, language: str) -> str:
    """The label of ``qcode`` in ``language``, falling back to English, then the qcode."""
    found = _TOPICS.get(qcode)
    if found is None:
        return qcode
    return found.labels.get(language) or found.labels.get("en") or qcode


def all_topics(*, include_retired: bool = False) -> tuple[Topic, ...]:
    """Every topic in scheme order (retired ones only on request)."""
    return tuple(t for t in _TOPICS.values() if include_retired or not t.retired)


def search(query: str, language: str, *, limit: int = 12) -> list[Subject]:
    """Topics whose label in ``language`` (or English, or the qcode) contains ``query``.

    Labels are compared normalized (Arabic letter variants and diacritics folded, case
    folded), so "اقتصاد" finds "الاقتصاد" and "Economy" finds "economy, business and
    finance". Labels that start with the query come first, then shorter ones.
    """
    wanted = normalize(query.strip(), language)
    if not wanted:
        return []
    found: list[tuple[int, int, Subject]] = []
    for t in _TOPICS.values():
        if t.retired:
            continue
        name = t.labels.get(language) or t.labels.get("en") or t.qcode
        text = normalize(name, language)
        at = text.find(wanted)
        if at < 0 and wanted not in t.qcode:
            continue
        found.append((0 if at == 0 else 1, len(name), Subject(t.qcode, name)))
    found.sort(key=lambda item: (item[0], item[1]))
    return [subject for _, _, subject in found[:limit]]
