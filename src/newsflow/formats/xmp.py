"""XMP packets: the caption, creator, credit and copyright a photo desk reads from a file.

``packet`` writes the fields photo desks (Photo Mechanic, Lightroom, Photoshop) show in
their IPTC panels, in the XMP properties the IPTC Photo Metadata Standard maps them to:
``dc:description`` (caption), ``dc:creator`` (byline), ``photoshop:Credit``,
``dc:rights`` (copyright notice) and ``photoshop:DateCreated``. ``parse`` reads the same
properties back from an uploaded file's packet, as elements or as attributes, through
the one safe XML parser (no DTD, no entities).
"""

from __future__ import annotations

from datetime import datetime

from lxml import etree

from newsflow.errors import NewsflowError
from newsflow.formats.safe_xml import parse_xml, xml_text

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
DC = "http://purl.org/dc/elements/1.1/"
PHOTOSHOP = "http://ns.adobe.com/photoshop/1.0/"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_NS = {"x": "adobe:ns:meta/", "rdf": RDF, "dc": DC, "photoshop": PHOTOSHOP}
MAX_PACKET_BYTES = 1_000_000


def packet(
    *, caption: str = "", byline: str = "", credit: str = "", copyright: str = "",
    taken: datetime | None = None, language: str = "",
) -> bytes:
    """A complete XMP packet (with its ``xpacket`` wrapper) holding the non-empty fields."""
    meta = etree.Element("{adobe:ns:meta/}xmpmeta", nsmap=_NS)
    rdf = etree.SubElement(meta, f"{{{RDF}}}RDF")
    desc = etree.SubElement(rdf, f"{{{RDF}}}Description", {f"{{{RDF}}}about": ""})
    if caption:
        _alt(desc, f"{{{DC}}}description", caption, language)
    if byline:
        seq = etree.SubElement(etree.SubElement(desc, f"{{{DC}}}creator"), f"{{{RDF}}}Seq")
        etree.SubElement(seq, f"{{{RDF}}}li").text = xml_text(byline)
    if copyright:
        _alt(desc, f"{{{DC}}}rights", copyright, language)
    if credit:
        etree.SubElement(desc, f"{{{PHOTOSHOP}}}Credit").text = xml_text(credit)
    if taken is not None:
        etree.SubElement(desc, f"{{{PHOTOSHOP}}}DateCreated").text = taken.isoformat()
    body: bytes = etree.tostring(meta, encoding="UTF-8")
    return (
        b'<?xpacket begin="\xef\xbb\xbf" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        + body
        + b'<?xpacket end="w"?>'
    )


def _alt(parent: etree._Element, tag: str, value: str, language: str) -> None:
    alt = etree.SubElement(etree.SubElement(parent, tag), f"{{{RDF}}}Alt")
    li = etree.SubElement(alt, f"{{{RDF}}}li")
    li.set(XML_LANG, "x-default")
    li.text = xml_text(value)
    if language:
        alt.append(etree.Element(f"{{{RDF}}}li", {XML_LANG: language}))
        alt[-1].text = xml_text(value)


def parse(data: bytes | str) -> dict[str, str]:
    """The fields found in an XMP packet: caption, byline, credit, copyright, taken.

    A packet that is not well-formed or is hostile yields nothing rather than failing
    the upload: the photo is still a photo, and the editor can type the caption.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    raw = raw.replace(b"\x00", b"").strip()
    start = raw.find(b"<x:xmpmeta")
    if start < 0:
        start = raw.find(b"<rdf:RDF")
    if start < 0 or len(raw) > MAX_PACKET_BYTES:
        return {}
    end = raw.rfind(b"</x:xmpmeta>")
    raw = raw[start: end + len(b"</x:xmpmeta>")] if end > 0 else raw[start:].split(b"<?xpacket end")[0]
    try:
        root = parse_xml(raw, max_bytes=MAX_PACKET_BYTES)
    except NewsflowError:
        return {}
    found: dict[str, str] = {}
    for key, tag in (
        ("caption", f"{{{DC}}}description"), ("byline", f"{{{DC}}}creator"),
        ("copyright", f"{{{DC}}}rights"), ("credit", f"{{{PHOTOSHOP}}}Credit"),
        ("taken", f"{{{PHOTOSHOP}}}DateCreated"),
    ):
        value = _first_value(root, tag)
        if value:
            found[key] = value
    return found


def _first_value(root: etree._Element, tag: str) -> str:
    for desc in root.iter(f"{{{RDF}}}Description"):
        if tag in desc.attrib:
            return str(desc.attrib[tag]).strip()
    for element in root.iter(tag):
        items = list(element.iter(f"{{{RDF}}}li"))
        if items:
            default = next((li for li in items if li.get(XML_LANG) == "x-default"), items[0])
            return "".join(default.itertext()).strip()
        return "".join(element.itertext()).strip()
    return ""
