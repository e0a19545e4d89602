"""The browser portals' shared core: session, CSRF, login, languages, templates, styles.

``install_portal(app)`` (called once in ``web/app.py``) installs:

* the session middleware (``portal.session``): signed cookie, ``request.state.session_user_id``,
  CSRF on every unsafe request the cookie would authenticate;
* the handlers that turn ``portal.auth.LoginRequired`` into a 303 to the login page and
  ``portal.auth.WrongRole`` into a 403 HTML page;
* ``/account/password`` and ``/account/language``;
* static files at ``/portal-static/`` (``portal.css``, ``portal.js``; the wire's
  ``wire-*``, the desk's ``desk-*`` and the admin's ``admin-*`` files).

Each area adds its own routers (``login_router(area, roles)`` plus its pages). The
modules, in reading order: ``session`` → ``i18n`` → ``templates`` → ``auth``.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from newsflow.web.portal import auth
from newsflow.web.portal.session import SessionMiddleware

STATIC_DIR = Path(__file__).parent / "static"


def install_portal(app: FastAPI) -> None:
    services = app.state.services
    settings = services.settings
    app.add_middleware(
        SessionMiddleware,
        secret_key=settings.secret_key,
        secure=settings.base_url.startswith("https://"),
        max_body=max(settings.max_request_bytes, getattr(settings, "max_upload_bytes", 0)),
    )
    auth.install_handlers(app)
    app.include_router(auth.account_router())
    app.mount("/portal-static", StaticFiles(directory=STATIC_DIR), name="portal-static")
