from __future__ import annotations

import json

import pytest
from lxml import etree

from newsflow.core.story import Representation
from newsflow.errors import InvalidInput
from newsflow.formats import FORMATS, get_format, newsml_g2, ninjs
from standards import newsml_schema, ninjs_validator
from strategies import FIXTURES


def test_names() -> None:
    assert set(FORMATS) == {"ninjs", "ninjs3", "newsmlg2", "text"}
    assert all(f.name == name for name, f in FORMATS.items())


@pytest.mark.parametrize("representation", list(Representation))
@pytest.mark.parametrize("name", FIXTURES)
def test_every_format_renders_valid_bytes(name: str, representation: Representation) -> None:
    v = FIXTURES[name]
    out = {n: f.render(v, representation) for n, f in FORMATS.items()}
    assert all(isinstance(b, bytes) for b in out.values())
    assert not list(ninjs_validator("2.1").iter_errors(json.loads(out["ninjs"])))
    assert not list(ninjs_validator("3.1").iter_errors(json.loads(out["ninjs3"])))
    assert newsml_schema().validate(etree.fromstring(out["newsmlg2"]))
    assert out["text"].decode().startswith(("FLASH", "URGENT", v.headline))
    assert ninjs.parse(out["ninjs3"]).uri == newsml_g2.parse(out["newsmlg2"])[0].uri == v.uri


def test_get_format() -> None:
    assert get_format("newsmlg2").extension == "xml"
    with pytest.raises(InvalidInput) as caught:
        get_format("rss")
    assert caught.value.field == "format" and "unknown format" in str(caught.value)


def test_a_plain_string_representation_is_not_mistaken() -> None:
    v = FIXTURES["english_correction"]
    for f in FORMATS.values():
        assert f.render(v, "full") == f.render(v, Representation.FULL)  # type: ignore[arg-type]
        assert f.render(v, "partial") == f.render(v, Representation.PARTIAL)  # type: ignore[arg-type]
