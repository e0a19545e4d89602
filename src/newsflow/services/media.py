"""Photo uploads: trust nothing the sender says, keep only clean pixels.

An upload is accepted on what its bytes are (Pillow sniffs JPEG, PNG or WebP; the file
name and the declared content type are ignored), within a byte limit and a pixel limit
checked from the header *before* any pixel is decoded (a 40 kB PNG can claim
10 gigapixels). The camera's orientation is applied, then the pixels are copied into a
fresh image and re-encoded, so EXIF (GPS position, camera serial), XMP, IPTC, ICC and
text chunks are all left behind.

Three JPEG renditions are written under ``settings.media_dir`` with one random stem:
``thumbnail`` (320 px on the long edge), ``web`` (1280 px) and ``print`` (original
size, quality 95, no chroma subsampling). Names carry no user input, so serving them
needs no path arithmetic: a name either matches ``NAME_PATTERN`` or is refused.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
from dataclasses import dataclass, replace
from io import BytesIO
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from newsflow.config import Settings
from newsflow.core.editing import clean_text
from newsflow.core.story import Association, ContentType, Rendition
from newsflow.errors import InvalidInput, NotFound, PayloadTooLarge
from newsflow.services.newsroom import Clock, utcnow
from newsflow.store import media as media_store
from newsflow.store.database import Database

ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP")


@dataclass(frozen=True, slots=True)
class RenditionSpec:
    name: str
    long_edge: int | None  # None: keep the original size
    quality: int


RENDITIONS = (
    RenditionSpec("thumbnail", 320, 80),
    RenditionSpec("web", 1280, 85),
    RenditionSpec("print", None, 95),
)
PUBLIC_RENDITIONS = frozenset({"thumbnail", "web"})
NAME_PATTERN = re.compile(r"^([0-9a-f]{32})-(thumbnail|web|print)\.jpg$")


@dataclass(frozen=True, slots=True)
class StoredFile:
    path: Path
    rendition: str


class MediaLibrary:
    def __init__(self, db: Database, settings: Settings, *, clock: Clock = utcnow) -> None:
        self.db = db
        self.settings = settings
        self.clock = clock

    @property
    def directory(self) -> Path:
        return self.settings.media_dir

    # -- upload ----------------------------------------------------------------------------
    def upload(self, data: bytes, *, caption: str | None = None, byline: str | None = None) -> Association:
        """Check, clean and store one photo; returns it as an ``Association`` to attach."""
        limit = self.settings.max_upload_bytes
        if len(data) > limit:
            raise PayloadTooLarge(f"the photo is larger than {limit} bytes", field="file")
        if not data:
            raise InvalidInput("the file is empty", field="file")
        caption_text = clean_text(caption, "caption", limit=2000) or ""
        byline_text = clean_text(byline, "byline", limit=200) or ""
        image = self._decode(data)
        stem = secrets.token_hex(16)
        self.directory.mkdir(parents=True, exist_ok=True)
        written: list[Path] = []
        try:
            renditions = tuple(self._write(image, stem, spec, written) for spec in RENDITIONS)
            association = Association(
                uri=f"urn:newsflow:{self.settings.agency}:media:{stem}",
                type=ContentType.PICTURE,
                caption=caption_text,
                byline=byline_text,
                renditions=renditions,
            )
            with self.db.write() as tx:
                media_store.insert(tx.conn, association, self.clock())
        except BaseException:
            for path in written:
                with contextlib.suppress(OSError):
                    path.unlink()
            raise
        return association

    def _decode(self, data: bytes) -> Image.Image:
        try:
            image = Image.open(BytesIO(data), formats=ACCEPTED_FORMATS)
        except (UnidentifiedImageError, Image.DecompressionBombError) as exc:
            raise InvalidInput("the file is not a JPEG, PNG or WebP photo", field="file") from exc
        except (OSError, SyntaxError, ValueError) as exc:
            raise InvalidInput("the photo is damaged or truncated", field="file") from exc
        width, height = image.size
        if width < 1 or height < 1 or width * height > self.settings.max_image_pixels:
            raise InvalidInput(
                f"the photo is {width}x{height} pixels; at most {self.settings.max_image_pixels} pixels are accepted",
                field="file",
            )
        try:
            image.seek(0)  # animated PNG/WebP: the first frame
            image.load()
            oriented = ImageOps.exif_transpose(image)
        except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
            raise InvalidInput("the photo is damaged or truncated", field="file") from exc
        return _clean_copy(oriented)

    def _write(self, image: Image.Image, stem: str, spec: RenditionSpec, written: list[Path]) -> Rendition:
        copy = image.copy()
        if spec.long_edge is not None:
            copy.thumbnail((spec.long_edge, spec.long_edge), Image.Resampling.LANCZOS)
        name = f"{stem}-{spec.name}.jpg"
        final = self.directory / name
        partial = self.directory / f".{name}.part"
        written.append(partial)
        copy.save(
            partial, "JPEG", quality=spec.quality, optimize=True, progressive=True,
            subsampling=0 if spec.long_edge is None else 2,
        )
        os.replace(partial, final)
        written.append(final)
        return Rendition(spec.name, f"/media/{name}", "image/jpeg", copy.width, copy.height)

    # -- reading ---------------------------------------------------------------------------
    def get(self, uri: str) -> Association:
        with self.db.read() as conn:
            return media_store.by_uri(conn, uri)

    def recent(self, limit: int = 50) -> list[Association]:
        with self.db.read() as conn:
            return media_store.recent(conn, limit)

    def with_caption(self, association: Association, caption: str) -> Association:
        """The same photo with a caption of its own (one photo, several stories)."""
        return replace(association, caption=clean_text(caption, "caption", limit=2000) or "")

    def locate(self, name: str) -> StoredFile:
        """The file behind ``/media/<name>``; anything but one of our names is not found."""
        match = NAME_PATTERN.match(name)
        if match is None:
            raise NotFound("no such photo", field="file")
        path = self.directory / name
        if not path.is_file():
            raise NotFound("no such photo", field="file")
        return StoredFile(path, match.group(2))


def _clean_copy(image: Image.Image) -> Image.Image:
    """The pixels only, on a fresh RGB canvas: nothing from ``image.info`` survives."""
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    canvas = Image.new("RGB", image.size, (255, 255, 255))
    if has_alpha:
        rgba = image.convert("RGBA")
        canvas.paste(rgba, mask=rgba.getchannel("A"))
    else:
        canvas.paste(image.convert("RGB"))
    return canvas
