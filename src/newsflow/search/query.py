"""The search query language: parse once, analyze once, compile per engine.

Why a parser of our own: FTS5 and ``tsquery`` each have a syntax users must not
reach (a stray quote or colon would be an SQL-level error, or worse, a column
filter), and the two engines must agree. So the user's text becomes an AST of
words, "phrases", AND / OR / NOT (``-word`` too) and parentheses; the AST is
analyzed with the same analyzer as documents; the analyzed tree is compiled to
an FTS5 MATCH string or a ``tsquery`` literal. No user text reaches either
engine except as quoted analyzer terms.

The query language is unknown, so each word is analyzed for every language the
index stems (Arabic script: Arabic only) and the variants are ORed. Turkish is
agglutinative and its Snowball stemmer leaves some inflections apart
(müzakere → müzaker, müzakereler → müzakere), so the Turkish variant is a prefix
on the twice-stemmed word when that is at least ``TR_PREFIX_MIN`` letters long.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from newsflow.errors import InvalidInput
from newsflow.text.analyzer import index_terms
from newsflow.text.stem import is_arabic, stem

__all__ = [
    "All",
    "Alt",
    "Analyzed",
    "And",
    "Any_",
    "Node",
    "Not",
    "Or",
    "Phrase",
    "Word",
    "analyze",
    "expand_prefixes",
    "fts5_phrase",
    "fts5_phrases",
    "highlight_terms",
    "parse",
    "positive_phrases",
    "to_fts5",
    "to_tsquery",
]

MAX_QUERY_CHARS = 500
MAX_NODES = 64
TR_PREFIX_MIN = 5
LATIN_LANGUAGES = ("en", "tr", "")  # "" = unstemmed, for every other language


# -- the syntax tree ----------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Word:
    text: str


@dataclass(frozen=True, slots=True)
class Phrase:
    text: str


@dataclass(frozen=True, slots=True)
class Not:
    child: Node


@dataclass(frozen=True, slots=True)
class And:
    children: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    children: tuple[Node, ...]


Node = Word | Phrase | Not | And | Or

_TOKEN_RE = re.compile(r'\s*(?:(?P<phrase>"[^"]*")|(?P<open>\()|(?P<close>\))|(?P<quote>")|(?P<word>[^\s()"]+))')


def _lex(text: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    pos = 0
    text = text.strip()
    while pos < len(text):
        m = _TOKEN_RE.match(text, pos)
        if m is None or m.end() == pos:  # pragma: no cover - the pattern always advances
            break
        pos = m.end()
        kind = m.lastgroup or ""
        value = m.group(kind)
        if kind == "quote":
            raise InvalidInput('unbalanced " in the query', field="q")
        if kind == "word" and value in ("AND", "OR", "NOT"):
            kind = value
        elif kind == "word" and value.startswith("-") and len(value) > 1:
            out.append(("NOT", "-"))
            value = value[1:]
        elif kind == "word" and value == "-":
            out.append(("NOT", "-"))
            continue
        out.append((kind, value))
    return out


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.tokens = tokens
        self.pos = 0
        self.nodes = 0

    def peek(self) -> str | None:
        return self.tokens[self.pos][0] if self.pos < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def count(self) -> None:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise InvalidInput(f"the query has more than {MAX_NODES} parts", field="q")

    def or_expr(self) -> Node:
        children = [self.and_expr()]
        while self.peek() == "OR":
            self.take()
            children.append(self.and_expr())
        return children[0] if len(children) == 1 else Or(tuple(children))

    def and_expr(self) -> Node:
        children = [self.unary()]
        while self.peek() not in (None, "OR", "close"):
            if self.peek() == "AND":
                self.take()
            children.append(self.unary())
        return children[0] if len(children) == 1 else And(tuple(children))

    def unary(self) -> Node:
        kind = self.peek()
        if kind == "NOT":
            self.take()
            return Not(self.unary())
        if kind == "open":
            self.take()
            if self.peek() == "close":
                raise InvalidInput("empty parentheses in the query", field="q")
            node = self.or_expr()
            if self.peek() != "close":
                raise InvalidInput("unbalanced ( in the query", field="q")
            self.take()
            return node
        if kind == "word":
            self.count()
            return Word(self.take()[1])
        if kind == "phrase":
            self.count()
            return Phrase(self.take()[1][1:-1])
        if kind is None:
            raise InvalidInput("the query ends where a word was expected", field="q")
        raise InvalidInput(f"unexpected {self.take()[1]!r} in the query", field="q")


def parse(text: str) -> Node | None:
    """Parse user query text; ``None`` for an empty query. Bad syntax → ``InvalidInput``."""
    if len(text) > MAX_QUERY_CHARS:
        raise InvalidInput(f"the query is longer than {MAX_QUERY_CHARS} characters", field="q")
    tokens = _lex(text)
    if not tokens:
        return None
    parser = _Parser(tokens)
    node = parser.or_expr()
    if parser.peek() is not None:
        raise InvalidInput(f"unexpected {parser.take()[1]!r} in the query", field="q")
    return node


# -- the analyzed tree -------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Alt:
    """Any of these term sequences (one term, or a phrase); ``prefix`` marks a prefix term."""

    options: tuple[tuple[tuple[str, ...], bool], ...]


@dataclass(frozen=True, slots=True)
class All:
    positive: tuple[Analyzed, ...]
    negative: tuple[Analyzed, ...] = ()


@dataclass(frozen=True, slots=True)
class Any_:
    children: tuple[Analyzed, ...]


Analyzed = Alt | All | Any_


def _languages(languages: Iterable[str]) -> tuple[str, ...]:
    wanted = tuple(dict.fromkeys(lang.split("-", 1)[0].lower() for lang in languages))
    return wanted or LATIN_LANGUAGES


def _variants(text: str, languages: tuple[str, ...], *, phrase: bool) -> tuple[tuple[tuple[str, ...], bool], ...]:
    if any(is_arabic(ch) for ch in text if ch.isalpha()) and all(is_arabic(ch) or not ch.isalpha() for ch in text):
        langs: tuple[str, ...] = ("ar",)
    else:
        langs = tuple(lang for lang in languages if lang != "ar") or ("",)
    options: list[tuple[tuple[str, ...], bool]] = []
    for lang in langs:
        terms = tuple(index_terms(text, lang))
        if not terms:
            if not phrase:
                return ()  # a stop-word in one of its languages: not searchable
            continue
        if lang == "tr" and len(terms) == 1 and not phrase:
            twice = stem(terms[0], "tr")
            if len(twice) >= TR_PREFIX_MIN:
                options.append(((twice,), True))
                continue
        options.append((terms, False))
    return tuple(dict.fromkeys(options))


def analyze(node: Node | None, languages: Iterable[str] = ()) -> Analyzed | None:
    """Analyze a parsed query. ``None``: nothing searchable (only stop-words).

    Raises ``InvalidInput`` for a query that only excludes (``-war``, ``NOT war``) or
    an exclusion inside OR, which neither engine can answer from the index alone.
    """
    if node is None:
        return None
    langs = _languages(languages)
    result = _analyze(node, langs)
    if isinstance(result, Not):
        raise InvalidInput("a query needs a word to find, not only words to exclude", field="q")
    return result


def _analyze(node: Node, langs: tuple[str, ...]) -> Analyzed | Not | None:
    if isinstance(node, Word | Phrase):
        options = _variants(node.text, langs, phrase=isinstance(node, Phrase))
        return Alt(options) if options else None
    if isinstance(node, Not):
        inner = _analyze(node.child, langs)
        if isinstance(inner, Not):
            return inner.child if not isinstance(inner.child, Not) else None  # type: ignore[return-value]
        return Not(inner) if inner is not None else None  # type: ignore[arg-type]
    if isinstance(node, Or):
        children = [_analyze(c, langs) for c in node.children]
        if any(isinstance(c, Not) for c in children):
            raise InvalidInput("NOT cannot be an alternative of OR; use a AND NOT b", field="q")
        kept = tuple(c for c in children if c is not None)
        if not kept:
            return None
        return kept[0] if len(kept) == 1 else Any_(kept)  # type: ignore[arg-type]  # no Not among them: refused above
    positive: list[Analyzed] = []
    negative: list[Analyzed] = []
    for child in node.children:
        out = _analyze(child, langs)
        if isinstance(out, Not):
            negative.append(out.child)  # type: ignore[arg-type]
        elif out is not None:
            positive.append(out)
    if not positive:
        if negative:
            raise InvalidInput("a query needs a word to find, not only words to exclude", field="q")
        return None
    if len(positive) == 1 and not negative:
        return positive[0]
    return All(tuple(positive), tuple(negative))


def fts5_phrases(node: Analyzed) -> list[tuple[tuple[tuple[str, ...], bool], bool]]:
    """Every phrase of ``to_fts5(node)`` in the order FTS5 numbers them (as written,
    left to right), with whether the query asks for it (``False``: excluded)."""
    out: list[tuple[tuple[tuple[str, ...], bool], bool]] = []

    def walk(n: Analyzed, asked: bool) -> None:
        if isinstance(n, Alt):
            out.extend((option, asked) for option in n.options)
        elif isinstance(n, All):
            for child in n.positive:
                walk(child, asked)
            for child in n.negative:
                walk(child, False)
        else:
            for child in n.children:
                walk(child, asked)

    walk(node, True)
    return out


def expand_prefixes(node: Analyzed, terms_with_prefix: Callable[[str], Sequence[str] | None]) -> Analyzed:
    """The query with each one-term prefix option replaced by the exact terms that have
    that prefix (``terms_with_prefix``: every such term of the index, or ``None`` to keep
    the prefix, say when there are too many). An empty list keeps the prefix as an exact
    term, which no indexed term equals: it matches nothing, as the prefix would."""

    def walk(n: Analyzed) -> Analyzed:
        if isinstance(n, Alt):
            options: list[tuple[tuple[str, ...], bool]] = []
            for seq, prefix in n.options:
                found = terms_with_prefix(seq[0]) if prefix and len(seq) == 1 else None
                if found is None:
                    options.append((seq, prefix))
                else:
                    options.extend(((term,), False) for term in found or seq)
            return Alt(tuple(dict.fromkeys(options)))
        if isinstance(n, All):
            return All(tuple(walk(c) for c in n.positive), tuple(walk(c) for c in n.negative))
        return Any_(tuple(walk(c) for c in n.children))

    return walk(node)


def positive_phrases(node: Analyzed) -> list[tuple[tuple[str, ...], bool]]:
    """Every term sequence the query asks for (not those it excludes), in the order the
    FTS5 compiler writes them; ``True`` marks a prefix term."""
    return [phrase for phrase, asked in fts5_phrases(node) if asked]


def highlight_terms(node: Analyzed | None) -> tuple[frozenset[str], tuple[str, ...]]:
    """The terms (and prefixes) a snippet should mark: every positive term of the query."""
    terms: set[str] = set()
    prefixes: set[str] = set()
    for seq, prefix in positive_phrases(node) if node is not None else ():
        (prefixes if prefix else terms).update(seq)
    return frozenset(terms), tuple(sorted(prefixes))


# -- compilers -----------------------------------------------------------------------------
def fts5_phrase(seq: tuple[str, ...], prefix: bool) -> str:
    """One quoted FTS5 phrase (a prefix query with ``prefix``)."""
    quoted = '"' + " ".join(seq).replace('"', '""') + '"'
    return quoted + "*" if prefix else quoted


def to_fts5(node: Analyzed) -> str:
    """An FTS5 MATCH expression (without a column filter)."""
    if isinstance(node, Alt):
        parts = [fts5_phrase(seq, prefix) for seq, prefix in node.options]
        return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"
    if isinstance(node, Any_):
        return "(" + " OR ".join(to_fts5(c) for c in node.children) + ")"
    positive = " AND ".join(to_fts5(c) for c in node.positive)
    if not node.negative:
        return "(" + positive + ")"
    return "((" + positive + ") NOT (" + " OR ".join(to_fts5(c) for c in node.negative) + "))"


def _ts_lexeme(term: str) -> str:
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def _ts_alt(seq: tuple[str, ...], prefix: bool) -> str:
    if len(seq) == 1:
        return _ts_lexeme(seq[0]) + (":*" if prefix else "")
    return "(" + " <-> ".join(_ts_lexeme(t) for t in seq) + ")"


def to_tsquery(node: Analyzed) -> str:
    """A ``tsquery`` literal (cast with ``::tsquery``: no parser, no further folding)."""
    if isinstance(node, Alt):
        parts = [_ts_alt(seq, prefix) for seq, prefix in node.options]
        return parts[0] if len(parts) == 1 else "(" + " | ".join(parts) + ")"
    if isinstance(node, Any_):
        return "(" + " | ".join(to_tsquery(c) for c in node.children) + ")"
    parts = [to_tsquery(c) for c in node.positive] + ["!" + to_tsquery(c) for c in node.negative]
    return "(" + " & ".join(parts) + ")"
