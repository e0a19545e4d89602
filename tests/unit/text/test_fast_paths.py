"""Shortcuts the text pipeline takes for speed give exactly what the plain definitions give."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from newsflow.text.entities import _TOKEN
from newsflow.text.entities import words as entity_words
from newsflow.text.gazetteer import _capitalised_before
from newsflow.text.tokenize import WORD_RE, word_spans, word_texts

_TRICKY = st.text(
    alphabet=st.sampled_from(
        [*"aAzZ_-.'’ \t\n,;()«»\"Éé٣ßİı1x", "\u00a0", "\u3000", "\u0301", "\u064e", "\u0640", "ب", "ل", "ﷺ", "Σ"]
    ),
    max_size=40,
)


@settings(max_examples=400, deadline=None)
@given(st.one_of(_TRICKY, st.text(max_size=40)))
@example("Mr. Putin's Bakü'de 3.5 1,000 المُفاوَضات ﷺ a_b")
@example("x\u00a0y\u3000z \u0301e")
def test_words_by_pieces_equal_the_patterns_over_the_whole_text(text: str) -> None:
    assert word_spans(text) == tuple((m[1], m.start(1), m.end(1)) for m in WORD_RE.finditer(text))
    assert word_texts(text) == tuple(WORD_RE.findall(text))
    assert entity_words(text) == tuple((m[1], m.start(), m.end(1)) for m in _TOKEN.finditer(text))


_PREVIOUS_CAPITAL = re.compile(r"([A-Z][\w-]*)[ \t]+$")


@settings(max_examples=400, deadline=None)
@given(st.one_of(_TRICKY, st.text(max_size=20)))
@example("talks with Union \t")
@example("the Baku-Tbilisi \n")
@example("Saint \n\n")
@example("ÉA_b- ")
@example("x.Ab ")
@example("")
def test_capitalised_word_before_read_from_the_end_equals_the_search(before: str) -> None:
    m = _PREVIOUS_CAPITAL.search(before)
    assert _capitalised_before(before) == (m[1] if m else None)
