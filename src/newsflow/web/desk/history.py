"""A story's history on the desk: every version with who, when, what and why, and the
word-level difference between any two of them.

The difference is computed on the server (``wire.diff.word_diff``: difflib over word
tokens, everything escaped before ``<ins>``/``<del>`` are added) and shown in a block
whose direction follows the story's language, so Arabic reads right to left with the
marks in place.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from newsflow.core.language import primary_language
from newsflow.errors import NotFound
from newsflow.web.deps import get_services
from newsflow.web.desk.pages import EditorPage
from newsflow.web.portal.templates import render
from newsflow.web.wire.diff import plain, word_diff

router = APIRouter(include_in_schema=False)
RTL = ("ar", "fa", "he", "ur", "ku", "ps")


def _history(request: Request, story_id: int, a: int | None, b: int | None) -> dict[str, Any]:
    newsroom = get_services(request).newsroom
    state = newsroom.state(story_id)
    rows = newsroom.history(story_id)
    by_number = {v.version: (v, who) for v, who in rows}
    if b is None:
        b = rows[-1][0].version if rows else None
    if a is None and b is not None:
        a = max((n for n in by_number if n < b), default=b)
    for wanted in (a, b):
        if wanted is not None and wanted not in by_number:
            raise NotFound(f"story {story_id} has no version {wanted}", field="version")
    diff = None
    if a is not None and b is not None:
        old, new = by_number[a][0], by_number[b][0]
        diff = word_diff(plain(old.headline, old.content.body_html), plain(new.headline, new.content.body_html))
    language = (state.latest.content if state.latest else state.draft).language
    return {
        "story": state, "rows": list(reversed(rows)), "a": a, "b": b, "diff": diff,
        "language": language, "direction": "rtl" if primary_language(language) in RTL else "ltr",
    }


@router.get("/desk/stories/{story_id}/history")
async def history(
    request: Request, story_id: int, principal: EditorPage,
    a: Annotated[int | None, Query(ge=1)] = None, b: Annotated[int | None, Query(ge=1)] = None,
) -> Response:
    context = await run_in_threadpool(_history, request, story_id, a, b)
    return render(request, "desk/history.html", context)
