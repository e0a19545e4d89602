"""What admin pages share: the role check and reading list-valued form fields."""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import Depends
from starlette.datastructures import FormData

from newsflow.errors import InvalidInput, NewsflowError
from newsflow.services.accounts import Principal, Role
from newsflow.web.portal.auth import page_principal

AdminPage = Annotated[Principal, Depends(page_principal(Role.ADMIN))]

_SPLIT = re.compile(r"[\s,،]+")


def words(value: object) -> list[str]:
    """A free-text list (``ar, en`` or one per line) as items."""
    return [w for w in _SPLIT.split(str(value or "")) if w]


def checked(form: FormData, name: str) -> list[str]:
    """Every ticked checkbox called ``name``."""
    return [str(v) for v in form.getlist(name) if str(v)]


def optional_int(form: FormData, name: str) -> int | None:
    raw = str(form.get(name) or "").strip()
    if not raw:
        return None
    if not raw.isdigit():
        raise InvalidInput(f"{name} must be a whole number", field=name)
    return int(raw)


def problem(error: NewsflowError) -> dict[str, Any]:
    return {"detail": error.detail, "field": error.field}
