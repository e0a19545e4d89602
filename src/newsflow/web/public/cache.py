"""The public page cache's ASGI layer: a cached page is answered before any routing.

The cache itself (``services.page_cache``) is built once by ``newsflow.wiring``.
"""

from __future__ import annotations

from typing import Any

from newsflow.services.page_cache import CachedPage, PageCache, etag_for, page_key

__all__ = ["CachedPage", "CachedPages", "PageCache", "etag_for", "page_key"]


class CachedPages:
    """Outermost ASGI layer: a cached public page is answered before any routing.

    Only GET/HEAD requests whose key is in the cache are answered here; everything
    else (misses, other methods, other paths) goes to the app unchanged. This is what
    makes cached pages cheap: no middleware stack, no router, no thread hop.
    """

    def __init__(self, app: Any, cache: PageCache) -> None:
        self.app = app
        self.cache = cache

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["method"] in ("GET", "HEAD"):
            query = scope.get("query_string", b"").decode("latin-1")
            page = self.cache.get(page_key(scope["path"], query))
            if page is not None:
                await self._answer(scope, send, page)
                return
        await self.app(scope, receive, send)

    @staticmethod
    async def _answer(scope: Any, send: Any, page: CachedPage) -> None:
        etag = page.etag.encode("latin-1")
        headers = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in page.headers]
        headers += [(b"etag", etag), (b"content-type", page.media_type.encode("latin-1"))]
        match = any(k == b"if-none-match" and v == etag for k, v in scope["headers"])
        if match:
            await send({"type": "http.response.start", "status": 304, "headers": headers})
            await send({"type": "http.response.body", "body": b""})
            return
        headers.append((b"content-length", str(len(page.body)).encode("latin-1")))
        await send({"type": "http.response.start", "status": page.status, "headers": headers})
        await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else page.body})
