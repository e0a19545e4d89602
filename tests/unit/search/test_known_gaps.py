"""Known recall gaps of the shared analyzer, pinned so a fix is noticed.

These are strict xfails: the day the analyzer (``newsflow.text``) learns them, the
test passes, xfail-strict turns that into a failure, and the case moves into the
recall tests in ``tests/functional/test_search_recall.py``.
"""

from __future__ import annotations

import pytest

from newsflow.search.query import Alt, analyze, parse
from newsflow.text.analyzer import index_terms


def matches(query: str, text: str, language: str) -> bool:
    node = analyze(parse(query), [language])
    assert isinstance(node, Alt)
    doc = set(index_terms(text, language))
    return any(len(seq) == 1 and (seq[0] in doc if not prefix else any(t.startswith(seq[0]) for t in doc))
               for seq, prefix in node.options)


def test_the_helper_sees_a_plain_match() -> None:
    assert matches("مفاوضات", "والمفاوضات", "ar")
    assert not matches("مفاوضات", "التفاوض", "ar")


def test_wa_li_al_prefix() -> None:
    assert matches("مفاوضات", "وللمفاوضات", "ar")


def test_wa_bi_al_prefix() -> None:
    assert matches("مفاوضات", "وبالمفاوضات", "ar")


@pytest.mark.xfail(strict=True, reason="analyzer: مدرسة (school) and مدرس (teacher) share the stem مدرس")
def test_school_is_not_teacher() -> None:
    assert not matches("مدرسة", "مدرس", "ar")


@pytest.mark.xfail(strict=True, reason="analyzer: مفاوض (negotiator) and مفاوضات (negotiations) share a stem")
def test_negotiator_is_not_negotiations() -> None:
    assert not matches("مفاوضات", "المفاوض", "ar")
