"""``newsml29``: NewsML-G2 shaped as agency-API client software reads it.

The strict form (:mod:`.newsml_g2`) is what the IPTC schema asks for; client software
written against an agency's own API reads a different shape, and that shape is served
on ``/abone/`` only. What differs, and why (each is how such clients read a document):

* ``body.content`` holds the body's HTML **as text** (escaped markup), because clients
  take the element's own string value (PHP ``(string)$nitf->body->{'body.content'}``),
  which is empty when the body is made of ``<p>`` child elements;
* ``body.head/abstract`` is always there, as text: the editor's abstract, else the public
  abbreviation, else the headline;
* the category is the **first** ``subject`` and is named in tr, en and ar; the city
  (``located[@type="cptype:city"]``) too — clients pick ``name[@xml:lang="tr"]``;
* ``newsItem/@guid`` is the agency id, and photos are ``itemMeta/link[@rel="irel:seeAlso"]``
  whose ``residref`` is the photo's agency id (``/abone/document/{residref}/print``).

Every name and text is an element's own text, so ``(string)`` casts and lxml's
``element.text`` both read it. Pure: bytes depend only on the version and the names.
"""

from __future__ import annotations

from datetime import datetime

from lxml import etree

from newsflow.core.story import Representation, StoryVersion
from newsflow.formats import nitf
from newsflow.formats.agency import AgencyNames, abstract, link_type, photos
from newsflow.formats.newsml_g2 import NAR_NS, NITF_MEDIA_TYPE, XML_LANG, item_shell
from newsflow.formats.safe_xml import xml_text
from newsflow.formats.vocabularies import (
    SIGNAL_QCODES,
    category_qcode,
    timestamp,
)

MEDIA_TYPE = "application/xml"
_G = f"{{{NAR_NS}}}"


def _el(parent: etree._Element, local: str, text: str | None = None, **attrib: str) -> etree._Element:
    element = etree.SubElement(parent, _G + local, attrib)
    if text is not None:
        element.text = xml_text(text)
    return element


def _names(parent: etree._Element, names: dict[str, str]) -> None:
    for lang, name in names.items():
        _el(parent, "name", name).set(XML_LANG, lang)


def render(
    v: StoryVersion,
    names: AgencyNames,
    representation: Representation = Representation.FULL,
    *,
    sent: datetime | None = None,
) -> bytes:
    """A ``newsMessage`` with one ``newsItem`` in the agency shape."""
    representation = Representation(representation)
    root = etree.Element(_G + "newsMessage", nsmap={None: NAR_NS})
    header = _el(root, "header")
    _el(header, "sent", timestamp(sent or v.versioncreated))
    _el(header, "sender", v.provider)
    _el(header, "transmitId", f"{names.story_id(v)}:{v.version}:{representation.value}")
    _el(root, "itemSet").append(news_item(v, names, representation))
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return data


def news_item(v: StoryVersion, names: AgencyNames, representation: Representation) -> etree._Element:
    c = v.content
    item, rights = item_shell(v, guid=names.story_id(v), standardversion="2.29")
    _el(_el(rights, "copyrightHolder"), "name", v.provider)
    _el(rights, "copyrightNotice", f"Copyright {v.firstcreated.year} {v.provider}")

    meta = _el(item, "itemMeta")
    _el(meta, "itemClass", qcode=f"ninat:{v.type.value}")
    _el(meta, "provider", literal=v.provider)
    _el(meta, "versionCreated", timestamp(v.versioncreated))
    _el(meta, "firstCreated", timestamp(v.firstcreated))
    _el(meta, "pubStatus", qcode=f"stat:{v.pubstatus.value}")
    if v.ed_note:
        _el(meta, "edNote", v.ed_note)
    if v.signal in SIGNAL_QCODES:
        _el(meta, "signal", qcode=SIGNAL_QCODES[v.signal])
    if representation is Representation.FULL:
        for photo in photos(v):
            link = _el(meta, "link", rel="irel:seeAlso", residref=names.photo_id(v, photo),
                       contenttype=link_type(photo))
            _el(link, "itemClass", qcode=f"ninat:{photo.type.value}")
            if photo.caption:
                _el(link, "description", photo.caption, role="drol:caption")

    content = _el(item, "contentMeta")
    _el(content, "urgency", str(c.priority.urgency))
    if c.dateline:
        located = _el(content, "located", type="cptype:city")
        _names(located, names.city(c.dateline, c.language))
        if c.country:
            _names(_el(located, "broader", type="cptype:country"), {c.language: c.country})
    _el(content, "language", tag=c.language)
    # the category first: clients take the first subject named in Turkish
    _names(_el(content, "subject", type="cpnat:abstract", qcode=category_qcode(c.category)),
           names.category(c.category))
    for s in c.subjects:
        subject = _el(content, "subject", type="cpnat:abstract", qcode=s.qcode)
        if s.name:
            _names(subject, {c.language: s.name})
    for keyword in c.keywords:
        _el(content, "keyword", keyword)
    _el(content, "headline", c.headline)
    if c.byline:
        _el(content, "by", c.byline)
    _el(content, "description", summary(v, representation), role="drol:summary")

    inline = _el(_el(item, "contentSet"), "inlineXML", contenttype=NITF_MEDIA_TYPE)
    inline.append(nitf_document(v, representation))
    return item


def summary(v: StoryVersion, representation: Representation) -> str:
    """The abstract for subscribers; the public abbreviation (or headline) in a notice."""
    if representation is Representation.FULL:
        return abstract(v)
    return (v.content.abbreviation or "").strip() or v.headline


def nitf_document(v: StoryVersion, representation: Representation) -> etree._Element:
    """NITF whose ``abstract`` and ``body.content`` are text (the body as escaped HTML)."""
    c = v.content
    doc = nitf.element("nitf")
    doc.set(XML_LANG, c.language)
    etree.SubElement(etree.SubElement(doc, nitf.tag("head")), nitf.tag("title")).text = xml_text(c.headline)
    body = etree.SubElement(doc, nitf.tag("body"))
    head = etree.SubElement(body, nitf.tag("body.head"))
    etree.SubElement(etree.SubElement(head, nitf.tag("hedline")), nitf.tag("hl1")).text = xml_text(c.headline)
    if c.byline:
        etree.SubElement(head, nitf.tag("byline")).text = xml_text(c.byline)
    if c.dateline:
        etree.SubElement(head, nitf.tag("dateline")).text = xml_text(c.dateline)
    etree.SubElement(head, nitf.tag("abstract")).text = xml_text(summary(v, representation))
    if representation is Representation.FULL:
        etree.SubElement(body, nitf.tag("body.content")).text = xml_text(c.body_html)
    return doc
