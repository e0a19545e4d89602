"""Sentence splitting for Arabic, English and Turkish news copy.

Abbreviation relies on whole sentences, so the splitter prefers to miss a
boundary over inventing one inside a name, a number or a quotation:

* terminals are ``. ! ? …`` and Arabic ``؟ ؛``; the Arabic comma ``،`` only
  separates clauses;
* nothing is split while a quotation is open (« » ‹ › “ ” „ and straight ``"``);
  a quotation that ends with a terminal (``"... peace." Next``) ends the
  sentence after its closing mark;
* a full stop does not end a sentence after a known abbreviation (Mr., Dr.,
  U.S., vb., vs. ...), after a single-letter initial, inside a number (3.5,
  1.000: no space follows), or when the next word starts with a lowercase
  Latin letter;
* a blank line (paragraph break) always ends a sentence and closes any quote
  left open, so one stray quote mark cannot swallow a whole story.

Only the characters that matter are visited (one regular expression finds
them), which keeps the splitter fast on long stories. Sentences are exact,
stripped substrings of the input; :func:`sentence_spans` gives their offsets.
"""

from __future__ import annotations

import re

__all__ = ["sentence_spans", "split_sentences"]

_TERMINALS = ".!?…؟؛"
# A mark, or a blank line with the whitespace after it. Written as one character class first
# (a line break alone matches too, and the splitter passes over it) so that the search skips
# to the next candidate character instead of trying the pattern at every position.
_SIGNIFICANT = re.compile(r'[.!?…؟؛"«»“”„‹›\n](?:(?<=\n)[ \t\r\f\v]*\n\s*)?')
_RUN_AFTER = re.compile(r'[.!?…؟؛)\]"»”›’\']*')


def _run_end(text: str, pos: int) -> int:
    """Where the run of closing marks starting at ``pos`` ends (the pattern matches empty)."""
    run = _RUN_AFTER.match(text, pos)
    return run.end() if run else pos
_OPENERS = {"«": "»", "‹": "›", "“": "”", "„": "“”"}
_CLOSERS = frozenset("»›”“")


def _has_quote_mark(sentence: str) -> bool:
    """True when ``sentence`` holds one of the characters quotes_balanced acts on (eight
    substring tests cost about a third of a regular expression's search on a sentence)."""
    return (
        '"' in sentence or "«" in sentence or "»" in sentence or "“" in sentence
        or "”" in sentence or "„" in sentence or "‹" in sentence or "›" in sentence
    )


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_COMMON_ABBREVIATIONS = _words(
    "mr mrs ms dr prof sr jr st mt gen col lt sgt capt cmdr adm gov sen rep rev hon pres "
    "vs etc inc ltd co corp jan feb mar apr jun jul aug sep sept oct nov dec no nos fig "
    "approx dept est op vol ed eds pp ca cf"
)
_ABBREVIATIONS = {
    "en": _COMMON_ABBREVIATIONS,
    "tr": _COMMON_ABBREVIATIONS
    | _words(
        "doç yrd av sn vb vb.vs bkz örn cad sok mah apt şti alb org tuğg yzb dz hv müh "
        "uzm öğr gör arş hz"
    ),
}


def _word_before(text: str, end: int) -> str:
    """The whitespace-free run of ``text`` that ends at ``end``."""
    word = text[text.rfind(" ", 0, end) + 1 : end]  # words are mostly separated by spaces
    if word.isprintable():
        return word  # no other whitespace in it
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:end]


def _is_abbreviation(text: str, dot: int, language: str) -> bool:
    """True when the full stop at ``dot`` closes an abbreviation or an initial."""
    word = _word_before(text, dot).lstrip("([\"'«“„‹").casefold()
    if not word:
        return False
    if len(word) == 1 and word.isalpha():
        return True  # an initial: "J. Smith", Arabic "د. أحمد"
    if "." in word:
        return True  # U.S., e.g., a.m.
    return word in _ABBREVIATIONS.get(language, _COMMON_ABBREVIATIONS)


def _next_starts_lowercase(text: str, pos: int) -> bool:
    """True when the first non-space character at or after ``pos`` is lowercase Latin."""
    n = len(text)
    while pos < n and text[pos].isspace():
        pos += 1
    if pos >= n:
        return False
    ch = text[pos]
    return ch.islower() and (ch.isascii() or "\u00c0" <= ch <= "\u024f")


def _boundary_after(text: str, end: int, language: str, dot: int | None) -> bool:
    """Decide whether a sentence may end just before ``end``."""
    if end < len(text) and not text[end].isspace():
        return False
    if dot is not None and _is_abbreviation(text, dot, language):
        return False
    return not _next_starts_lowercase(text, end)


def sentence_spans(text: str, language: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` offsets of the stripped sentences of ``text``."""
    cuts: list[int] = []
    stack: list[str] = []
    for match in _SIGNIFICANT.finditer(text):
        ch = match.group()
        pos = match.start()
        if ch[0] == "\n":
            if ch == "\n":
                continue  # a line break alone
            stack.clear()
            cuts.append(pos)
            continue
        if ch in _TERMINALS:
            if stack:
                continue
            run_end = _run_end(text, pos)
            dot = pos if ch == "." and run_end == pos + 1 else None
            if _boundary_after(text, run_end, language, dot):
                cuts.append(run_end)
            continue
        if ch == '"':
            if stack and stack[-1] == '"':
                stack.pop()
                closed = True
            else:
                stack.append('"')
                closed = False
        elif stack and ch in _OPENERS.get(stack[-1], ""):
            stack.pop()
            closed = True
        elif ch in _OPENERS:
            stack.append(ch)
            closed = False
        else:
            closed = False  # a stray closing mark
        if closed and not stack and pos > 0 and text[pos - 1] in _TERMINALS:
            run_end = _run_end(text, pos)
            if _boundary_after(text, run_end, language, None):
                cuts.append(run_end)
    spans: list[tuple[int, int]] = []
    start = 0
    for cut in [*cuts, len(text)]:
        if cut <= start:
            continue
        s, e = start, cut
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
        start = cut
    return spans


def split_sentences(text: str, language: str) -> list[str]:
    """Split ``text`` into sentences, each an exact stripped substring of it."""
    return [text[s:e] for s, e in sentence_spans(text, language)]


def quotes_balanced(sentence: str) -> bool:
    """True when every quotation opened in ``sentence`` is closed in it, and vice versa.

    The splitter guarantees this except where a paragraph break closed a quote
    left open by the writer; abbreviation uses it to avoid such sentences.
    """
    if not _has_quote_mark(sentence):
        return True  # most sentences: nothing to balance
    stack: list[str] = []
    for match in _SIGNIFICANT.finditer(sentence):
        ch = match.group()
        if ch == '"':
            if stack and stack[-1] == '"':
                stack.pop()
            else:
                stack.append('"')
        elif stack and ch in _OPENERS.get(stack[-1], ""):
            stack.pop()
        elif ch in _OPENERS:
            stack.append(ch)
        elif ch in _CLOSERS:
            return False
    return not stack
