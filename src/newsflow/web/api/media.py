"""Media JSON API for editors: upload, read, list; put media on stories and take it off."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Header, Query, UploadFile
from pydantic import BaseModel, ConfigDict, Field

from newsflow.core.codec import association_to_dict
from newsflow.core.story import ContentType, MediaRole
from newsflow.errors import InvalidInput
from newsflow.web.deps import EditorDep, ServicesDep

router = APIRouter(tags=["media"])


@router.post("/api/v1/media", status_code=201, summary="Upload a photo, graphic or video")
def upload_media(
    services: ServicesDep,
    _: EditorDep,
    file: Annotated[UploadFile, File(description="JPEG, PNG, WebP, TIFF, SVG, PDF, MP4, MOV or WebM; read from the bytes")],
    caption: Annotated[str | None, Form()] = None,
    credit: Annotated[str | None, Form()] = None,
    byline: Annotated[str | None, Form()] = None,
    copyright: Annotated[str | None, Form()] = None,
    language: Annotated[str | None, Form()] = None,
) -> dict[str, Any]:
    item = services.media.upload(
        file.file, caption=caption, byline=byline, credit=credit, copyright=copyright, language=language
    )
    return item.to_dict()


@router.get("/api/v1/media", summary="Recently uploaded media, newest first")
def recent_media(
    services: ServicesDep,
    _: EditorDep,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    type: Annotated[str | None, Query(pattern="^(picture|graphic|video)$")] = None,
) -> dict[str, Any]:
    chosen = ContentType(type) if type else None
    return {"media": [item.to_dict() for item in services.media.recent(limit, type=chosen)]}


@router.get("/api/v1/media/{media_id}", summary="One media item: its renditions and status")
def get_media(media_id: str, services: ServicesDep, _: EditorDep) -> dict[str, Any]:
    return services.media.get(media_id).to_dict()


class MediaRef(BaseModel):
    model_config = ConfigDict(extra="forbid")
    media_id: str = Field(description="the id returned by POST /api/v1/media")
    role: str = Field("inline", description="lead | inline | gallery")
    caption: str | None = Field(None, description="this story's caption, instead of the item's own")


def _role(value: str) -> MediaRole:
    try:
        return MediaRole(value)
    except ValueError:
        raise InvalidInput("role must be lead, inline or gallery", field="role") from None


@router.post("/api/v1/stories/{story_id}/media", summary="Put a media item on a story (a new version if published)")
def add_media(
    story_id: int,
    ref: MediaRef,
    services: ServicesDep,
    _: EditorDep,
    idempotency_key: Annotated[str | None, Header()] = None,
) -> dict[str, Any]:
    association = services.media.association(ref.media_id, _role(ref.role), caption=ref.caption)
    outcome = services.newsroom.add_media(story_id, association, idempotency_key=idempotency_key)
    return {**outcome.to_dict(), "media": association_to_dict(association)}


@router.delete("/api/v1/stories/{story_id}/media/{media_id}", summary="Take a media item off a story")
def remove_media(
    story_id: int,
    media_id: str,
    services: ServicesDep,
    _: EditorDep,
    idempotency_key: Annotated[str | None, Header()] = None,
) -> dict[str, Any]:
    uri = services.media.uri_of(media_id)
    return services.newsroom.remove_media(story_id, uri, idempotency_key=idempotency_key).to_dict()


class PhotoRef(BaseModel):
    model_config = ConfigDict(extra="forbid")
    uri: str = Field(description="the uri returned by POST /api/v1/media")
    caption: str | None = Field(None, description="overrides the upload's caption on this story")


@router.post("/api/v1/stories/{story_id}/photos", summary="Attach an uploaded photo to a draft")
def attach_photo(story_id: int, ref: PhotoRef, services: ServicesDep, _: EditorDep) -> dict[str, Any]:
    association = services.media.association(ref.uri, None, caption=ref.caption)
    outcome = services.newsroom.attach_photo(story_id, association)
    return {**outcome.to_dict(), "photo": association_to_dict(association)}
