"""Plain text: the oldest wire format, still read by teleprinter-era clients and e-mail.

Layout (blank line between parts)::

    FLASH                       only for flash and urgent
    headline
    dateline, country           when known
    byline                      when known

    paragraphs (full) or the abbreviation (partial)

    CORRECTION: note            edNote, labelled by the signal
    urn:newsflow:story:1 v3     so a reader can quote the exact version
"""

from __future__ import annotations

from lxml import etree

from newsflow.core.language import primary_language
from newsflow.core.story import Action, Priority, Representation, StoryVersion
from newsflow.formats import nitf

MEDIA_TYPE = "text/plain; charset=utf-8"

_MARKERS = {Priority.FLASH: "FLASH", Priority.URGENT: "URGENT"}
_NOTE_LABELS = {Action.CORRECT: "CORRECTION", Action.WITHDRAW: "WITHDRAWN", Action.UPDATE: "UPDATE"}


def render(v: StoryVersion, representation: Representation = Representation.FULL) -> str:
    representation = Representation(representation)  # a plain "full" must not mean partial
    c = v.content
    comma = "، " if primary_language(c.language) == "ar" else ", "
    head = [_MARKERS.get(c.priority, ""), c.headline,
            comma.join(p for p in (c.dateline, c.country) if p), c.byline or ""]
    if representation is Representation.FULL:
        body = paragraphs(c.body_html)
    else:
        body = [c.abbreviation] if c.abbreviation else []
    parts = ["\n".join(line for line in head if line), "\n\n".join(body)]
    if v.ed_note:
        parts.append(f"{_NOTE_LABELS.get(v.signal, 'NOTE')}: {v.ed_note}")
    parts.append(f"{v.uri} v{v.version}")
    return "\n\n".join(p for p in parts if p) + "\n"


def paragraphs(body_html: str) -> list[str]:
    """The body as plain paragraphs; list items become ``- item`` lines."""
    out: list[str] = []
    for block in nitf.from_html(body_html):
        _collect(block, out)
    return out


def _collect(block: etree._Element, out: list[str]) -> None:
    local = etree.QName(block).localname
    if local in ("ul", "ol"):
        items = [f"- {_flat(li)}" for li in block if etree.QName(li).localname == "li"]
        out.append("\n".join(items))
    elif local == "bq":
        for inner in block.iter(nitf.tag("p")):
            out.append(f"“{_flat(inner)}”")
    elif text := _flat(block):
        out.append(text)


def _flat(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())
