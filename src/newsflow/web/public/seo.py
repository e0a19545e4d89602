"""What search engines and share previews read: JSON-LD, Open Graph, sitemaps, robots.

Everything here is built from ``PublicStory`` (headline and public abbreviation, never
the body). JSON-LD follows schema.org's advice for subscription content: the article
says ``isAccessibleForFree: false`` and ``hasPart`` marks the subscriber-only part of
the page with a CSS selector, so the abbreviation is not mistaken for cloaking.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from lxml import etree

from newsflow.services.public import PublicStory
from newsflow.web.public.i18n import LANGUAGES

PAYWALL_SELECTOR = ".subscriber-only"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
NEWS_WINDOW_SECONDS = 2 * 24 * 3600  # news sitemaps list the last two days only


def iso(when: datetime) -> str:
    return when.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def news_article(story: PublicStory, *, url: str, agency: str, base_url: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": story.headline[:110],
        "description": story.abbreviation,
        "datePublished": iso(story.published),
        "dateModified": iso(story.modified),
        "inLanguage": story.language,
        "articleSection": story.category,
        "author": {"@type": "Organization", "name": story.byline or agency, "url": base_url},
        "publisher": {"@type": "Organization", "name": agency, "url": base_url},
        "isAccessibleForFree": False,
        "hasPart": {
            "@type": "WebPageElement",
            "isAccessibleForFree": False,
            "cssSelector": PAYWALL_SELECTOR,
        },
    }
    if story.dateline:
        data["dateline"] = story.dateline
    if story.photo is not None:
        data["image"] = [absolute(story.photo.href, base_url)]
    return data


def script_json(data: dict[str, Any]) -> str:
    """JSON safe inside a ``<script>`` element: no ``</script>`` or ``<!--`` can form."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def csp_hash(script: str) -> str:
    """The CSP source expression allowing exactly this inline script."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def absolute(href: str, base_url: str) -> str:
    return href if href.startswith(("http://", "https://")) else base_url.rstrip("/") + "/" + href.lstrip("/")


def open_graph(story: PublicStory, *, url: str, site_name: str, base_url: str) -> list[tuple[str, str, str]]:
    """(attribute, name, content) triples for ``<meta>``: Open Graph and Twitter card."""
    locale = {"ar": "ar_AR", "en": "en_GB", "tr": "tr_TR"}.get(story.language, story.language)
    tags = [
        ("property", "og:type", "article"),
        ("property", "og:site_name", site_name),
        ("property", "og:title", story.headline),
        ("property", "og:description", story.abbreviation),
        ("property", "og:url", url),
        ("property", "og:locale", locale),
        ("property", "article:published_time", iso(story.published)),
        ("property", "article:modified_time", iso(story.modified)),
        ("property", "article:section", story.category),
        ("name", "twitter:card", "summary_large_image" if story.photo else "summary"),
        ("name", "twitter:title", story.headline),
        ("name", "twitter:description", story.abbreviation),
    ]
    if story.photo is not None:
        image = absolute(story.photo.href, base_url)
        tags += [("property", "og:image", image), ("name", "twitter:image", image)]
        if story.photo.caption:
            tags.append(("property", "og:image:alt", story.photo.caption))
    return tags


def _xml(root: etree._Element) -> bytes:
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return data


def sitemap_index(base_url: str, now: datetime) -> bytes:
    root = etree.Element(f"{{{SITEMAP_NS}}}sitemapindex", nsmap={None: SITEMAP_NS})
    for name in ("sitemap-news.xml", "sitemap-stories.xml"):
        entry = etree.SubElement(root, f"{{{SITEMAP_NS}}}sitemap")
        etree.SubElement(entry, f"{{{SITEMAP_NS}}}loc").text = f"{base_url}/{name}"
        etree.SubElement(entry, f"{{{SITEMAP_NS}}}lastmod").text = iso(now)
    return _xml(root)


def news_sitemap(stories: Sequence[PublicStory], *, base_url: str, publication: str, now: datetime) -> bytes:
    root = etree.Element(f"{{{SITEMAP_NS}}}urlset", nsmap={None: SITEMAP_NS, "news": NEWS_NS})
    for s in stories:
        if (now - s.published).total_seconds() > NEWS_WINDOW_SECONDS:
            continue
        url = etree.SubElement(root, f"{{{SITEMAP_NS}}}url")
        etree.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = base_url + s.path
        news = etree.SubElement(url, f"{{{NEWS_NS}}}news")
        pub = etree.SubElement(news, f"{{{NEWS_NS}}}publication")
        etree.SubElement(pub, f"{{{NEWS_NS}}}name").text = publication
        etree.SubElement(pub, f"{{{NEWS_NS}}}language").text = s.language
        etree.SubElement(news, f"{{{NEWS_NS}}}publication_date").text = iso(s.published)
        etree.SubElement(news, f"{{{NEWS_NS}}}title").text = s.headline
    return _xml(root)


def stories_sitemap(stories: Sequence[PublicStory], *, base_url: str) -> bytes:
    root = etree.Element(f"{{{SITEMAP_NS}}}urlset", nsmap={None: SITEMAP_NS})
    for lang in LANGUAGES:
        url = etree.SubElement(root, f"{{{SITEMAP_NS}}}url")
        etree.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = f"{base_url}/{lang}/"
        etree.SubElement(url, f"{{{SITEMAP_NS}}}changefreq").text = "always"
    for s in stories:
        url = etree.SubElement(root, f"{{{SITEMAP_NS}}}url")
        etree.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = base_url + s.path
        etree.SubElement(url, f"{{{SITEMAP_NS}}}lastmod").text = iso(s.modified)
    return _xml(root)


def robots_txt(base_url: str) -> str:
    return (
        "User-agent: *\n"
        "Allow: /\n"
        "Disallow: /api/\nDisallow: /abone/\nDisallow: /wire/\nDisallow: /desk/\nDisallow: /admin/\n"
        "Disallow: /*/subscribe/thanks\n"
        f"\nSitemap: {base_url}/sitemap.xml\n"
    )
