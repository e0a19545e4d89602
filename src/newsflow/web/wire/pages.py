"""The subscriber wire's reading pages: the live wire, a story, search.

Every page takes the caller from ``page_principal(Role.SUBSCRIBER)`` and loads the
subscription's entitlement *at read time* (``live_entitlement``), exactly as the API
does, so a page never shows what the API would refuse. Downloads link to
``/api/v1/documents/{id}`` — plain GETs authenticated by the session cookie, counted
in usage like any API download.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from newsflow.core.entitlements import Entitlement
from newsflow.core.story import ContentType, Priority, PubStatus
from newsflow.errors import NotFound, PermissionDenied
from newsflow.flow.access import StreamIdentity
from newsflow.services import topics
from newsflow.services.accounts import Principal, Role
from newsflow.web.deps import client_ip, get_services
from newsflow.web.portal.auth import page_principal
from newsflow.web.portal.templates import render
from newsflow.web.wire import entries
from newsflow.web.wire.diff import plain, word_diff

if TYPE_CHECKING:
    from newsflow.wiring import Services

router = APIRouter(tags=["wire"], include_in_schema=False)
Subscriber = Annotated[Principal, Depends(page_principal(Role.SUBSCRIBER))]
FORMATS = (("newsmlg2", "NewsML-G2"), ("ninjs", "ninjs 2.1"), ("ninjs3", "ninjs 3.1"), ("text", "Text"))
ViewParam = Annotated[str | None, Query(max_length=100)]


def entitlement(request: Request, principal: Principal) -> Entitlement:
    assert principal.subscriber_id is not None
    return get_services(request).subscribers.live_entitlement(principal.subscriber_id, client_ip(request))


def choices(services: Services, ent: Entitlement) -> dict[str, list[str]]:
    """What the filter menus offer: only what the subscription can deliver."""
    return {
        "category": sorted(ent.categories) or list(services.settings.categories),
        "priority": [p.value for p in Priority if not ent.priorities or p.value in ent.priorities],
        "language": sorted(ent.languages) or ["ar", "en", "tr"],
        "type": sorted(ent.types) or ["text", "picture"],
    }


@router.get("/wire/")
async def wire(
    request: Request, principal: Subscriber, category: ViewParam = None, priority: ViewParam = None,
    language: ViewParam = None, type: ViewParam = None, topic: ViewParam = None,
) -> Response:
    services = get_services(request)
    ent = await run_in_threadpool(entitlement, request, principal)
    view = topics.clean({"category": category, "priority": priority, "language": language, "type": type, "topic": topic})
    items, cursor = await run_in_threadpool(entries.latest, services, ent, view)
    saved = await run_in_threadpool(services.topics.for_user, principal.user_id) if principal.user_id else []
    read: dict[int, int] = {}
    if principal.user_id:
        read = await run_in_threadpool(services.reading.read_versions, principal.user_id, [e.story_id for e in items])
    config = {
        "after": cursor, "view": view, "alerts": [s.as_json() for s in saved if s.alert],
        "read": {e.uri: read[e.story_id] for e in items if e.story_id in read},
    }
    return render(request, "wire/index.html", {
        "entries": items, "view": view, "choices": choices(services, ent), "saved": saved, "config": config,
        "read": read, "email_enabled": services.alerts.enabled,
    })


@router.post("/wire/stream-token")
async def stream_token(request: Request, principal: Subscriber) -> dict[str, Any]:
    """A stream token for the page's EventSource, for the session's user.

    ``wire-live.js`` asks ``POST /api/v1/stream/token`` first and uses this one only
    when that endpoint does not take the session cookie. The token names the *user*,
    so deactivating the user refuses it at connect time (``StreamAccess.still_valid``).
    """
    services = get_services(request)
    await run_in_threadpool(entitlement, request, principal)
    return services.stream_access.issue(StreamIdentity(principal))


def _story(services: Services, ent: Entitlement, story_id: int) -> dict[str, Any]:
    now = services.clock()
    versions = services.newsroom.versions(story_id)
    if not versions:
        raise NotFound(f"no story {story_id}")
    if not ent.allows_version(versions[-1], now):
        raise PermissionDenied("your subscription does not include this story")
    history = []
    for old, new in zip([None, *versions[:-1]], versions, strict=True):
        diff = word_diff(plain(old.headline, old.content.body_html), plain(new.headline, new.content.body_html)) if old else None
        history.append({"v": new, "diff": diff})
    current = ent.visible(versions[-1])  # media of types the subscription lacks left off
    photos = []
    for index, a in enumerate(current.content.associations):
        by_name = {r.name: r for r in a.renditions}
        if a.type is ContentType.VIDEO:  # the poster is shown; the web MP4 plays on demand
            shown = by_name.get("poster") or by_name.get("thumbnail")
            photos.append({"a": a, "shown": shown, "index": index, "video": by_name.get("web")})
            continue
        shown = by_name.get("web") or by_name.get("thumbnail") or (a.renditions[0] if a.renditions else None)
        photos.append({"a": a, "shown": shown, "index": index, "video": None})
    return {
        "story": current, "history": list(reversed(history)), "photos": photos,
        "withdrawn": current.pubstatus is PubStatus.CANCELED, "formats": FORMATS,
    }


async def _opened(request: Request, story_id: int, principal: Principal) -> dict[str, Any]:
    """The story as the reader may see it now; opening it marks it read (this version)."""
    services = get_services(request)
    ent = await run_in_threadpool(entitlement, request, principal)
    context = await run_in_threadpool(_story, services, ent, story_id)
    if principal.user_id is not None:
        await run_in_threadpool(services.reading.mark_read, principal.user_id, story_id, context["story"].version)
    return context


@router.get("/wire/stories/{story_id}")
async def story(request: Request, story_id: int, principal: Subscriber) -> Response:
    return render(request, "wire/story.html", await _opened(request, story_id, principal))


@router.get("/wire/pane")
async def pane(
    request: Request, principal: Subscriber, uri: Annotated[str, Query(min_length=1, max_length=400)]
) -> Response:
    """The reading pane's content (an HTML fragment) for the story ``uri``."""
    story_id = await run_in_threadpool(get_services(request).delivery.story_id_for, uri)
    return render(request, "wire/_pane.html", await _opened(request, story_id, principal))


