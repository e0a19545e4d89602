"""Use cases behind the agency-compatible API: who is calling, what they may list and fetch.

Three rules hold for every ``/abone/`` answer:

* the caller is a subscriber user (HTTP Basic, checked by ``Accounts.login`` with its
  argon2 hashes and lockout), whose subscription is loaded *now* (``live_entitlement``);
* only released, published versions the caller is entitled to come back. The listing
  applies the entitlement in SQL (``store.catalog``); a document goes through
  ``Delivery.document`` (entitlement check, download recorded against the daily limit,
  render-once cache);
* one user may not call more often than ``Settings.compat_min_interval_ms``
  (``services.intervals``: in PostgreSQL for every node, 429 with ``Retry-After``).

``newsml29`` and ``newsml12`` are rendered here, in the agency shape (``formats.agency_g2``,
``formats.newsml12``), by this API's own render-once cache; other formats share the
delivery path. A photo travels with its story: its agency id is the story's with the
photo's key appended, and downloading it (``web``/``print``) needs the story's rights
and pictures in the subscription.

A withdrawn story is not listed. Its document, for a caller who was entitled to it, is
the canceled item in the *partial* representation: pubstatus canceled, the reason, no
body — so client software learns to take it down without receiving the text again.
That notice is not counted as a download. Drafts and stories still held by an embargo
are unknown (404), so not even their existence shows.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from newsflow.core.clock import Clock, utcnow
from newsflow.core.entitlements import Entitlement
from newsflow.core.language import primary_language
from newsflow.core.story import ContentType, Representation, StoryStatus, StoryVersion
from newsflow.errors import (
    AuthenticationFailed,
    InvalidInput,
    NotFound,
    PermissionDenied,
)
from newsflow.formats import AgencyNames, agency_formats
from newsflow.formats.agency import photo_key, photos
from newsflow.search import MAX_LIMIT as SEARCH_PAGE
from newsflow.search import SearchIndex, SearchQuery, Visibility
from newsflow.services.accounts import Accounts, Principal, Role
from newsflow.services.delivery import Delivery, Document
from newsflow.services.intervals import Interval, MinimumInterval
from newsflow.services.lru import TtlCache
from newsflow.services.media import MediaLibrary
from newsflow.services.rendering import Renderer
from newsflow.services.subscribers import Subscribers
from newsflow.store import catalog
from newsflow.store import subscribers as subscriber_store
from newsflow.store.catalog import CatalogQuery
from newsflow.store.catalog import CatalogRow as CatalogRow  # re-exported for the /abone/ edge
from newsflow.store.catalog import Facets as Facets
from newsflow.store.database import Database

FullText = Callable[[str, Entitlement], list[int]]  # (query, rights) -> matching story ids
AGENCY_FORMATS = ("newsml29", "newsml12")
PICTURE_SIZES = ("web", "print")
VIDEO_SIZES = ("web", "original", "poster")  # the H.264 MP4, the file as uploaded, the poster JPEG
MEDIA_SIZES = ("web", "print", "original", "poster")
PREFERRED_SIZES = {"picture": ("print", "web"), "graphic": ("print", "web"), "video": ("web", "original", "poster")}


def sizes_of(kind: ContentType | str) -> tuple[str, ...]:
    """The sizes a carried item (or a media item) of this type is delivered in."""
    return VIDEO_SIZES if ContentType(kind) is ContentType.VIDEO else PICTURE_SIZES

__all__ = ["AGENCY_FORMATS", "MEDIA_SIZES", "PICTURE_SIZES", "VIDEO_SIZES", "Caller", "Compat", "MinimumInterval", "Picture", "Search"]


def full_text_search(index: SearchIndex) -> FullText:
    """Adapt the search index to story ids matching a text under the caller's rights.

    Without it ``search_string`` falls back to a headline match (``store.catalog``).
    """

    def match(text: str, ent: Entitlement) -> list[int]:
        ids: list[int] = []
        while len(ids) < catalog.MAX_IDS:
            result = index.search(SearchQuery(
                q=text, sort="time", offset=len(ids), limit=SEARCH_PAGE, facets=False,
                visibility=Visibility.subscriber(ent),
            ))
            ids.extend(h.story_id for h in result.hits if not h.withdrawn)
            if len(result.hits) < SEARCH_PAGE:
                break
        return ids

    return match


class VerifiedLogins:
    """Successful Basic logins remembered for ``ttl`` seconds, keyed by an HMAC of both parts.

    Agency clients send Basic credentials on every call; argon2 is meant to be slow
    (tens of milliseconds, far more under load), so verifying it per request would cap
    the API at a few requests per second per core. Only *successes* are remembered —
    a wrong password always goes through argon2 and the lockout — and the subscription
    is still loaded on every request, so deactivation, expiry and revocation act at
    once. A remembered login is used only while its user is active under the same
    session epoch (``Accounts.current``), so a password change or a deactivation made
    on any node refuses it there too. The key is an HMAC with a per-process random key:
    the table holds no password or reusable hash.
    """

    def __init__(self, ttl: float = 60.0, *, max_entries: int = 10_000,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self.ttl = ttl
        self._key = secrets.token_bytes(32)
        self._seen: TtlCache[bytes, Principal] = TtlCache(max_entries, ttl, now=monotonic)

    def _digest(self, username: str, password: str) -> bytes:
        message = username.encode("utf-8", "surrogatepass") + b"\0" + password.encode("utf-8", "surrogatepass")
        return hmac.new(self._key, message, hashlib.sha256).digest()

    def get(self, username: str, password: str) -> Principal | None:
        return self._seen.get(self._digest(username, password))

    def put(self, username: str, password: str, principal: Principal) -> None:
        self._seen.put(self._digest(username, password), principal)


@dataclass(frozen=True, slots=True)
class Caller:
    principal: Principal
    entitlement: Entitlement

    @property
    def subscriber_id(self) -> int:
        return self.entitlement.subscriber_id


@dataclass(frozen=True, slots=True)
class Picture:
    """A photo rendition to send: a local file, or else the address it lives at."""

    path: Path | None
    href: str
    mimetype: str


@dataclass(frozen=True, slots=True)
class Search:
    """A compatible search, already mapped from agency ids to newsflow values."""

    filters: tuple[Facets, ...] = ()
    start: datetime | None = None
    end: datetime | None = None
    text: str | None = None
    offset: int = 0
    limit: int = 20


class Compat:
    def __init__(
        self,
        db: Database,
        accounts: Accounts,
        subscribers: Subscribers,
        delivery: Delivery,
        renderer: Renderer,
        *,
        min_interval_ms: int,
        clock: Clock = utcnow,
        full_text: FullText | None = None,
        names: AgencyNames | None = None,
        media: MediaLibrary | None = None,
        interval: Interval | None = None,
    ) -> None:
        self.db = db
        self.accounts = accounts
        self.subscribers = subscribers
        self.delivery = delivery
        self.renderer = renderer
        self.clock = clock
        self.full_text = full_text
        self.limiter: Interval = interval or MinimumInterval(min_interval_ms / 1000)
        self.names = names or AgencyNames()
        self.media = media
        self.agency = Renderer(formats=agency_formats(self.names))  # newsml29, newsml12
        self.logins = VerifiedLogins()

    # -- who is calling --------------------------------------------------------------------
    def authenticate(self, credentials: tuple[str, str] | None, client_ip: str | None) -> Caller:
        if credentials is None:
            raise AuthenticationFailed("send HTTP Basic credentials (username and password)")
        principal = self.logins.get(*credentials)
        if principal is not None and not self.accounts.current(principal):
            principal = None  # the password changed or the user was deactivated since
        if principal is None:
            principal = self.accounts.login(*credentials)
            self.logins.put(*credentials, principal)
        if principal.role is not Role.SUBSCRIBER or principal.subscriber_id is None:
            raise PermissionDenied("the compatible API is for subscriber accounts")
        self.limiter.check(f"user:{principal.user_id}")
        return Caller(principal, self.entitlement(principal.subscriber_id, client_ip))

    def entitlement(self, subscriber_id: int, client_ip: str | None) -> Entitlement:
        try:
            return self.subscribers.live_entitlement(subscriber_id, client_ip)
        except NotFound:  # a deleted subscriber: its links and logins are simply refused
            raise PermissionDenied("the subscription is inactive or expired") from None

    def packages(self) -> list[tuple[int, str]]:
        with self.db.read() as conn:
            return [(r.id, r.name) for r in subscriber_store.list_packages(conn)]

    def package_facets(self, package_ids: tuple[int, ...]) -> Facets:
        """The union of what the named packages cover (a package's empty list is "any")."""
        with self.db.read() as conn:
            rows = {r.id: r for r in subscriber_store.list_packages(conn)}
        dims: dict[str, set[str] | None] = {"categories": set(), "languages": set(), "types": set(), "priorities": set()}
        for pid in package_ids:
            if pid not in rows:
                raise InvalidInput(f"unknown filter_package id {pid}", field="filter_package")
            for name in dims:
                values = json.loads(getattr(rows[pid], name) or "[]")
                current = dims[name]
                if not values or current is None:
                    dims[name] = None
                else:
                    current.update(primary_language(v) if name == "languages" else v for v in values)
        return Facets(*(tuple(sorted(v)) if v else () for v in dims.values()))

    def subscription(self, caller: Caller) -> dict[str, Any]:
        return self.subscribers.get(caller.subscriber_id)

    # -- listing ---------------------------------------------------------------------------
    def search(self, caller: Caller, search: Search) -> tuple[list[CatalogRow], int]:
        ent = caller.entitlement
        start = search.start
        if ent.archive_days is not None:
            horizon = self.clock() - timedelta(days=ent.archive_days)
            start = horizon if start is None or start < horizon else start
        rights = Facets(
            tuple(sorted(ent.categories)), tuple(sorted(ent.languages)),
            tuple(sorted(ent.types)), tuple(sorted(ent.priorities)),
        )
        query = CatalogQuery(
            constraints=(rights, *search.filters), start=start, end=search.end,
            offset=search.offset, limit=search.limit,
        )
        if search.text:
            if self.full_text is not None:
                query = replace(query, story_ids=tuple(self.full_text(search.text, ent)))
            else:
                query = replace(query, headline=search.text)
        with self.db.read() as conn:
            return catalog.search(conn, query)

    # -- documents -------------------------------------------------------------------------
    def locate(self, story_id: int, type: str | None = None, day: date | None = None) -> CatalogRow:
        """The story behind an agency id, if the id is exactly one we hand out."""
        with self.db.read() as conn:
            row = catalog.describe(conn, story_id)
        if (
            row is None
            or row.status not in (StoryStatus.PUBLISHED.value, StoryStatus.WITHDRAWN.value)
            or (type is not None and row.type != type)
            or (day is not None and row.firstcreated.date() != day)
        ):
            raise NotFound("no such document", field="id")
        return row

    def group(self, root_id: int) -> list[CatalogRow]:
        with self.db.read() as conn:
            return catalog.group(conn, root_id)

    def check(self, ent: Entitlement, row: CatalogRow) -> StoryVersion:
        """The current version as this entitlement sees it, if it may have it now (403 otherwise)."""
        return ent.visible(self._allowed(ent, row))

    def _allowed(self, ent: Entitlement, row: CatalogRow) -> StoryVersion:
        v = self.delivery.load(row.story_id, row.version)
        if not ent.allows_version(v, self.clock()):
            raise PermissionDenied("your subscription does not include this document")
        return v

    def document(self, ent: Entitlement, row: CatalogRow, fmt: str) -> Document:
        """Full document (counted) for a published story; the canceled notice if withdrawn."""
        v = self.check(ent, row)
        renderer = self.agency if fmt in AGENCY_FORMATS else self.renderer
        if v.is_withdrawn:
            data = renderer.render(v, fmt, Representation.PARTIAL)
            return Document(data, renderer.media_type(fmt), v, fmt)
        if fmt not in AGENCY_FORMATS:
            return self.delivery.document(ent, row.story_id, row.version, fmt)
        self.subscribers.record_download(ent, v.story_id, v.version, fmt)
        return Document(self.agency.render(v, fmt, Representation.FULL), self.agency.media_type(fmt), v, fmt)

    def picture(self, ent: Entitlement, row: CatalogRow, key: str | None, size: str) -> Picture:
        """A photo in the ``web`` or ``print`` size, a video as ``web``, ``original`` or
        ``poster`` (counted as a download).

        ``key`` names an item carried by the story; without one the story is itself a
        picture, graphic or video item and its own file is sent.
        """
        v = self._allowed(ent, row)  # an item of a type not subscribed is refused below (403)
        if v.is_withdrawn:
            raise NotFound("the document was withdrawn", field="id")
        photo = next((p for p in photos(v) if key is None or photo_key(p) == key), None)
        if photo is None:
            raise NotFound("no such picture", field="id")
        kind = ContentType(photo.type).value
        if size not in sizes_of(kind):
            raise InvalidInput(f"a {kind} is delivered as {' or '.join(sizes_of(kind))}, not {size!r}", field="format")
        if not ent.allows_rendition(kind, size):
            raise PermissionDenied(f"your subscription does not include {kind} items in the {size} size")
        rendition = photo.rendition(size)
        if rendition is None:
            raise NotFound(f"this picture has no {size!r} size", field="format")
        self.subscribers.record_download(ent, v.story_id, v.version, size)
        return Picture(self._local(rendition.href), rendition.href, rendition.mimetype or "image/jpeg")

    def _local(self, href: str) -> Path | None:
        """The file behind one of our ``/media/`` addresses; None for anything else."""
        _, sep, name = href.rpartition("/media/")
        if not sep or self.media is None:
            return None
        try:
            return self.media.locate(name).path
        except NotFound:
            return None

    def media_links(self, ent: Entitlement, row: CatalogRow, size: str | None) -> list[tuple[str, str, str]]:
        """``(agency id, type, size)`` of each item the story carries that the caller may
        download: in ``size``, or (None) the best size the item has and the caller may have."""
        v = self.check(ent, row)
        if v.is_withdrawn:
            return []
        out = []
        for p in photos(v):
            kind = p.type.value
            choices = (size,) if size else PREFERRED_SIZES[kind]
            chosen = next((s for s in choices if s in sizes_of(kind) and p.rendition(s) is not None
                           and ent.allows_rendition(kind, s)), None)
            if chosen is not None:
                out.append((self.names.photo_id(v, p), kind, chosen))
        return out
