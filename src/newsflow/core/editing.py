"""Turning an editor's raw fields into ``StoryContent``: validation and sanitizing.

Used by the JSON API, the CLI and ingest alike, so the same input gets the same answer
everywhere. Bodies are sanitized with nh3 (an allow-list HTML cleaner): what is stored
is safe to render.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from html import escape
from typing import Any

import nh3

from newsflow.core.story import ContentType, Priority, StoryContent, Subject
from newsflow.errors import InvalidInput, PayloadTooLarge

# ISO 639-1 primary subtags; a BCP 47 tag must start with one of these.
_ISO_639_1 = frozenset(
    ["aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg", "bh", "bi", "bm", "bn", "bo", "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy", "da", "de", "dv", "dz", "ee", "el", "en", "eo", "es", "et", "eu", "fa", "ff", "fi", "fj", "fo", "fr", "fy", "ga", "gd", "gl", "gn", "gu", "gv", "ha", "he", "hi", "ho", "hr", "ht", "hu", "hy", "hz", "ia", "id", "ie", "ig", "ii", "ik", "io", "is", "it", "iu", "ja", "jv", "ka", "kg", "ki", "kj", "kk", "kl", "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw", "ky", "la", "lb", "lg", "li", "ln", "lo", "lt", "lu", "lv", "mg", "mh", "mi", "mk", "ml", "mn", "mr", "ms", "mt", "my", "na", "nb", "nd", "ne", "ng", "nl", "nn", "no", "nr", "nv", "ny", "oc", "oj", "om", "or", "os", "pa", "pi", "pl", "ps", "pt", "qu", "rm", "rn", "ro", "ru", "rw", "sa", "sc", "sd", "se", "sg", "si", "sk", "sl", "sm", "sn", "so", "sq", "sr", "ss", "st", "su", "sv", "sw", "ta", "te", "tg", "th", "ti", "tk", "tl", "tn", "to", "tr", "ts", "tt", "tw", "ty", "ug", "uk", "ur", "uz", "ve", "vi", "vo", "wa", "wo", "xh", "yi", "yo", "za", "zh", "zu"]
)
_BCP47 = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_QCODE = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*:[A-Za-z0-9_.-]+$")

_ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "ul", "ol", "li", "blockquote", "q", "em", "strong", "b", "i",
    "a", "span", "sub", "sup", "table", "thead", "tbody", "tr", "td", "th", "figure",
    "figcaption",
}
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "span": {"lang", "dir"}, "p": {"lang", "dir"}}
_BLOCK = re.compile(r"<(p|h[2-4]|ul|ol|blockquote|table|figure)\b", re.I)

DEFAULT_CATEGORIES = (
    "general", "sports", "economy", "health", "science-technology", "politics",
    "culture-arts-life",
)


def normalize_language(tag: object, field: str = "language") -> str:
    if not isinstance(tag, str) or not _BCP47.match(tag.strip()):
        raise InvalidInput(f"{tag!r} is not a BCP 47 language tag", field=field)
    parts = tag.strip().split("-")
    primary = parts[0].lower()
    if primary not in _ISO_639_1:
        raise InvalidInput(f"unknown language {tag!r}", field=field)
    rest = [p.upper() if len(p) == 2 else p.title() if len(p) == 4 else p for p in parts[1:]]
    return "-".join([primary, *rest])


def clean_text(value: object, field: str, *, required: bool = False, limit: int = 1000) -> str | None:
    """A one-line text field: strings only, valid Unicode, no control characters."""
    if value is None or value == "":
        if required:
            raise InvalidInput(f"{field} is required", field=field)
        return None
    if not isinstance(value, str):
        raise InvalidInput(f"{field} must be a string", field=field)
    _check_unicode(value, field)
    if "<" in value or "&" in value or not value.isprintable():
        text = _unescape_basic(" ".join(nh3.clean(value, tags=set()).split()))
    else:  # nothing nh3 would remove or escape (most headlines): skip the HTML parser
        text = " ".join(value.split())
    if required and not text:
        raise InvalidInput(f"{field} is required", field=field)
    if len(text) > limit:
        raise InvalidInput(f"{field} is longer than {limit} characters", field=field)
    return text or None


def _unescape_basic(text: str) -> str:
    # nh3 escapes &, < and > in text; a headline is stored as text, not HTML.
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _check_unicode(value: str, field: str) -> bytes:
    """The UTF-8 bytes of ``value`` (the body's size is checked on them)."""
    try:
        encoded = value.encode("utf-8")
    except UnicodeEncodeError as exc:  # lone surrogates from broken JSON escapes
        raise InvalidInput(f"{field} is not valid Unicode", field=field) from exc
    if _CONTROL.search(value):
        raise InvalidInput(f"{field} contains control characters", field=field)
    return encoded


def sanitize_body(body: object, *, max_bytes: int) -> str:
    """HTML or plain text in, safe HTML out. Plain text becomes paragraphs."""
    if not isinstance(body, str):
        raise InvalidInput("body must be a string", field="body")
    if len(_check_unicode(body, "body")) > max_bytes:
        raise PayloadTooLarge(f"body is larger than {max_bytes} bytes", field="body")
    if not _BLOCK.search(body):
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", body.replace("\r\n", "\n"))]
        body = "".join(f"<p>{escape(' '.join(p.split()), quote=False)}</p>" for p in paragraphs if p)
    cleaned = nh3.clean(
        body,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return cleaned.strip()


def _string_list(value: object, field: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list | tuple):
        raise InvalidInput(f"{field} must be a list", field=field)
    out = []
    for item in value:
        text = clean_text(item, field, limit=200)
        if text and text not in out:
            out.append(text)
    return tuple(out)


def _subjects(value: object) -> tuple[Subject, ...]:
    if value is None:
        return ()
    if not isinstance(value, list | tuple):
        raise InvalidInput("subjects must be a list", field="subjects")
    subjects: list[Subject] = []
    for item in value:
        if isinstance(item, str):
            qcode, name = item, ""
        elif isinstance(item, Mapping) and isinstance(item.get("qcode"), str):
            qcode, name = item["qcode"], str(item.get("name") or "")
        else:
            raise InvalidInput("each subject is a qcode or {qcode, name}", field="subjects")
        if not _QCODE.match(qcode):
            raise InvalidInput(f"{qcode!r} is not a qcode such as medtop:04000000", field="subjects")
        subjects.append(Subject(qcode, clean_text(name, "subjects", limit=200) or ""))
    return tuple(subjects)


def parse_time(value: object, field: str) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError as exc:
            raise InvalidInput(f"{field} is not an ISO 8601 time", field=field) from exc
    else:
        raise InvalidInput(f"{field} is not an ISO 8601 time", field=field)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _enum(kind: type[Any], value: object, field: str, default: Any) -> Any:
    if value is None:
        return default
    try:
        return kind(value)
    except ValueError as exc:
        allowed = ", ".join(m.value for m in kind)
        raise InvalidInput(f"unknown {field} {value!r} (one of {allowed})", field=field) from exc


def build_content(
    fields: Mapping[str, Any],
    *,
    categories: Iterable[str] = DEFAULT_CATEGORIES,
    max_body_bytes: int = 1_000_000,
    base: StoryContent | None = None,
) -> StoryContent:
    """Validate raw editor fields. With ``base``, absent fields keep their old values."""

    def given(name: str) -> bool:
        return name in fields

    def pick(name: str, convert: Any, default: Any) -> Any:
        if given(name):
            return convert(fields[name])
        return getattr(base, name) if base is not None else default

    language = pick("language", normalize_language, None)
    if language is None:
        raise InvalidInput("language is required", field="language")
    headline = pick("headline", lambda v: clean_text(v, "headline", required=True, limit=500), None)
    if headline is None:
        raise InvalidInput("headline is required", field="headline")
    if given("body"):
        body = sanitize_body(fields["body"], max_bytes=max_body_bytes)
    else:
        body = base.body_html if base is not None else ""
    allowed = tuple(categories)
    category = pick("category", lambda v: clean_text(v, "category", limit=60), "general")
    if category not in allowed:
        raise InvalidInput(f"unknown category {category!r} (one of {', '.join(allowed)})", field="category")
    translation_of = pick("translation_of", _story_ref, None)
    return StoryContent(
        language=language,
        headline=headline,
        body_html=body,
        priority=pick("priority", lambda v: _enum(Priority, v, "priority", Priority.ROUTINE), Priority.ROUTINE),
        category=category,
        type=pick("type", lambda v: _enum(ContentType, v, "type", ContentType.TEXT), ContentType.TEXT),
        dateline=pick("dateline", lambda v: clean_text(v, "dateline", limit=120), None),
        country=pick("country", lambda v: clean_text(v, "country", limit=120), None),
        byline=pick("byline", lambda v: clean_text(v, "byline", limit=200), None),
        description=pick("description", lambda v: clean_text(v, "description", limit=2000), None),
        abbreviation=pick("abbreviation", lambda v: clean_text(v, "abbreviation", limit=4000), None),
        public=pick("public", _bool, False),
        subjects=pick("subjects", _subjects, ()),
        people=pick("people", lambda v: _string_list(v, "people"), ()),
        places=pick("places", lambda v: _string_list(v, "places"), ()),
        organisations=pick("organisations", lambda v: _string_list(v, "organisations"), ()),
        keywords=pick("keywords", lambda v: _string_list(v, "keywords"), ()),
        associations=base.associations if base is not None else (),
        embargoed=pick("embargoed", lambda v: parse_time(v, "embargoed"), None),
        translation_of=translation_of,
    )


def _bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    raise InvalidInput("public must be true or false", field="public")


def _story_ref(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    raise InvalidInput("translation_of must be a story id", field="translation_of")
