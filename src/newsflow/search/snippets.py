"""Highlighted snippets, cut from the original text in Python.

Why not the engines' own highlighters: the index holds analyzer terms, not the
words as written, so FTS5 ``snippet()`` would show stems ("مفاوض") and PostgreSQL
``ts_headline`` would re-parse with its own rules. Instead every original word is
analyzed exactly as the index was, and the words whose term the query asked for are
marked. The result is HTML: the text escaped, matches in ``<mark>``.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from functools import lru_cache
from itertools import islice

from newsflow.text.normalize import fold_case, normalize
from newsflow.text.stem import stem
from newsflow.text.stopwords import STOPWORDS
from newsflow.text.tokenize import WORD_RE

__all__ = ["snippet"]

_NONE: frozenset[str] = frozenset()
MAX_WORDS = 1500  # scan at most this many words for the best window (a long story's start)


@lru_cache(maxsize=65536)
def _fold(token: str, language: str) -> str:
    """``normalize`` of one word (for ASCII it is only the case fold)."""
    return fold_case(token, language) if token.isascii() else normalize(token, language)


@lru_cache(maxsize=65536)  # news vocabulary repeats: most words are analyzed once
def _term(token: str, language: str) -> str | None:
    norm = _fold(token, language)
    if norm in STOPWORDS.get(language, _NONE):
        return None
    words = WORD_RE.findall(norm)
    return stem(words[0], language) if words else None


def _keys(terms: Iterable[str]) -> tuple[str, ...]:
    """Substrings every word of these terms contains once normalized.

    Each stemmer here only strips affixes from the normalized word: the Arabic light
    stemmer leaves a substring; Snowball (English, Turkish) a prefix whose last
    letter may change (happy → happi, kitabı → kitap). So a term less its last
    letter is in the word, except Snowball's three special forms dying, lying, tying.
    """
    keys = {t[:-1] if len(t) > 1 else t for t in terms}
    keys |= {t[0] + "y" for t in terms if t in ("die", "lie", "tie")}
    return tuple(keys)


def _hits(tokens: Iterable[str], language: str, wanted: frozenset[str], starts: tuple[str, ...]) -> set[str]:
    """The distinct words whose term the query asked for (or starts with a prefix).

    Most words of a story cannot match: a cheap test (is any key in the normalized
    word?) sets them aside, and only the rest are stemmed.
    """
    keys = re.compile("|".join(map(re.escape, _keys((*wanted, *starts)))))
    hits = set()
    for token in tokens:
        if keys.search(_fold(token, language)) is None:
            continue
        term = _term(token, language)
        if term is not None and (term in wanted or (bool(starts) and term.startswith(starts))):
            hits.add(token)
    return hits


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
    words = list(islice(WORD_RE.finditer(text), MAX_WORDS))
    if not words:
        return html.escape(text[:max_chars])
    wanted = frozenset(terms)
    starts = tuple(prefixes)
    hits = _hits({m.group(0) for m in words}, language, wanted, starts) if wanted or starts else set()
    spans = [m.span() for m in words]
    marked = [i for i, m in enumerate(words) if m.group(0) in hits] if hits else []
    # The best window starts at a marked word (shifting a window right to its first mark
    # never loses one), so only marked words are tried; the window's end is a bisection.
    ends = [e for _s, e in spans]
    best_first, best_count = 0, 0
    for n, first in enumerate(marked):
        last = max(first, bisect_right(ends, spans[first][0] + max_chars) - 1)
        count = bisect_right(marked, last) - n
        if count > best_count:
            best_first, best_count = first, count
    first = max(0, best_first - 3) if best_count > 0 else 0  # a little context before the first match
    start = spans[first][0] if first > 0 else 0
    stop = bisect_right(ends, start + max_chars, lo=first)  # the words first .. stop - 1 fit
    # Escaped in runs between marks (escaping is per character, so runs and words agree).
    out: list[str] = ["… "] if start > 0 else []
    pos = start
    for i in marked[bisect_left(marked, first) : bisect_left(marked, stop)]:
        s, e = spans[i]
        out.append(html.escape(text[pos:s]))
        out.append(f"<mark>{html.escape(text[s:e])}</mark>")
        pos = e
    if stop > first:
        out.append(html.escape(text[pos : ends[stop - 1]]))
        pos = ends[stop - 1]
    rest = text[pos:]
    if rest and not WORD_RE.search(rest):
        out.append(html.escape(rest))  # trailing punctuation only
    elif rest:
        out.append(" …")
    return "".join(out).strip()
