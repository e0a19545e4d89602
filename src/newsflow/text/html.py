"""Plain text from sanitized story HTML, paragraph by paragraph.

Abbreviation, enrichment and search work on plain text with paragraphs
separated by blank lines; stories are stored as sanitized HTML. Block
elements (p, headings, list items, blockquote, div ...) and ``<br>`` end a
paragraph; inline markup is flattened; whitespace is collapsed.
"""

from __future__ import annotations

import re

import lxml.html

__all__ = ["plain_paragraphs", "plain_text"]

_BLOCKS = frozenset(
    [
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "blockquote",
        "div",
        "section",
        "article",
        "header",
        "footer",
        "pre",
        "figcaption",
        "dt",
        "dd",
        "td",
        "th",
        "tr",
        "ul",
        "ol",
        "table",
    ]
)
_SKIP = frozenset({"script", "style", "template"})
_SPACE = re.compile(r"\s+")
_BREAK = "\x00"


def _walk(element: lxml.html.HtmlElement, out: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in _SKIP:
        if element.tail:
            out.append(element.tail)
        return
    if tag in _BLOCKS:
        out.append(_BREAK)
    if tag == "br":
        out.append(_BREAK)
    if element.text and tag:
        out.append(element.text)
    for child in element:
        _walk(child, out)
    if tag in _BLOCKS:
        out.append(_BREAK)
    if element.tail:
        out.append(element.tail)


def plain_paragraphs(html: str) -> list[str]:
    """The non-empty paragraphs of ``html`` as whitespace-collapsed text."""
    if not html.strip():
        return []
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    out: list[str] = []
    _walk(root, out)
    paragraphs = (_SPACE.sub(" ", chunk).strip() for chunk in "".join(out).split(_BREAK))
    return [p for p in paragraphs if p]


def plain_text(html: str) -> str:
    """The paragraphs of ``html`` joined by blank lines."""
    return "\n\n".join(plain_paragraphs(html))
