"""Character-level normalization shared by every text feature.

Search, enrichment and abbreviation must agree on what "the same word" means,
so the folding rules live here once. Arabic orthography varies a lot in agency
copy (hamza seats, taa marbuta vs haa, alef maqsura vs yaa, optional
diacritics, tatweel for justification), and a reader never considers those
differences meaningful; we fold them to one form. Choices:

* ``أ إ آ ٱ`` → ``ا``: hamza on/under alef and madda are dropped by many writers.
* ``ة`` → ``ه``: taa marbuta is often typed as haa at word end.
* ``ى`` → ``ي``: alef maqsura and dotless/dotted yaa are used interchangeably.
* ``ؤ`` → ``و`` and ``ئ`` → ``ي``: hamza seats collapse to their carrier.
  Bare hamza ``ء`` is kept: it is a letter in its own right.
* Persian ``ی ک`` → ``ي ك`` so Persian-keyed gazetteer names still match.
* Arabic-Indic and Eastern Arabic-Indic digits → ASCII digits.

The fold is written down once as a ``str.translate`` table, but applied as a
few ``str.replace`` calls (only for the characters present) plus one regular
expression for the deleted marks: ``translate`` with a dict looks every
non-ASCII character up in Python, which made it the single hottest call of the
text pipeline on Arabic copy (about 14 times slower than the replacements).
ASCII text is returned untouched without looking at the table at all.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold_case", "normalize", "normalize_arabic"]

_DELETE = (
    list(range(0x0610, 0x061B))  # Quranic honorifics and small marks
    + list(range(0x064B, 0x0660))  # tanween, harakat, shadda, sukun, maddah/hamza marks
    + [0x0670, 0x0640]  # superscript alef, tatweel
    + list(range(0x06D6, 0x06EE))  # Quranic annotation signs
)

_ARABIC_TABLE: dict[int, int | str | None] = {cp: None for cp in _DELETE}
_ARABIC_TABLE.update(
    {
        ord("أ"): "ا",
        ord("إ"): "ا",
        ord("آ"): "ا",
        ord("ٱ"): "ا",
        ord("ة"): "ه",
        ord("ى"): "ي",
        ord("ؤ"): "و",
        ord("ئ"): "ي",
        ord("ی"): "ي",
        ord("ک"): "ك",
    }
)
for _i in range(10):
    _ARABIC_TABLE[0x0660 + _i] = str(_i)
    _ARABIC_TABLE[0x06F0 + _i] = str(_i)

# The same table as replacements: the deletions as one character class, the
# one-to-one mappings as (old, new) pairs. Every key is non-ASCII.
_DELETED_RE = re.compile("[" + "".join(chr(c) for c, v in _ARABIC_TABLE.items() if v is None) + "]")
_REPLACEMENTS = tuple((chr(c), v) for c, v in _ARABIC_TABLE.items() if isinstance(v, str))

# Turkish dotted/dotless i must be mapped before lower(): Python's default
# lowercasing turns "I" into "i" (wrong in Turkish) and "İ" into "i̇".


def normalize_arabic(text: str) -> str:
    """Fold Arabic orthographic variants (see module docstring) and digits."""
    if text.isascii():
        return text
    text = _DELETED_RE.sub("", text)
    for old, new in _REPLACEMENTS:
        if old in text:
            text = text.replace(old, new)
    return text


def fold_case(text: str, language: str) -> str:
    """Lowercase with Turkish rules for ``tr`` and casefold otherwise."""
    if language == "tr":
        return text.replace("İ", "i").replace("I", "ı").lower()
    if "İ" in text:
        text = text.replace("İ", "i")
    return text.casefold()


def normalize(text: str, language: str) -> str:
    """NFKC, Arabic folding, then language-aware case folding.

    NFKC comes first so Arabic presentation forms and full-width Latin become
    ordinary letters before the Arabic table and case folding see them.
    The Arabic fold is applied whatever ``language`` says: Arabic names occur
    in English and Turkish copy too, and the table touches nothing else.
    """
    text = unicodedata.normalize("NFKC", text)
    return fold_case(normalize_arabic(text), language)
