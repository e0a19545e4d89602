"""What every desk page shares: the role check, the navigation, the error message."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from newsflow.errors import NewsflowError
from newsflow.services.accounts import Principal, Role
from newsflow.web.portal.auth import page_principal

EDITORS = (Role.EDITOR, Role.ADMIN)
EditorPage = Annotated[Principal, Depends(page_principal(*EDITORS))]

STATUSES = ("draft", "embargoed", "published", "withdrawn")


def problem(error: NewsflowError) -> dict[str, str | None]:
    """An error for a template: the domain's sentence and the field it names."""
    return {"detail": error.detail, "field": error.field}
