"""IPTC ninjs (News in JSON) 2.1, 2.2 and 3.1: the JSON the API and webhooks deliver.

ninjs 2.x and 3.x carry the same things under different spellings (``pubstatus`` became
``pubStatus``, ``embargoed`` became ``embargoedUntil``...), so documents are built once in
the 2.x spelling and renamed for 3.x; parsing renames back first. Which model fields each
version carries and which it drops is listed in ``docs/formats.md``.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from newsflow.core.story import (
    Action,
    Association,
    ContentType,
    MediaRole,
    Priority,
    PubStatus,
    Rendition,
    Representation,
    StoryContent,
    StoryVersion,
    Subject,
)
from newsflow.errors import InvalidInput, PayloadTooLarge
from newsflow.formats.parsed import ParsedItem
from newsflow.formats.vocabularies import (
    REPRESENTATION_TYPES,
    category_from_qcode,
    category_qcode,
    member,
    parse_timestamp,
    qcode_to_uri,
    timestamp,
    uri_to_qcode,
)

SCHEMA_IDS = {
    "2.1": "http://www.iptc.org/std/ninjs/ninjs-schema_2.1.json#",
    "2.2": "http://www.iptc.org/std/ninjs/ninjs-schema_2.2.json#",
    "3.1": "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#",
}
MEDIA_TYPE = "application/json"
MAX_JSON_BYTES = 8 * 1024 * 1024

# Description roles: the abstract and the public abbreviation travel side by side.
SUMMARY_ROLE = "summary"
ABBREVIATION_ROLE = "abbreviation"
# Subject ``rel`` values for what ninjs has no field of its own for.
CATEGORY_REL = "category"
KEYWORD_REL = "keyword"
COUNTRY_REL = "country"
CREDIT_ROLE = "credit"  # an association's credit line, as an info source

_TO_3 = {
    "representationtype": "representationType",
    "firstcreated": "firstCreated",
    "versioncreated": "versionCreated",
    "contentcreated": "contentCreated",
    "embargoed": "embargoedUntil",
    "pubstatus": "pubStatus",
    "copyrightholder": "copyrightHolder",
    "copyrightnotice": "copyrightNotice",
    "usageterms": "usageTerms",
    "ednote": "edNote",
    "contenttype": "contentType",
    "charcount": "charCount",
    "wordcount": "wordCount",
    "infosources": "infoSources",
    "altids": "altIds",
    "sizeinbytes": "sizeInBytes",
}
_FROM_3 = {new: old for old, new in _TO_3.items()}


def _renamed(value: Any, names: Mapping[str, str]) -> Any:
    """``value`` with every object key looked up in ``names`` (values are never touched)."""
    if isinstance(value, dict):
        return {names.get(k, k): _renamed(v, names) for k, v in value.items()}
    if isinstance(value, list):
        return [_renamed(v, names) for v in value]
    return value


# --- render ---------------------------------------------------------------------------


def render(
    v: StoryVersion,
    representation: Representation = Representation.FULL,
    *,
    schema: str = "2.1",
) -> dict[str, Any]:
    """The ninjs document of one version; ``partial`` carries no body and no abstract."""
    representation = Representation(representation)  # a plain "full" must not mean partial
    if schema not in SCHEMA_IDS:
        raise InvalidInput(f"unknown ninjs schema {schema!r}", field="schema")
    c = v.content
    full = representation is Representation.FULL
    doc: dict[str, Any] = {
        "uri": v.uri,
        "standard": {"name": "ninjs", "version": schema, "schema": SCHEMA_IDS[schema]},
        "type": c.type.value,
        "representationtype": REPRESENTATION_TYPES[representation],
        "version": str(v.version),
        "firstcreated": timestamp(v.firstcreated),
        "versioncreated": timestamp(v.versioncreated),
        "pubstatus": v.pubstatus.value,
        "urgency": c.priority.urgency,
        "language": c.language,
        "copyrightholder": v.provider,
        "headlines": [{"role": "main", "value": c.headline}],
    }
    if c.embargoed is not None:
        doc["embargoed"] = timestamp(c.embargoed)
    if v.ed_note:
        doc["ednote"] = v.ed_note
    descriptions = []
    if full and c.description:
        descriptions.append(_text(SUMMARY_ROLE, c.description))
    if c.abbreviation:
        descriptions.append(_text(ABBREVIATION_ROLE, c.abbreviation))
    if descriptions:
        doc["descriptions"] = descriptions
    if full and c.body_html:
        doc["bodies"] = [{"role": "main", "contenttype": "text/html", "value": c.body_html}]
    if c.byline:
        doc["by"] = c.byline
    if c.dateline:
        doc["located"] = c.dateline
    doc["subjects"] = [*map(_subject, c.subjects), _category(c.category)] + [
        {"name": k, "rel": KEYWORD_REL} for k in c.keywords
    ]
    _named(doc, "people", c.people)
    _named(doc, "organisations", c.organisations)
    places = [{"name": p} for p in c.places]
    if c.country:
        places.append({"name": c.country, "rel": COUNTRY_REL})
    if places:
        doc["places"] = places
    if c.type is not ContentType.TEXT and c.associations:
        # a picture, video or graphic item: its own renditions (a gallery's: the first)
        doc["renditions"] = [_rendition(r) for r in c.associations[0].renditions]
    if c.associations:
        doc["associations"] = [_association(a, i) for i, a in enumerate(c.associations, 1)]
    if schema.startswith("2."):
        return doc
    doc = _renamed(doc, _TO_3)
    for rendered, a in zip(doc.get("associations", ()), c.associations, strict=True):
        if a.role is not None:
            rendered["rel"] = a.role.value  # ninjs 3 names the relationship
    return doc


def dumps(doc: Mapping[str, Any]) -> bytes:
    """Compact UTF-8 JSON, keys in insertion order so equal versions give equal bytes."""
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _text(role: str, value: str) -> dict[str, str]:
    return {"role": role, "contenttype": "text/plain", "value": value}


def _subject(s: Subject) -> dict[str, str]:
    out = {"name": s.name} if s.name else {}
    uri = qcode_to_uri(s.qcode)
    if uri:
        out["uri"] = uri
    out["literal"] = s.qcode
    return out


def _category(category: str) -> dict[str, str]:
    qcode = category_qcode(category)
    return {"name": category, "rel": CATEGORY_REL, "uri": qcode_to_uri(qcode) or "", "literal": qcode}


def _named(doc: dict[str, Any], key: str, names: Iterable[str]) -> None:
    items = [{"name": n} for n in names]
    if items:
        doc[key] = items


def _association(a: Association, index: int) -> dict[str, Any]:
    name = f"{a.role.value if a.role else a.type.value}{index}"
    out: dict[str, Any] = {"name": name, "uri": a.uri, "type": a.type.value}
    if a.headline:
        out["headlines"] = [{"role": "main", "value": a.headline}]
    if a.caption:
        out["descriptions"] = [_text("caption", a.caption)]
    if a.byline:
        out["by"] = a.byline
    if a.copyright:
        out["copyrightnotice"] = a.copyright
    if a.credit:
        out["infosources"] = [{"name": a.credit, "role": CREDIT_ROLE}]
    if a.renditions:
        out["renditions"] = [_rendition(r) for r in a.renditions]
    return out


def _rendition(r: Rendition) -> dict[str, Any]:
    out: dict[str, Any] = {"name": r.name, "href": r.href, "contenttype": r.mimetype}
    if r.width is not None:
        out["width"] = r.width
    if r.height is not None:
        out["height"] = r.height
    if r.size is not None:
        out["sizeinbytes"] = r.size
    if r.duration is not None:
        out["duration"] = r.duration
    return out


# --- parse ----------------------------------------------------------------------------


def parse(data: bytes | str | dict[str, Any], *, max_bytes: int = MAX_JSON_BYTES) -> ParsedItem:
    """A ninjs 1.x-3.x document (bytes, text or already decoded) as a ``ParsedItem``."""
    doc = _renamed(_load(data, max_bytes), _FROM_3)
    uri = _str(doc, "uri")
    if not uri:
        raise InvalidInput("a ninjs document needs a uri", field="uri")
    descriptions = _roles(doc.get("descriptions"), "descriptions")
    content = StoryContent(
        language=_str(doc, "language") or "und",
        headline=_headline(doc),
        body_html=_body(doc),
        priority=_priority(doc.get("urgency")),
        type=member(ContentType, doc.get("type") or "text", "type"),
        dateline=_str(doc, "located"),
        byline=_str(doc, "by") or _str(doc, "byline"),
        description=descriptions.get(SUMMARY_ROLE) or descriptions.get(""),
        abbreviation=descriptions.get(ABBREVIATION_ROLE),
        embargoed=_time(doc, "embargoed"),
        associations=tuple(_parse_association(a) for a in _objects(doc, "associations")),
        **_concepts(doc),
    )
    pubstatus = member(PubStatus, doc.get("pubstatus") or "usable", "pubstatus")
    version = _version(doc.get("version"))
    return ParsedItem(
        uri=uri,
        version=version,
        content=content,
        firstcreated=_time(doc, "firstcreated"),
        versioncreated=_time(doc, "versioncreated"),
        pubstatus=pubstatus,
        # ninjs has no signal: a cancelled item is a withdrawal, a later version an update.
        signal=Action.WITHDRAW
        if pubstatus is PubStatus.CANCELED
        else (Action.UPDATE if version > 1 else Action.PUBLISH),
        ed_note=_str(doc, "ednote"),
        representation=Representation.PARTIAL
        if doc.get("representationtype") == "partial"
        else Representation.FULL,
    )


def _load(data: bytes | str | dict[str, Any], max_bytes: int) -> dict[str, Any]:
    if isinstance(data, dict):
        return data
    if len(data) > max_bytes:
        raise PayloadTooLarge(f"ninjs document over the {max_bytes}-byte limit", field="body")
    try:
        text = data.decode("utf-8") if isinstance(data, bytes | bytearray) else data
        doc = json.loads(text)
    except UnicodeDecodeError as error:
        raise InvalidInput(f"ninjs is not valid UTF-8 ({error.reason})", field="body") from None
    except (ValueError, RecursionError) as error:
        raise InvalidInput(f"ninjs is not valid JSON: {error}", field="body") from None
    if not isinstance(doc, dict):
        raise InvalidInput("a ninjs document is a JSON object", field="body")
    return doc


def _str(obj: Mapping[str, Any], key: str) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidInput(f"ninjs {key} must be a string", field=key)
    return value


def _objects(obj: Mapping[str, Any], key: str) -> list[dict[str, Any]]:
    value = obj.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(i, dict) for i in value):
        raise InvalidInput(f"ninjs {key} must be an array of objects", field=key)
    return value


def _roles(items: Any, key: str) -> dict[str, str]:
    """The first value per role (``""`` for no role) of headlines/descriptions/bodies."""
    out: dict[str, str] = {}
    for item in _objects({key: items}, key):
        value = _str(item, "value")
        if value is not None:
            out.setdefault(_str(item, "role") or "", value)
    return out


def _headline(doc: Mapping[str, Any]) -> str:
    headlines = _roles(doc.get("headlines"), "headlines")
    legacy = _str(doc, "headline")  # ninjs 1.x
    return headlines.get("main") or next(iter(headlines.values()), None) or legacy or ""


def _body(doc: Mapping[str, Any]) -> str:
    for body in _objects(doc, "bodies"):
        if (_str(body, "contenttype") or "").startswith("text/html"):
            return _str(body, "value") or ""
    for body in _objects(doc, "bodies"):
        return _paragraphs(_str(body, "value") or "")
    if legacy := _str(doc, "body_html"):  # ninjs 1.x
        return legacy
    return _paragraphs(_str(doc, "body_text") or "")


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{html.escape(line, quote=False)}</p>" for line in text.splitlines() if line.strip())


def _priority(urgency: Any) -> Priority:
    if urgency is None:
        return Priority.ROUTINE
    if isinstance(urgency, bool) or not isinstance(urgency, int | float):
        raise InvalidInput("ninjs urgency must be a number", field="urgency")
    return Priority.from_urgency(int(urgency))


def _version(value: Any) -> int:
    if value is None:
        return 1
    try:
        return int(value)
    except (TypeError, ValueError):
        raise InvalidInput(f"ninjs version {value!r} is not a number", field="version") from None


def _time(obj: Mapping[str, Any], key: str) -> datetime | None:
    text = _str(obj, key)
    if not text:
        return None
    try:
        return parse_timestamp(text)
    except ValueError:
        raise InvalidInput(f"ninjs {key} is not a date-time: {text!r}", field=key) from None


def _concepts(doc: Mapping[str, Any]) -> dict[str, Any]:
    """Subjects, category, keywords, people, places, country and organisations."""
    subjects: list[Subject] = []
    keywords: list[str] = []
    category = None
    for s in _objects(doc, "subjects"):
        name, rel, literal, uri = (_str(s, k) or "" for k in ("name", "rel", "literal", "uri"))
        qcode = literal if ":" in literal else (uri_to_qcode(uri) if uri else None) or uri or literal
        if rel == KEYWORD_REL:
            keywords.append(name or literal)
        elif category is None and (rel == CATEGORY_REL or category_from_qcode(qcode)):
            category = category_from_qcode(qcode) or name or None
        elif qcode:
            subjects.append(Subject(qcode, name))
    places = _objects(doc, "places")
    country = next((_str(p, "name") for p in places if p.get("rel") == COUNTRY_REL), None)
    return {
        "subjects": tuple(subjects),
        "keywords": tuple(keywords),
        "category": category or "general",
        "people": _names(doc, "people"),
        "organisations": _names(doc, "organisations"),
        "places": tuple(_str(p, "name") or "" for p in places if p.get("rel") != COUNTRY_REL),
        "country": country,
    }


def _names(doc: Mapping[str, Any], key: str) -> tuple[str, ...]:
    return tuple(n for o in _objects(doc, key) if (n := _str(o, "name") or _str(o, "literal")))


def _parse_association(a: Mapping[str, Any]) -> Association:
    uri = _str(a, "uri")
    if not uri:
        raise InvalidInput("a ninjs association needs a uri", field="associations")
    descriptions = _roles(a.get("descriptions"), "descriptions")
    return Association(
        uri=uri,
        type=member(ContentType, a.get("type") or "picture", "type"),
        headline=_headline(a),
        caption=descriptions.get("caption") or next(iter(descriptions.values()), ""),
        byline=_str(a, "by") or "",
        renditions=tuple(
            Rendition(
                name=_str(r, "name") or "",
                href=_str(r, "href") or "",
                mimetype=_str(r, "contenttype") or "",
                width=_dimension(r.get("width")),
                height=_dimension(r.get("height")),
                size=_dimension(r.get("sizeinbytes")),
                duration=float(d) if isinstance(d := r.get("duration"), int | float) and not isinstance(d, bool) else None,
            )
            for r in _objects(a, "renditions")
        ),
        copyright=_str(a, "copyrightnotice") or "",
        credit=next((_str(s, "name") or "" for s in _objects(a, "infosources") if s.get("role") == CREDIT_ROLE), ""),
        role=MediaRole(rel) if (rel := a.get("rel")) in {m.value for m in MediaRole} else None,
    )


def _dimension(value: Any) -> int | None:
    return int(value) if isinstance(value, int | float) and not isinstance(value, bool) else None
