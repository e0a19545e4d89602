"""Highlighted snippets, cut from the original text in Python.

Why not the engines' own highlighters: the index holds analyzer terms, not the
words as written, so FTS5 ``snippet()`` would show stems ("مفاوض") and PostgreSQL
``ts_headline`` would re-parse with its own rules. Instead every original word is
analyzed exactly as the index was, and the words whose term the query asked for are
marked. The result is HTML: the text escaped, matches in ``<mark>``.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from functools import lru_cache

from newsflow.text.normalize import normalize
from newsflow.text.stem import stem
from newsflow.text.stopwords import STOPWORDS
from newsflow.text.tokenize import WORD_RE

__all__ = ["snippet"]

_NONE: frozenset[str] = frozenset()
MAX_WORDS = 1500  # scan at most this many words for the best window (a long story's start)


@lru_cache(maxsize=65536)  # news vocabulary repeats: most words are analyzed once
def _term(token: str, language: str) -> str | None:
    norm = normalize(token, language)
    if norm in STOPWORDS.get(language, _NONE):
        return None
    words = WORD_RE.findall(norm)
    return stem(words[0], language) if words else None


def snippet(
    text: str,
    language: str,
    terms: Iterable[str],
    prefixes: Iterable[str] = (),
    *,
    max_chars: int = 220,
) -> str:
    """The window of ``text`` (about ``max_chars`` long) with the most matching words.

    Matching words are wrapped in ``<mark>``; everything is HTML-escaped. Without a
    match the snippet is the start of the text. Cut points fall between words and
    are shown with an ellipsis.
    """
    text = " ".join(text.split())
    if not text:
        return ""
    wanted = frozenset(terms)
    starts = tuple(prefixes)
    spans: list[tuple[int, int, bool]] = []
    for n, m in enumerate(WORD_RE.finditer(text)):
        if n >= MAX_WORDS:
            break
        term = _term(m.group(0), language) if (wanted or starts) else None
        hit = term is not None and (term in wanted or any(term.startswith(p) for p in starts))
        spans.append((m.start(), m.end(), hit))
    if not spans:
        return html.escape(text[:max_chars])
    marks = [0]
    for _s, _e, hit in spans:
        marks.append(marks[-1] + hit)
    best_first, best_count, last = 0, 0, 0
    for first in range(len(spans)):
        # Two pointers: the widest window from ``first`` that fits, and its marks.
        last = max(last, first)
        while last + 1 < len(spans) and spans[last + 1][1] - spans[first][0] <= max_chars:
            last += 1
        count = marks[last + 1] - marks[first]
        if count > best_count:
            best_first, best_count = first, count
    first = 0
    if best_count > 0:
        first_hit = next(i for i in range(best_first, len(spans)) if spans[i][2])
        first = max(0, first_hit - 3)  # a little context before the first match
    start = spans[first][0] if first > 0 else 0
    end = start + max_chars
    out: list[str] = ["… "] if start > 0 else []
    pos = start
    for s, e, hit in spans[first:]:
        if e > end:
            break
        out.append(html.escape(text[pos:s]))
        word = html.escape(text[s:e])
        out.append(f"<mark>{word}</mark>" if hit else word)
        pos = e
    rest = text[pos:]
    if rest and not WORD_RE.search(rest):
        out.append(html.escape(rest))  # trailing punctuation only
    elif rest:
        out.append(" …")
    return "".join(out).strip()
