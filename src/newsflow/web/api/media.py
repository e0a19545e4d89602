"""Photo JSON API for editors: upload a photo, list recent ones, attach one to a draft."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, UploadFile
from pydantic import BaseModel, ConfigDict, Field

from newsflow.core.codec import association_to_dict
from newsflow.errors import PayloadTooLarge
from newsflow.web.deps import EditorDep, ServicesDep

router = APIRouter(tags=["media"])


def read_upload(upload: UploadFile, limit: int) -> bytes:
    """At most ``limit`` bytes of the upload; one byte more means it is too large."""
    data = upload.file.read(limit + 1)
    if len(data) > limit:
        raise PayloadTooLarge(f"the photo is larger than {limit} bytes", field="file")
    return data


@router.post("/api/v1/media", status_code=201, summary="Upload a photo (JPEG, PNG or WebP)")
def upload_photo(
    services: ServicesDep,
    _: EditorDep,
    file: Annotated[UploadFile, File(description="the photo; its type is read from the bytes")],
    caption: Annotated[str | None, Form()] = None,
    byline: Annotated[str | None, Form()] = None,
) -> dict[str, Any]:
    data = read_upload(file, services.settings.max_upload_bytes)
    return association_to_dict(services.media.upload(data, caption=caption, byline=byline))


@router.get("/api/v1/media", summary="Recently uploaded photos, newest first")
def recent_photos(
    services: ServicesDep, _: EditorDep, limit: Annotated[int, Query(ge=1, le=200)] = 50
) -> dict[str, Any]:
    return {"media": [association_to_dict(a) for a in services.media.recent(limit)]}


class PhotoRef(BaseModel):
    model_config = ConfigDict(extra="forbid")
    uri: str = Field(description="the uri returned by POST /api/v1/media")
    caption: str | None = Field(None, description="overrides the upload's caption on this story")


@router.post("/api/v1/stories/{story_id}/photos", summary="Attach an uploaded photo to a draft")
def attach_photo(story_id: int, ref: PhotoRef, services: ServicesDep, _: EditorDep) -> dict[str, Any]:
    association = services.media.get(ref.uri)
    if ref.caption is not None:
        association = services.media.with_caption(association, ref.caption)
    outcome = services.newsroom.attach_photo(story_id, association)
    return {**outcome.to_dict(), "photo": association_to_dict(association)}
