"""Saved-topic matching, the one rule the wire, its alerts and e-mail alerts share."""

from __future__ import annotations

from newsflow.core.topics import matches

STORY = {"category": "economy", "priority": "flash", "language": "ar-SA", "type": "text",
         "topics": [("medtop:04000000", "اقتصاد، اعمال ومال")]}


def test_every_given_field_must_match() -> None:
    assert matches({}, **STORY)  # no filter: everything
    assert matches({"category": "economy", "priority": "flash"}, **STORY)
    assert not matches({"category": "sports"}, **STORY)
    assert not matches({"category": "economy", "type": "picture"}, **STORY)


def test_language_matches_its_regional_variants() -> None:
    assert matches({"language": "ar"}, **STORY) and matches({"language": "ar-SA"}, **STORY)
    assert not matches({"language": "en"}, **STORY)


def test_media_topic_by_qcode_or_part_of_its_label() -> None:
    assert matches({"topic": "medtop:04000000"}, **STORY) and matches({"topic": "MEDTOP:04000000"}, **STORY)
    assert matches({"topic": "اقتصاد"}, **STORY)
    assert not matches({"topic": "medtop:15000000"}, **STORY)
