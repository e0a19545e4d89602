"""The public live stream: public entries of one language, abbreviations only."""

from __future__ import annotations

import json

from newsflow.core.story import Action
from newsflow.services.public import public_text
from tests.conftest import LiveServer, story_fields
from tests.functional.public.conftest import StreamTap
from tests.waiting import LIVENESS

BODY = (
    "<p>LONDON (Newsflow) - The central bank held rates on Thursday after a long meeting.</p>"
    "<p>Officials said inflation was falling faster than they had expected this spring.</p>"
    "<p>Markets in the city were calm and traders said the decision had been fully priced in.</p>"
)


def test_public_entries_stream_with_abbreviation_only(live: LiveServer) -> None:
    newsroom = live.services.newsroom
    tap = StreamTap(f"{live.url}/en/live")
    tap.start()
    assert tap.ready.wait(LIVENESS)
    private = newsroom.create(story_fields(public=False, headline="Private wire only", body=BODY), publish=True)
    arabic = newsroom.create(story_fields(language="ar", public=True, headline="خبر عربي"), publish=True)
    public = newsroom.create(story_fields(public=True, headline="Bank holds rates", body=BODY), publish=True)
    assert tap.wait_for(lambda ev: any(e.get("id") == str(public.seq) for e in ev))
    newsroom.revise(public.id, Action.WITHDRAW, note="legal")
    assert tap.wait_for(lambda ev: any(e.get("event") == "withdraw" for e in ev))
    tap.close()

    ids = {json.loads(e["data"])["id"] for e in tap.events if "data" in e}
    assert private.id not in ids and arabic.id not in ids
    published = next(json.loads(e["data"]) for e in tap.events if e.get("event") == "publish")
    version = newsroom.version(public.id, 1)
    assert published["headline"] == "Bank holds rates"
    assert published["abbreviation"] == public_text(version)
    assert published["path"].startswith(f"/en/news/{public.id}/bank-holds-rates")
    assert "body" not in published and "Markets in the city were calm" not in "\n".join(tap.raw)
    withdrawn = next(json.loads(e["data"]) for e in tap.events if e.get("event") == "withdraw")
    assert withdrawn == {"id": public.id, "language": "en"}


def test_reconnect_replays_from_last_event_id(live: LiveServer) -> None:
    newsroom = live.services.newsroom
    first = newsroom.create(story_fields(public=True, headline="First story"), publish=True)
    second = newsroom.create(story_fields(public=True, headline="Second story"), publish=True)
    tap = StreamTap(f"{live.url}/en/live", headers={"Last-Event-ID": str(first.seq)})
    tap.start()
    assert tap.wait_for(lambda ev: any(e.get("id") == str(second.seq) for e in ev))
    tap.close()
    assert [json.loads(e["data"])["headline"] for e in tap.events if "data" in e] == ["Second story"]
