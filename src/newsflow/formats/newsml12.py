"""``newsml12``: the same story as ``newsml29``, in IPTC NewsML 1.2.

Agency-API client software that predates NewsML-G2 reads NewsML 1.2. The fields are
the ones ``newsml29`` carries, each an element's own text or an attribute:

==========  ===========================================================================
code        ``NewsItem/Identification/NewsIdentifier/NewsItemId`` (the agency id)
date        ``NewsItem/NewsManagement/ThisRevisionCreated`` (``YYYYMMDDTHHMMSS+0000``)
headline    ``.../NewsComponent/NewsLines/HeadLine``
summary     ``NewsComponent[Role/@FormalName="Abstract"]/ContentItem/DataContent``
content     ``NewsComponent[Role/@FormalName="Main"]/ContentItem/DataContent`` (HTML as text)
category    ``TopicSet/Topic[TopicType/@FormalName="Category"]/Description[@xml:lang="tr"]``
city        ``TopicSet/Topic[TopicType/@FormalName="City"]/Description[@xml:lang="tr"]``
photos      ``NewsComponent[Role/@FormalName="Photo"]/NewsItemRef/@NewsItem``
==========  ===========================================================================

Pure: bytes depend only on the version and the names.
"""

from __future__ import annotations

from datetime import UTC, datetime

from lxml import etree

from newsflow.core.story import ContentType, Representation, StoryVersion
from newsflow.formats.agency import AgencyNames, photos
from newsflow.formats.agency_g2 import summary
from newsflow.formats.safe_xml import xml_text

MEDIA_TYPE = "application/xml"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
IPTC_MASTER_CATALOG = "http://www.iptc.org/std/catalog/catalog.IptcMasterCatalog.xml"


def _el(parent: etree._Element, tag: str, text: str | None = None, **attrib: str) -> etree._Element:
    element = etree.SubElement(parent, tag, attrib)
    if text is not None:
        element.text = xml_text(text)
    return element


def _time(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%S+0000")


def _topic(topics: etree._Element, duid: str, kind: str, formal: str, names: dict[str, str]) -> None:
    topic = _el(topics, "Topic", Duid=duid)
    _el(topic, "TopicType", FormalName=kind)
    _el(topic, "FormalName", formal)
    for lang, name in names.items():
        _el(topic, "Description", name, Variant="Name").set(XML_LANG, lang)


def _text_component(parent: etree._Element, duid: str, role: str, mime: str, text: str) -> None:
    component = _el(parent, "NewsComponent", Duid=duid)
    _el(component, "Role", FormalName=role)
    item = _el(component, "ContentItem")
    _el(item, "MediaType", FormalName="Text")
    _el(item, "MimeType", FormalName=mime)
    _el(item, "DataContent", text)


def render(v: StoryVersion, names: AgencyNames, representation: Representation = Representation.FULL) -> bytes:
    representation = Representation(representation)
    full = representation is Representation.FULL
    c = v.content
    code = names.story_id(v)
    root = etree.Element("NewsML", Version="1.2")
    _el(root, "Catalog", Href=IPTC_MASTER_CATALOG)
    topics = _el(root, "TopicSet", FormalName="Story")
    _topic(topics, "category", "Category", c.category, names.category(c.category))
    if c.dateline:
        _topic(topics, "city", "City", c.dateline, names.city(c.dateline, c.language))

    envelope = _el(root, "NewsEnvelope")
    _el(envelope, "DateAndTime", _time(v.versioncreated))
    _el(envelope, "NewsService", FormalName=v.provider)
    _el(envelope, "Priority", FormalName=str(c.priority.urgency))

    item = _el(root, "NewsItem", Duid="item")
    ident = _el(_el(item, "Identification"), "NewsIdentifier")
    _el(ident, "ProviderId", v.provider)
    _el(ident, "DateId", f"{v.firstcreated:%Y%m%d}")
    _el(ident, "NewsItemId", code)
    _el(ident, "RevisionId", str(v.version), PreviousRevision=str(v.version - 1), Update="N")
    _el(ident, "PublicIdentifier", f"urn:newsml:{v.provider}:{v.firstcreated:%Y%m%d}:{code}:{v.version}")
    management = _el(item, "NewsManagement")
    _el(management, "NewsItemType", FormalName="News")
    _el(management, "FirstCreated", _time(v.firstcreated))
    _el(management, "ThisRevisionCreated", _time(v.versioncreated))
    _el(management, "Status", FormalName="Canceled" if v.is_withdrawn else "Usable")
    _el(management, "Urgency", FormalName=str(c.priority.urgency))
    if v.ed_note:
        _el(management, "Instruction", FormalName=v.signal.value).text = xml_text(v.ed_note)

    story = _el(item, "NewsComponent", Duid="story")
    story.set(XML_LANG, c.language)
    lines = _el(story, "NewsLines")
    _el(lines, "HeadLine", c.headline)
    if c.byline:
        _el(lines, "ByLine", c.byline)
    if c.dateline:
        _el(lines, "DateLine", c.dateline)
    _el(lines, "CopyrightLine", f"Copyright {v.firstcreated.year} {v.provider}")
    _el(_el(_el(story, "AdministrativeMetadata"), "Provider"), "Party", FormalName=v.provider)
    described = _el(story, "DescriptiveMetadata")
    _el(described, "Language", FormalName=c.language)
    if c.dateline:
        location = _el(described, "Location", HowPresent="Origin")
        _el(location, "Property", FormalName="City", Value=c.dateline)
        if c.country:
            _el(location, "Property", FormalName="Country", Value=c.country)
        _el(described, "TopicOccurrence", Topic="#city", HowPresent="Origin")
    _el(described, "TopicOccurrence", Topic="#category")
    for s in c.subjects:
        _el(described, "Property", FormalName="Subject", Value=s.qcode)

    _text_component(story, "abstract", "Abstract", "text/plain", summary(v, representation))
    if full:
        _text_component(story, "body", "Main", "text/html", c.body_html)
        for n, photo in enumerate(photos(v), 1):
            component = _el(story, "NewsComponent", Duid=f"photo-{n}")
            _el(component, "Role", FormalName="Video" if photo.type is ContentType.VIDEO else "Photo")
            if photo.caption:
                _el(_el(component, "NewsLines"), "HeadLine", photo.caption)
            _el(component, "NewsItemRef", NewsItem=names.photo_id(v, photo))
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return data
