"""Snippets: analyzed matching on the original words, escaping, windows."""

from __future__ import annotations

from newsflow.search.snippets import snippet


def test_marks_every_inflected_form_and_escapes() -> None:
    text = "قال إن المفاوضات <b> ستستمر & فالمفاوضات صعبة"
    out = snippet(text, "ar", {"مفاوض"})
    assert out == "قال إن <mark>المفاوضات</mark> &lt;b&gt; ستستمر &amp; <mark>فالمفاوضات</mark> صعبة"


def test_window_moves_to_the_match() -> None:
    text = "filler " * 100 + "the negotiations resumed" + " tail" * 100
    out = snippet(text, "en", {"negoti"}, max_chars=80)
    assert out.startswith("… ") and out.endswith(" …")
    assert "<mark>negotiations</mark>" in out and len(out) < 140


def test_prefixes_mark_turkish_forms_and_no_match_keeps_the_start() -> None:
    assert "<mark>müzakerelerde</mark>" in snippet("Müzakerelerde ilerleme", "tr", (), ("müzaker",)).lower()
    assert snippet("Nothing to see here", "en", {"zzz"}) == "Nothing to see here"
    assert snippet("", "en", {"x"}) == ""


def test_diacritics_and_tatweel_still_match() -> None:
    assert snippet("انتهت مُفَاوَضَاتٌ ومفاوضـــات", "ar", {"مفاوض"}).count("<mark>") == 2
