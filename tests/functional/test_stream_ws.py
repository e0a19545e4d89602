"""GET /api/v1/ws: the same stream over WebSocket, with a subscribe message."""

from __future__ import annotations

import json
from typing import Any

import pytest
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.sync.client import ClientConnection, connect

from tests.conftest import LiveServer
from tests.functional.test_stream_sse import WAIT, api, bearer, new_subscriber, publish


def ws(live: LiveServer, key: str | None = None, query: str = "") -> ClientConnection:
    url = live.url.replace("http://", "ws://") + "/api/v1/ws" + query
    return connect(url, additional_headers=bearer(key) if key else None, open_timeout=WAIT)


def recv(conn: ClientConnection) -> dict[str, Any]:
    return json.loads(conn.recv(timeout=WAIT))


def events(conn: ClientConnection, n: int) -> list[dict[str, Any]]:
    out = []
    while len(out) < n:
        msg = recv(conn)
        if msg["type"] == "event":
            out.append(msg)
    return out


def test_subscribe_replays_then_streams_live_in_order(live: LiveServer) -> None:
    http = api(live)
    sub = new_subscriber(http, categories=["economy", "sports"])
    publish(http, headline="One")
    publish(http, headline="Two")
    publish(http, category="politics", headline="Not entitled")
    first = http.get("/api/v1/flow").json()["entries"][0]["seq"]
    with ws(live, sub["api_key"]) as conn:
        conn.send(json.dumps({"type": "subscribe", "after": first, "format": "ninjs", "filters": {"category": ["economy"]}}))
        assert recv(conn) == {"type": "subscribed", "after": first}
        replayed = events(conn, 1)
        assert [(e["seq"], e["action"], e["data"]["headlines"][0]["value"]) for e in replayed] == [(first + 1, "publish", "Two")]
        publish(http, headline="Three")
        publish(http, category="sports", headline="Filtered out")
        publish(http, headline="Four")
        live_events = events(conn, 2)
        assert [e["data"]["headlines"][0]["value"] for e in live_events] == ["Three", "Four"]
        assert live_events[0]["seq"] < live_events[1]["seq"]
    with ws(live, sub["api_key"]) as conn:  # another format: the document is a string
        conn.send(json.dumps({"type": "subscribe", "after": first, "format": "newsmlg2"}))
        recv(conn)
        doc = events(conn, 1)[0]["data"]
        assert isinstance(doc, str) and doc.startswith("<?xml")


def test_token_auth_bad_auth_and_bad_subscribe_messages(live: LiveServer) -> None:
    http = api(live)
    sub = new_subscriber(http)
    token = http.post("/api/v1/stream/token", headers=bearer(sub["api_key"])).json()["token"]
    with ws(live, query=f"?token={token}") as conn:
        conn.send(json.dumps({"type": "subscribe"}))
        assert recv(conn)["type"] == "subscribed"
        publish(http, headline="Via token")
        assert events(conn, 1)[0]["data"]["headlines"][0]["value"] == "Via token"
    for key, query in ((None, ""), ("nfk_wrong", ""), (None, "?token=forged")):
        with pytest.raises(InvalidStatus) as info:
            ws(live, key, query)
        assert info.value.response.status_code == 401
        assert json.loads(info.value.response.body)["status"] == 401
    bad = ["not json", json.dumps({"type": "hello"}), json.dumps({"type": "subscribe", "after": -1}),
           json.dumps({"type": "subscribe", "format": "docx"}), json.dumps({"type": "subscribe", "filters": {"x": 1}})]
    for message in bad:
        with ws(live, sub["api_key"]) as conn:
            conn.send(message)
            reply = recv(conn)
            assert reply["type"] == "error" and 400 <= reply["status"] < 500, (message, reply)
            with pytest.raises(ConnectionClosed):
                conn.recv(timeout=WAIT)


def test_revoking_the_subscriber_closes_the_websocket(live: LiveServer) -> None:
    http = api(live)
    sub = new_subscriber(http)
    with ws(live, sub["api_key"]) as conn:
        conn.send(json.dumps({"type": "subscribe"}))
        recv(conn)
        assert http.patch(f"/api/v1/admin/subscribers/{sub['id']}", json={"active": False}).status_code == 200
        last = recv(conn)
        assert last["type"] == "error" and last["code"] == "revoked"
        with pytest.raises(ConnectionClosed) as info:
            conn.recv(timeout=WAIT)
        assert info.value.rcvd is not None and info.value.rcvd.code == 4001
