"""Text tools for editors: suggested abbreviation and enrichment of a draft."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from newsflow.core.editing import normalize_language, sanitize_body
from newsflow.core.language import primary_language
from newsflow.text import abbreviate, detect_language, enrich, plain_text
from newsflow.text.confidence import is_sure
from newsflow.web.deps import EditorDep, ServicesDep

router = APIRouter(prefix="/api/v1/text", tags=["text"])


class TextIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    body: str = Field(description="HTML or plain text")
    headline: str | None = None
    language: str | None = Field(None, description="BCP 47; detected when absent")
    dateline: str | None = None


def _prepare(data: TextIn, max_bytes: int) -> tuple[str, str]:
    text = plain_text(sanitize_body(data.body, max_bytes=max_bytes))
    if data.language:
        language = primary_language(normalize_language(data.language))
    else:
        language = detect_language(text)
    return text, language


@router.post("/abbreviate", summary="Suggest the public abbreviation of a story")
def abbreviate_text(data: TextIn, services: ServicesDep, _: EditorDep) -> dict[str, Any]:
    text, language = _prepare(data, services.settings.max_body_bytes)
    result = abbreviate(text, headline=data.headline, language=language, dateline=data.dateline)
    return {
        "abbreviation": result.text,
        "language": result.language,
        "sentences": list(result.sentences),
        "words": result.words,
        "source_words": result.source_words,
    }


def _where(start: int, end: int, headline: str | None) -> dict[str, Any]:
    """A mention's offsets in the headline or in the body's plain text (the finders read both)."""
    if headline and start < len(headline):
        return {"field": "headline", "start": start, "end": end}
    shift = len(headline) + 2 if headline else 0
    return {"field": "body", "start": start - shift, "end": end - shift}


@router.post("/enrich", summary="Suggest people, places, organisations, keywords and Media Topics")
def enrich_text(data: TextIn, services: ServicesDep, _: EditorDep) -> dict[str, Any]:
    """People, places and organisations as names (the lists) and as ``suggestions``.

    Each suggestion has ``kind``, ``name``, ``reason`` (gazetteer, title, dateline,
    apposition, pattern, name list, short form), ``evidence`` (e.g. the title that
    preceded the name), ``mentions``: where the name occurs, as ``field``
    (headline or body) with ``start``/``end`` offsets in that field's plain text,
    ``confidence``: the probability that it is right, by a model fitted on how such
    suggestions (their reason, what comes before and after the name …) fared on
    held-out copy, and ``sure``: whether it reaches the line at which the desk and
    publishing fill the name in.
    """
    text, language = _prepare(data, services.settings.max_body_bytes)
    found = enrich(text, headline=data.headline, language=language)
    return {
        "suggestions": [
            {
                "kind": s.kind,
                "name": s.name,
                "reason": s.reason,
                "evidence": s.evidence,
                "mentions": [_where(a, b, data.headline) for a, b in s.mentions],
                "confidence": s.confidence,
                "sure": is_sure(s),
            }
            for s in found.suggestions
        ],
        "language": found.language,
        "people": list(found.people),
        "places": list(found.places),
        "organisations": list(found.organisations),
        "keywords": list(found.keywords),
        "subjects": [{"qcode": s.qcode, "name": s.name} for s in found.subjects],
    }
