"""Public RSS 2.0 and Atom feeds: headlines and abbreviations, never the body.

Atom reuses ``newsflow.formats.atom.render_feed`` with the partial representation; the
versions handed to it are rebuilt from ``PublicStory`` with an empty body, so even a
wrong representation argument could not put the full text in a public feed.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from email.utils import format_datetime

from lxml import etree

from newsflow.core.story import Priority, Representation, StoryContent, StoryVersion
from newsflow.formats.atom import render_feed
from newsflow.services.public import PublicStory

ATOM_NS = "http://www.w3.org/2005/Atom"
RSS_TYPE = "application/rss+xml"
ATOM_TYPE = "application/atom+xml"


def _rfc822(when: datetime) -> str:
    return format_datetime(when.astimezone(UTC), usegmt=True)


def rss(
    stories: Sequence[PublicStory], *, title: str, link: str, self_url: str, language: str, description: str,
    base_url: str,
) -> bytes:
    root = etree.Element("rss", version="2.0", nsmap={"atom": ATOM_NS})
    channel = etree.SubElement(root, "channel")
    etree.SubElement(channel, "title").text = title
    etree.SubElement(channel, "link").text = link
    etree.SubElement(channel, "description").text = description
    etree.SubElement(channel, "language").text = language
    newest = max((s.modified for s in stories), default=datetime(1970, 1, 1, tzinfo=UTC))
    etree.SubElement(channel, "lastBuildDate").text = _rfc822(newest)
    etree.SubElement(channel, f"{{{ATOM_NS}}}link", href=self_url, rel="self", type=RSS_TYPE)
    for s in stories:
        item = etree.SubElement(channel, "item")
        etree.SubElement(item, "title").text = s.headline
        etree.SubElement(item, "link").text = base_url + s.path
        etree.SubElement(item, "guid", isPermaLink="false").text = f"{s.uri}#v{s.version}"
        etree.SubElement(item, "pubDate").text = _rfc822(s.published)
        etree.SubElement(item, "category").text = s.category
        if s.abbreviation:
            etree.SubElement(item, "description").text = s.abbreviation
        if s.photo is not None:
            href = s.photo.href if s.photo.href.startswith("http") else base_url + s.photo.href
            etree.SubElement(item, "enclosure", url=href, type=s.photo.mimetype, length="0")
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return data


def _as_version(s: PublicStory) -> StoryVersion:
    content = StoryContent(
        language=s.language,
        headline=s.headline,
        body_html="",  # the public feed never has it
        priority=Priority(s.priority),
        category=s.category,
        dateline=s.dateline,
        byline=s.byline,
        abbreviation=s.abbreviation or None,
        public=True,
    )
    return StoryVersion(
        story_id=s.id, uri=s.uri, version=s.version, content=content,
        firstcreated=s.published, versioncreated=s.modified,
    )


def atom(stories: Sequence[PublicStory], *, title: str, feed_id: str, self_url: str, base_url: str) -> bytes:
    paths = {s.id: s.path for s in stories}
    return render_feed(
        [_as_version(s) for s in stories],
        title=title,
        feed_id=feed_id,
        self_url=self_url,
        link_for=lambda v: base_url + paths[v.story_id],
        representation=Representation.PARTIAL,
    )
