"""Word-level differences between two versions, for the story's version history.

Why words and not characters or lines: editors correct a name, a figure, a clause —
a word diff shows exactly that, in Arabic as in English. The texts are plain text
(the body's paragraphs); everything is escaped before the ``<ins>``/``<del>`` marks
are added, so a story's text can never inject markup.
"""

from __future__ import annotations

import difflib
import re

from markupsafe import Markup, escape

from newsflow.text.html import plain_paragraphs

_TOKENS = re.compile(r"\s+|[^\s]+")


def plain(headline: str, body_html: str) -> str:
    return "\n".join([headline, *plain_paragraphs(body_html)])


def word_diff(old: str, new: str) -> Markup:
    """``new`` with inserted words in ``<ins>`` and removed ones in ``<del>``."""
    a = _TOKENS.findall(old)
    b = _TOKENS.findall(new)
    parts: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(str(escape("".join(b[j1:j2]))))
            continue
        if op in ("delete", "replace"):
            parts.append(f"<del>{escape(''.join(a[i1:i2]))}</del>")
        if op in ("insert", "replace"):
            parts.append(f"<ins>{escape(''.join(b[j1:j2]))}</ins>")
    return Markup("".join(parts).replace("\n", "<br>\n"))
