"""The portal's Jinja2 environment and ``render``, the one way pages are answered.

``render(request, "wire/index.html", {...})`` adds to every page's context:

* ``lang`` ("ar" | "en" | "tr") and ``dir`` ("rtl" for Arabic) for ``<html lang dir>``;
* ``_`` / ``gettext`` / ``ngettext`` bound to that language (``{% trans %}`` works too);
* ``csrf_token`` for forms (``<input type="hidden" name="csrf_token" value="{{ csrf_token }}">``);
* ``portal_area`` ("wire" | "desk" | "admin": where the log-out button posts),
* ``principal`` (the ``Principal`` the page dependency resolved, or None), ``request``,
  ``languages`` (code → native name) for the switcher, and ``path`` (for ``next=``).

Templates live under ``src/newsflow/web/portal/templates/``; every page extends
``portal/base.html`` (blocks ``title``, ``nav``, ``content``, ``scripts``; also ``head``
and ``area`` for the header's area name). Autoescape is on for everything.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from newsflow.web.portal import i18n
from newsflow.web.portal.session import csrf_token, session_of

TEMPLATE_DIR = Path(__file__).parent / "templates"
_language: ContextVar[str] = ContextVar("portal_language", default=i18n.DEFAULT)


def _gettext(message: str) -> str:
    return i18n.gettext_for(_language.get())(message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return i18n.ngettext_for(_language.get())(singular, plural, n)


templates = Environment(
    loader=FileSystemLoader(TEMPLATE_DIR),
    autoescape=select_autoescape(default=True, default_for_string=True),
    extensions=["jinja2.ext.i18n"],
    trim_blocks=True,
    lstrip_blocks=True,
)
templates.install_gettext_callables(_gettext, _ngettext, newstyle=True)  # type: ignore[attr-defined]


def _area(request: Request) -> str:
    first = request.url.path.strip("/").split("/")[0]
    if first in ("wire", "desk", "admin"):
        return first
    return session_of(request).area or "wire"


def render(request: Request, name: str, context: Mapping[str, Any] | None = None, status: int = 200) -> HTMLResponse:
    lang = i18n.language_of(request)
    values: dict[str, Any] = {
        "request": request,
        "lang": lang,
        "dir": i18n.direction(lang),
        "languages": i18n.LANGUAGES,
        "csrf_token": csrf_token(request),
        "principal": getattr(request.state, "principal", None),
        "portal_area": _area(request),
        "path": request.url.path + (f"?{request.url.query}" if request.url.query else ""),
    }
    values.update(context or {})
    token = _language.set(lang)
    try:
        html = templates.get_template(name).render(values)
    finally:
        _language.reset(token)
    return HTMLResponse(
        html, status_code=status,
        headers={"Cache-Control": "no-store", "Content-Language": lang, "X-Frame-Options": "DENY",
                 "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin"},
    )
