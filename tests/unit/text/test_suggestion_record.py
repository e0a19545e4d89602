"""The name finder's suggestions on the evaluation set are those recorded (suggestion_record.py).

Speed work on the finders (shared per-word tests, early exits) must not change one suggestion;
a rule change writes the record again, and its diff is the change's effect.
"""

from __future__ import annotations

from tests.unit.text.suggestion_record import recorded, stories, suggestions


def test_every_story_has_its_recorded_suggestions() -> None:
    record = recorded()
    all_stories = stories()
    assert set(record) == {story["id"] for story in all_stories}
    changed = [story["id"] for story in all_stories if suggestions(story) != record[story["id"]]]
    assert not changed, f"{len(changed)} stories differ from tests/data/text_eval_suggestions.jsonl: {changed[:10]}"
