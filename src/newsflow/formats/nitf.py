"""HTML <-> NITF 3.6: the story body inside NewsML-G2, and back for ingest.

The newsroom stores a small sanitized HTML vocabulary; NITF has its own, slightly
different one. The mapping is chosen so that HTML produced by :func:`to_html` converts
back to the same NITF, which makes ``to_html(from_html(x))`` a canonical form:

=================  =====================  ============================================
HTML               NITF                   note
=================  =====================  ============================================
p                  p
h2 / h1, h3..h6    hl2 / hl2 class="hN"   NITF has one sub-headline level
ul, ol, li         ul, ol, li
blockquote         bq > block > ...       loose text in a quote becomes a paragraph
a href             a href                 only the link target is kept
em, i              em
strong, b          em class="strong"      NITF has no strong emphasis
q, br              q, br
div, section, ...  (unwrapped)            containers carry no meaning in a story body
span, sup, ...     (text only)
img, script, ...   (dropped)              pictures travel as associations
=================  =====================  ============================================
"""

from __future__ import annotations

from collections.abc import Iterable

import lxml.html
from lxml import etree

from newsflow.formats.safe_xml import xml_text

NITF_NS = "http://iptc.org/std/NITF/2006-10-18/"
_N = f"{{{NITF_NS}}}"

_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_LISTS = {"ul", "ol"}
_CONTAINERS = {"div", "section", "article", "main", "header", "footer", "aside", "figure",
               "body", "html", "center", "details", "nav"}
_DROPPED = {"img", "script", "style", "iframe", "object", "embed", "video", "audio",
            "figcaption", "noscript", "template", "svg", "math", "head", "title", "hr",
            "form", "input", "button", "select", "textarea"}
_BLOCKS = {"p", "blockquote", "pre", "table", "dl", "address"} | _HEADINGS | _LISTS | _CONTAINERS
_INLINE = {"a": "a", "em": "em", "i": "em", "strong": "em", "b": "em", "q": "q", "br": "br"}


def tag(local: str) -> str:
    """The qualified name of a NITF element."""
    return _N + local


def element(local: str, **attrib: str) -> etree._Element:
    """A NITF element that declares the NITF namespace as its default."""
    return etree.Element(_N + local, {k: v for k, v in attrib.items() if v}, nsmap={None: NITF_NS})


def _sub(parent: etree._Element, tag: str, **attrib: str) -> etree._Element:
    return etree.SubElement(parent, _N + tag, {k: v for k, v in attrib.items() if v})


def _append_text(target: etree._Element, text: str | None) -> None:
    """Append text at the current end of ``target`` (its text, or its last child's tail)."""
    if not text:
        return
    text = xml_text(text)
    if len(target):
        last = target[-1]
        last.tail = (last.tail or "") + text
    else:
        target.text = (target.text or "") + text


def _inline(source: etree._Element, target: etree._Element) -> None:
    """Copy the inline content of an HTML element into a NITF element."""
    _append_text(target, source.text)
    for child in source:
        _inline_element(child, target)
        _append_text(target, child.tail)


def _inline_element(child: etree._Element, target: etree._Element) -> None:
    """One HTML inline element (without its tail) into ``target``."""
    tag = child.tag if isinstance(child.tag, str) else ""
    if not tag or tag in _DROPPED:
        return
    if tag not in _INLINE:
        _inline(child, target)
        return
    attrib = {"href": child.get("href", "")} if tag == "a" else {}
    if tag in ("strong", "b"):
        attrib["class"] = "strong"
    element = _sub(target, _INLINE[tag], **attrib)
    if tag != "br":
        _inline(child, element)


def _is_blank(element: etree._Element) -> bool:
    return not len(element) and not (element.text or "").strip()


def _blocks(source: etree._Element, target: etree._Element) -> None:
    """Convert the children of an HTML container into NITF block elements of ``target``."""
    run: etree._Element | None = None

    def loose(text: str | None, child: etree._Element | None = None) -> None:
        nonlocal run
        if (text is None or not text.strip()) and child is None and run is None:
            return
        if run is None:
            run = _sub(target, "p")
        _append_text(run, text)
        if child is not None:
            _inline_element(child, run)

    loose(source.text)
    for child in source:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in _BLOCKS:
            if run is not None and _is_blank(run):
                target.remove(run)
            run = None
            _block(child, tag, target)
        elif tag and tag not in _DROPPED:
            loose(None, child)
        loose(child.tail)
    if run is not None and _is_blank(run):
        target.remove(run)


