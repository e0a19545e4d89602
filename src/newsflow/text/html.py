"""Plain text from sanitized story HTML, paragraph by paragraph.

Abbreviation, enrichment and search work on plain text with paragraphs
separated by blank lines; stories are stored as sanitized HTML. Block
elements (p, headings, list items, blockquote, div ...) and ``<br>`` end a
paragraph; inline markup is flattened; whitespace is collapsed.

Every story is read here once per process that needs its text (the suggestions'
worker, the search index), so this is kept cheap: each node's text and tail are read
once, and whitespace is collapsed with ``str.split`` (the same characters as the
regular expression ``\\s+``, without its cost per character of Arabic text). Most stories
are paragraphs and nothing else (``<p>...</p><p>...</p>``, as plain text is saved): such
HTML is cut at its tags with ``str`` methods, without a parse (what the parser makes of it is
the same, property-tested).
"""

from __future__ import annotations

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
_BREAK = "\x00"


def _walk(element: lxml.html.HtmlElement, out: list[str]) -> None:
    tag = element.tag
    if not isinstance(tag, str):
        tag = ""
    tail = element.tail
    if tag in _SKIP:
        if tail:
            out.append(tail)
        return
    block = tag in _BLOCKS
    if block or tag == "br":
        out.append(_BREAK)
    if tag:
        text = element.text
        if text:
            out.append(text)
    for child in element:
        _walk(child, out)
    if block:
        out.append(_BREAK)
    if tail:
        out.append(tail)


def _collapsed(chunk: str) -> bool:
    """True when ``chunk`` is its own ``" ".join(chunk.split())``: single spaces between its
    words and no other whitespace (the space is the only whitespace character Python calls
    printable)."""
    return chunk.isprintable() and "  " not in chunk and chunk[:1] != " " and chunk[-1:] != " "


def _paragraphs_only(html: str) -> list[str] | None:
    """The texts of ``html`` made of ``<p>text</p>`` paragraphs with text or whitespace between
    them and whitespace before the first, or None for any other HTML.

    The parser reads such HTML as one block per paragraph, each with its text as written:
    every character stands for itself except ``<`` (a tag), ``&`` (a reference) and NUL,
    which this leaves to the parser, as it does text before the first tag (lxml refuses
    control characters there).
    """
    if "&" in html or "\x00" in html:
        return None
    parts = html.split("<p>")
    if parts[0].strip():
        return None
    chunks: list[str] = []
    for part in parts[1:]:
        text, closed, tail = part.partition("</p>")
        if not closed or "<" in text or "<" in tail:
            return None
        chunks += (text, tail)
    return chunks


def plain_paragraphs(html: str) -> list[str]:
    """The non-empty paragraphs of ``html`` as whitespace-collapsed text."""
    if not html.strip():
        return []
    chunks = _paragraphs_only(html)
    if chunks is not None:
        paragraphs = (chunk if _collapsed(chunk) else " ".join(chunk.split()) for chunk in chunks)
        return [p for p in paragraphs if p]
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    out: list[str] = []
    _walk(root, out)
    # " ".join(chunk.split()) is re.sub(r"\s+", " ", chunk).strip(): both split on str.isspace()
    paragraphs = (" ".join(chunk.split()) for chunk in "".join(out).split(_BREAK))
    return [p for p in paragraphs if p]


def plain_text(html: str) -> str:
    """The paragraphs of ``html`` joined by blank lines."""
    return "\n\n".join(plain_paragraphs(html))
