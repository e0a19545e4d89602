"""The public site's URLs: pages, feeds, sitemaps, the subscription form, the live stream.

Paths start with a language (``ar``, ``en`` or ``tr``: a path convertor, so
``/api``, ``/abone`` and friends can never match here). Pages and feeds go through the
page cache: rendered once per story version, then served from memory with an ETag.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Header, Request
from starlette.concurrency import run_in_threadpool
from starlette.convertors import Convertor, register_url_convertor
from starlette.responses import PlainTextResponse, RedirectResponse, Response, StreamingResponse

from newsflow.errors import NotFound
from newsflow.services.public import Gone, PublicStory, slugify
from newsflow.web.portal.session import CSRF_FIELD, csrf_token
from newsflow.web.public import feeds, i18n, seo
from newsflow.web.public.cache import CachedPage, etag_for, page_key
from newsflow.web.public.site import (
    SECURITY_HEADERS,
    PublicSite,
    content_security_policy,
    share_links,
)
from newsflow.web.public.subscribe import (
    HONEYPOT_FIELD,
    FormResult,
    to_lead,
    validate,
)

_CANONICAL_QUERY = re.compile(r"(page=[1-9][0-9]{0,3})?")
PER_PAGE = 20
FEED_SIZE = 50
HTML = "text/html; charset=utf-8"


class LanguageConvertor(Convertor[str]):
    regex = "ar|en|tr"

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


class SectionConvertor(Convertor[str]):
    regex = "[a-z][a-z0-9-]{1,59}"

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


register_url_convertor("lang", LanguageConvertor())
register_url_convertor("section", SectionConvertor())


def _page_number(raw: str | None) -> int | None:
    if raw is None:
        return 1
    return int(raw) if raw.isdigit() and 0 < int(raw) <= 10_000 else None


def build_router(site: PublicSite) -> APIRouter:
    router = APIRouter(include_in_schema=False)
    cache = site.cache
    base = site.settings.base_url

    def page_response(page: CachedPage, request: Request) -> Response:
        headers = dict(page.headers)
        headers["ETag"] = page.etag
        if page.etag and request.headers.get("if-none-match") == page.etag:
            return Response(status_code=304, headers=headers)
        return Response(page.body, page.status, headers=headers, media_type=page.media_type)

    async def cached(request: Request, key: str, build: Callable[[], CachedPage]) -> Response:
        page = cache.get(key)
        if page is None:
            generation = cache.generation
            page = await run_in_threadpool(build)
            # only canonical queries are kept, so junk query strings cannot flush the cache
            if page.status == 200 and _CANONICAL_QUERY.fullmatch(request.url.query):
                cache.put(key, page, generation)
        return page_response(page, request)

    def html_page(body: str, *, status: int = 200, story_ids: frozenset[int] = frozenset(),
                  script_hashes: tuple[str, ...] = ()) -> CachedPage:
        data = body.encode("utf-8")
        headers = (("Content-Security-Policy", content_security_policy(script_hashes)),
                   ("Cache-Control", "no-cache"), ("Vary", "Accept-Encoding"), *SECURITY_HEADERS)
        return CachedPage(data, status, HTML, headers, story_ids, etag_for(data))

    def xml_page(data: bytes, media_type: str) -> CachedPage:
        headers = (("Cache-Control", "public, max-age=60"), ("X-Content-Type-Options", "nosniff"))
        return CachedPage(data, 200, media_type, headers, frozenset(), etag_for(data))

    def not_found(lang: str) -> Response:
        return site.html("404.html", lang, 404, page_title=i18n.t(lang, "not_found_title"))

    # -- home and sections -----------------------------------------------------------------
    @router.get("/")
    def root(accept_language: Annotated[str | None, Header()] = None) -> Response:
        lang = i18n.negotiate(accept_language)
        return RedirectResponse(f"/{lang}/", status_code=303, headers={"Vary": "Accept-Language"})

    def listing(lang: str, category: str | None, number: int) -> CachedPage:
        result = site.public.latest(lang, category=category, page=number, per_page=PER_PAGE)
        if number > 1 and not result.stories:
            return html_page(site.render("404.html", lang, page_title=i18n.t(lang, "not_found_title")), status=404)
        title = i18n.category_label(lang, category) if category else i18n.t(lang, "home")
        here = f"/{lang}/{category}/" if category else f"/{lang}/"
        body = site.render(
            "home.html", lang, page_title=title, stories=result.stories, page=result,
            category=category, here=here, canonical=base + here + (f"?page={number}" if number > 1 else ""),
            live_url=f"/{lang}/live" if category is None and number == 1 else None,
        )
        return html_page(body)

    @router.get("/{lang:lang}/")
    async def home(request: Request, lang: str, page: str | None = None) -> Response:
        number = _page_number(page)
        if number is None:
            return not_found(lang)
        key = page_key(request.url.path, request.url.query)
        return await cached(request, key, lambda: listing(lang, None, number))

    @router.get("/{lang:lang}")
    def home_slash(lang: str) -> Response:
        return RedirectResponse(f"/{lang}/", status_code=308)

    # -- stories ---------------------------------------------------------------------------
    def story_page(story: PublicStory) -> CachedPage:
        url = base + story.path
        translations = site.public.translations(story)
        ld = seo.script_json(seo.news_article(story, url=url, agency=site.settings.agency_name, base_url=base))
        lang = story.language
        body = site.render(
            "story.html", lang, page_title=story.headline, story=story, canonical=url,
            meta=seo.open_graph(story, url=url, site_name=site.settings.agency_name, base_url=base),
            json_ld=ld, shares=share_links(url, story.headline, i18n.t(lang, "email")),
            translations=translations, paragraphs=[p for p in story.abbreviation.split("\n") if p.strip()],
        )
        ids = frozenset({story.id, *(t.id for t in translations)}
                        | ({story.translation_of} if story.translation_of else set()))
        return html_page(body, story_ids=ids, script_hashes=(seo.csp_hash(ld),))

    def gone_page(gone: Gone) -> CachedPage:
        body = site.render("gone.html", gone.language, page_title=i18n.t(gone.language, "gone_title"), gone=gone)
        return html_page(body, status=410, story_ids=frozenset({gone.id}))

    async def resolve(lang: str, story_id: int) -> PublicStory | Gone | None:
        try:
            return await run_in_threadpool(site.public.story, story_id)
        except NotFound:
            return None

    @router.get("/{lang:lang}/news/{story_id:int}")
    async def story_short(lang: str, story_id: int) -> Response:
        found = await resolve(lang, story_id)
        if found is None:
            return not_found(lang)
        if isinstance(found, Gone):
            return page_response_gone(found)
        return RedirectResponse(found.path, status_code=301)

    def page_response_gone(gone: Gone) -> Response:
        page = gone_page(gone)
        return Response(page.body, 410, headers=dict(page.headers), media_type=page.media_type)

    @router.get("/{lang:lang}/news/{story_id:int}/{slug}")
    async def story(request: Request, lang: str, story_id: int, slug: str) -> Response:
        key = f"/{lang}/news/{story_id}/{slug}"  # decoded, like the canonical key below
        hit = cache.get(key)
        if hit is not None:
            return page_response(hit, request)
        generation = cache.generation
        found = await resolve(lang, story_id)
        if found is None:
            return not_found(lang)
        if isinstance(found, Gone):
            return page_response_gone(found)
        if found.language != lang or slug != slugify(found.headline):
            return RedirectResponse(found.path, status_code=301)
        page = await run_in_threadpool(story_page, found)
        cache.put(f"/{found.language}/news/{found.id}/{found.slug}", page, generation)
        return page_response(page, request)

    # -- feeds, sitemaps, robots -----------------------------------------------------------
    def feed(lang: str, category: str | None, kind: str) -> CachedPage:
        stories = site.public.latest(lang, category=category, per_page=FEED_SIZE).stories
        where = f"/{lang}/{category}/" if category else f"/{lang}/"
        name = i18n.category_label(lang, category) if category else i18n.t(lang, "home")
        title = f"{site.settings.agency_name} — {name}"
        self_url = f"{base}{where}{kind}.xml"
        if kind == "rss":
            data = feeds.rss(stories, title=title, link=base + where, self_url=self_url, language=lang,
                             description=i18n.t(lang, "tagline"), base_url=base)
            return xml_page(data, "application/rss+xml; charset=utf-8")
        data = feeds.atom(stories, title=title, feed_id=self_url, self_url=self_url, base_url=base)
        return xml_page(data, "application/atom+xml; charset=utf-8")

    @router.get("/{lang:lang}/rss.xml")
    async def rss(request: Request, lang: str) -> Response:
        return await cached(request, request.url.path, lambda: feed(lang, None, "rss"))

    @router.get("/{lang:lang}/atom.xml")
    async def atom(request: Request, lang: str) -> Response:
        return await cached(request, request.url.path, lambda: feed(lang, None, "atom"))

    @router.get("/{lang:lang}/{category:section}/rss.xml")
    async def category_rss(request: Request, lang: str, category: str) -> Response:
        if category not in site.settings.categories:
            return not_found(lang)
        return await cached(request, request.url.path, lambda: feed(lang, category, "rss"))

    @router.get("/{lang:lang}/{category:section}/atom.xml")
    async def category_atom(request: Request, lang: str, category: str) -> Response:
        if category not in site.settings.categories:
            return not_found(lang)
        return await cached(request, request.url.path, lambda: feed(lang, category, "atom"))

    @router.get("/sitemap.xml")
    async def sitemap(request: Request) -> Response:
        return await cached(request, "/sitemap.xml", lambda: xml_page(
            seo.sitemap_index(base, site.clock()), "application/xml; charset=utf-8"))

    @router.get("/sitemap-news.xml")
    async def sitemap_news(request: Request) -> Response:
        def build() -> CachedPage:
            now = site.clock()
            data = seo.news_sitemap(site.public.recent(limit=1000), base_url=base,
                                    publication=site.settings.agency_name, now=now)
            return xml_page(data, "application/xml; charset=utf-8")
        return await cached(request, "/sitemap-news.xml", build)

    @router.get("/sitemap-stories.xml")
    async def sitemap_stories(request: Request) -> Response:
        return await cached(request, "/sitemap-stories.xml", lambda: xml_page(
            seo.stories_sitemap(site.public.recent(limit=10_000), base_url=base), "application/xml; charset=utf-8"))

    @router.get("/robots.txt")
    def robots() -> Response:
        return PlainTextResponse(seo.robots_txt(base))

    # -- live ------------------------------------------------------------------------------
    @router.get("/{lang:lang}/live")
    async def live(lang: str, last_event_id: Annotated[str | None, Header()] = None) -> Response:
        after = int(last_event_id) if last_event_id and last_event_id.isdigit() else None
        return StreamingResponse(
            site.stream.events(lang, after), media_type="text/event-stream",
            headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
        )

    # -- subscription ----------------------------------------------------------------------
    def form_response(lang: str, request: Request, form: FormResult | None, *, status: int = 200,
                      notice: str | None = None) -> Response:
        # The session's CSRF token (the session middleware sends the cookie it belongs to).
        response = site.html(
            "subscribe.html", lang, status, page_title=i18n.t(lang, "subscribe_title"),
            form=form or FormResult(), token=csrf_token(request), csrf_field=CSRF_FIELD,
            honeypot=HONEYPOT_FIELD, notice=notice, canonical=f"{base}/{lang}/subscribe",
        )
        response.headers["Cache-Control"] = "no-store"
        return response

    @router.get("/{lang:lang}/subscribe")
    def subscribe_form(request: Request, lang: str) -> Response:
        return form_response(lang, request, None)

    @router.post("/{lang:lang}/subscribe")
    async def subscribe_post(request: Request, lang: str) -> Response:
        data = await request.form()
        single = {k: data.get(k) for k in ("organisation", "contact_name", "email", "country", "message")}
        multi = {"languages": data.getlist("languages"), "categories": data.getlist("categories")}
        result = validate(single, multi, categories=site.settings.categories)
        if not getattr(request.state, "csrf_ok", False):  # checked by the session middleware
            return form_response(lang, request, result, status=403, notice="csrf")
        client = request.client.host if request.client else "unknown"
        allowed, retry = site.rate_limit.allow(client)
        if not allowed:
            response = form_response(lang, request, result, status=429, notice="rate_limited")
            response.headers["Retry-After"] = str(max(1, round(retry)))
            return response
        if data.get(HONEYPOT_FIELD):
            return RedirectResponse(f"/{lang}/subscribe/thanks", status_code=303)  # a bot: store nothing
        if not result.ok:
            return form_response(lang, request, result, status=422, notice="form_errors")

        await run_in_threadpool(site.leads.add, to_lead(result, lang))
        return RedirectResponse(f"/{lang}/subscribe/thanks", status_code=303)

    @router.get("/{lang:lang}/subscribe/thanks")
    def thanks(lang: str) -> Response:
        return site.html("thanks.html", lang, page_title=i18n.t(lang, "thanks_title"))

    # -- sections last: /{lang}/{anything}/ must not shadow the routes above ---------------
    @router.get("/{lang:lang}/{category:section}/")
    async def category_page(request: Request, lang: str, category: str, page: str | None = None) -> Response:
        number = _page_number(page)
        if category not in site.settings.categories or number is None:
            return not_found(lang)
        key = page_key(request.url.path, request.url.query)
        return await cached(request, key, lambda: listing(lang, category, number))

    @router.get("/{lang:lang}/{category:section}")
    def category_slash(lang: str, category: str) -> Response:
        if category not in site.settings.categories:
            return not_found(lang)
        return RedirectResponse(f"/{lang}/{category}/", status_code=308)

    return router
