from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsflow.core.story import ContentType, Priority, PubStatus, Representation, StoryVersion
from newsflow.errors import InvalidInput, PayloadTooLarge
from newsflow.formats import ninjs
from standards import NINJS_VERSIONS, example_params, ninjs_validator
from strategies import BODY_SENTENCES, FIXTURES, story_versions

from .roundtrip import expected, ninjs_signal

REPRESENTATIONS = list(Representation)
_slow = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _errors(doc: dict, schema: str) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in ninjs_validator(schema).iter_errors(doc)]


@pytest.mark.parametrize("schema", NINJS_VERSIONS)
@pytest.mark.parametrize("representation", REPRESENTATIONS)
@pytest.mark.parametrize("name", FIXTURES)
def test_fixtures_validate(name: str, representation: Representation, schema: str) -> None:
    doc = ninjs.render(FIXTURES[name], representation, schema=schema)
    assert _errors(doc, schema) == []


@_slow
@given(v=story_versions(), representation=st.sampled_from(REPRESENTATIONS),
       schema=st.sampled_from(NINJS_VERSIONS))
def test_generated_versions_validate(v: StoryVersion, representation: Representation, schema: str) -> None:
    assert _errors(ninjs.render(v, representation, schema=schema), schema) == []


def test_validator_is_strict() -> None:
    """The validator must reject what the schema forbids, or the tests above prove nothing."""
    doc = ninjs.render(FIXTURES["english_correction"])
    assert _errors({**doc, "versioncreated": "yesterday"}, "2.1")
    assert _errors({**doc, "headline": "1.x spelling"}, "2.1")
    assert _errors(doc, "3.1")  # 2.x spelling is not 3.x


@pytest.mark.parametrize("name", FIXTURES)
def test_partial_has_no_body(name: str) -> None:
    v = FIXTURES[name]
    for schema in NINJS_VERSIONS:
        doc = ninjs.render(v, Representation.PARTIAL, schema=schema)
        data = ninjs.dumps(doc).decode()
        assert BODY_SENTENCES[name] not in data
        assert "bodies" not in doc
        assert ninjs.parse(doc).content.body_html == ""
        assert ninjs.parse(data).content.abbreviation == v.content.abbreviation


def test_partial_carries_the_abbreviation_and_headline() -> None:
    v = FIXTURES["arabic_flash_with_photo"]
    doc = ninjs.render(v, Representation.PARTIAL)
    assert doc["representationtype"] == "partial"
    assert doc["headlines"] == [{"role": "main", "value": v.headline}]
    assert [d["value"] for d in doc["descriptions"]] == [v.content.abbreviation]


def test_mapping_of_the_arabic_flash() -> None:
    v = FIXTURES["arabic_flash_with_photo"]
    doc = ninjs.render(v)
    assert doc["urgency"] == 1 and doc["version"] == "1" and doc["language"] == "ar"
    assert doc["located"] == "باكو" and doc["by"] == "مراسل الوكالة"
    assert {"name": "politics", "rel": "category", "uri": "urn:newsflow:cv:category:politics",
            "literal": "nfcat:politics"} in doc["subjects"]
    assert {"name": "سياسة", "uri": "http://cv.iptc.org/newscodes/mediatopic/11000000",
            "literal": "medtop:11000000"} in doc["subjects"]
    photo = doc["associations"][0]
    assert photo["uri"] == "urn:newsflow:photo:9001" and photo["type"] == "picture"
    assert photo["renditions"][0] == {"name": "web", "href": "https://media.example.org/p/9001-web.jpg",
                                      "contenttype": "image/jpeg", "width": 1024, "height": 683}


def test_3x_spelling() -> None:
    doc = ninjs.render(FIXTURES["english_correction"], schema="3.1")
    assert doc["representationType"] == "full"
    assert doc["embargoedUntil"] == "2024-05-07T06:00:00Z"
    assert doc["edNote"].startswith("Corrects")
    assert doc["pubStatus"] == "usable" and doc["versionCreated"] == "2024-05-06T12:15:00Z"
    assert not {"pubstatus", "embargoed", "ednote", "representationtype"} & doc.keys()


def test_dumps_is_compact_utf8_and_deterministic() -> None:
    v = FIXTURES["arabic_flash_with_photo"]
    data = ninjs.dumps(ninjs.render(v))
    assert "باكو".encode() in data and b"\\u" not in data and b", " not in data
    assert data == ninjs.dumps(ninjs.render(v))
    assert json.loads(data) == ninjs.render(v)


def test_unknown_schema_is_refused() -> None:
    with pytest.raises(InvalidInput):
        ninjs.render(FIXTURES["english_correction"], schema="1.0")


@_slow
@given(v=story_versions(), representation=st.sampled_from(REPRESENTATIONS),
       schema=st.sampled_from(NINJS_VERSIONS), as_bytes=st.booleans())
def test_round_trip(v: StoryVersion, representation: Representation, schema: str, as_bytes: bool) -> None:
    doc = ninjs.render(v, representation, schema=schema)
    parsed = ninjs.parse(ninjs.dumps(doc) if as_bytes else doc)
    assert parsed == expected(v, representation, signal=ninjs_signal(v))


@pytest.mark.parametrize("path", example_params("ninjs"))
def test_parses_the_iptc_examples(path) -> None:
    raw = path.read_bytes()
    doc = json.loads(raw)
    item = ninjs.parse(raw)
    assert item.uri == doc["uri"]
    assert item.content.headline == doc["headlines"][0]["value"]
    assert item.content.language == doc.get("language", "und")
    assert item.version == int(doc.get("version", 1))


def test_parses_plain_text_bodies_into_paragraphs() -> None:
    item = ninjs.parse({"uri": "urn:x:1", "bodies": [{"value": "one & two\n\nthree"}],
                        "urgency": 2, "type": "picture", "pubstatus": "withheld"})
    assert item.content.body_html == "<p>one &amp; two</p><p>three</p>"
    assert item.content.priority is Priority.URGENT
    assert item.content.type is ContentType.PICTURE
    assert item.pubstatus is PubStatus.WITHHELD


@pytest.mark.parametrize(
    "data",
    [b"\xff\xfe{}", b"{not json", b"[1, 2]", b'{"headline": "no uri"}', b'{"uri": 5}',
     b'{"uri": "u:1", "version": "v2"}', b'{"uri": "u:1", "urgency": "high"}',
     b'{"uri": "u:1", "versioncreated": "yesterday"}', b'{"uri": "u:1", "subjects": {}}',
     b'{"uri": "u:1", "pubstatus": "gone"}', b"[" * 100_000],
    ids=["utf16", "syntax", "array", "no-uri", "uri-type", "version", "urgency", "date",
         "subjects", "pubstatus", "deep"],
)
def test_parse_rejects_bad_documents(data: bytes) -> None:
    with pytest.raises(InvalidInput):
        ninjs.parse(data)


def test_parse_limits_size() -> None:
    with pytest.raises(PayloadTooLarge):
        ninjs.parse(b'{"uri": "u:1"}' + b" " * 100, max_bytes=64)
