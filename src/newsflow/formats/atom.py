"""Atom 1.0 feeds (RFC 4287) for the public site and feed readers.

Public feeds use the partial representation (headline and the public abbreviation); a
subscriber feed may ask for ``full``, which puts the body HTML in ``content type="html"``.
Entry ids are story URIs, so a new version replaces the old entry in a reader.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from lxml import etree

from newsflow.core.story import Representation, StoryVersion
from newsflow.formats.safe_xml import xml_text
from newsflow.formats.vocabularies import CATEGORY_SCHEME, SCHEMES, timestamp

ATOM_NS = "http://www.w3.org/2005/Atom"
MEDIA_TYPE = "application/atom+xml"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_A = f"{{{ATOM_NS}}}"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _el(parent: etree._Element, local: str, text: str | None = None, **attrib: str) -> etree._Element:
    element = etree.SubElement(parent, _A + local, attrib)
    if text is not None:
        element.text = xml_text(text)
    return element


def render_feed(
    versions: Sequence[StoryVersion],
    *,
    title: str,
    feed_id: str,
    self_url: str,
    link_for: Callable[[StoryVersion], str],
    representation: Representation = Representation.PARTIAL,
    updated: datetime | None = None,
) -> bytes:
    """The feed document; ``updated`` defaults to the newest version, keeping bytes stable."""
    representation = Representation(representation)  # a plain "full" must not mean partial
    feed = etree.Element(_A + "feed", nsmap={None: ATOM_NS})
    _el(feed, "id", feed_id)
    _el(feed, "title", title)
    newest = max((v.versioncreated for v in versions), default=_EPOCH, key=timestamp)
    _el(feed, "updated", timestamp(updated or newest))
    _el(feed, "link", rel="self", href=self_url, type=MEDIA_TYPE)
    for v in versions:
        _entry(feed, v, link_for(v), representation)
    data: bytes = etree.tostring(feed, xml_declaration=True, encoding="UTF-8")
    return data


def _entry(feed: etree._Element, v: StoryVersion, link: str, representation: Representation) -> None:
    c = v.content
    entry = _el(feed, "entry")
    entry.set(XML_LANG, c.language)
    _el(entry, "id", v.uri)
    _el(entry, "title", c.headline)
    _el(entry, "updated", timestamp(v.versioncreated))
    _el(entry, "published", timestamp(v.firstcreated))
    _el(_el(entry, "author"), "name", c.byline or v.provider)
    _el(entry, "link", rel="alternate", href=link, type="text/html")
    _el(entry, "category", term=c.category, scheme=SCHEMES[CATEGORY_SCHEME])
    for s in c.subjects:
        category = _el(entry, "category", term=s.qcode)
        if s.name:
            category.set("label", s.name)
    if c.abbreviation:
        _el(entry, "summary", c.abbreviation, type="text")
    if representation is Representation.FULL and c.body_html:
        _el(entry, "content", c.body_html, type="html")
