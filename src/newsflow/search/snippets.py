"""Highlighted snippets, cut from the original text in Python.

Why not the engines' own highlighters: the index holds analyzer terms, not the
words as written, so FTS5 ``snippet()`` would show stems ("مفاوض") and PostgreSQL
``ts_headline`` would re-parse with its own rules. Instead every original word is
analyzed exactly as the index was, and the words whose term the query asked for are
marked. The result is HTML: the text escaped, matches in ``<mark>``.
"""

from __future__ import annotations

import html
from bisect import bisect_right
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
    seen: dict[str, bool] = {}  # token -> marked? (a story repeats its words)
    look = bool(wanted or starts)
    for n, m in enumerate(WORD_RE.finditer(text)):
        if n >= MAX_WORDS:
            break
        hit = False
        if look:
            token = m.group(0)
            hit_or_none = seen.get(token)
            if hit_or_none is None:
                term = _term(token, language)
                hit_or_none = term is not None and (term in wanted or (bool(starts) and term.startswith(starts)))
                seen[token] = hit_or_none
            hit = hit_or_none
        spans.append((m.start(), m.end(), hit))
    if not spans:
        return html.escape(text[:max_chars])
    # The best window starts at a marked word (shifting a window right to its first mark
    # never loses one), so only marked words are tried; the window's end is a bisection.
    marked = [i for i, span in enumerate(spans) if span[2]]
    ends = [e for _s, e, _hit in spans]
    best_first, best_count = 0, 0
    for n, first in enumerate(marked):
        last = max(first, bisect_right(ends, spans[first][0] + max_chars) - 1)
        count = bisect_right(marked, last) - n
        if count > best_count:
            best_first, best_count = first, count
    first = max(0, best_first - 3) if best_count > 0 else 0  # a little context before the first match
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
