"""The public site never leaks the full text: proved for every demo story.

Every body sentence of every version of every demo story that is not part of a
currently public abbreviation is searched for in everything the public can fetch:
every page reachable by links from the home pages, every story URL by id in every
language, the feeds per language and category, the sitemaps, robots.txt, the JSON-LD
and meta tags inside those pages, and the live stream. Stories that are not public
(private, embargoed, withdrawn) must not show even their headline in lists or feeds.
"""

from __future__ import annotations

import json
import re

from newsflow.core.story import StoryStatus
from newsflow.demo.loader import load_demo
from newsflow.services.public import public_text
from newsflow.store import stories as story_store
from newsflow.text.html import plain_text
from newsflow.text.sentences import split_sentences
from tests.conftest import LiveServer
from tests.functional.public.conftest import StreamTap, crawl, readable
from tests.waiting import LIVENESS

LANGS = ("ar", "en", "tr")
MIN_WORDS = 5  # shorter fragments ("Markets were calm.") could occur by coincidence


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_no_public_url_or_stream_carries_a_body_sentence(live: LiveServer) -> None:
    services = live.services
    taps = {lang: StreamTap(f"{live.url}/{lang}/live") for lang in LANGS}
    for tap in taps.values():
        tap.start()
    for tap in taps.values():
        assert tap.ready.wait(LIVENESS)
    ids = load_demo(services.newsroom)

    allowed: list[str] = []  # public abbreviations of the stories the site shows
    visible: dict[int, str] = {}
    hidden_headlines: list[str] = []
    forbidden: set[str] = set()
    released: list[str] = []  # every abbreviation the public could have seen at some time
    with services.db.read() as conn:
        for story_id in ids.values():
            row = story_store.row(conn, story_id)
            versions = story_store.list_versions(conn, story_id)
            latest = versions[-1]
            shown = row.status == StoryStatus.PUBLISHED.value and latest.public
            if shown:
                visible[story_id] = _norm(public_text(latest))
                allowed.append(visible[story_id])
            else:
                hidden_headlines.extend(_norm(v.headline) for v in versions)
            if row.status != StoryStatus.EMBARGOED.value:
                released += [_norm(public_text(v)) for v in versions if v.public]
            for v in versions:
                for sentence in split_sentences(plain_text(v.content.body_html), v.language):
                    if len(sentence.split()) >= MIN_WORDS:
                        forbidden.add(_norm(sentence))
    # the live stream announces stories as they were at that moment: an abbreviation
    # later replaced was public then; anything else is a leak there too
    stream_forbidden = {s for s in forbidden if not any(s in a for a in released)}
    forbidden = {s for s in forbidden if not any(s in a for a in allowed)}
    assert len(visible) >= 7 and len(forbidden) >= 30, "the demo should exercise the test"

    seeds = ["/", *(f"/{lang}/" for lang in LANGS), "/sitemap.xml", "/sitemap-news.xml",
             "/sitemap-stories.xml", "/robots.txt"]
    for lang in LANGS:
        seeds += [f"/{lang}/rss.xml", f"/{lang}/atom.xml", f"/{lang}/subscribe"]
        seeds += [f"/{lang}/{c}/rss.xml" for c in services.settings.categories]
        seeds += [f"/{lang}/{c}/atom.xml" for c in services.settings.categories]
        seeds += [f"/{lang}/news/{i}" for i in ids.values()]
    pages = crawl(live.url, seeds)
    assert len(pages) > 60

    # wait for the stream to deliver every public entry, then read it as text too
    with services.db.read() as conn:
        from newsflow.store import flow_log

        public_entries = [e for e in flow_log.read_after(conn, 0, 1000) if e.public]
    for lang in LANGS:
        last = {e.story_id: e.seq for e in public_entries if e.language == lang}
        wanted = {str(seq) for seq in last.values()}
        assert taps[lang].wait_for(lambda ev, w=wanted: w <= {e.get("id") for e in ev}), f"stream {lang}"
        taps[lang].close()
    streams = {f"stream:{lang}": "\n".join(tap.raw) for lang, tap in taps.items()}

    documents = {path: readable(r.text) for path, r in pages.items()}
    leaks = [(name, s[:60]) for name, doc in documents.items() for s in forbidden if s in doc]
    leaks += [(name, s[:60]) for name, text in streams.items() for s in stream_forbidden if s in readable(text)]
    assert len(stream_forbidden) >= 30
    assert not leaks, f"body sentences on public URLs: {leaks[:5]}"

    lists = {p: d for p, d in documents.items() if "/news/" not in p}
    shown_hidden = [(p, h[:40]) for p, d in lists.items() for h in hidden_headlines if h in d]
    assert not shown_hidden, f"non-public headlines listed: {shown_hidden[:5]}"

    # positive control: the check does find text that is there
    for story_id, abbreviation in visible.items():
        page = next(d for p, d in documents.items() if re.match(rf"^/\w\w/news/{story_id}$", p))
        assert abbreviation and abbreviation in page
        ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', pages_text(pages, story_id), re.S)
        assert ld is not None and json.loads(ld.group(1))["isAccessibleForFree"] is False
    events = [json.loads(e["data"]) for tap in taps.values() for e in tap.events if e.get("event") == "publish"]
    assert events and all("body" not in e for e in events)


def pages_text(pages: dict[str, object], story_id: int) -> str:
    for path, response in pages.items():
        if re.match(rf"^/\w\w/news/{story_id}$", path):
            return response.text  # type: ignore[attr-defined, no-any-return]
    raise AssertionError(f"story {story_id} was not fetched")
