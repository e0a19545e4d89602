"""The media library: uploads of photos, graphics and video, and their renditions.

An upload is judged on its bytes, never on its name or declared type: photos
(``services.photos``), SVG and PDF graphics (``services.graphics``) and MP4/MOV/WebM
video (``services.video``). Everything is written into a staging directory of the
storage (``store.blobs``) and made visible, together with the database row, only when
the whole upload succeeded: a refused or failed upload leaves nothing behind.

Renditions, by type (file names: ``<id>-<rendition>.<ext>``, 32 random hex digits):

* picture: ``thumbnail`` (320 px), ``web`` (1280 px) and ``print`` (full size) JPEGs,
  and the ``original`` file, all with caption, creator, credit and copyright embedded
  and no GPS or camera serials;
* graphic: ``web`` and ``original`` (the checked SVG, or the PDF);
* video: ``original`` at once; ``poster`` and ``thumbnail`` JPEGs and the ``web``
  H.264/AAC MP4 from a background job, the item ``processing`` until then, ``ready``
  or ``failed`` with the reason after.

Who may fetch which rendition is decided in ``web/media.py`` (``PUBLIC_RENDITIONS``
travel with every story; the rest need a live, entitled subscription).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import queue
import re
import secrets
import threading
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from PIL import Image

from newsflow.config import Settings
from newsflow.core.clock import Clock, utcnow
from newsflow.core.editing import clean_text, normalize_language
from newsflow.core.media import MediaItem, MediaMetadata, MediaStatus
from newsflow.core.story import Association, ContentType, MediaRole, Rendition
from newsflow.errors import Conflict, InvalidInput, NotFound, PayloadTooLarge
from newsflow.services import exiftool, graphics, photos, video
from newsflow.store import media as media_store
from newsflow.store.blobs import LocalDiskStorage, MediaStorage
from newsflow.store.database import Database

log = logging.getLogger("newsflow.media")

EXTENSION_TYPES = {
    "jpg": "image/jpeg", "png": "image/png", "webp": "image/webp", "tif": "image/tiff",
    "svg": "image/svg+xml", "pdf": "application/pdf",
    "mp4": "video/mp4", "mov": "video/quicktime", "webm": "video/webm",
}
NAME_PATTERN = re.compile(
    r"^([0-9a-f]{32})-(thumbnail|web|print|original|poster)\.(" + "|".join(EXTENSION_TYPES) + r")$"
)
ID_PATTERN = re.compile(r"^[0-9a-f]{32}$")
ACCEPTED = "JPEG, PNG, WebP or TIFF photos, SVG or PDF graphics, MP4, MOV or WebM video"
_CHUNK = 1 << 20
PROGRESS_STEP = 5  # percent between two stored progress values of a video job


@dataclass(frozen=True, slots=True)
class StoredFile:
    path: Path
    media_id: str
    rendition: str
    mimetype: str

    @property
    def is_video_file(self) -> bool:
        return self.mimetype.startswith("video/")


class MediaLibrary:
    def __init__(
        self, db: Database, settings: Settings, *, clock: Clock = utcnow, storage: MediaStorage | None = None
    ) -> None:
        self.db = db
        self.settings = settings
        self.clock = clock
        self.storage: MediaStorage = storage or LocalDiskStorage(settings.media_dir)
        self.transcoder = video.Transcoder(web_height=settings.video_web_height)
        self._jobs: queue.Queue[str | None] = queue.Queue(maxsize=10_000)
        self._worker: threading.Thread | None = None
        self._worker_lock = threading.Lock()

    @property
    def directory(self) -> Path:
        return self.settings.media_dir

    def href(self, name: str) -> str:
        """A file's absolute URL: documents travel to other systems, which need the host."""
        return f"{self.settings.base_url.rstrip('/')}/media/{name}"

    # -- upload ----------------------------------------------------------------------------
    def upload(
        self,
        source: BinaryIO | bytes,
        *,
        caption: str | None = None,
        byline: str | None = None,
        credit: str | None = None,
        copyright: str | None = None,
        language: str | None = None,
    ) -> MediaItem:
        """Check, clean and store one file; returns the new media item."""
        editor = MediaMetadata(
            caption=clean_text(caption, "caption", limit=2000) or "",
            byline=clean_text(byline, "byline", limit=200) or "",
            credit=clean_text(credit, "credit", limit=200) or "",
            copyright=clean_text(copyright, "copyright", limit=500) or "",
            language=normalize_language(language) if language else "",
        )
        self.directory.mkdir(parents=True, exist_ok=True)
        staged = self.storage.stage()
        try:
            upload, head = self._receive(source, staged)
            stem = secrets.token_hex(16)
            if photos.sniff(head):
                item = self._photo(upload, staged, stem, editor)
            elif graphics.looks_like_svg(head) or graphics.looks_like_pdf(head):
                item = self._graphic(upload, staged, stem, editor)
            elif video.looks_like_video(head):
                item = self._video(upload, staged, stem, editor)
            else:
                raise InvalidInput(f"the file is not one of the accepted kinds ({ACCEPTED})", field="file")
            self._store(item, staged)
        except BaseException:
            self.storage.discard(staged)
            raise
        if item.status is MediaStatus.PROCESSING:
            self._submit(item.id)
        return item

    def _receive(self, source: BinaryIO | bytes, staged: Path) -> tuple[Path, bytes]:
        """The upload copied to ``staged/.upload``, within the limit for what it turns out to be."""
        if isinstance(source, bytes | bytearray):
            data = bytes(source)
            source_read = iter([data[i:i + _CHUNK] for i in range(0, len(data), _CHUNK)] or [b""])
            first = next(source_read)
        else:
            first = source.read(_CHUNK)
            source_read = iter(lambda: source.read(_CHUNK), b"")
        if not first:
            raise InvalidInput("the file is empty", field="file")
        is_video = video.looks_like_video(first[:64])
        limit = self.settings.max_video_bytes if is_video else self.settings.max_upload_bytes
        target = staged / ".upload"
        written = 0
        with target.open("wb") as out:
            for chunk in _chain(first, source_read):
                written += len(chunk)
                if written > limit:
                    kind = "video" if is_video else "file"
                    raise PayloadTooLarge(f"the {kind} is larger than {limit} bytes", field="file")
                out.write(chunk)
        return target, first[:4096]

    def _photo(self, upload: Path, staged: Path, stem: str, editor: MediaMetadata) -> MediaItem:
        data = upload.read_bytes()
        decoded = photos.decode(data, max_pixels=self.settings.max_image_pixels)
        metadata = decoded.metadata.overlaid(editor)
        renditions = photos.write_renditions(decoded.image, metadata, staged, stem, href=self.href)
        width, height = decoded.image.size
        if exiftool.available():
            ext = photos.EXTENSIONS[decoded.format]
            name = f"{stem}-original.{ext}"
            upload.rename(staged / name)
            renditions.append(Rendition("original", self.href(name), photos.MIMETYPES[decoded.format], width, height))
            exiftool.tag([staged / _file(r) for r in renditions], metadata)
        return self._item(stem, ContentType.PICTURE, metadata, renditions, staged,
                          details={"format": decoded.format.lower(), "width": width, "height": height})

    def _graphic(self, upload: Path, staged: Path, stem: str, editor: MediaMetadata) -> MediaItem:
        data = upload.read_bytes()
        graphic = graphics.svg(data) if graphics.looks_like_svg(data[:4096]) else graphics.pdf(data)
        renditions = []
        for name in ("web", "original") if graphic.extension == "svg" else ("original",):
            file_name = f"{stem}-{name}.{graphic.extension}"
            (staged / file_name).write_bytes(graphic.data)
            renditions.append(Rendition(name, self.href(file_name), graphic.mimetype, graphic.width, graphic.height))
        return self._item(stem, ContentType.GRAPHIC, editor, renditions, staged, details={"format": graphic.extension})

    def _video(self, upload: Path, staged: Path, stem: str, editor: MediaMetadata) -> MediaItem:
        info = video.probe(upload, max_seconds=self.settings.max_video_seconds)
        name = f"{stem}-original.{info.container}"
        upload.rename(staged / name)
        original = Rendition("original", self.href(name), info.mimetype, info.width, info.height,
                             duration=round(info.duration, 3))
        item = self._item(stem, ContentType.VIDEO, editor, [original], staged, details=info.details())
        return replace(item, status=MediaStatus.PROCESSING)

    def _item(
        self, stem: str, type: ContentType, metadata: MediaMetadata, renditions: list[Rendition], staged: Path,
        *, details: dict[str, object],
    ) -> MediaItem:
        sized = tuple(replace(r, size=(staged / _file(r)).stat().st_size) for r in renditions)
        return MediaItem(
            id=stem, uri=f"urn:newsflow:{self.settings.agency}:media:{stem}", type=type,
            status=MediaStatus.READY, metadata=metadata, renditions=sized, created=self.clock(),
            details=tuple(details.items()),
        )

    def _store(self, item: MediaItem, staged: Path) -> None:
        """The row and the files together: files move in just before the row commits."""
        names: list[str] = []
        try:
            with self.db.write() as tx:
                media_store.insert(tx.conn, item)
                names = self.storage.commit(staged)
        except BaseException:
            self.storage.delete(names)
            raise

    # -- reading ---------------------------------------------------------------------------
    def uri_of(self, media_id: str) -> str:
        """The uri of a media id (the ``id`` of the upload answer) or of a uri given as is."""
        if isinstance(media_id, str) and ID_PATTERN.match(media_id):
            return f"urn:newsflow:{self.settings.agency}:media:{media_id}"
        if isinstance(media_id, str) and media_id.startswith(f"urn:newsflow:{self.settings.agency}:media:"):
            return media_id
        raise NotFound("no such media item", field="media_id")

    def get(self, media_id: str) -> MediaItem:
        uri = self.uri_of(media_id)
        with self.db.read() as conn:
            return media_store.by_uri(conn, uri)

    def many(self, media_ids: Iterable[str]) -> list[MediaItem]:
        uris = [self.uri_of(m) for m in media_ids]
        with self.db.read() as conn:
            found = media_store.by_uris(conn, uris)
        missing = [u for u in uris if u not in found]
        if missing:
            raise NotFound(f"no media item {missing[0].rsplit(':', 1)[-1]}", field="media_id")
        return [found[u] for u in uris]

    def ready(self, media_id: str) -> MediaItem:
        """The item, if it can go into a story now (a video being processed cannot)."""
        return _usable(self.get(media_id))

    def association(self, media_id: str, role: MediaRole | None, *, caption: str | None = None) -> Association:
        caption = clean_text(caption, "caption", limit=2000) if caption is not None else None
        return self.ready(media_id).association(role, caption=caption)

    def for_story(self, story_type: ContentType, media_ids: list[str]) -> tuple[Association, ...]:
        """What a story created with ``media_id(s)`` carries.

        A picture, video or graphic story is the item itself (a picture story with several
        items is a gallery); a text story given media leads with the first.
        """
        if not media_ids:  # media can still be added later (POST /stories/{id}/media)
            return ()
        if len(set(media_ids)) != len(media_ids):
            raise InvalidInput("a media item is given twice", field="media_ids")
        items = [_usable(item) for item in self.many(media_ids)]
        if story_type is ContentType.TEXT:
            return tuple(item.association(MediaRole.LEAD if i == 0 else MediaRole.INLINE) for i, item in enumerate(items))
        wrong = next((item for item in items if item.type is not story_type), None)
        if wrong is not None:
            raise InvalidInput(f"media item {wrong.id} is a {wrong.type.value}, not a {story_type.value}", field="media_id")
        if len(items) > 1 and story_type is not ContentType.PICTURE:
            raise InvalidInput("only a picture story holds several items (a gallery)", field="media_ids")
        role = MediaRole.GALLERY if len(items) > 1 else None
        return tuple(item.association(role) for item in items)

    def recent(self, limit: int = 50, *, type: ContentType | None = None) -> list[MediaItem]:
        with self.db.read() as conn:
            return media_store.recent(conn, limit, type=type)

    def locate(self, name: str) -> StoredFile:
        """The file behind ``/media/<name>``; anything but one of our names is not found."""
        match = NAME_PATTERN.match(name)
        path = self.storage.local_path(name) if match else None
        if match is None or path is None:
            raise NotFound("no such media file", field="file")
        return StoredFile(path, match.group(1), match.group(2), EXTENSION_TYPES[match.group(3)])

    # -- video jobs ------------------------------------------------------------------------
    def _submit(self, media_id: str) -> None:
        try:
            self._jobs.put_nowait(media_id)
        except queue.Full:  # stays "processing"; resumed on the next start
            log.warning("media: job queue full, %s resumes on restart", media_id)
            return
        with self._worker_lock:
            if self._worker is None or not self._worker.is_alive():
                self._worker = threading.Thread(target=self._work, name="media-jobs", daemon=True)
                self._worker.start()

    def _work(self) -> None:
        while (media_id := self._jobs.get()) is not None:
            try:
                self.process(media_id)
            except Exception:  # one broken job must not stop the others
                log.exception("media: job %s", media_id)

    async def run(self) -> None:
        """Resume the jobs a stopped server left ``processing``; stop ffmpeg on shutdown."""
        with self.db.read() as conn:
            pending = media_store.processing(conn)
        for item in pending:
            self._submit(item.id)
        try:
            await asyncio.Event().wait()
        finally:
            self.transcoder.stop()
            with contextlib.suppress(queue.Full):
                self._jobs.put_nowait(None)

    def process(self, media_id: str) -> MediaItem:
        """Write a video's poster, thumbnail and ``web`` rendition; the item ends ready or failed."""
        item = self.get(media_id)
        if item.status is not MediaStatus.PROCESSING:
            return item
        original = next(r for r in item.renditions if r.name == "original")
        staged = self.storage.stage()
        try:
            source = self.storage.local_path(_file(original)) or self.storage.fetch(_file(original), staged)
            info = video.probe(source, max_seconds=self.settings.max_video_seconds)
            self.transcoder.check_codecs(info)
            poster = staged / f"{item.id}-poster.jpg"
            self.transcoder.poster(source, poster, info)
            thumb = staged / f"{item.id}-thumbnail.jpg"
            with Image.open(poster) as frame:
                size = frame.size
                small = frame.convert("RGB")
                small.thumbnail((320, 320))
                small.save(thumb, "JPEG", quality=80)
            web = staged / f"{item.id}-web.mp4"
            self.transcoder.web(source, web, info, on_progress=self._progress_of(item))
            out = video.probe(web, max_seconds=self.settings.max_video_seconds + 60)
            renditions = (
                original,
                Rendition("web", self.href(web.name), "video/mp4", out.width, out.height,
                          web.stat().st_size, round(out.duration, 3)),
                Rendition("poster", self.href(poster.name), "image/jpeg", size[0], size[1], poster.stat().st_size),
                Rendition("thumbnail", self.href(thumb.name), "image/jpeg", small.width, small.height,
                          thumb.stat().st_size),
            )
            ready = replace(item, status=MediaStatus.READY, renditions=renditions, error=None, progress=100)
            self._store_processed(ready, staged)
            return ready
        except (video.TranscodeFailed, InvalidInput, OSError) as exc:
            self.storage.discard(staged)
            reason = exc.detail if isinstance(exc, InvalidInput) else str(exc)
            failed = replace(item, status=MediaStatus.FAILED, error=reason or type(exc).__name__)
            with self.db.write() as tx:
                media_store.save(tx.conn, failed)
            log.info("media: %s failed: %s", media_id, failed.error)
            return failed

    def record_progress(self, media_id: str, percent: int) -> None:
        """Store how far a processing item's job is, for the API and the desk."""
        with self.db.write() as tx:
            media_store.set_progress(tx.conn, self.uri_of(media_id), max(0, min(100, percent)))

    def _progress_of(self, item: MediaItem) -> video.Progress:
        """A progress callback that writes every ``PROGRESS_STEP`` percent, not every line."""
        written = [0]

        def report(percent: int) -> None:
            if percent - written[0] >= PROGRESS_STEP and percent < 100:
                written[0] = percent
                self.record_progress(item.id, percent)

        return report

    def _store_processed(self, item: MediaItem, staged: Path) -> None:
        names: list[str] = []
        try:
            with self.db.write() as tx:
                media_store.save(tx.conn, item)
                names = self.storage.commit(staged)
        except BaseException:
            self.storage.delete(names)
            self.storage.discard(staged)
            raise


def _usable(item: MediaItem) -> MediaItem:
    if item.status is MediaStatus.PROCESSING:
        raise Conflict(f"media item {item.id} is still being processed; try again when it is ready", field="media_id")
    if item.status is MediaStatus.FAILED:
        raise Conflict(f"media item {item.id} failed ({item.error}) and cannot be published", field="media_id")
    return item


def _file(r: Rendition) -> str:
    return r.href.rsplit("/", 1)[-1]


def _chain(first: bytes, rest: Iterable[bytes]) -> Iterable[bytes]:
    yield first
    yield from rest

