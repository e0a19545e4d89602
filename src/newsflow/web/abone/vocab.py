"""The discover vocabularies: numeric ids with labels in Turkish, English and Arabic.

Agency clients filter with numeric ids (``filter_category=3``), so every concept we
filter on needs a stable number:

* priorities 1–6 and types 1–5 are fixed by the agency API;
* languages are a fixed list (numbers never change, new ones are appended);
* categories are numbered by their position in ``Settings.categories`` (1-based), so
  that list must only ever be appended to;
* packages use their database id; provider 1 is this agency.

Concepts the agency API knows but newsflow does not carry (priority 5 "special" and 6
"archive", type 4 "file") are listed, and filtering on them simply matches nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from newsflow.errors import InvalidInput
from newsflow.formats.agency import DEFAULT_CATEGORY_LABELS, Labels

LANGS = {"tr_TR": "tr", "en_US": "en", "ar_AR": "ar"}


@dataclass(frozen=True, slots=True)
class Term:
    id: int
    value: str  # what newsflow stores (category name, priority, type, language tag, ...)
    labels: Labels

    def label(self, lang: str) -> str:
        return self.labels[("tr", "en", "ar").index(lang)]


PRIORITIES: tuple[Term, ...] = (
    Term(1, "flash", ("Flaş", "Flash", "عاجل جداً")),
    Term(2, "urgent", ("Acele", "Urgent", "عاجل")),
    Term(3, "important", ("Önemli", "Important", "مهم")),
    Term(4, "routine", ("Rutin", "Routine", "روتيني")),
    Term(5, "special", ("Özel", "Special", "خاص")),
    Term(6, "archive", ("Arşiv", "Archive", "أرشيف")),
)

TYPES: tuple[Term, ...] = (
    Term(1, "text", ("Metin", "Text", "نص")),
    Term(2, "picture", ("Fotoğraf", "Picture", "صورة")),
    Term(3, "video", ("Video", "Video", "فيديو")),
    Term(4, "file", ("Dosya", "File", "ملف")),
    Term(5, "graphic", ("Grafik", "Graphic", "رسم بياني")),
)

LANGUAGES: tuple[Term, ...] = (
    Term(1, "tr", ("Türkçe", "Turkish", "التركية")),
    Term(2, "en", ("İngilizce", "English", "الإنجليزية")),
    Term(3, "ar", ("Arapça", "Arabic", "العربية")),
    Term(4, "ru", ("Rusça", "Russian", "الروسية")),
    Term(5, "fr", ("Fransızca", "French", "الفرنسية")),
    Term(6, "es", ("İspanyolca", "Spanish", "الإسبانية")),
    Term(7, "de", ("Almanca", "German", "الألمانية")),
    Term(8, "ku", ("Kürtçe", "Kurdish", "الكردية")),
    Term(9, "fa", ("Farsça", "Persian", "الفارسية")),
    Term(10, "bs", ("Boşnakça", "Bosnian", "البوسنية")),
    Term(11, "hr", ("Hırvatça", "Croatian", "الكرواتية")),
    Term(12, "sr", ("Sırpça", "Serbian", "الصربية")),
    Term(13, "mk", ("Makedonca", "Macedonian", "المقدونية")),
    Term(14, "sq", ("Arnavutça", "Albanian", "الألبانية")),
)



def language_of(lang: str) -> str:
    """``tr_TR`` → ``tr``; anything else is a 4xx naming the accepted values."""
    try:
        return LANGS[lang]
    except KeyError:
        raise InvalidInput(
            f"unknown language {lang!r} (one of {', '.join(LANGS)})", field="lang"
        ) from None


def categories(names: Sequence[str], labels: Mapping[str, Labels] = DEFAULT_CATEGORY_LABELS) -> tuple[Term, ...]:
    return tuple(Term(i, name, labels.get(name, (name, name, name))) for i, name in enumerate(names, 1))


def packages(rows: Iterable[tuple[int, str]]) -> tuple[Term, ...]:
    return tuple(Term(pid, name, (name, name, name)) for pid, name in rows)


def provider(agency_name: str) -> tuple[Term, ...]:
    return (Term(1, "newsflow", (agency_name, agency_name, agency_name)),)


def listing(terms: Iterable[Term], lang: str) -> list[dict[str, object]]:
    return [{"id": t.id, "title": t.label(lang)} for t in terms]


def values(terms: Sequence[Term], raw: str | None, field: str) -> tuple[str, ...]:
    """Comma-separated numeric ids (``"1,3"``) → stored values; unknown ids are a 4xx."""
    if raw is None or str(raw).strip() == "":
        return ()
    by_id = {t.id: t.value for t in terms}
    out: list[str] = []
    parts = [p.strip() for p in str(raw).split(",") if p.strip()]
    if len(parts) > 50:
        raise InvalidInput(f"too many values in {field}", field=field)
    for part in parts:
        if not part.isdigit() or int(part) not in by_id:
            raise InvalidInput(f"unknown {field} id {part!r}", field=field)
        out.append(by_id[int(part)])
    return tuple(dict.fromkeys(out))


def ids_of(terms: Sequence[Term], allowed: Iterable[str]) -> list[int]:
    """The ids of the terms whose value is in ``allowed``; empty ``allowed`` means all."""
    wanted = set(allowed)
    return [t.id for t in terms if not wanted or t.value in wanted]
