"""Language identification good enough to route agency copy: ar, en, tr or other.

Arabic is recognised by script (share of letters in the Arabic blocks). Latin
text is English or Turkish by two kinds of evidence: letters only Turkish uses
(ğ ı ş İ weigh most; ç ö ü less, since French and German use them too) and
hits on short lists of frequent, distinctive function words. Anything else,
or Latin text carrying neither signal but other-language diacritics, is
"other". Only the first 2,000 characters are read: that is plenty for a story.
"""

from __future__ import annotations

import re

__all__ = ["detect_language"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_ARABIC_RE = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN_RE = re.compile(r"[A-Za-z\u00c0-\u024f]")
_WORD_RE = re.compile(r"[^\W\d_]+")
_TR_STRONG = frozenset("ğĞıİşŞ")
_TR_WEAK = frozenset("çÇöÖüÜ")
_OTHER_LATIN = frozenset("éèêàâäëïîñßãõåæøœúùóòíì")
_EN_WORDS = _words(
    "the and of to in is was for that with said on by from has have will are it "
    "this be at as an were which been their after"
)
_TR_WORDS = _words(
    "ve bir bu ile için olarak çok daha olan gibi ise dedi kadar sonra göre ancak "
    "ayrıca arasında tarafından olduğunu yaptı"
)
_SAMPLE = 2000


def detect_language(text: str) -> str:
    """Return "ar", "en", "tr" or "other" for ``text``."""
    sample = text[:_SAMPLE]
    arabic = len(_ARABIC_RE.findall(sample))
    latin = len(_LATIN_RE.findall(sample))
    if arabic == 0 and latin == 0:
        return "other"
    if arabic >= latin:
        return "ar"
    words = [w.lower() for w in _WORD_RE.findall(sample.replace("İ", "i").replace("I", "i"))]
    en = sum(w in _EN_WORDS for w in words)
    tr: float = sum(w in _TR_WORDS for w in words)
    tr += sum(1.0 if c in _TR_STRONG else 0.3 if c in _TR_WEAK else 0.0 for c in sample)
    if tr > en and tr >= 1:
        return "tr"
    if en >= 1 and en >= tr:
        return "en"
    if any(c in _OTHER_LATIN for c in sample.lower()):
        return "other"
    return "en"
