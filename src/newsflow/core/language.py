"""The primary language of a BCP 47 tag: ``ar-SA`` -> ``ar``, ``EN`` -> ``en``.

Entitlements, flow filters, facets, the text pipeline and right-to-left decisions all
speak primary subtags; this is the one place that takes a tag apart.
"""

from __future__ import annotations


def primary_language(tag: str) -> str:
    return tag.strip().split("-", 1)[0].lower()
