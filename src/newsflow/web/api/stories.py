"""Newsroom JSON API: create, edit, publish, update, correct, withdraw, read.

A story's ``ETag`` is its revision (``"r7"``): every saved draft or published version
adds one. ``PUT``/``PATCH`` of a draft with ``If-Match`` saves only if the draft is
still at that revision, else 412 with both the stored draft and the refused fields;
without ``If-Match`` the save is unconditional, as before.
"""

from __future__ import annotations

import asyncio
import contextvars
import json
from collections.abc import Callable
from concurrent.futures import Executor
from functools import partial
from typing import TYPE_CHECKING, Annotated, Any, TypeVar
from urllib.parse import parse_qsl

from fastapi import APIRouter, Body, Header, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from newsflow.core.codec import content_to_dict, version_to_dict
from newsflow.core.story import Action, ContentType
from newsflow.errors import InvalidInput, NewsflowError
from newsflow.flow.signal import wake_on_return
from newsflow.services.accounts import Principal, Role
from newsflow.web import problems
from newsflow.web.asgi_body import read_body, replay
from newsflow.web.deps import EditorDep, ServicesDep, bearer_principal

if TYPE_CHECKING:
    from newsflow.wiring import Services

router = APIRouter(prefix="/api/v1/stories", tags=["newsroom"])


class StoryIn(BaseModel):
    """Editor fields. Values are validated by the domain (same rules for CLI and ingest)."""

    model_config = ConfigDict(extra="forbid")

    language: str | None = Field(None, description="BCP 47 tag, e.g. ar, en-GB, tr")
    headline: str | None = None
    body: str | None = Field(None, description="HTML or plain text; sanitized on save")
    priority: str | None = Field(None, description="flash | urgent | important | routine")
    category: str | None = None
    type: str | None = Field(None, description="text | picture | video | graphic")
    dateline: str | None = None
    country: str | None = None
    byline: str | None = None
    description: str | None = None
    subjects: list[Any] | None = None
    people: list[str] | None = None
    places: list[str] | None = None
    organisations: list[str] | None = None
    keywords: list[str] | None = None
    public: bool | None = None
    abbreviation: str | None = None
    embargoed: str | None = Field(None, description="ISO 8601 time; publish holds the story until then")
    translation_of: int | None = None


class StoryCreate(StoryIn):
    media_id: str | None = Field(None, description="picture/video/graphic story: the uploaded item it is")
    media_ids: list[str] | None = Field(None, description="a gallery (picture story) or a text story's media")


class Revision(StoryIn):
    note: str | None = Field(None, description="correction note (required for /correct)")


