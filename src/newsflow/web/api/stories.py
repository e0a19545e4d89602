"""Newsroom JSON API: create, edit, publish, update, correct, withdraw, read.

A story's ``ETag`` is its revision (``"r7"``): every saved draft or published version
adds one. ``PUT``/``PATCH`` of a draft with ``If-Match`` saves only if the draft is
still at that revision, else 412 with both the stored draft and the refused fields;
without ``If-Match`` the save is unconditional, as before.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Header, Query, Response
from pydantic import BaseModel, ConfigDict, Field

from newsflow.core.codec import content_to_dict, version_to_dict
from newsflow.core.story import Action, ContentType
from newsflow.errors import InvalidInput
from newsflow.web.deps import EditorDep, ServicesDep

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
    fields = _fields(story)
    given = [fields.pop("media_id")] if fields.get("media_id") else []
    given += fields.pop("media_ids", None) or []
    fields.pop("media_id", None)
    try:
        story_type = ContentType(fields.get("type") or "text")
    except ValueError:
        raise InvalidInput("type must be text, picture, video or graphic", field="type") from None
    associations = services.media.for_story(story_type, given)
    outcome = services.newsroom.create(
        fields, publish=publish, created_by=principal.name, idempotency_key=_key(idempotency_key),
        associations=associations,
    )
    return outcome.to_dict()


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