def _block(child: etree._Element, tag: str, target: etree._Element) -> None:
    if tag == "p" or tag in ("pre", "address"):
        p = _sub(target, "p")
        _inline(child, p)
        if _is_blank(p):
            target.remove(p)
    elif tag in _HEADINGS:
        _inline(child, _sub(target, "hl2", **{"class": "" if tag == "h2" else tag}))
    elif tag in _LISTS:
        items = [li for li in child if li.tag == "li"]
        if items:
            lst = _sub(target, tag)
            for li in items:
                _li(li, _sub(lst, "li"))
    elif tag == "blockquote":
        inner = element("block")
        _blocks(child, inner)
        if len(inner):
            _sub(target, "bq").append(inner)
    elif tag in ("table", "dl"):
        text = " ".join(" ".join(child.itertext()).split())
        if text:
            _sub(target, "p").text = xml_text(text)
    else:
        _blocks(child, target)


def _li(source: etree._Element, target: etree._Element) -> None:
    """A list item keeps inline content; nested lists stay nested."""
    _append_text(target, source.text)
    for child in source:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in _LISTS:
            _block(child, tag, target)
        else:
            _inline_element(child, target)
        _append_text(target, child.tail)


def from_html(html: str) -> list[etree._Element]:
    """NITF block elements (``p``, ``hl2``, ``ul``, ``ol``, ``bq``) for an HTML fragment."""
    if not html or not html.strip():
        return []
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    holder = element("body.content")
    _blocks(root, holder)
    return list(holder)


def to_html(elements: Iterable[etree._Element]) -> str:
    """The HTML fragment for NITF block elements; unknown NITF is reduced to its text."""
    holder = lxml.html.Element("div")
    for element in elements:
        _html_block(element, holder)
    return "".join(
        lxml.html.tostring(child, encoding="unicode", with_tail=False) for child in holder
    )


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _html_block(element: etree._Element, target: etree._Element) -> None:
    tag = _local(element)
    if tag == "p":
        _html_inline(element, etree.SubElement(target, "p"))
    elif tag == "hl2":
        level = element.get("class", "")
        _html_inline(element, etree.SubElement(target, level if level in _HEADINGS else "h2"))
    elif tag in _LISTS:
        lst = etree.SubElement(target, tag)
        for li in element:
            if _local(li) == "li":
                _html_li(li, etree.SubElement(lst, "li"))
    elif tag == "bq":
        quote = etree.SubElement(target, "blockquote")
        for block in element:
            if _local(block) == "block":
                for inner in block:
                    _html_block(inner, quote)
    elif tag == "block":
        for inner in element:
            _html_block(inner, target)
    elif tag:
        text = " ".join(" ".join(element.itertext()).split())
        if text:
            etree.SubElement(target, "p").text = text


def _html_li(source: etree._Element, target: etree._Element) -> None:
    _add_html_text(target, source.text)
    for child in source:
        if _local(child) in _LISTS or _local(child) in ("p", "bq", "hl2"):
            _html_block(child, target)
        else:
            _html_inline_element(child, target)
        _add_html_text(target, child.tail)


def _add_html_text(target: etree._Element, text: str | None) -> None:
    if text:
        if len(target):
            target[-1].tail = (target[-1].tail or "") + text
        else:
            target.text = (target.text or "") + text


def _html_inline(source: etree._Element, target: etree._Element) -> None:
    _add_html_text(target, source.text)
    for child in source:
        _html_inline_element(child, target)
        _add_html_text(target, child.tail)


def _html_inline_element(child: etree._Element, target: etree._Element) -> None:
    tag = _local(child)
    if tag == "a":
        link = etree.SubElement(target, "a")
        if child.get("href"):
            link.set("href", child.get("href", ""))
        _html_inline(child, link)
    elif tag == "em":
        strong = child.get("class") == "strong"
        _html_inline(child, etree.SubElement(target, "strong" if strong else "em"))
    elif tag == "q":
        _html_inline(child, etree.SubElement(target, "q"))
    elif tag == "br":
        etree.SubElement(target, "br")
    elif tag:
        _html_inline(child, target)
