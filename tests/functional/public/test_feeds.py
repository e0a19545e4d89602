"""Public feeds and sitemaps parse, list public stories only, carry no body text."""

from __future__ import annotations

import feedparser
from fastapi.testclient import TestClient
from lxml import etree

from newsflow.demo.loader import load_demo
from newsflow.services.public import public_text
from newsflow.text.html import plain_text
from newsflow.text.sentences import split_sentences
from newsflow.wiring import Services


def _body_only_sentences(services: Services, story_id: int) -> list[str]:
    version = services.newsroom.version(story_id)
    public = public_text(version)
    sentences = split_sentences(plain_text(version.content.body_html), version.language)
    return [s for s in sentences if s not in public and len(s.split()) >= 5]


def test_rss_and_atom_per_language_and_category(client: TestClient, services: Services) -> None:
    ids = load_demo(services.newsroom)
    by_id = {v: k for k, v in ids.items()}
    for lang in ("ar", "en", "tr"):
        for kind in ("rss", "atom"):
            r = client.get(f"/{lang}/{kind}.xml")
            assert r.status_code == 200
            feed = feedparser.parse(r.content)
            assert not feed.bozo, feed.get("bozo_exception")
            assert feed.version == ("rss20" if kind == "rss" else "atom10")
            assert feed.entries, f"{lang} {kind} is empty"
            for entry in feed.entries:
                story_id = int(entry.link.split("/news/")[1].split("/")[0])
                key = by_id[story_id]
                assert key not in ("rates-en", "culture-tr", "politics-en", "embargo-en")
                assert entry.link.startswith(f"http://testserver/{lang}/news/")
                version = services.newsroom.version(story_id)
                assert entry.summary == public_text(version)
                assert "content" not in entry  # no full representation
                for sentence in _body_only_sentences(services, story_id):
                    assert sentence not in r.text
    economy = feedparser.parse(client.get("/en/economy/rss.xml").content)
    assert economy.entries and all(e.tags[0].term == "economy" for e in economy.entries)
    assert client.get("/en/nonsense/rss.xml").status_code == 404


def test_sitemaps_and_robots(client: TestClient, services: Services) -> None:
    ids = load_demo(services.newsroom)
    index = etree.fromstring(client.get("/sitemap.xml").content)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "n": "http://www.google.com/schemas/sitemap-news/0.9"}
    locs = index.xpath("//s:sitemap/s:loc/text()", namespaces=ns)
    assert locs == ["http://testserver/sitemap-news.xml", "http://testserver/sitemap-stories.xml"]
    news = etree.fromstring(client.get("/sitemap-news.xml").content)
    urls = news.xpath("//s:url/s:loc/text()", namespaces=ns)
    listed = {int(u.split("/news/")[1].split("/")[0]) for u in urls}
    assert ids["desal-ar"] in listed and ids["health-en"] in listed
    assert not listed & {ids["rates-en"], ids["politics-en"], ids["embargo-en"], ids["culture-tr"]}
    assert news.xpath("//n:news/n:publication/n:language/text()", namespaces=ns)
    assert all(u.isascii() for u in urls)
    stories = etree.fromstring(client.get("/sitemap-stories.xml").content)
    assert len(stories.xpath("//s:url", namespaces=ns)) == len(listed) + 3
    robots = client.get("/robots.txt").text
    assert "Sitemap: http://testserver/sitemap.xml" in robots and "Disallow: /api/" in robots