@router.get("/wire/story")
async def story_by_uri(
    request: Request, principal: Subscriber, uri: Annotated[str, Query(min_length=1, max_length=400)]
) -> Response:
    services = get_services(request)
    story_id = await run_in_threadpool(services.delivery.story_id_for, uri)
    return await story(request, story_id, principal)


@router.get("/wire/search")
async def search(
    request: Request, principal: Subscriber, q: Annotated[str, Query(max_length=500)] = "",
    category: ViewParam = None, priority: ViewParam = None, language: ViewParam = None,
    type: ViewParam = None, topic: ViewParam = None, offset: Annotated[int, Query(ge=0, le=10_000)] = 0,
) -> Response:
    services = get_services(request)
    ent = await run_in_threadpool(entitlement, request, principal)
    engine = getattr(services, "search", None)
    view = topics.clean({"category": category, "priority": priority, "language": language, "type": type, "topic": topic})
    result: dict[str, Any] | None = None
    if engine is not None and (q.strip() or view):
        from newsflow.search import SearchQuery, Visibility

        query = SearchQuery(
            q=q, categories=_one(view, "category"), priorities=_one(view, "priority"), languages=_one(view, "language"),
            types=_one(view, "type"), topics=_one(view, "topic"), offset=offset, limit=20,
            visibility=Visibility.subscriber(ent, services.clock()), facets=True,
        )
        found = await run_in_threadpool(engine.search, query)
        result = {"total": found.total, "hits": [h.to_dict() for h in found.hits], "facets": found.facets}
    return render(request, "wire/search.html", {
        "q": q, "view": view, "result": result, "available": engine is not None, "offset": offset,
    })


def _one(view: dict[str, str], key: str) -> tuple[str, ...]:
    return (view[key],) if key in view else ()
