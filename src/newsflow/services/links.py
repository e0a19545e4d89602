"""Signed download links for ``/abone/token`` and ``/abone/multitoken``: valid 24 hours.

A link names the subscriber, the story (and, for a photo, its key) and the format, signed with
``Settings.secret_key`` (itsdangerous, HMAC-SHA1 over a timestamped payload). It pins no
version: when it is used the subscription is checked again and the story's current
version is served, so a link issued before a revocation or a withdrawal delivers nothing
it should not.
"""

from __future__ import annotations

from dataclasses import dataclass

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from newsflow.errors import NotFound, PermissionDenied

MAX_AGE_SECONDS = 24 * 3600
_SALT = "newsflow.abone.link"


@dataclass(frozen=True, slots=True)
class LinkGrant:
    subscriber_id: int
    story_id: int
    format: str
    photo: str | None = None  # the key of a photo carried by the story


class LinkSigner:
    def __init__(self, secret_key: str, *, max_age: int = MAX_AGE_SECONDS) -> None:
        if not secret_key:
            raise ValueError("signed links need Settings.secret_key")
        self._serializer = URLSafeTimedSerializer(secret_key, salt=_SALT)
        self.max_age = max_age

    def sign(self, grant: LinkGrant) -> str:
        payload: list[object] = [grant.subscriber_id, grant.story_id, grant.format]
        if grant.photo:
            payload.append(grant.photo)
        return self._serializer.dumps(payload)

    def verify(self, token: str) -> LinkGrant:
        try:
            subscriber_id, story_id, fmt, *rest = self._serializer.loads(token, max_age=self.max_age)
        except SignatureExpired:
            raise PermissionDenied("this link has expired; ask for a new token") from None
        except (BadSignature, ValueError, TypeError):
            raise NotFound("no such link", field="token") from None
        photo = rest[0] if len(rest) == 1 else None
        if not (isinstance(subscriber_id, int) and isinstance(story_id, int) and isinstance(fmt, str)
                and len(rest) <= 1 and (photo is None or isinstance(photo, str))):
            raise NotFound("no such link", field="token")
        return LinkGrant(subscriber_id, story_id, fmt, photo)
