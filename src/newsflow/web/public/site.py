"""The public site's parts in one object, and how it is plugged into the app.

``install(app, services)`` is the single call ``create_app`` makes: it takes the public
queries, the page cache, the live stream and the form guards built by
``newsflow.wiring``, mounts ``/static``, includes the routes (last, so they shadow
nothing) and puts the page cache in front of everything.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import jinja2
from fastapi import FastAPI, Request
from starlette.responses import HTMLResponse, Response
from starlette.staticfiles import StaticFiles

from newsflow.web.public import i18n
from newsflow.web.public.cache import CachedPages

if TYPE_CHECKING:
    from newsflow.wiring import Services

HERE = Path(__file__).parent
LANG_PREFIXES = tuple(f"/{lang}" for lang in i18n.LANGUAGES)


def content_security_policy(script_hashes: tuple[str, ...] = ()) -> str:
    scripts = " ".join(("'self'", *script_hashes))
    return (
        "default-src 'self'; "
        f"script-src {scripts}; "
        "style-src 'self'; img-src 'self' https: data:; font-src 'self'; connect-src 'self'; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )


SECURITY_HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    ("X-Frame-Options", "DENY"),
)


def share_links(url: str, title: str, email_label: str) -> list[tuple[str, str, str]]:
    """(network id, label, href) for each share target, every part percent-encoded."""
    u, t = quote(url, safe=""), quote(title, safe="")
    return [
        ("x", "X", f"https://x.com/intent/tweet?url={u}&text={t}"),
        ("facebook", "Facebook", f"https://www.facebook.com/sharer/sharer.php?u={u}"),
        ("whatsapp", "WhatsApp", f"https://wa.me/?text={quote(title + ' ' + url, safe='')}"),
        ("telegram", "Telegram", f"https://t.me/share/url?url={u}&text={t}"),
        ("linkedin", "LinkedIn", f"https://www.linkedin.com/sharing/share-offsite/?url={u}"),
        ("email", email_label, f"mailto:?subject={t}&body={u}"),
    ]


def _fmt_time(when: datetime) -> str:
    return when.strftime("%Y-%m-%d %H:%M UTC")


class PublicSite:
    """The public site's parts (built by ``newsflow.wiring``) and its templates."""

    def __init__(self, services: Services) -> None:
        settings = services.settings
        self.settings = settings
        self.clock: Callable[[], datetime] = services.clock
        self.public = services.public
        self.leads = services.leads
        self.cache = services.page_cache
        self.stream = services.public_stream
        self.rate_limit = services.public_rate_limit
        self.templates = jinja2.Environment(
            loader=jinja2.FileSystemLoader(HERE / "templates"),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.StrictUndefined,
        )
        self.templates.globals.update(
            languages=i18n.LANGUAGES, native=i18n.NATIVE, categories=settings.categories,
            category_label=i18n.category_label, agency=settings.agency_name, fmt_time=_fmt_time,
        )

    # -- rendering -------------------------------------------------------------------------
    def render(self, template: str, lang: str, **context: Any) -> str:
        return self.templates.get_template(template).render(
            lang=lang, dir=i18n.direction(lang), t=i18n.strings(lang), base_url=self.settings.base_url,
            **context,
        )

    def html(self, template: str, lang: str, status: int = 200, **context: Any) -> HTMLResponse:
        response = HTMLResponse(self.render(template, lang, **context), status_code=status)
        response.headers["Content-Security-Policy"] = content_security_policy()
        for name, value in SECURITY_HEADERS:
            response.headers[name] = value
        return response

    def error_page(self, request: Request, status: int) -> Response | None:
        """HTML 404 for unmatched paths of the public site (a hook in web/problems)."""
        path = request.url.path
        if status != 404 or not (path == "/" or path.startswith(LANG_PREFIXES)):
            return None
        lang = path[1:3] if path[1:3] in i18n.LANGUAGES else i18n.DEFAULT
        return self.html("404.html", lang, 404, page_title=i18n.t(lang, "not_found_title"))


def install(app: FastAPI, services: Services) -> PublicSite:
    from newsflow.web.public.routes import build_router

    site = PublicSite(services)
    app.state.html_error_page = site.error_page
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(build_router(site))
    app.add_middleware(CachedPages, cache=site.cache)  # added last: the outermost layer
    return site
