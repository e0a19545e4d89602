"""/abone/ documents in the agency shapes, pictures, signed links, and bad input.

Every bad request answers the agency envelope with its status and counts nothing
against the daily download limit.
"""

from __future__ import annotations

import time

import pytest
from fastapi.testclient import TestClient
from itsdangerous import TimestampSigner, URLSafeTimedSerializer
from lxml import etree

from newsflow.wiring import Services
from tests.conftest import story_fields
from tests.functional.portal.test_media import jpeg_with_gps
from tests.functional.test_abone_support import Sub, agency_id, envelope, make_subscriber, publish

NS = {"n": "http://iptc.org/std/nar/2006-10-01/", "nitf": "http://iptc.org/std/NITF/2006-10-18/"}


@pytest.fixture
def sub(client: TestClient) -> Sub:
    return make_subscriber(client, "Acme Daily")


def downloads(services: Services, sub: Sub) -> int:
    return int(services.subscribers.usage(sub.id)["downloads_today"])


def photo_story(client: TestClient, **fields: object) -> tuple[int, str]:
    """A published story carrying one uploaded photo: (story id, photo's agency id)."""
    media = client.post("/api/v1/media", files={"file": ("p.jpg", jpeg_with_gps((640, 480)), "image/jpeg")},
                        data={"caption": "The square at noon"})
    assert media.status_code == 201, media.text
    draft = client.post("/api/v1/stories", json=story_fields(dateline="Baku", **fields)).json()
    assert client.post(f"/api/v1/stories/{draft['id']}/photos", json={"uri": media.json()["uri"]}).status_code == 200
    assert client.post(f"/api/v1/stories/{draft['id']}/publish").status_code == 200
    aid = agency_id(client, draft["id"])
    prefix, _, day, sid = aid.split(":")
    return draft["id"], f"{prefix}:picture:{day}:{sid}-{media.json()['id']}"


def test_newsml29_names_category_and_city_in_three_languages(client: TestClient, sub: Sub) -> None:
    sid, photo = photo_story(client, headline="Summit opens", category="politics",
                             abbreviation="Leaders meet in Baku.")
    root = etree.fromstring(client.get(f"/abone/document/{agency_id(client, sid)}/newsml29", auth=sub.basic).content)
    city = root.xpath('//n:contentMeta/n:located[@type="cptype:city"]/n:name', namespaces=NS)
    assert {n.get("{http://www.w3.org/XML/1998/namespace}lang"): n.text for n in city} == {
        "tr": "Bakü", "en": "Baku", "ar": "باكو"}
    first_subject = root.xpath("//n:contentMeta/n:subject", namespaces=NS)[0]
    assert [n.text for n in first_subject] == ["Politika", "Politics", "سياسة"]
    assert root.xpath("//nitf:body.head/nitf:abstract", namespaces=NS)[0].text == "Leaders meet in Baku."
    assert root.xpath('//n:itemMeta/n:link[@rel="irel:seeAlso"]/@residref', namespaces=NS) == [photo]


def test_newsml12_carries_the_same_fields(client: TestClient, services: Services, sub: Sub) -> None:
    sid, photo = photo_story(client, headline="Summit opens", category="politics")
    aid = agency_id(client, sid)
    r = client.get(f"/abone/document/{aid}/newsml12", auth=sub.basic)
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/xml")
    root = etree.fromstring(r.content)
    assert root.tag == "NewsML" and root.get("Version") == "1.2"
    assert root.findtext("NewsItem/Identification/NewsIdentifier/NewsItemId") == aid
    story = root.find("NewsItem/NewsComponent")
    assert story.findtext("NewsLines/HeadLine") == "Summit opens"
    body = root.xpath('//NewsComponent[Role/@FormalName="Main"]/ContentItem/DataContent')[0]
    assert body.text == client.get(f"/api/v1/stories/{sid}").json()["latest"]["content"]["body_html"]
    assert root.xpath('//NewsComponent[Role/@FormalName="Abstract"]/ContentItem/DataContent')[0].text
    category = root.xpath('//Topic[TopicType/@FormalName="Category"]/Description[@xml:lang="tr"]')
    assert [c.text for c in category] == ["Politika"]
    assert [c.text for c in root.xpath('//Topic[TopicType/@FormalName="City"]/Description[@xml:lang="tr"]')] == ["Bakü"]
    assert root.xpath('//NewsComponent[Role/@FormalName="Photo"]/NewsItemRef/@NewsItem') == [photo]
    assert downloads(services, sub) == 1


@pytest.mark.parametrize("size", ["print", "web"])
def test_photo_link_downloads_the_jpeg_and_counts(client: TestClient, services: Services, sub: Sub, size: str) -> None:
    _, photo = photo_story(client)
    r = client.get(f"/abone/document/{photo}/{size}", auth=sub.basic)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "image/jpeg" and r.content[:3] == b"\xff\xd8\xff"
    assert downloads(services, sub) == 1


def test_photo_needs_pictures_in_the_subscription(client: TestClient, services: Services) -> None:
    text_only = make_subscriber(client, "Words Only", types=["text"])
    _, photo = photo_story(client)
    envelope(client.get(f"/abone/document/{photo}/print", auth=text_only.basic), 403)
    assert downloads(services, text_only) == 0


