"""Public pages over HTTP on SQLite and PostgreSQL: what is shown, where, and how."""

from __future__ import annotations

import json
import re
from datetime import timedelta

from fastapi.testclient import TestClient

from newsflow.core.story import Association, ContentType, Rendition
from newsflow.demo.loader import load_demo
from newsflow.services.public import public_text
from newsflow.web.public import i18n
from newsflow.wiring import Services
from tests.conftest import story_fields


def _publish(client: TestClient, **fields: object) -> int:
    r = client.post("/api/v1/stories?publish=true", json=story_fields(**fields))
    assert r.status_code in (200, 201), r.text
    return int(r.json()["id"])


def _headlines(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", h) for h in re.findall(r"<h2><a [^>]*>(.*?)</a></h2>", html)]


def test_every_language_has_every_string() -> None:
    assert {lang: i18n.missing(lang) for lang in i18n.LANGUAGES} == {"ar": [], "en": [], "tr": []}
    assert i18n.t("ar", "home") == "آخر الأخبار" and i18n.t("tr", "home") == "Son haberler"


def test_root_chooses_language_by_accept_language(client: TestClient) -> None:
    r = client.get("/", headers={"Accept-Language": "tr-TR,tr;q=0.9,en;q=0.5"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/tr/"
    r = client.get("/", headers={"Accept-Language": "fr, ar;q=0.4"}, follow_redirects=False)
    assert r.headers["location"] == "/ar/"
    assert client.get("/", follow_redirects=False).headers["location"] == "/en/"


def test_home_lists_public_released_latest_only(client: TestClient, services: Services) -> None:
    ids = load_demo(services.newsroom)
    en = client.get("/en/")
    assert en.status_code == 200
    assert '<html lang="en" dir="ltr">' in en.text
    shown = _headlines(en.text)
    assert "Qatar and Oman sign deal for the region&#39;s largest joint desalination plant" in shown
    assert not any("rate" in h.lower() and "bank" in h.lower() for h in shown)  # rates-en is not public
    for key in ("rates-en", "politics-en", "embargo-en"):
        assert f'data-id="{ids[key]}"' not in en.text, key
    ar = client.get("/ar/")
    assert '<html lang="ar" dir="rtl">' in ar.text
    assert f'data-id="{ids["quake-ar"]}"' in ar.text
    # flash before urgent before routine among fresh stories
    order = [int(x) for x in re.findall(r'<li class="card[^"]*" data-id="(\d+)"', ar.text)]
    assert order.index(ids["quake-ar"]) < order.index(ids["desal-ar"]) < order.index(ids["tech-ar"])


def test_story_page_shows_abbreviation_note_and_metadata(client: TestClient, services: Services) -> None:
    ids = load_demo(services.newsroom)
    r = client.get(f"/en/news/{ids['desal-en']}", follow_redirects=False)
    assert r.status_code == 301
    path = r.headers["location"]
    assert path.startswith(f"/en/news/{ids['desal-en']}/qatar-and-oman-sign")
    page = client.get(path)
    assert page.status_code == 200
    text = page.text
    version = services.newsroom.version(ids["desal-en"])
    assert f"<p>{public_text(version)}</p>" in text.replace("&#39;", "'").replace("&#34;", '"')
    assert 'class="subscriber-only"' in text and 'href="/en/subscribe"' in text
    assert '<span class="dateline">Doha</span>' in text
    assert f'<link rel="canonical" href="http://testserver{path}">' in text
    assert 'hreflang="ar"' in text and 'hreflang="tr"' in text  # translation switcher
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.S).group(1))  # type: ignore[union-attr]
    assert ld["@type"] == "NewsArticle" and ld["inLanguage"] == "en" and ld["isAccessibleForFree"] is False
    assert ld["hasPart"]["cssSelector"] == ".subscriber-only" and ld["hasPart"]["isAccessibleForFree"] is False
    assert {"headline", "datePublished", "dateModified", "author", "publisher"} <= set(ld)
    csp = page.headers["content-security-policy"]
    assert "script-src 'self' 'sha256-" in csp and "'unsafe-inline'" not in csp
    # wrong slug or language: redirect to the canonical URL
    r = client.get(f"/ar/news/{ids['desal-en']}/wrong", follow_redirects=False)
    assert r.status_code == 301 and r.headers["location"] == path


def test_arabic_story_has_arabic_slug_and_rtl(client: TestClient, services: Services) -> None:
    ids = load_demo(services.newsroom)
    page = client.get(f"/ar/news/{ids['desal-ar']}")
    assert page.status_code == 200 and '<html lang="ar" dir="rtl">' in page.text
    assert "%D9%82%D8%B7%D8%B1" in str(page.url)  # "قطر", percent-encoded
    assert "يتلقى المشتركون الخبر كاملاً" in page.text


def test_withdrawn_is_gone_private_and_embargoed_are_not_found(client: TestClient, services: Services) -> None:
    ids = load_demo(services.newsroom)
    gone = client.get(f"/en/news/{ids['politics-en']}/anything")
    assert gone.status_code == 410 and "Story withdrawn" in gone.text
    assert client.get(f"/en/news/{ids['rates-en']}").status_code == 404
    embargoed = client.get(f"/en/news/{ids['embargo-en']}")
    assert embargoed.status_code == 404 and "Page not found" in embargoed.text
    # released: it appears (the newsroom's clock moves past the embargo)
    later = services.newsroom.clock() + timedelta(minutes=10)
    services.newsroom.clock = lambda: later
    assert services.newsroom.release_due()
    assert client.get(f"/en/news/{ids['embargo-en']}").status_code == 200
    assert f'data-id="{ids["embargo-en"]}"' in client.get("/en/").text


def test_correction_shows_note_and_corrected_text(client: TestClient, services: Services) -> None:
    ids = load_demo(services.newsroom)
    page = client.get(f"/ar/news/{ids['quake-ar']}").text
    assert 'class="correction"' in page
    note = next(v.ed_note for v in services.newsroom.versions(ids["quake-ar"]) if v.ed_note)
    assert note in page


def test_cache_is_invalidated_by_update_and_withdrawal(client: TestClient) -> None:
    story_id = _publish(client, public=True, headline="Port reopens after the storm")
    page = client.get(f"/en/news/{story_id}")
    assert "Port reopens after the storm" in page.text
    etag = page.headers["etag"]
    assert client.get(str(page.url), headers={"If-None-Match": etag}).status_code == 304
    assert "Port reopens after the storm" in client.get("/en/").text
    r = client.post(f"/api/v1/stories/{story_id}/update", json={"headline": "Port reopens, ships queue"})
    assert r.status_code == 200, r.text
    assert "Port reopens, ships queue" in client.get(f"/en/news/{story_id}").text
    assert "Port reopens, ships queue" in client.get("/en/").text
    assert "Port reopens, ships queue" in client.get("/en/rss.xml").text
    r = client.post(f"/api/v1/stories/{story_id}/withdraw", json={"reason": "legal"})
    assert r.status_code == 200, r.text
    assert client.get(str(page.url)).status_code == 410
    assert "Port reopens" not in client.get("/en/").text


def test_category_pages_and_pagination(client: TestClient) -> None:
    for n in range(23):
        _publish(client, public=True, category="sports", headline=f"Match report number {n:02d}")
    _publish(client, public=True, category="health", headline="Clinic opens downtown")
    first = client.get("/en/sports/")
    assert first.status_code == 200 and "Clinic opens" not in first.text
    assert len(_headlines(first.text)) == 20 and 'rel="next" href="/en/sports/?page=2"' in first.text
    second = client.get("/en/sports/?page=2")
    assert len(_headlines(second.text)) == 3 and 'rel="prev"' in second.text
    assert set(_headlines(first.text)).isdisjoint(_headlines(second.text))
    assert client.get("/en/sports/?page=9").status_code == 404
    assert client.get("/en/nonsense/").status_code == 404
    assert client.get("/en/sports", follow_redirects=False).status_code == 308


def test_photo_web_rendition_is_shown(client: TestClient, services: Services) -> None:
    photo = Association(
        uri="urn:photo:1", type=ContentType.PICTURE, caption="Ships in the harbour", byline="A. Photographer",
        renditions=(Rendition("thumbnail", "/media/1/thumb.jpg", "image/jpeg", 200, 150),
                    Rendition("web", "/media/1/web.jpg", "image/jpeg", 1200, 800)),
    )
    services.newsroom.enricher = lambda c: c.with_changes(associations=(photo,))
    story_id = _publish(client, public=True, headline="Harbour busy again")
    page = client.get(f"/en/news/{story_id}").text
    assert '<img src="/media/1/web.jpg" alt="Ships in the harbour" width="1200" height="800"' in page
    assert '<meta property="og:image" content="http://testserver/media/1/web.jpg">' in page


def test_a_video_shows_its_poster_never_the_subscribers_file(client: TestClient, services: Services) -> None:
    """The public page, og:image and JSON-LD show a video's poster frame; the playable MP4
    and the original are for subscribers, so they are not on the page."""
    video = Association(
        uri="urn:video:1", type=ContentType.VIDEO, caption="Floods in the valley", byline="A. Camera",
        renditions=(Rendition("original", "/media/2/original.mov", "video/quicktime", 1920, 1080, duration=12.0),
                    Rendition("web", "/media/2/web.mp4", "video/mp4", 1280, 720, duration=12.0),
                    Rendition("poster", "/media/2/poster.jpg", "image/jpeg", 1920, 1080),
                    Rendition("thumbnail", "/media/2/thumb.jpg", "image/jpeg", 320, 180)),
    )
    services.newsroom.enricher = lambda c: c.with_changes(associations=(video,))
    story_id = _publish(client, public=True, headline="Valley floods")
    page = client.get(f"/en/news/{story_id}").text
    assert '<img src="/media/2/poster.jpg" alt="Floods in the valley" width="1920" height="1080"' in page
    assert '<meta property="og:image" content="http://testserver/media/2/poster.jpg">' in page
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    graph = ld if isinstance(ld, list) else ld.get("@graph", [ld])
    article = next(x for x in (graph if isinstance(graph, list) else [graph]) if "headline" in x)
    assert article["image"] == ["http://testserver/media/2/poster.jpg"]
    assert "web.mp4" not in page and "original.mov" not in page


def test_public_paths_do_not_shadow_the_api_and_404s_are_html(client: TestClient) -> None:
    api = client.get("/api/v1/stories/999999")
    assert api.status_code == 404 and api.headers["content-type"].startswith("application/problem+json")
    html = client.get("/tr/no/such/page")
    assert html.status_code == 404 and html.headers["content-type"].startswith("text/html")
    assert '<html lang="tr" dir="ltr">' in html.text and "Sayfa bulunamadı" in html.text
    assert client.get("/healthz").json()["ok"] is True
    assert client.get("/static/site.css").status_code == 200
