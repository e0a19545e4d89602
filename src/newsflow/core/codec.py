"""Plain-dict codec for the story model: how versions are stored and cached as JSON.

Kept separate from the standard formats (``newsflow.formats``): this is our own,
lossless, internal shape; ninjs and NewsML-G2 are mappings for the outside world.
"""

from __future__ import annotations

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
    StoryContent,
    StoryVersion,
    Subject,
)


def _dt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def content_to_dict(content: StoryContent) -> dict[str, Any]:
    return {
        "language": content.language,
        "headline": content.headline,
        "body_html": content.body_html,
        "priority": content.priority.value,
        "category": content.category,
        "type": content.type.value,
        "dateline": content.dateline,
        "country": content.country,
        "byline": content.byline,
        "description": content.description,
        "abbreviation": content.abbreviation,
        "public": content.public,
        "subjects": [{"qcode": s.qcode, "name": s.name} for s in content.subjects],
        "people": list(content.people),
        "places": list(content.places),
        "organisations": list(content.organisations),
        "keywords": list(content.keywords),
        "associations": [association_to_dict(a) for a in content.associations],
        "embargoed": content.embargoed.isoformat() if content.embargoed else None,
        "translation_of": content.translation_of,
    }


def association_to_dict(a: Association) -> dict[str, Any]:
    out: dict[str, Any] = {
        "uri": a.uri,
        "type": a.type.value,
        "headline": a.headline,
        "caption": a.caption,
        "byline": a.byline,
        "renditions": [rendition_to_dict(r) for r in a.renditions],
    }
    # only when set, so versions stored before these fields existed keep their bytes
    if a.credit:
        out["credit"] = a.credit
    if a.copyright:
        out["copyright"] = a.copyright
    if a.role is not None:
        out["role"] = a.role.value
    return out


def rendition_to_dict(r: Rendition) -> dict[str, Any]:
    out: dict[str, Any] = {"name": r.name, "href": r.href, "mimetype": r.mimetype, "width": r.width, "height": r.height}
    if r.size is not None:
        out["size"] = r.size
    if r.duration is not None:
        out["duration"] = r.duration
    return out


def association_from_dict(d: dict[str, Any]) -> Association:
    return Association(
        uri=d["uri"],
        type=ContentType(d.get("type", "picture")),
        headline=d.get("headline", ""),
        caption=d.get("caption", ""),
        byline=d.get("byline", ""),
        renditions=tuple(Rendition(**r) for r in d.get("renditions", ())),
        credit=d.get("credit", ""),
        copyright=d.get("copyright", ""),
        role=MediaRole(d["role"]) if d.get("role") else None,
    )


def content_from_dict(d: dict[str, Any]) -> StoryContent:
    return StoryContent(
        language=d["language"],
        headline=d["headline"],
        body_html=d.get("body_html", ""),
        priority=Priority(d.get("priority", "routine")),
        category=d.get("category", "general"),
        type=ContentType(d.get("type", "text")),
        dateline=d.get("dateline"),
        country=d.get("country"),
        byline=d.get("byline"),
        description=d.get("description"),
        abbreviation=d.get("abbreviation"),
        public=bool(d.get("public", False)),
        subjects=tuple(Subject(s["qcode"], s.get("name", "")) for s in d.get("subjects", ())),
        people=tuple(d.get("people", ())),
        places=tuple(d.get("places", ())),
        organisations=tuple(d.get("organisations", ())),
        keywords=tuple(d.get("keywords", ())),
        associations=tuple(association_from_dict(a) for a in d.get("associations", ())),
        embargoed=_dt(d.get("embargoed")),
        translation_of=d.get("translation_of"),
    )


def version_to_dict(v: StoryVersion) -> dict[str, Any]:
    return {
        "story_id": v.story_id,
        "uri": v.uri,
        "version": v.version,
        "content": content_to_dict(v.content),
        "firstcreated": v.firstcreated.isoformat(),
        "versioncreated": v.versioncreated.isoformat(),
        "pubstatus": v.pubstatus.value,
        "signal": v.signal.value,
        "ed_note": v.ed_note,
        "provider": v.provider,
        "translations": [list(t) for t in v.translations],
    }


def version_from_dict(d: dict[str, Any]) -> StoryVersion:
    return StoryVersion(
        story_id=d["story_id"],
        uri=d["uri"],
        version=d["version"],
        content=content_from_dict(d["content"]),
        firstcreated=datetime.fromisoformat(d["firstcreated"]),
        versioncreated=datetime.fromisoformat(d["versioncreated"]),
        pubstatus=PubStatus(d.get("pubstatus", "usable")),
        signal=Action(d.get("signal", "publish")),
        ed_note=d.get("ed_note"),
        provider=d.get("provider", "newsflow"),
        translations=tuple((t[0], t[1]) for t in d.get("translations", ())),
    )
