"""What agency-API documents (``newsml29``, ``newsml12``) name beyond the story itself.

Subscriber software written for an agency's own API reads names in Turkish, English
and Arabic (``name[@xml:lang="tr"]``), agency ids (``nf:text:20241014:1234``) and an
abstract that is always there. ``AgencyNames`` carries what those documents need and a
story version does not hold: the id prefix, the category labels and a way to name the
city in every language. It is made once per process (``newsflow.wiring``) and handed to
the pure renderers in :mod:`.agency_g2` and :mod:`.newsml12`.

Photo ids. A photo travels with its story, so its id is the story's id with the photo's
key appended: ``nf:picture:20241014:1234-<key>``. The key is the 32-hex stem of an
uploaded photo (``urn:newsflow:<agency>:media:<stem>``), or, for a photo whose uri is
something else (an ingested item), the first 32 hex digits of the SHA-256 of its uri.
Both come from the version alone, so the document renders once for every subscriber.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from newsflow.core.story import Association, ContentType, StoryVersion

LANGS: tuple[str, ...] = ("tr", "en", "ar")
Labels = tuple[str, str, str]  # tr, en, ar

DEFAULT_CATEGORY_LABELS: dict[str, Labels] = {
    "general": ("Genel", "General", "عام"),
    "sports": ("Spor", "Sports", "رياضة"),
    "economy": ("Ekonomi", "Economy", "اقتصاد"),
    "health": ("Sağlık", "Health", "صحة"),
    "science-technology": ("Bilim, Teknoloji", "Science, Technology", "علوم وتكنولوجيا"),
    "politics": ("Politika", "Politics", "سياسة"),
    "culture-arts-life": ("Kültür, Sanat, Yaşam", "Culture, Arts, Life", "ثقافة وفنون وحياة"),
    "world": ("Dünya", "World", "العالم"),
    "turkey": ("Türkiye", "Turkey", "تركيا"),
    "education": ("Eğitim", "Education", "تعليم"),
    "environment": ("Çevre", "Environment", "البيئة"),
    "analysis": ("Analiz", "Analysis", "تحليل"),
}

_MEDIA_URI = re.compile(r":media:([0-9a-f]{32})$")

# (place name as written) -> {language: name}, or None when the place is unknown
CityNames = Callable[[str], Mapping[str, str] | None]


def _no_city(_name: str) -> None:
    return None


@dataclass(frozen=True)
class AgencyNames:
    prefix: str = "nf"
    category_labels: Mapping[str, Labels] = field(default_factory=lambda: dict(DEFAULT_CATEGORY_LABELS))
    city_names: CityNames = _no_city

    @classmethod
    def build(
        cls, prefix: str, overrides: Iterable[tuple[str, str, str, str]] = (), city_names: CityNames = _no_city
    ) -> AgencyNames:
        """Default labels, with ``(category, tr, en, ar)`` overrides from the settings."""
        labels = dict(DEFAULT_CATEGORY_LABELS)
        labels.update({name: (tr, en, ar) for name, tr, en, ar in overrides})
        return cls(prefix, labels, city_names)

    def category(self, name: str) -> dict[str, str]:
        """The category's label in tr, en and ar (its code where no label is configured)."""
        labels = self.category_labels.get(name, (name, name, name))
        return dict(zip(LANGS, labels, strict=True))

    def city(self, written: str, language: str) -> dict[str, str]:
        """The city in tr, en and ar; a name the gazetteer lacks is given as written."""
        known = self.city_names(written) or {}
        names = {lang: known.get(lang) or known.get("en") or written for lang in LANGS}
        if not known.get(language):
            names[language] = written
        return names

    def story_id(self, v: StoryVersion) -> str:
        return agency_id(self.prefix, v.type, v.firstcreated, v.story_id)

    def photo_id(self, v: StoryVersion, photo: Association) -> str:
        return f"{agency_id(self.prefix, photo.type, v.firstcreated, v.story_id)}-{photo_key(photo)}"


def agency_id(prefix: str, type: ContentType | str, firstcreated: datetime, story_id: int) -> str:
    return f"{prefix}:{ContentType(type).value}:{firstcreated:%Y%m%d}:{story_id}"


def photo_key(photo: Association) -> str:
    match = _MEDIA_URI.search(photo.uri)
    return match.group(1) if match else hashlib.sha256(photo.uri.encode("utf-8")).hexdigest()[:32]


def photos(v: StoryVersion) -> tuple[Association, ...]:
    """The story's pictures, graphics and videos that have a file to download."""
    return tuple(a for a in v.content.associations
                 if a.type in (ContentType.PICTURE, ContentType.GRAPHIC, ContentType.VIDEO) and a.renditions)


def link_type(media: Association) -> str:
    """The content type a client gets for a carried item's id: the MP4 of a video, else a JPEG."""
    return "video/mp4" if media.type is ContentType.VIDEO else "image/jpeg"


def abstract(v: StoryVersion) -> str:
    """The editor's abstract, else the public abbreviation, else the headline: never empty."""
    c = v.content
    return (c.description or "").strip() or (c.abbreviation or "").strip() or c.headline
