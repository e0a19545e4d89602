from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from newsflow.core.story import Action, PubStatus, Representation, StoryVersion
from newsflow.errors import HostileDocument, InvalidInput
from newsflow.formats import newsml_g2
from standards import example_params, newsml_examples, newsml_schema
from strategies import BODY_SENTENCES, FIXTURES, story_versions

from .roundtrip import expected

REPRESENTATIONS = list(Representation)
NAR = {"g": newsml_g2.NAR_NS, "n": "http://iptc.org/std/NITF/2006-10-18/"}
_slow = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _errors(data: bytes) -> list[str]:
    schema = newsml_schema()
    schema.validate(etree.fromstring(data))
    return [f"{e.line}: {e.message}" for e in schema.error_log]


@pytest.mark.parametrize("representation", REPRESENTATIONS)
@pytest.mark.parametrize("name", FIXTURES)
def test_fixtures_validate(name: str, representation: Representation) -> None:
    assert _errors(newsml_g2.render(FIXTURES[name], representation)) == []


@_slow
@given(v=story_versions(), representation=st.sampled_from(REPRESENTATIONS))
def test_generated_versions_validate(v: StoryVersion, representation: Representation) -> None:
    assert _errors(newsml_g2.render(v, representation)) == []


def test_schema_checks_the_nitf_body() -> None:
    """A body element NITF does not have must fail, or the validation above proves little."""
    data = newsml_g2.render(FIXTURES["english_correction"])
    bad = data.replace(b"<em>steady</em>", b"<strong>steady</strong>")
    assert bad != data and _errors(bad)


def test_message_and_item_metadata() -> None:
    v = FIXTURES["english_correction"]
    root = etree.fromstring(newsml_g2.render(v))
    item = root.find("g:itemSet/g:newsItem", NAR)
    assert root.findtext("g:header/g:sent", namespaces=NAR) == "2024-05-06T12:15:00Z"
    assert (item.get("guid"), item.get("version"), item.get("conformance")) == (v.uri, "3", "power")
    meta = item.find("g:itemMeta", NAR)
    assert meta.find("g:itemClass", NAR).get("qcode") == "ninat:text"
    assert meta.find("g:signal", NAR).get("qcode") == "sig:correction"
    assert meta.findtext("g:edNote", namespaces=NAR) == v.ed_note
    assert meta.findtext("g:embargoed", namespaces=NAR) == "2024-05-07T06:00:00Z"
    content = item.find("g:contentMeta", NAR)
    assert content.findtext("g:urgency", namespaces=NAR) == "2"
    assert content.find("g:located", NAR).get("type") == "cptype:city"
    assert content.find("g:located/g:name", NAR).text == "Baku"
    assert "nfcat:economy" in [s.get("qcode") for s in content.findall("g:subject", NAR)]
    hl2 = item.find(".//n:body.content/n:hl2", NAR)
    assert hl2.text == "Energy"


def test_withdrawal_is_canceled_with_a_signal() -> None:
    meta = etree.fromstring(newsml_g2.render(FIXTURES["turkish_withdrawal"])).find(".//g:itemMeta", NAR)
    assert meta.find("g:pubStatus", NAR).get("qcode") == "stat:canceled"
    assert meta.find("g:signal", NAR).get("qcode") == "nfsig:withdraw"


def test_photo_is_a_see_also_link() -> None:
    v = FIXTURES["arabic_flash_with_photo"]
    link = etree.fromstring(newsml_g2.render(v)).find(".//g:itemMeta/g:link", NAR)
    assert (link.get("rel"), link.get("residref")) == ("irel:seeAlso", "urn:newsflow:photo:9001")
    assert [r.get("rendition") for r in link.findall("g:remoteContent", NAR)] == ["rnd:web", "rnd:thumbnail"]


def test_sent_is_the_only_moving_part() -> None:
    v = FIXTURES["arabic_flash_with_photo"]
    assert newsml_g2.render(v) == newsml_g2.render(v)
    later = newsml_g2.render(v, sent=datetime(2025, 1, 1, tzinfo=UTC))
    assert b"<sent>2025-01-01T00:00:00Z</sent>" in later
    assert later.replace(b"2025-01-01T00:00:00Z", b"2024-05-06T09:30:00Z") == newsml_g2.render(v)


@pytest.mark.parametrize("name", FIXTURES)
def test_partial_has_no_body(name: str) -> None:
    v = FIXTURES[name]
    data = newsml_g2.render(v, Representation.PARTIAL)
    assert BODY_SENTENCES[name].encode() not in data
    assert b"body.content" not in data
    [item] = newsml_g2.parse(data)
    assert item.representation is Representation.PARTIAL and item.content.body_html == ""
    assert item.content.abbreviation == v.content.abbreviation


@_slow
@given(v=story_versions(), representation=st.sampled_from(REPRESENTATIONS))
def test_round_trip(v: StoryVersion, representation: Representation) -> None:
    assert newsml_g2.parse(newsml_g2.render(v, representation)) == [expected(v, representation)]


@pytest.mark.parametrize("name", FIXTURES)
def test_bare_news_item_round_trips(name: str) -> None:
    v = FIXTURES[name]
    data = etree.tostring(newsml_g2.news_item(v), encoding="UTF-8")
    assert newsml_g2.parse(data) == [expected(v, Representation.FULL)]


@pytest.mark.parametrize("path", example_params("newsml-g2"))
def test_parses_the_iptc_examples(path) -> None:
    [item] = newsml_g2.parse(path.read_bytes())
    assert item.uri.startswith(("urn:newsml:", "tag:"))
    assert item.version == 11
    assert item.content.headline.strip()
    assert item.pubstatus is PubStatus.USABLE


def test_parses_the_text_example_body() -> None:
    listing = next(p for p in newsml_examples() if "Text_Document" in p.name)
    [item] = newsml_g2.parse(listing.read_bytes())
    assert item.content.body_html.startswith("<p>(New York, NY - October 21)")
    assert item.content.body_html.count("<p>") == 2
    assert item.content.subjects[0].qcode == "medtop:04000000"
    assert item.signal is Action.PUBLISH and item.content.language == "en-US"


def test_parses_the_first_example_signal_and_embargo() -> None:
    listing = next(p for p in newsml_examples() if "LISTING_1" in p.name)
    [item] = newsml_g2.parse(listing.read_bytes())
    assert item.signal is Action.UPDATE
    assert item.content.embargoed == datetime(2018, 10, 23, 12, tzinfo=UTC)
    assert item.content.dateline == "Berlin" and item.content.country == "Germany"


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b'<!DOCTYPE n [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
         b'<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="a">&x;</newsItem>', HostileDocument),
        (b"<html/>", InvalidInput),
        (b'<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/"/>', InvalidInput),
        (b'<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="a"/>', InvalidInput),
    ],
    ids=["xxe", "not-g2", "no-guid", "no-meta"],
)
def test_parse_rejects(data: bytes, error: type[Exception]) -> None:
    with pytest.raises(error):
        newsml_g2.parse(data)
