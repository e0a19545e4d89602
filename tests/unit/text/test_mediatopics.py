"""The derived Media Topics file."""

from __future__ import annotations

from newsflow.text.mediatopics import ATTRIBUTION, all_topics, label, topic


def test_lookup_and_labels() -> None:
    economy = topic("medtop:20000344")
    assert economy is not None
    assert economy.broader == "medtop:04000000"
    assert label("medtop:20000344", "ar") == "اقتصاد"
    assert label("medtop:20000344", "tr") == "economy"  # no Turkish labels: English fallback
    assert label("medtop:nope", "en") == "medtop:nope"
    assert topic("medtop:nope") is None


def test_attribution_and_size() -> None:
    assert "CC BY 4.0" in ATTRIBUTION
    assert len(all_topics()) > 1000
    assert len(all_topics(include_retired=True)) == 1286
