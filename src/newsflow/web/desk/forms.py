"""The desk's HTML form ⇄ the newsroom's fields.

Browsers send flat strings; the newsroom takes the same field dict as the JSON API, so
every rule (sanitizing, languages, categories) stays in ``core.editing``. List fields
are one item per line (or comma-separated); Media Topics are ``qcode name`` lines.
The original of a translation is ``#12 — headline`` as the autocomplete fills it in,
or just the number.
The embargo arrives as ``embargoed`` (UTC ISO, filled by desk-editor.js from the
``datetime-local`` picker in the editor's own time zone) or, without JavaScript, as
the picker's value read as UTC (the label says so).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from newsflow.core.story import StoryContent

LIST_FIELDS = ("people", "places", "organisations", "keywords")
TEXT_FIELDS = ("headline", "body", "language", "category", "priority", "dateline", "byline", "description",
               "abbreviation")
_SPLIT = re.compile(r"[\n,،]+")
_PICKED = re.compile(r"#?(\d+)(?:\s|$)")


def split_list(value: str) -> list[str]:
    return [item.strip() for item in _SPLIT.split(value) if item.strip()]


def parse_subjects(value: str) -> list[dict[str, str]]:
    subjects = []
    for line in value.splitlines():
        qcode, _, name = line.strip().partition(" ")
        if qcode:
            subjects.append({"qcode": qcode, "name": name.strip()})
    return subjects


def story_fields(form: Mapping[str, Any]) -> dict[str, Any]:
    """Fields for ``Newsroom.create/edit_draft/revise`` from a submitted story form."""
    fields: dict[str, Any] = {}
    for name in TEXT_FIELDS:
        if name in form:
            fields[name] = str(form[name])
    for name in LIST_FIELDS:
        if name in form:
            fields[name] = split_list(str(form[name]))
    if "subjects" in form:
        fields["subjects"] = parse_subjects(str(form["subjects"]))
    if "present" in form:  # checkboxes send nothing when unticked
        fields["public"] = form.get("public") == "on"
    if "embargoed" in form or "embargo_local" in form:
        utc = str(form.get("embargoed") or "").strip()
        local = str(form.get("embargo_local") or "").strip()
        fields["embargoed"] = utc or (f"{local}:00+00:00" if len(local) == 16 else local) or None
    if "translation_of" in form:
        ref = str(form["translation_of"]).strip()
        picked = _PICKED.match(ref)  # "#12 — Headline", as the autocomplete fills it in
        # a non-number goes through as given, so the domain names the field in its error
        fields["translation_of"] = (int(picked.group(1)) if picked else ref) if ref else None
    return fields


def form_values(content: StoryContent | None, submitted: Mapping[str, Any] | None = None) -> dict[str, str]:
    """What the form shows: the submitted values after an error, else the stored ones."""
    if submitted is not None:
        return {k: str(v) for k, v in submitted.items() if isinstance(v, str)}
    if content is None:
        return {"language": "", "priority": "routine", "category": "general"}
    return {
        "headline": content.headline,
        "body": content.body_html,
        "language": content.language,
        "category": content.category,
        "priority": content.priority.value,
        "dateline": content.dateline or "",
        "byline": content.byline or "",
        "description": content.description or "",
        "abbreviation": content.abbreviation or "",
        "public": "on" if content.public else "",
        "people": "\n".join(content.people),
        "places": "\n".join(content.places),
        "organisations": "\n".join(content.organisations),
        "keywords": "\n".join(content.keywords),
        "subjects": "\n".join(f"{s.qcode} {s.name}".strip() for s in content.subjects),
        "embargoed": content.embargoed.isoformat() if content.embargoed else "",
        "embargo_local": content.embargoed.strftime("%Y-%m-%dT%H:%M") if content.embargoed else "",
        "translation_of": f"#{content.translation_of}" if content.translation_of else "",
    }


def with_revision(values: dict[str, str], revision: int) -> dict[str, str]:
    """The form's values plus the revision they were read at (the conflict check)."""
    return {**values, "revision": str(revision)}
