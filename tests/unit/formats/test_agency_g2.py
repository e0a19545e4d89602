"""The agency shapes (``newsml29``, ``newsml12``) read back the way client software reads them."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from lxml import etree

from newsflow.core.story import Representation, StoryVersion
from newsflow.formats import agency_formats, agency_g2, newsml12
from newsflow.formats.agency import AgencyNames, abstract, photos
from strategies import FIXTURES, story_versions

NS = {"n": "http://iptc.org/std/nar/2006-10-01/", "nitf": "http://iptc.org/std/NITF/2006-10-18/"}
LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CITIES = {"Baku": {"en": "Baku", "ar": "باكو", "tr": "Bakü"}}
NAMES = AgencyNames.build("nf", [("world", "Dünya", "World", "العالم")], CITIES.get)
_slow = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _text(root: etree._Element, path: str) -> str | None:
    found = root.xpath(path, namespaces=NS)
    return found[0].text if found else None


def _names(elements: list[etree._Element]) -> dict[str, str]:
    return {e.get(LANG): e.text or "" for e in elements}


def read_newsml29(data: bytes) -> dict[str, object]:
    """What an agency client takes from a document (own text of each element, XPath with ``n``)."""
    root = etree.fromstring(data)
    subjects = root.xpath("//n:contentMeta/n:subject", namespaces=NS)
    return {
        "code": root.xpath("//n:newsItem/@guid", namespaces=NS)[0],
        "headline": _text(root, "//n:contentMeta/n:headline"),
        "content": _text(root, "//nitf:body/nitf:body.content"),
        "summary": _text(root, "//nitf:body/nitf:body.head/nitf:abstract"),
        "category": _text(root, '//n:subject/n:name[@xml:lang="tr"]'),
        "category_names": _names(subjects[0].xpath("n:name", namespaces=NS)),
        "subjects": [s.get("qcode") for s in subjects],
        "city": _names(root.xpath('//n:contentMeta/n:located[@type="cptype:city"]/n:name', namespaces=NS)),
        "photos": root.xpath('//n:itemMeta/n:link[@rel="irel:seeAlso"]/@residref', namespaces=NS),
    }


@_slow
@given(v=story_versions())
def test_newsml29_round_trip(v: StoryVersion) -> None:
    got = read_newsml29(agency_g2.render(v, NAMES, Representation.FULL))
    c = v.content
    assert got["code"] == f"nf:text:{v.firstcreated:%Y%m%d}:{v.story_id}"
    assert got["headline"] == c.headline
    assert (got["content"] or "") == c.body_html
    assert got["summary"] == abstract(v) and got["summary"]
    assert got["subjects"] == [f"nfcat:{c.category}", *(s.qcode for s in c.subjects)]
    assert set(got["category_names"]) >= {"tr", "en", "ar"} and all(got["category_names"].values())
    assert got["category"] == got["category_names"]["tr"]
    if c.dateline:
        assert got["city"][c.language] == c.dateline
        assert {"tr", "en", "ar"} <= set(got["city"]) and all(got["city"].values())
    else:
        assert got["city"] == {}
    assert got["photos"] == [NAMES.photo_id(v, p) for p in photos(v)]


@_slow
@given(v=story_versions())
def test_notice_has_no_body_and_no_photos(v: StoryVersion) -> None:
    data = agency_g2.render(v, NAMES, Representation.PARTIAL)
    got = read_newsml29(data)
    assert got["content"] is None and got["photos"] == []
    public = (v.content.abbreviation or "").strip() or v.headline
    assert got["summary"] == public  # the editor's abstract is for subscribers only
    assert etree.fromstring(data).xpath("//n:contentMeta/n:description/text()", namespaces=NS) == [public]


@_slow
@given(v=story_versions())
def test_newsml12_round_trip(v: StoryVersion) -> None:
    root = etree.fromstring(newsml12.render(v, NAMES, Representation.FULL))
    c = v.content
    assert root.findtext("NewsItem/Identification/NewsIdentifier/NewsItemId") == NAMES.story_id(v)
    assert root.findtext("NewsItem/NewsComponent/NewsLines/HeadLine") == c.headline
    main = root.xpath('//NewsComponent[Role/@FormalName="Main"]/ContentItem/DataContent')[0]
    assert (main.text or "") == c.body_html
    assert root.xpath('//NewsComponent[Role/@FormalName="Abstract"]/ContentItem/DataContent')[0].text == abstract(v)
    category = root.xpath('//Topic[TopicType/@FormalName="Category"]/Description')
    assert _names(category) == NAMES.category(c.category)
    city = root.xpath('//Topic[TopicType/@FormalName="City"]/Description')
    assert _names(city) == (NAMES.city(c.dateline, c.language) if c.dateline else {})
    refs = root.xpath('//NewsComponent[Role/@FormalName="Photo"]/NewsItemRef/@NewsItem')
    assert refs == [NAMES.photo_id(v, p) for p in photos(v)]


def test_known_city_and_configured_category_are_named_per_language() -> None:
    v = FIXTURES[next(iter(FIXTURES))]
    v = type(v)(**{**{f: getattr(v, f) for f in v.__slots__},
                   "content": v.content.with_changes(dateline="Baku", category="world")})
    got = read_newsml29(agency_g2.render(v, NAMES))
    assert got["city"] == {"tr": "Bakü", "en": "Baku", "ar": "باكو"} | {v.language: CITIES["Baku"].get(v.language, "Baku")}
    assert got["category_names"] == {"tr": "Dünya", "en": "World", "ar": "العالم"}
    unknown = NAMES.city("Springfield", "en")
    assert unknown == {"tr": "Springfield", "en": "Springfield", "ar": "Springfield"}


def test_registry_renders_both_shapes_and_is_not_the_strict_one() -> None:
    formats = agency_formats(NAMES)
    v = FIXTURES[next(iter(FIXTURES))]
    assert set(formats) == {"newsml29", "newsml12"}
    assert formats["newsml29"].render(v, Representation.FULL) == agency_g2.render(v, NAMES)
    assert formats["newsml12"].render(v, Representation.FULL) == newsml12.render(v, NAMES)