class Withdrawal(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reason: str


def _fields(model: BaseModel) -> dict[str, Any]:
    data = model.model_dump(exclude_unset=True)
    data.pop("note", None)
    return data


def _key(value: str | None) -> str | None:
    if value is not None and not (1 <= len(value) <= 200):
        raise InvalidInput("Idempotency-Key must be 1-200 characters", field="Idempotency-Key")
    return value


@router.post("", status_code=201, summary="Create a story (a draft, or published at once)")
def create_story(
    story: StoryCreate,
    services: ServicesDep,
    principal: EditorDep,
    publish: Annotated[bool, Query()] = False,
    idempotency_key: Annotated[str | None, Header()] = None,
) -> dict[str, Any]:
    return create(services, principal, story, publish, idempotency_key)


def create(
    services: Services, principal: Principal, story: StoryCreate, publish: bool, idempotency_key: str | None
) -> dict[str, Any]:
    """A new story, a draft or published at once (the route and ``PublishBypass`` call this)."""
    fields, story_type, given = _new_story(story)
    associations = services.media.for_story(story_type, given)
    outcome = services.newsroom.create(
        fields, publish=publish, created_by=principal.name, idempotency_key=_key(idempotency_key),
        associations=associations,
    )
    return outcome.to_dict()


LOOP_BODY = 2_000  # characters of body up to which a publish stays on the event loop (see ``_create``)


def _new_story(story: StoryCreate) -> tuple[dict[str, Any], ContentType, list[str]]:
    """The newsroom's fields, the story's type and the media ids it is given."""
    fields = _fields(story)
    given = [fields.pop("media_id")] if fields.get("media_id") else []
    given += fields.pop("media_ids", None) or []
    fields.pop("media_id", None)
    try:
        story_type = ContentType(fields.get("type") or "text")
    except ValueError:
        raise InvalidInput("type must be text, picture, video or graphic", field="type") from None
    return fields, story_type, given


async def _create(
    services: Services, principal: Principal, story: StoryCreate, publish: bool, idempotency_key: str | None
) -> dict[str, Any]:
    """``create`` for ``PublishBypass``. A publish with neither an idempotency key nor
    media, on a database that commits from the event loop (SQLite), stays on the loop:
    it validates there, awaits the text worker's suggestions and the writer thread's
    commit (``Newsroom.publish_async``), if its body is at most ``LOOP_BODY`` characters
    (a flash, a brief): that path gives a one-line story about a third more publishes/s,
    while a 400-word story's was not faster there (its sanitizing and the worker's
    answer wait on the loop, behind every other request). Anything else runs ``create``
    in one of the node's publishing threads."""
    if publish and idempotency_key is None and services.db.writes_from_loop and len(story.body or "") <= LOOP_BODY:
        fields, _type, given = _new_story(story)
        if not given:
            outcome = await services.newsroom.publish_async(fields, created_by=principal.name)
            return outcome.to_dict()
    return await _in_thread(services.publishers, create, services, principal, story, publish, idempotency_key)


_FLAGS = {"true": True, "1": True, "false": False, "0": False}


class PublishBypass:
    """``POST /api/v1/stories`` from an editor's tool or an ingest script, past the main
    app's layers.

    Publishing over HTTP is the newsroom's hottest write. Through the main app a
    request crosses the public page cache, the portal's session layer, the body-size
    guard, a router of several hundred routes and FastAPI's dependency solving and
    response encoding, which together cost about as much as storing a short story.

    The plain case is answered here: a Bearer key, ``Content-Type: application/json``
    with a ``Content-Length`` within the request limit, at most ``publish=true|false|1|0``
    in the query, and a body that ``StoryCreate`` accepts. The body is decoded as FastAPI
    decodes it (``json.loads``, then the model), the key is checked as ``EditorDep``
    checks it, ``create`` (the function the route calls) runs in one of the node's
    publishing threads (``Services.publishers``), or, for a plain publish on SQLite, its
    steps run on the event loop (``_create``), and domain errors go through the one
    problem mapping. Anything else (the desk's session cookie, a body the model refuses,
    another parameter) goes to the main app with the body replayed, so every refusal
    keeps its one shape.
    """

    PATH = "/api/v1/stories"

    def __init__(self, app: ASGIApp, services: Services) -> None:
        self.app = app
        self.services = services
        self.max_bytes = services.settings.max_request_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        plain = self._plain(scope) if scope["type"] == "http" and scope["path"] == self.PATH else None
        if plain is None:
            await self.app(scope, receive, send)
            return
        token, publish, key = plain
        body = await read_body(receive)
        if body is None:
            return  # the client went away before sending the whole body: nobody to answer
        story = _story(body)
        if story is None:  # a body FastAPI refuses: the main app answers with its problem
            await self.app(scope, replay(body, receive), send)
            return
        response: Response
        try:
            principal = (await bearer_principal(self.services, token)).require(Role.ADMIN, Role.EDITOR)
            outcome = await _create(self.services, principal, story, publish, key)
            response = JSONResponse(outcome, status_code=201)
        except NewsflowError as exc:
            response = problems.domain_problem(Request(scope), exc)
        await response(scope, receive, send)

    def _plain(self, scope: Scope) -> tuple[str, bool, str | None] | None:
        """(key, publish, Idempotency-Key) when nothing here needs FastAPI, else None."""
        if scope["method"] != "POST":
            return None
        publish = False
        if scope["query_string"]:
            params = parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True)
            if len(params) != 1 or params[0][0] != "publish" or params[0][1] not in _FLAGS:
                return None
            publish = _FLAGS[params[0][1]]
        seen: dict[bytes, bytes] = {}
        for name, value in scope["headers"]:
            if name in (b"authorization", b"content-type", b"content-length", b"idempotency-key", b"cookie"):
                if name in seen:
                    return None
                seen[name] = value
        if b"cookie" in seen:
            return None  # a portal session rides along: the main app decides what it means
        length = seen.get(b"content-length", b"")
        if not length.isdigit() or int(length) > self.max_bytes:
            return None
        kind = seen.get(b"content-type", b"").split(b";")[0].strip().lower()
        scheme, _, token = seen.get(b"authorization", b"").decode("latin-1").partition(" ")
        if kind != b"application/json" or scheme.lower() != "bearer" or not token.strip():
            return None
        key = seen.get(b"idempotency-key")
        return token.strip(), publish, key.decode("latin-1") if key is not None else None


T = TypeVar("T")


async def _in_thread(threads: Executor, fn: Callable[..., T], *args: Any) -> T:
    """``fn(*args)`` in one of the node's publishing threads, with this request's context
    (its request id). Handing a call to them costs about a third less CPU than
    ``run_in_threadpool`` (no cancel scope, capacity limiter or checkpoint around it), and
    a publish is the hottest request. The commit's wake of the flow's readers goes with
    the call's return (``wake_on_return``): one wake-up of the event loop per publish."""
    call = partial(contextvars.copy_context().run, wake_on_return, fn, *args)
    return await asyncio.get_running_loop().run_in_executor(threads, call)


