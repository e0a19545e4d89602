"""The unsubscribe link of alert e-mails: works without logging in (the link is signed).

``GET /alerts/unsubscribe?t=…`` shows what the link stops and a button (a GET alone
changes nothing, so mail scanners that follow links cannot unsubscribe anyone);
``POST`` stops e-mail for that topic — from the button, or one-click from the mail
client (``List-Unsubscribe-Post``, RFC 8058). A bad or tampered link is a 422 page.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from newsflow.errors import NewsflowError
from newsflow.web.deps import get_services
from newsflow.web.portal.templates import render

router = APIRouter(include_in_schema=False)
Token = Annotated[str, Query(max_length=500)]


@router.get("/alerts/unsubscribe")
def confirm(request: Request, t: Token = "") -> Response:
    try:
        _, email = get_services(request).alerts.read_token(t)
    except NewsflowError as error:
        return render(request, "wire/unsubscribe.html", {"error": error.detail, "token": t}, status=error.status)
    return render(request, "wire/unsubscribe.html", {"email": email, "token": t, "done": False})


@router.post("/alerts/unsubscribe")
async def unsubscribe(request: Request, t: Token = "") -> Response:
    form = await request.form()
    token = t or str(form.get("t") or "")
    alerts = get_services(request).alerts
    try:
        _, email = alerts.read_token(token)
        await run_in_threadpool(alerts.unsubscribe, token)
    except NewsflowError as error:
        return render(request, "wire/unsubscribe.html", {"error": error.detail, "token": token}, status=error.status)
    return render(request, "wire/unsubscribe.html", {"email": email, "token": token, "done": True})
