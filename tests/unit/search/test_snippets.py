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


# -- the fast word filter marks exactly what full analysis marks -------------------------------
import html as _html  # noqa: E402
from bisect import bisect_right as _bisect_right  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from newsflow.search.snippets import _term  # noqa: E402
from newsflow.text.tokenize import WORD_RE  # noqa: E402


def _reference(text: str, language: str, terms: set[str], prefixes: tuple[str, ...], max_chars: int = 220) -> str:
    """The plain algorithm: every word analyzed in full, no shortcut."""
    text = " ".join(text.split())
    if not text:
        return ""
    spans = []
    for n, m in enumerate(WORD_RE.finditer(text)):
        if n >= 1500:
            break
        term = _term(m.group(0), language)
        hit = term is not None and (term in terms or (bool(prefixes) and term.startswith(prefixes)))
        spans.append((m.start(), m.end(), hit))
    if not spans:
        return _html.escape(text[:max_chars])
    marked = [i for i, s in enumerate(spans) if s[2]]
    ends = [e for _s, e, _h in spans]
    best_first, best_count = 0, 0
    for n, first in enumerate(marked):
        last = max(first, _bisect_right(ends, spans[first][0] + max_chars) - 1)
        count = _bisect_right(marked, last) - n
        if count > best_count:
            best_first, best_count = first, count
    first = max(0, best_first - 3) if best_count > 0 else 0
    start = spans[first][0] if first > 0 else 0
    out = ["… "] if start > 0 else []
    pos = start
    for s, e, hit in spans[first:]:
        if e > start + max_chars:
            break
        out.append(_html.escape(text[pos:s]))
        word = _html.escape(text[s:e])
        out.append(f"<mark>{word}</mark>" if hit else word)
        pos = e
    rest = text[pos:]
    if rest and not WORD_RE.search(rest):
        out.append(_html.escape(rest))
    elif rest:
        out.append(" …")
    return "".join(out).strip()


WORDS = ["المفاوضات", "فالمفاوضات", "مُفَاوَضَاتٌ", "ومفاوضـــات", "الوزير", "والوزير", "وزارة", "كتاب", "بالكتاب", "مدرسة", "المدرسة", "أمريكا", "إسرائيل", "فلسطين", "الفلسطينيين", "ﻻ", "٢٠٢٦", "2026", "1.000", "dying", "lying", "tying", "die", "lies", "skies", "sky", "happy", "happiness", "agreed", "generously", "news", "Negotiations", "İstanbul", "ISTANBUL", "ırmak", "kitabı", "kitap", "müzakerelerde", "Müzakere", "IŞIK", "ışık", "<b>", "&", '"', "'", "—", "،", ".", ",", "؟"]


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(st.sampled_from(WORDS), min_size=0, max_size=80),
    language=st.sampled_from(["ar", "en", "tr"]),
    picks=st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=3),
    as_prefix=st.booleans(),
    max_chars=st.sampled_from([40, 120, 220]),
)
def test_same_marks_as_full_analysis(
    words: list[str], language: str, picks: list[int], as_prefix: bool, max_chars: int
) -> None:
    text = " ".join(words)
    vocabulary = [w for w in WORDS if _term(w, language)]
    terms = {t for i in picks if (t := _term(vocabulary[i % len(vocabulary)], language))}
    prefixes = tuple(t[: max(1, len(t) - 1)] for t in terms) if as_prefix else ()
    wanted = set() if as_prefix else terms
    assert snippet(text, language, wanted, prefixes, max_chars=max_chars) == _reference(
        text, language, wanted, prefixes, max_chars
    )


def test_snowball_special_forms_are_still_marked() -> None:
    """dying → die: the one kind of word whose term is not (almost) inside it."""
    for word, term in (("dying", "die"), ("lying", "lie"), ("tying", "tie")):
        assert snippet(f"he was {word} there", "en", {term}) == f"he was <mark>{word}</mark> there"
        assert _reference(f"he was {word} there", "en", {term}, ()) == f"he was <mark>{word}</mark> there"
