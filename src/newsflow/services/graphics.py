"""Graphics: SVG and PDF, refused when they could run code or reach outside.

An SVG is an XML program as much as a picture. It is parsed with the one safe XML
parser (no DTD, no entities) and refused, not repaired, when it holds a script, an
event handler (``on...``), a ``foreignObject`` (HTML inside), an animation that can
rewrite links, or any reference that is not to a fragment of the file itself
(``href``/``xlink:href``/``src`` and ``url(...)`` in styles, ``@import``): a graphic
that reaches for another file is an information leak in every subscriber's browser.
What passes is re-serialized (comments and processing instructions dropped) and served
with a sandboxing Content-Security-Policy as well.

A PDF is accepted when it starts and ends like one and names none of the actions that
run code or other files (``/JavaScript``, ``/JS``, ``/Launch``, ``/EmbeddedFile``,
``/RichMedia``, ``/SubmitForm``, ``/ImportData``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from newsflow.errors import InvalidInput, NewsflowError
from newsflow.formats.safe_xml import parse_xml

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
MAX_SVG_BYTES = 5_000_000
_FORBIDDEN_ELEMENTS = frozenset({"script", "foreignObject", "iframe", "embed", "object", "handler", "listener",
                                 "set", "animate", "animateMotion", "animateTransform", "discard"})
_LINK_ATTRIBUTES = frozenset({"href", "src", f"{{{XLINK_NS}}}href"})
_EXTERNAL_URL = re.compile(r"url\(\s*['\"]?\s*(?!#)", re.IGNORECASE)
_PDF_ACTIONS = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|SubmitForm|ImportData|GoToR)\b")
_LENGTH = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*(px)?\s*$")


@dataclass(frozen=True, slots=True)
class Graphic:
    data: bytes  # what is stored and delivered
    mimetype: str
    extension: str
    width: int | None
    height: int | None


def looks_like_svg(head: bytes) -> bool:
    text = head[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith(b"<svg") or (text.startswith(b"<?xml") and b"<svg" in head[:4096].lower())


def looks_like_pdf(head: bytes) -> bool:
    return head.startswith(b"%PDF-")


def svg(data: bytes) -> Graphic:
    """A safe SVG, re-serialized; ``InvalidInput`` naming what was refused otherwise."""
    if len(data) > MAX_SVG_BYTES:
        raise InvalidInput(f"an SVG graphic may have at most {MAX_SVG_BYTES} bytes", field="file")
    try:
        root = parse_xml(data, max_bytes=MAX_SVG_BYTES)
    except NewsflowError as exc:
        raise InvalidInput(f"the SVG is refused: {exc.detail}", field="file") from exc
    if root.tag != f"{{{SVG_NS}}}svg":
        raise InvalidInput("the file is not an SVG graphic (its root is not an svg element)", field="file")
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # comments and processing instructions: dropped below
        local = etree.QName(element).localname
        if local in _FORBIDDEN_ELEMENTS:
            raise InvalidInput(f"the SVG is refused: it holds a <{local}> element", field="file")
        if local == "style" and _external_style(element.text or ""):
            raise InvalidInput("the SVG is refused: its style refers to another file", field="file")
        for name, value in element.attrib.items():
            attr = etree.QName(name).localname
            if attr.lower().startswith("on"):
                raise InvalidInput(f"the SVG is refused: it has an {attr} event handler", field="file")
            if name in _LINK_ATTRIBUTES and not value.strip().startswith("#"):
                raise InvalidInput("the SVG is refused: it refers to another file or address", field="file")
            if _external_style(value):
                raise InvalidInput("the SVG is refused: a style refers to another file", field="file")
    for node in list(root.iter(etree.Comment, etree.ProcessingInstruction)):
        parent = node.getparent()
        if parent is not None:
            parent.remove(node)
    width, height = _size(root)
    clean = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return Graphic(clean, "image/svg+xml", "svg", width, height)


def _external_style(text: str) -> bool:
    return bool(_EXTERNAL_URL.search(text)) or "@import" in text.lower()


def _size(root: etree._Element) -> tuple[int | None, int | None]:
    width, height = root.get("width"), root.get("height")
    parsed = [_LENGTH.match(v) if v else None for v in (width, height)]
    if parsed[0] and parsed[1]:
        return round(float(parsed[0].group(1))), round(float(parsed[1].group(1)))
    box = (root.get("viewBox") or "").replace(",", " ").split()
    if len(box) == 4:
        try:
            return round(float(box[2])), round(float(box[3]))
        except ValueError:
            pass
    return None, None


def pdf(data: bytes) -> Graphic:
    if not looks_like_pdf(data):
        raise InvalidInput("the file is not a PDF", field="file")
    if b"%%EOF" not in data[-2048:]:
        raise InvalidInput("the PDF is truncated (no end-of-file marker)", field="file")
    found = _PDF_ACTIONS.search(data)
    if found:
        action = found.group(1).decode("ascii")
        raise InvalidInput(f"the PDF is refused: it holds a /{action} action", field="file")
    return Graphic(data, "application/pdf", "pdf", None, None)
