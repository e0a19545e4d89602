"""What the followers take from memory is what they would have read from the log."""

from __future__ import annotations

from newsflow.core.story import Action
from newsflow.store import flow_log
from newsflow.wiring import Services
from tests.conftest import story_fields


def test_held_entries_and_versions_equal_the_stored_ones(services: Services) -> None:
    newsroom = services.newsroom
    first = newsroom.create(story_fields(headline="Rates held", public=True), publish=True)
    newsroom.revise(first.id, Action.CORRECT, {"headline": "Rates cut"}, note="cut, not held")
    newsroom.create(story_fields(language="ar", headline="خبر عاجل"), publish=True)
    latest = services.signal.latest
    held = services.hub.recent.after(0, latest, 100) if services.hub.recent else None
    assert held is not None and len(held) == 3
    with services.db.read() as conn:
        stored = flow_log.read_after(conn, 0, 100)
    assert [entry for entry, _version in held] == stored
    for entry, version in held:
        assert version == newsroom.version(entry.story_id, entry.version)
