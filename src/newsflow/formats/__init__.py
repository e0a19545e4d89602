"""Standard formats: render a ``StoryVersion`` for the outside world, parse what comes in.

Pure: no I/O, no framework. Rendering is deterministic for a version, so callers render
once per version and format and cache the bytes.

``FORMATS`` is the registry the API and delivery use to pick a rendering by name:

=========  ==========================================  ===============================
name       module                                      media type
=========  ==========================================  ===============================
ninjs      :mod:`.ninjs` (schema 2.1)                  application/json
ninjs3     :mod:`.ninjs` (schema 3.1)                  application/json
newsmlg2   :mod:`.newsml_g2` (2.35 + NITF 3.6)         application/vnd.iptc.g2.newsmessage+xml
text       :mod:`.text`                                text/plain; charset=utf-8
=========  ==========================================  ===============================

Atom feeds (:mod:`.atom`) render many versions at once and so are not in the registry.

The agency-API shapes (``newsml29`` in :mod:`.agency_g2`, ``newsml12`` in
:mod:`.newsml12`) need the agency's names (:class:`.agency.AgencyNames`), so they are
not in ``FORMATS`` either: :func:`agency_formats` makes them for the compatible API only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from newsflow.core.story import Representation, StoryVersion
from newsflow.errors import InvalidInput
from newsflow.formats import agency_g2, newsml12, newsml_g2, ninjs, text
from newsflow.formats.agency import AgencyNames
from newsflow.formats.parsed import ParsedItem

__all__ = ["FORMATS", "AgencyNames", "Format", "ParsedItem", "agency_formats", "get_format"]


@dataclass(frozen=True, slots=True)
class Format:
    name: str
    media_type: str
    extension: str
    render: Callable[[StoryVersion, Representation], bytes]


def _ninjs(v: StoryVersion, representation: Representation) -> bytes:
    return ninjs.dumps(ninjs.render(v, representation, schema="2.1"))


def _ninjs3(v: StoryVersion, representation: Representation) -> bytes:
    return ninjs.dumps(ninjs.render(v, representation, schema="3.1"))


def _newsml_g2(v: StoryVersion, representation: Representation) -> bytes:
    return newsml_g2.render(v, representation)


def _text(v: StoryVersion, representation: Representation) -> bytes:
    return text.render(v, representation).encode("utf-8")


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("ninjs", ninjs.MEDIA_TYPE, "json", _ninjs),
        Format("ninjs3", ninjs.MEDIA_TYPE, "json", _ninjs3),
        Format("newsmlg2", newsml_g2.MEDIA_TYPE, "xml", _newsml_g2),
        Format("text", text.MEDIA_TYPE, "txt", _text),
    )
}


def get_format(name: str) -> Format:
    try:
        return FORMATS[name]
    except KeyError:
        known = ", ".join(sorted(FORMATS))
        raise InvalidInput(f"unknown format {name!r} (known: {known})", field="format") from None


def agency_formats(names: AgencyNames) -> dict[str, Format]:
    """``newsml29`` and ``newsml12`` as agency-API clients read them (``/abone/`` only)."""

    def _g2(v: StoryVersion, representation: Representation) -> bytes:
        return agency_g2.render(v, names, representation)

    def _v12(v: StoryVersion, representation: Representation) -> bytes:
        return newsml12.render(v, names, representation)

    return {
        "newsml29": Format("newsml29", agency_g2.MEDIA_TYPE, "xml", _g2),
        "newsml12": Format("newsml12", newsml12.MEDIA_TYPE, "xml", _v12),
    }
