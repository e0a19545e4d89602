"""The subscription request form: validation, CSRF, honeypot and a per-IP rate limit.

* CSRF: the one scheme of every browser form (``web/portal/session.py``): the form
  carries the CSRF secret of the browser's signed session cookie in ``csrf_token``; the
  session middleware compares them and the route answers a mismatch in the reader's
  language. A cross-site page can neither read the cookie nor forge its signature.
* Spam: a honeypot field that people never see (a filled one is answered with the
  normal thank-you page and stored nowhere, so bots learn nothing), and a sliding
  window of submissions per client address.
* Validation happens here, on the server; the browser's own checks are a convenience.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from newsflow.services.leads import Lead
from newsflow.web.public.i18n import LANGUAGES

HONEYPOT_FIELD = "website"
_EMAIL = re.compile(r"^[^@\s<>()\[\],;:\"]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
LIMITS = {"organisation": 200, "contact_name": 200, "email": 254, "country": 100, "message": 4000}


@dataclass
class FormResult:
    values: dict[str, str] = field(default_factory=dict)
    languages: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)  # field -> i18n key

    @property
    def ok(self) -> bool:
        return not self.errors


def _clean(value: object) -> str:
    return _CONTROL.sub("", value).strip() if isinstance(value, str) else ""


def _choices(values: Sequence[object], allowed: Iterable[str]) -> tuple[list[str], bool]:
    allowed_set = set(allowed)
    picked = [v for v in (_clean(x) for x in values) if v]
    return [v for v in picked if v in allowed_set], all(v in allowed_set for v in picked)


def validate(
    single: Mapping[str, object], multi: Mapping[str, Sequence[object]], *, categories: Iterable[str]
) -> FormResult:
    """Check every field; errors name the i18n key of the message to show."""
    result = FormResult()
    for name in ("organisation", "contact_name", "email", "country", "message"):
        value = _clean(single.get(name))
        result.values[name] = value[: LIMITS[name] + 1]
        if len(value) > LIMITS[name]:
            result.errors[name] = "too_long"
    for name in ("organisation", "contact_name", "email"):
        if not result.values[name] and name not in result.errors:
            result.errors[name] = "required"
    email = result.values["email"]
    if email and "email" not in result.errors and not _EMAIL.match(email):
        result.errors["email"] = "invalid_email"
    result.languages, langs_ok = _choices(multi.get("languages", ()), LANGUAGES)
    result.categories, cats_ok = _choices(multi.get("categories", ()), categories)
    if not langs_ok:
        result.errors["languages"] = "invalid_choice"
    if not cats_ok:
        result.errors["categories"] = "invalid_choice"
    return result


def to_lead(result: FormResult, ui_language: str) -> Lead:
    v = result.values
    return Lead(
        organisation=v["organisation"],
        contact_name=v["contact_name"],
        email=v["email"],
        country=v["country"] or None,
        languages=tuple(result.languages),
        categories=tuple(result.categories),
        message=v["message"] or None,
        ui_language=ui_language,
    )
