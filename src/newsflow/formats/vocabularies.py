"""Controlled vocabularies shared by the standard formats.

ninjs wants concept *URIs*, NewsML-G2 wants *QCodes* (``scheme:code``); both name the same
concepts. The agency's own schemes (desk category, signals IPTC has no code for, the
public abbreviation) live under one URN prefix so a receiver can tell them apart.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import TypeVar
from urllib.parse import quote, unquote

from newsflow.core.story import Action, Representation
from newsflow.errors import InvalidInput

_E = TypeVar("_E", bound=StrEnum)

AGENCY_CV = "urn:newsflow:cv:"

# QCode scheme alias -> scheme URI. IPTC ones first, then the agency's.
SCHEMES: dict[str, str] = {
    "medtop": "http://cv.iptc.org/newscodes/mediatopic/",
    "subj": "http://cv.iptc.org/newscodes/subjectcode/",
    "nfcat": AGENCY_CV + "category:",
    "nfsig": AGENCY_CV + "signal:",
    "nfdrol": AGENCY_CV + "descriptionrole:",
}
AGENCY_SCHEMES = ("nfcat", "nfsig", "nfdrol")

CATEGORY_SCHEME = "nfcat"

# Signals: IPTC has codes for update and correction; a withdrawal is our own code.
SIGNAL_QCODES: dict[Action, str] = {
    Action.UPDATE: "sig:update",
    Action.CORRECT: "sig:correction",
    Action.WITHDRAW: "nfsig:withdraw",
}
SIGNALS_BY_QCODE = {qcode: action for action, qcode in SIGNAL_QCODES.items()}

# ninjs ``representationtype`` (2.x) / ``representationType`` (3.x) use the same words.
REPRESENTATION_TYPES = {Representation.FULL: "full", Representation.PARTIAL: "partial"}


def qcode_to_uri(qcode: str) -> str | None:
    """The concept URI of a QCode whose scheme we know, else ``None``."""
    scheme, sep, code = qcode.partition(":")
    base = SCHEMES.get(scheme)
    return base + quote(code, safe="-._~:/") if sep and base else None


def uri_to_qcode(uri: str) -> str | None:
    for scheme, base in SCHEMES.items():
        if uri.startswith(base) and len(uri) > len(base):
            return f"{scheme}:{unquote(uri[len(base):])}"
    return None


def category_qcode(category: str) -> str:
    return f"{CATEGORY_SCHEME}:{category}"


def category_from_qcode(qcode: str) -> str | None:
    scheme, sep, code = qcode.partition(":")
    return code if sep and scheme == CATEGORY_SCHEME and code else None


def timestamp(value: datetime) -> str:
    """RFC 3339 in UTC with a ``Z``: what both standards validate, stable for caching.

    A naive datetime is taken as UTC (the store keeps UTC).
    """
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    text = value.astimezone(UTC).isoformat()
    return text.removesuffix("+00:00") + "Z"


def parse_timestamp(text: str) -> datetime:
    """Inverse of :func:`timestamp`; accepts any RFC 3339 / ISO 8601 offset."""
    text = text.strip()
    value = datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith(("Z", "z")) else text)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def member(kind: type[_E], value: object, field: str) -> _E:
    """The ``kind`` member spelled ``value``, or an ``InvalidInput`` naming the field."""
    try:
        if not isinstance(value, str):
            raise ValueError(value)
        return kind(value)
    except ValueError:
        raise InvalidInput(f"unsupported {field} {value!r}", field=field) from None