def _story(body: bytes) -> StoryCreate | None:
    """The body as the route would get it, or None when FastAPI would refuse it."""
    try:
        data = json.loads(body)
        return StoryCreate.model_validate(data) if isinstance(data, dict) else None
    except (ValueError, ValidationError):
        return None


@router.get("", summary="List stories (newest change first)")
def list_stories(
    services: ServicesDep,
    _: EditorDep,
    status: Annotated[str | None, Query(pattern="^(draft|embargoed|published|withdrawn)$")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    rows = services.stories_list(status=status, limit=limit, offset=offset)
    return {"stories": rows}


def etag(revision: int) -> str:
    return f'"r{revision}"'


def _if_match(value: str | None) -> int | None:
    """The revision an ``If-Match`` names (``"r7"``, ``W/"r7"``, ``7``); ``*`` or absent: None."""
    if value is None or value.strip() == "*":
        return None
    tag = value.split(",")[0].strip().removeprefix("W/").strip('"').removeprefix("r")
    if not tag.isdigit():
        raise InvalidInput('If-Match must be an ETag of this API, e.g. "r7"', field="If-Match")
    return int(tag)


@router.put("/{story_id}", summary="Edit a draft (If-Match: only if unchanged since that ETag)")
@router.patch("/{story_id}", summary="Edit a draft: the given fields only (If-Match as for PUT)")
def edit_story(
    story_id: int,
    story: StoryIn,
    services: ServicesDep,
    _: EditorDep,
    response: Response,
    if_match: Annotated[str | None, Header()] = None,
) -> dict[str, Any]:
    outcome = services.newsroom.edit_draft(story_id, _fields(story), expected_revision=_if_match(if_match))
    if outcome.revision is not None:
        response.headers["ETag"] = etag(outcome.revision)
    return outcome.to_dict()


@router.post("/{story_id}/publish", summary="Publish a draft (held if embargoed)")
def publish_story(
    story_id: int,
    services: ServicesDep,
    principal: EditorDep,
    idempotency_key: Annotated[str | None, Header()] = None,
) -> dict[str, Any]:
    return services.newsroom.publish(story_id, idempotency_key=_key(idempotency_key), by=principal.name).to_dict()


@router.post("/{story_id}/update", summary="Publish a new version (same uri)")
def update_story(
    story_id: int,
    services: ServicesDep,
    principal: EditorDep,
    revision: Annotated[Revision | None, Body()] = None,
    idempotency_key: Annotated[str | None, Header()] = None,
) -> dict[str, Any]:
    revision = revision or Revision()
    return services.newsroom.revise(
        story_id, Action.UPDATE, _fields(revision), note=revision.note, idempotency_key=_key(idempotency_key),
        by=principal.name,
    ).to_dict()


@router.post("/{story_id}/correct", summary="Publish a correction (needs a note)")
def correct_story(
    story_id: int,
    revision: Revision,
    services: ServicesDep,
    principal: EditorDep,
    idempotency_key: Annotated[str | None, Header()] = None,
) -> dict[str, Any]:
    return services.newsroom.revise(
        story_id, Action.CORRECT, _fields(revision), note=revision.note, idempotency_key=_key(idempotency_key),
        by=principal.name,
    ).to_dict()


@router.post("/{story_id}/withdraw", summary="Withdraw a story (pubstatus canceled)")
def withdraw_story(
    story_id: int,
    withdrawal: Withdrawal,
    services: ServicesDep,
    principal: EditorDep,
    idempotency_key: Annotated[str | None, Header()] = None,
) -> dict[str, Any]:
    return services.newsroom.revise(
        story_id, Action.WITHDRAW, note=withdrawal.reason, idempotency_key=_key(idempotency_key), by=principal.name
    ).to_dict()


@router.get("/{story_id}", summary="The story: status, draft and latest published version")
def get_story(story_id: int, services: ServicesDep, _: EditorDep, response: Response) -> dict[str, Any]:
    state = services.newsroom.state(story_id)
    response.headers["ETag"] = etag(state.revision)
    return {
        "id": state.story_id,
        "uri": state.uri,
        "status": state.status.value,
        "revision": state.revision,
        "version": state.latest.version if state.latest else 0,
        "draft": content_to_dict(state.draft),
        "latest": version_to_dict(state.latest) if state.latest else None,
    }


@router.get("/{story_id}/versions", summary="Every published version, oldest first")
def story_versions(story_id: int, services: ServicesDep, _: EditorDep) -> dict[str, Any]:
    return {"versions": [version_to_dict(v) for v in services.newsroom.versions(story_id)]}
