"""The one place where ``NewsflowError`` becomes an HTTP answer (RFC 9457 problems).

The agency-compatible API (``/abone/``) keeps its own JSON envelope even for errors;
every other route answers ``application/problem+json``.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import JSONResponse, Response

from newsflow.errors import (
    AuthenticationFailed,
    NewsflowError,
    PreconditionFailed,
    RateLimited,
    Unavailable,
)

PROBLEM = "application/problem+json"


def compat_envelope(code: int, message: str | None, data: Any = None) -> dict[str, Any]:
    return {"response": {"success": 200 <= code < 300, "code": code, "message": message}, "data": data}


def problem_response(request: Request, status: int, title: str, detail: str, **extra: Any) -> Response:
    headers: dict[str, str] = {}
    if status == 401:
        headers["WWW-Authenticate"] = (
            'Basic realm="newsflow"' if request.url.path.startswith("/abone") else 'Bearer realm="newsflow"'
        )
    if "retry_after" in extra:
        headers["Retry-After"] = str(max(1, round(extra["retry_after"])))
    if request.url.path.startswith("/abone"):
        return JSONResponse(compat_envelope(status, detail), status_code=status, headers=headers)
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail, **extra}
    return Response(
        json.dumps(body, ensure_ascii=False), status_code=status, media_type=PROBLEM, headers=headers
    )


def domain_problem(request: Request, exc: NewsflowError) -> Response:
    extra: dict[str, Any] = {}
    if exc.field:
        extra["field"] = exc.field
    if isinstance(exc, RateLimited | Unavailable):
        extra["retry_after"] = exc.retry_after
    if isinstance(exc, AuthenticationFailed):
        extra.pop("field", None)
    if isinstance(exc, PreconditionFailed):
        extra.update(exc.details)
    return problem_response(request, exc.status, exc.title, exc.detail, **extra)


def install(app: FastAPI) -> None:
    @app.exception_handler(NewsflowError)
    async def _domain(request: Request, exc: NewsflowError) -> Response:
        return domain_problem(request, exc)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> Response:
        errors = exc.errors()
        first = errors[0] if errors else {}
        loc = [str(p) for p in first.get("loc", ()) if p not in ("body", "query", "path")]
        field = ".".join(loc) or None
        detail = f"{field}: {first.get('msg', 'invalid')}" if field else str(first.get("msg", "invalid request"))
        status = 400 if first.get("type") == "json_invalid" else 422
        return problem_response(
            request, status, "Invalid input", detail, field=field,
            errors=[{"field": ".".join(str(p) for p in e.get("loc", ())), "message": e.get("msg")} for e in errors],
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        # The public site renders its own HTML error pages (a hook set by web.public.site).
        html_page = getattr(request.app.state, "html_error_page", None)
        if html_page is not None and (page := html_page(request, exc.status_code)) is not None:
            return page  # type: ignore[no-any-return]
        titles = {404: "Not found", 405: "Method not allowed", 413: "Payload too large"}
        response = problem_response(request, exc.status_code, titles.get(exc.status_code, "Error"), str(exc.detail))
        if exc.headers:
            response.headers.update(exc.headers)
        return response