def test_token_and_multitoken_cover_the_story_its_translations_and_photo(client: TestClient, sub: Sub) -> None:
    sid, photo = photo_story(client, headline="Summit opens")
    tr = publish(client, headline="Zirve açıldı", language="tr", translation_of=sid)
    r = client.get(f"/abone/token/{photo}/print", auth=sub.basic, follow_redirects=False)
    assert r.status_code == 302
    got = client.get(r.headers["location"], headers={"Authorization": ""})
    assert got.status_code == 200 and got.content[:3] == b"\xff\xd8\xff"
    data = envelope(client.get(f"/abone/multitoken/nf:group:{sid}/newsml29", auth=sub.basic), 200)
    by_id = {x["id"]: x for x in data["result"]}
    assert set(by_id) == {agency_id(client, sid), agency_id(client, tr["id"]), photo}
    assert by_id[photo]["type"] == "picture"
    for item in data["result"]:
        got = client.get(item["url"], headers={"Authorization": ""})
        assert got.status_code == 200, (item, got.text)
        if item["type"] == "picture":
            assert got.content[:3] == b"\xff\xd8\xff"
        else:
            assert etree.fromstring(got.content).xpath("//n:newsItem/@guid", namespaces=NS) == [item["id"]]
    web = envelope(client.get(f"/abone/multitoken/nf:group:{sid}/web", auth=sub.basic), 200)
    assert [x["id"] for x in web["result"]] == [photo]


# -- bad input: the envelope, the status, nothing counted -----------------------------------
def test_bad_ids_and_formats_answer_the_envelope_and_count_nothing(
    client: TestClient, services: Services, sub: Sub
) -> None:
    sid, photo = photo_story(client)
    aid = agency_id(client, sid)
    prefix, kind, day, num = aid.split(":")
    cases = [
        (f"/abone/document/xx:{kind}:{day}:{num}/newsml29", 404),  # another provider's prefix
        (f"/abone/document/xx:picture:{day}:{photo.rpartition(':')[2]}/print", 404),
        (f"/abone/document/{aid}/print", 422),  # a picture size for a text
        (f"/abone/document/{aid}/web", 422),
        (f"/abone/document/{photo}/newsml29", 422),  # a document format for a picture
        (f"/abone/document/{aid}/pdf", 422),  # unknown format
        (f"/abone/document/{photo}/jpeg", 422),
        (f"/abone/document/{prefix}:text:{day}:{num}-{'0' * 32}/newsml29", 404),  # a key on a text id
        (f"/abone/document/{photo[:-1]}{'1' if photo.endswith('0') else '0'}/print", 404),  # no such photo
        (f"/abone/token/{aid}/print", 422),
        (f"/abone/token/{aid}/pdf", 422),
        (f"/abone/token/xx:{kind}:{day}:{num}/newsml29", 404),
        (f"/abone/multitoken/{prefix}:group:{sid}/pdf", 422),
    ]
    for path, status in cases:
        envelope(client.get(path, auth=sub.basic), status)
    assert downloads(services, sub) == 0


def _old_token(secret: str, payload: list[object]) -> str:
    class TwoDaysAgo(TimestampSigner):
        def get_timestamp(self) -> int:
            return int(time.time()) - 2 * 86400

    return URLSafeTimedSerializer(secret, salt="newsflow.abone.link", signer=TwoDaysAgo).dumps(payload)


def test_expired_or_foreign_links_are_refused_and_count_nothing(
    client: TestClient, services: Services, sub: Sub
) -> None:
    other = make_subscriber(client, "Other Paper")
    sid, _ = photo_story(client)
    aid = agency_id(client, sid)
    expired = _old_token(services.settings.secret_key, [sub.id, sid, "newsml29"])
    envelope(client.get(f"/abone/link/{expired}", headers={"Authorization": ""}), 403)
    forged = URLSafeTimedSerializer("not-our-secret", salt="newsflow.abone.link").dumps([sub.id, sid, "newsml29"])
    envelope(client.get(f"/abone/link/{forged}", headers={"Authorization": ""}), 404)
    link = client.get(f"/abone/token/{aid}/newsml29", auth=sub.basic, follow_redirects=False).headers["location"]
    envelope(client.get(link, auth=other.basic), 403)  # used with another user's credentials
    tampered = link.rsplit("/", 1)[0] + "/" + link.rsplit("/", 1)[1][::-1]
    envelope(client.get(tampered, headers={"Authorization": ""}), 404)
    assert downloads(services, sub) == 0 and downloads(services, other) == 0
    got = client.get(link, headers={"Authorization": ""})  # the link itself still works for its owner
    assert got.status_code == 200
    assert downloads(services, sub) == 1


def test_picture_item_of_its_own_downloads_by_its_plain_id(client: TestClient, services: Services, sub: Sub) -> None:
    media = client.post("/api/v1/media", files={"file": ("p.jpg", jpeg_with_gps((640, 480)), "image/jpeg")})
    assert media.status_code == 201, media.text
    r = client.post("/api/v1/stories?publish=true",
                    json=story_fields(type="picture", media_id=media.json()["id"], headline="Dawn over the port"))
    assert r.status_code == 201, r.text
    aid = agency_id(client, r.json()["id"])
    assert aid.split(":")[1] == "picture"
    got = client.get(f"/abone/document/{aid}/print", auth=sub.basic)
    assert got.status_code == 200 and got.content[:3] == b"\xff\xd8\xff"
    doc = etree.fromstring(client.get(f"/abone/document/{aid}/newsml29", auth=sub.basic).content)
    assert doc.xpath("//n:itemMeta/n:itemClass/@qcode", namespaces=NS) == ["ninat:picture"]
    for residref in doc.xpath('//n:itemMeta/n:link[@rel="irel:seeAlso"]/@residref', namespaces=NS):
        assert client.get(f"/abone/document/{residref}/web", auth=sub.basic).status_code == 200
    assert downloads(services, sub) >= 2
