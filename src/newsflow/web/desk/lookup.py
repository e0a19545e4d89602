"""Small JSON answers for the compose page's autocompletes.

``/desk/lookup/stories?q=`` finds the original of a translation by words of its
headline (or its number); ``/desk/lookup/topics?q=&lang=`` finds IPTC Media Topics by
their label in the story's language (Arabic, English, ...; English when a label is
missing). Both are editor-only GETs, read nothing else and answer at most a dozen rows.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from starlette.concurrency import run_in_threadpool

from newsflow.core.language import primary_language
from newsflow.text import mediatopics
from newsflow.web.deps import get_services
from newsflow.web.desk.pages import EditorPage

router = APIRouter(include_in_schema=False)


@router.get("/desk/lookup/stories")
async def stories(
    request: Request, principal: EditorPage, q: Annotated[str, Query(max_length=200)] = "",
    exclude: Annotated[int | None, Query(ge=1)] = None,
) -> dict[str, Any]:
    newsroom = get_services(request).newsroom
    found = await run_in_threadpool(newsroom.find_originals, q, exclude=exclude)
    return {"stories": found}


@router.get("/desk/lookup/topics")
def topics(
    principal: EditorPage, q: Annotated[str, Query(max_length=100)] = "",
    lang: Annotated[str, Query(max_length=35)] = "en",
) -> dict[str, Any]:
    language = primary_language(lang) or "en"
    out = []
    for subject in mediatopics.search(q, language):
        found = mediatopics.topic(subject.qcode)
        broader = mediatopics.label(found.broader, language) if found and found.broader else ""
        out.append({"qcode": subject.qcode, "name": subject.name, "broader": broader})
    return {"topics": out}
