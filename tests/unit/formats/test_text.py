from __future__ import annotations

import html
from dataclasses import replace

from hypothesis import given, settings

from newsflow.core.story import Representation, StoryVersion
from newsflow.formats import text
from strategies import BODY_SENTENCES, FIXTURES, story_versions


def test_arabic_flash_layout() -> None:
    v = FIXTURES["arabic_flash_with_photo"]
    lines = text.render(v).splitlines()
    assert lines[:4] == ["FLASH", v.headline, "باكو، أذربيجان", "مراسل الوكالة"]
    assert BODY_SENTENCES["arabic_flash_with_photo"] in lines
    assert "- التجارة" in lines and "- الطاقة" in lines
    assert lines[-1] == "urn:newsflow:story:101 v1"


def test_correction_carries_its_note_and_quote() -> None:
    out = text.render(FIXTURES["english_correction"])
    assert out.startswith("URGENT\n")
    assert "CORRECTION: Corrects the export growth figure" in out
    assert "Gas exports & oil sales led the rise, the report said." in out
    assert "“We expect steady growth.”" in out
    assert "<" not in out


def test_routine_has_no_marker() -> None:
    out = text.render(FIXTURES["turkish_withdrawal"])
    assert out.startswith(FIXTURES["turkish_withdrawal"].headline + "\n")
    assert "WITHDRAWN: Withdrawn:" in out


def test_partial_is_the_abbreviation_only() -> None:
    for name, v in FIXTURES.items():
        out = text.render(v, Representation.PARTIAL)
        assert BODY_SENTENCES[name] not in out
        assert v.content.abbreviation in out


@settings(max_examples=50, deadline=None)
@given(v=story_versions())
def test_generated_versions(v: StoryVersion) -> None:
    full = text.render(v)
    assert full.endswith(f"{v.uri} v{v.version}\n") and v.headline in full
    for paragraph in text.paragraphs(v.content.body_html):
        assert paragraph in full
    # Partial is exactly the full layout with the body swapped for the abbreviation.
    abbreviation = v.content.abbreviation
    public = v.content.with_changes(
        body_html=f"<p>{html.escape(abbreviation, quote=False)}</p>" if abbreviation else ""
    )
    assert text.render(v, Representation.PARTIAL) == text.render(replace(v, content=public))
