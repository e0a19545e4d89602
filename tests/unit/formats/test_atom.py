from __future__ import annotations

from datetime import UTC, datetime

import feedparser
from hypothesis import given, settings
from hypothesis import strategies as st

from newsflow.core.story import Representation, StoryVersion
from newsflow.formats import atom
from strategies import BODY_SENTENCES, FIXTURES, story_versions

VERSIONS = list(FIXTURES.values())


def _feed(versions=VERSIONS, **kw) -> bytes:
    return atom.render_feed(versions, title="Newsflow — public", feed_id="urn:newsflow:feed:public",
                            self_url="https://news.example.org/feed.atom",
                            link_for=lambda v: f"https://news.example.org/s/{v.story_id}", **kw)


def test_partial_feed_parses_with_summaries_only() -> None:
    data = _feed()
    parsed = feedparser.parse(data)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.feed.title == "Newsflow — public"
    assert parsed.feed.updated == "2024-05-06T14:00:00Z"
    assert [e.id for e in parsed.entries] == [v.uri for v in VERSIONS]
    for entry, (name, v) in zip(parsed.entries, FIXTURES.items(), strict=True):
        assert entry.title == v.headline
        assert entry.title_detail.language == v.language
        assert entry.summary == v.content.abbreviation
        assert entry.link == f"https://news.example.org/s/{v.story_id}"
        assert "content" not in entry
        assert BODY_SENTENCES[name].encode() not in data


def test_full_feed_carries_the_body_html() -> None:
    parsed = feedparser.parse(_feed(representation=Representation.FULL))
    assert not parsed.bozo
    first = parsed.entries[0]
    assert first.content[0].type == "text/html"
    assert BODY_SENTENCES["arabic_flash_with_photo"] in first.content[0].value
    assert first.content[0].language == "ar"


def test_updated_is_stable_or_given() -> None:
    assert _feed() == _feed()
    assert b"<updated>2030-01-01T00:00:00Z</updated>" in _feed(updated=datetime(2030, 1, 1, tzinfo=UTC))
    assert b"<updated>1970-01-01T00:00:00Z</updated>" in _feed([])


@settings(max_examples=30, deadline=None)
@given(versions=st.lists(story_versions(), max_size=4),
       representation=st.sampled_from(list(Representation)))
def test_generated_feeds_parse(versions: list[StoryVersion], representation: Representation) -> None:
    parsed = feedparser.parse(_feed(versions, representation=representation))
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert [e.title for e in parsed.entries] == [v.headline for v in versions]
