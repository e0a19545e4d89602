"""The one way newsflow reads XML from outside: UTF-8 only, no DTD, no entities, bounded.

Agency feeds arrive from partners and from the open internet. A DOCTYPE is the door to
billion-laughs expansion, external entities (XXE: ``file:///etc/passwd``) and network
fetches, and no NewsML-G2 or NITF document needs one, so any DOCTYPE is refused outright
rather than parsed carefully. The parser is configured defensively as well (no entity
resolution, no DTD loading, no network, libxml2's default depth and size limits), so a
document that slips past the prolog check still expands nothing.
"""

from __future__ import annotations

import re

from lxml import etree

from newsflow.errors import HostileDocument, InvalidInput, PayloadTooLarge

MAX_XML_BYTES = 8 * 1024 * 1024

# The prolog may hold an XML declaration, comments, processing instructions and
# whitespace; a DOCTYPE can only appear there, before the root element.
_PROLOG_DOCTYPE = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*\?>)?(?:\s|<!--.*?-->|<\?.*?\?>)*<!DOCTYPE",
    re.DOTALL,
)
_DECLARED_ENCODING = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding\s*=\s*[\"']([^\"']+)")


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_pis=True,
        collect_ids=False,
    )


def parse_xml(data: bytes, *, max_bytes: int = MAX_XML_BYTES) -> etree._Element:
    """Parse untrusted XML bytes to the root element, or raise a ``NewsflowError``."""
    if not isinstance(data, bytes | bytearray):
        raise InvalidInput("an XML document must be given as UTF-8 bytes", field="body")
    if len(data) > max_bytes:
        raise PayloadTooLarge(
            f"XML document of {len(data)} bytes is over the {max_bytes}-byte limit", field="body"
        )
    declared = _DECLARED_ENCODING.match(data)
    if declared and declared.group(1).decode("ascii", "replace").lower() not in ("utf-8", "utf8"):
        raise InvalidInput(
            f"XML must be UTF-8; the document declares {declared.group(1).decode('ascii', 'replace')!r}",
            field="body",
        )
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InvalidInput(
            f"XML is not valid UTF-8 (byte {error.start}: {error.reason})", field="body"
        ) from None
    if _PROLOG_DOCTYPE.match(data):
        raise HostileDocument("XML with a DOCTYPE (DTD or entity declarations) is refused", field="body")
    try:
        root = etree.fromstring(bytes(data), _parser())
    except etree.XMLSyntaxError as error:
        raise InvalidInput(f"XML is not well-formed: {error.msg}", field="body") from None
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise HostileDocument("XML with a DOCTYPE (DTD or entity declarations) is refused", field="body")
    if next(root.iter(etree.Entity), None) is not None:
        raise HostileDocument("XML with entity references is refused", field="body")
    return root


_NOT_XML_CHARS = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot carry (C0 controls, lone surrogates).

    lxml refuses them outright; the newsroom's normalizer should never let them through,
    so dropping them here only keeps one bad character from blocking a whole delivery.
    """
    return _NOT_XML_CHARS.sub("", text)
