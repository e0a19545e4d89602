"""IPTC NewsML-G2 2.35 (All-Power) with a NITF 3.6 body: what wire subscribers receive.

One ``newsMessage`` per delivery, holding one ``newsItem`` per version. Photos travel as
``irel:seeAlso`` links whose hint children (headline, caption, renditions) are enough to
display them without fetching. Agency-only concepts (desk category, withdrawal signal,
the public abbreviation) use QCode schemes declared in an inline ``catalog``, so the
document is self-describing. Parsing goes through :mod:`newsflow.formats.safe_xml`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from lxml import etree

from newsflow.core.story import (
    Action,
    Association,
    ContentType,
    Priority,
    PubStatus,
    Rendition,
    Representation,
    StoryContent,
    StoryVersion,
    Subject,
)
from newsflow.errors import InvalidInput
from newsflow.formats import nitf
from newsflow.formats.parsed import ParsedItem
from newsflow.formats.safe_xml import MAX_XML_BYTES, parse_xml, xml_text
from newsflow.formats.vocabularies import (
    AGENCY_SCHEMES,
    SCHEMES,
    SIGNAL_QCODES,
    SIGNALS_BY_QCODE,
    category_from_qcode,
    category_qcode,
    member,
    parse_timestamp,
    timestamp,
)

NAR_NS = "http://iptc.org/std/nar/2006-10-01/"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
IPTC_CATALOG = "http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_32.xml"
MEDIA_TYPE = "application/vnd.iptc.g2.newsmessage+xml"
NITF_MEDIA_TYPE = "application/nitf+xml"
SUMMARY_ROLE = "drol:summary"
ABBREVIATION_ROLE = "nfdrol:abbreviation"
CAPTION_ROLE = "drol:caption"
_G = f"{{{NAR_NS}}}"

# Concept types for the named entities kept as subjects.
_ENTITY_TYPES = {"people": "cpnat:person", "places": "cpnat:geoArea",
                 "organisations": "cpnat:organisation"}


def _el(parent: etree._Element, local: str, text: str | None = None, **attrib: str) -> etree._Element:
    element = etree.SubElement(parent, _G + local, attrib)
    if text is not None:
        element.text = xml_text(text)
    return element


def _name(parent: etree._Element, text: str, language: str) -> None:
    _el(parent, "name", text).set(XML_LANG, language)


# --- render ---------------------------------------------------------------------------


def render(
    v: StoryVersion,
    representation: Representation = Representation.FULL,
    *,
    sent: datetime | None = None,
) -> bytes:
    """A ``newsMessage`` holding the version; bytes depend only on the arguments.

    ``sent`` defaults to ``versioncreated`` so that a cached rendering stays valid.
    """
    representation = Representation(representation)  # a plain "full" must not mean partial
    root = etree.Element(_G + "newsMessage", nsmap={None: NAR_NS})
    header = _el(root, "header")
    _el(header, "sent", timestamp(sent or v.versioncreated))
    _el(header, "sender", v.provider)
    _el(header, "transmitId", f"{v.uri}:{v.version}:{representation.value}")
    root.append(etree.Element(_G + "itemSet"))
    root[-1].append(news_item(v, representation))
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return data


def item_shell(v: StoryVersion, *, guid: str, standardversion: str) -> tuple[etree._Element, etree._Element]:
    """A ``newsItem`` with its catalogs and an empty ``rightsInfo``: what every shape starts with."""
    item = etree.Element(
        _G + "newsItem",
        {"guid": guid, "version": str(v.version), "standard": "NewsML-G2",
         "standardversion": standardversion, "conformance": "power", XML_LANG: v.content.language},
        nsmap={None: NAR_NS},
    )
    _el(item, "catalogRef", href=IPTC_CATALOG)
    catalog = _el(item, "catalog")
    for alias in AGENCY_SCHEMES:
        _el(catalog, "scheme", alias=alias, uri=SCHEMES[alias])
    return item, _el(item, "rightsInfo")


def news_item(v: StoryVersion, representation: Representation = Representation.FULL) -> etree._Element:
    """The ``newsItem`` element alone, for callers that assemble their own messages."""
    representation = Representation(representation)
    c = v.content
    item, rights = item_shell(v, guid=v.uri, standardversion="2.35")
    _name(_el(rights, "copyrightHolder"), v.provider, c.language)
    _el(rights, "copyrightNotice", f"Copyright {v.firstcreated.year} {v.provider}")
    _item_meta(_el(item, "itemMeta"), v)
    _content_meta(_el(item, "contentMeta"), v, representation)
    content_set = _el(item, "contentSet")
    if v.type is ContentType.TEXT or not c.associations:
        _el(content_set, "inlineXML", contenttype=NITF_MEDIA_TYPE).append(_nitf(v, representation))
    else:
        # a picture, video or graphic item: its files, one remoteContent per rendition
        for r in c.associations[0].renditions:
            _remote(content_set, r)
    return item


def _item_meta(meta: etree._Element, v: StoryVersion) -> None:
    _el(meta, "itemClass", qcode=f"ninat:{v.type.value}")
    _el(meta, "provider", literal=v.provider)
    _el(meta, "versionCreated", timestamp(v.versioncreated))
    _el(meta, "firstCreated", timestamp(v.firstcreated))
    if v.embargoed is not None:
        _el(meta, "embargoed", timestamp(v.embargoed))
    _el(meta, "pubStatus", qcode=f"stat:{v.pubstatus.value}")
    if v.ed_note:
        _el(meta, "edNote", v.ed_note)
    if v.signal in SIGNAL_QCODES:
        _el(meta, "signal", qcode=SIGNAL_QCODES[v.signal])
    for a in v.content.associations:
        _photo_link(meta, a, v.language)


def _photo_link(meta: etree._Element, a: Association, language: str) -> None:
    """A link to a photo, with hints (headline, caption, byline, renditions) inside."""
    link = _el(meta, "link", rel="irel:seeAlso", residref=a.uri)
    _el(link, "itemClass", qcode=f"ninat:{a.type.value}")
    if a.headline:
        _el(link, "headline", a.headline)
    if a.caption:
        _el(link, "description", a.caption, role=CAPTION_ROLE)
    if a.byline:
        _el(link, "by", a.byline)
    for r in a.renditions:
        _remote(link, r)


def _remote(parent: etree._Element, r: Rendition) -> None:
    remote = _el(parent, "remoteContent", rendition=f"rnd:{r.name}", href=r.href, contenttype=r.mimetype)
    if r.size is not None:
        remote.set("size", str(r.size))
    if r.width is not None:
        remote.set("width", str(r.width))
    if r.height is not None:
        remote.set("height", str(r.height))
    if r.duration is not None:
        remote.set("duration", f"{r.duration:g}")
        remote.set("durationunit", "timeunit:seconds")


def _content_meta(meta: etree._Element, v: StoryVersion, representation: Representation) -> None:
    c = v.content
    _el(meta, "urgency", str(c.priority.urgency))
    if c.dateline or c.country:
        located = _el(meta, "located", type="cptype:city")
        if c.dateline:
            _name(located, c.dateline, c.language)
        if c.country:
            _name(_el(located, "broader", type="cptype:country"), c.country, c.language)
    _el(meta, "language", tag=c.language)
    for keyword in c.keywords:
        _el(meta, "keyword", keyword)
    for s in c.subjects:
        subject = _el(meta, "subject", type="cpnat:abstract", qcode=s.qcode)
        if s.name:
            _name(subject, s.name, c.language)
    # The category is a code, not text in the story's language: no xml:lang on its name.
    _el(_el(meta, "subject", type="cpnat:abstract", qcode=category_qcode(c.category)), "name",
        c.category)
    for field, concept_type in _ENTITY_TYPES.items():
        for name in getattr(c, field):
            _name(_el(meta, "subject", type=concept_type), name, c.language)
    _el(meta, "headline", c.headline)
    if c.byline:
        _el(meta, "by", c.byline)
    if c.description and representation is Representation.FULL:
        _el(meta, "description", c.description, role=SUMMARY_ROLE)
    if c.abbreviation:
        _el(meta, "description", c.abbreviation, role=ABBREVIATION_ROLE)


def _nitf(v: StoryVersion, representation: Representation) -> etree._Element:
    c = v.content
    full = representation is Representation.FULL
    doc = nitf.element("nitf")
    doc.set(XML_LANG, c.language)
    etree.SubElement(etree.SubElement(doc, nitf.tag("head")), nitf.tag("title")).text = xml_text(c.headline)
    body = etree.SubElement(doc, nitf.tag("body"))
    head = etree.SubElement(body, nitf.tag("body.head"))
    hedline = etree.SubElement(head, nitf.tag("hedline"))
    etree.SubElement(hedline, nitf.tag("hl1")).text = xml_text(c.headline)
    if c.byline:
        etree.SubElement(head, nitf.tag("byline")).text = xml_text(c.byline)
    if c.dateline:
        etree.SubElement(head, nitf.tag("dateline")).text = xml_text(c.dateline)
    abstract = c.description if full else c.abbreviation
    if abstract:
        paragraph = etree.SubElement(etree.SubElement(head, nitf.tag("abstract")), nitf.tag("p"))
        paragraph.text = xml_text(abstract)
    if full:
        etree.SubElement(body, nitf.tag("body.content")).extend(nitf.from_html(c.body_html))
    return doc


# --- parse ----------------------------------------------------------------------------


def parse(data: bytes, *, max_bytes: int = MAX_XML_BYTES) -> list[ParsedItem]:
    """Every ``newsItem`` of a ``newsMessage``, or the one of a bare ``newsItem``."""
    root = parse_xml(data, max_bytes=max_bytes)
    if root.tag == _G + "newsItem":
        items = [root]
    elif root.tag == _G + "newsMessage":
        items = root.findall(f"{_G}itemSet/{_G}newsItem")
    else:
        raise InvalidInput(f"not a NewsML-G2 newsMessage or newsItem: {root.tag}", field="body")
    return [_parse_item(item) for item in items]


def _parse_item(item: etree._Element) -> ParsedItem:
    guid = item.get("guid")
    if not guid:
        raise InvalidInput("a newsItem needs a guid", field="guid")
    meta = _child(item, "itemMeta")
    content_meta = _child(item, "contentMeta")
    language = item.get(XML_LANG) or _attr(content_meta, "language", "tag") or "und"
    body = item.find(f"{_G}contentSet/{_G}inlineXML/{nitf.tag('nitf')}")
    body_content = body.findall(f"{nitf.tag('body')}/{nitf.tag('body.content')}") if body is not None else []
    descriptions = _descriptions(content_meta)
    status = (_attr(meta, "pubStatus", "qcode") or "stat:usable").removeprefix("stat:")
    signal = SIGNALS_BY_QCODE.get(_attr(meta, "signal", "qcode") or "", Action.PUBLISH)
    content = StoryContent(
        language=language,
        headline=_text(content_meta, "headline") or _nitf_headline(body) or "",
        body_html=nitf.to_html(e for part in body_content for e in part),
        priority=Priority.from_urgency(_int(_text(content_meta, "urgency"), 4)),
        type=member(ContentType, (_attr(meta, "itemClass", "qcode") or "ninat:text").removeprefix("ninat:"),
                    "itemClass"),
        description=descriptions.get(SUMMARY_ROLE) or descriptions.get(""),
        abbreviation=descriptions.get(ABBREVIATION_ROLE),
        byline=_text(content_meta, "by"),
        embargoed=_time(meta, "embargoed"),
        keywords=tuple(k.text or "" for k in content_meta.findall(_G + "keyword") if k.text),
        associations=tuple(_parse_link(link) for link in meta.findall(_G + "link")
                           if link.get("rel") == "irel:seeAlso" and link.get("residref")),
        **_located(content_meta),
        **_subjects(content_meta),
    )
    return ParsedItem(
        uri=guid,
        version=_int(item.get("version"), 1),
        content=content,
        firstcreated=_time(meta, "firstCreated"),
        versioncreated=_time(meta, "versionCreated"),
        pubstatus=member(PubStatus, status, "pubStatus"),
        signal=signal,
        ed_note=_text(meta, "edNote"),
        representation=Representation.FULL if body_content else Representation.PARTIAL,
    )


def _child(parent: etree._Element, tag: str) -> etree._Element:
    child = parent.find(_G + tag)
    if child is None:
        raise InvalidInput(f"a newsItem needs {tag}", field=tag)
    return child


def _text(parent: etree._Element, tag: str) -> str | None:
    child = parent.find(_G + tag)
    return None if child is None else "".join(child.itertext())


def _attr(parent: etree._Element, tag: str, name: str) -> str | None:
    child = parent.find(_G + tag)
    return None if child is None else child.get(name)


def _int(text: str | None, default: int) -> int:
    if text is None:
        return default
    try:
        return int(text.strip())
    except ValueError:
        raise InvalidInput(f"{text!r} is not a number", field="body") from None


def _time(parent: etree._Element, tag: str) -> datetime | None:
    text = _text(parent, tag)
    if not text or not text.strip():
        return None
    try:
        return parse_timestamp(text)
    except ValueError:
        raise InvalidInput(f"NewsML-G2 {tag} is not a date-time: {text!r}", field=tag) from None


def _nitf_headline(body: etree._Element | None) -> str | None:
    hl1 = None if body is None else body.find(f".//{nitf.tag('hl1')}")
    return None if hl1 is None else "".join(hl1.itertext())


def _descriptions(meta: etree._Element) -> dict[str, str]:
    out: dict[str, str] = {}
    for d in meta.findall(_G + "description"):
        out.setdefault(d.get("role", ""), "".join(d.itertext()))
    return out


def _first_name(element: etree._Element | None) -> str | None:
    name = None if element is None else element.find(_G + "name")
    return None if name is None else name.text or ""


def _located(meta: etree._Element) -> dict[str, Any]:
    located = meta.find(_G + "located")
    country = None
    if located is not None:
        country = next((_first_name(b) for b in located.findall(_G + "broader")
                        if b.get("type") == "cptype:country"), None)
    return {"dateline": _first_name(located), "country": country}


def _subjects(meta: etree._Element) -> dict[str, Any]:
    subjects: list[Subject] = []
    entities: dict[str, list[str]] = {field: [] for field in _ENTITY_TYPES}
    by_type = {t: field for field, t in _ENTITY_TYPES.items()}
    category = None
    for s in meta.findall(_G + "subject"):
        qcode, name = s.get("qcode"), _first_name(s) or ""
        if qcode and category is None and category_from_qcode(qcode):
            category = category_from_qcode(qcode)
        elif qcode:
            subjects.append(Subject(qcode, name))
        elif s.get("type") in by_type and name:
            entities[by_type[s.get("type", "")]].append(name)
    return {"subjects": tuple(subjects), "category": category or "general",
            **{field: tuple(names) for field, names in entities.items()}}


def _parse_link(link: etree._Element) -> Association:
    kind = (_attr(link, "itemClass", "qcode") or "ninat:picture").removeprefix("ninat:")
    descriptions = _descriptions(link)
    return Association(
        uri=link.get("residref", ""),
        type=member(ContentType, kind, "itemClass"),
        headline=_text(link, "headline") or link.get("title", ""),
        caption=descriptions.get(CAPTION_ROLE) or descriptions.get("", ""),
        byline=_text(link, "by") or "",
        renditions=tuple(_rendition(r) for r in link.findall(_G + "remoteContent")),
    )


def _rendition(remote: etree._Element) -> Rendition:
    width, height = remote.get("width"), remote.get("height")
    return Rendition(
        name=remote.get("rendition", "").removeprefix("rnd:"),
        href=remote.get("href", ""),
        mimetype=remote.get("contenttype", ""),
        width=_int(width, 0) if width is not None else None,
        height=_int(height, 0) if height is not None else None,
    )
