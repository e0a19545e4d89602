"""Hypothesis strategies and hand-written fixtures for ``StoryVersion``.

Shared by every test that renders, stores or delivers versions. Generated text mixes
Arabic (right-to-left, with diacritics and Arabic-Indic digits), English and Turkish (dotted
and dotless i), the way the agency's desks write. Bodies are drawn in the canonical HTML
the newsroom sanitizer keeps (``p``, ``h2``/``h3``, lists, ``blockquote``, ``a``, ``em``,
``strong``) so that format round trips can compare them exactly.
"""

from __future__ import annotations

import html
from datetime import UTC, datetime, timedelta

from hypothesis import strategies as st

from newsflow.core.story import (
    Action,
    Association,
    ContentType,
    Priority,
    PubStatus,
    Rendition,
    StoryContent,
    StoryVersion,
    Subject,
)

LANGUAGES = ("ar", "en", "tr")
_ALPHABETS = {
    "ar": "ابتثجحخدذرسشصضطظعغفقكلمنهوي ءآأؤإئة ً ٌ ٍ َ ُ ِ ّ ْ ٠١٢٣٤٥٦٧٨٩ ،؛؟",
    "en": "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ,.'\"-",
    "tr": "abcçdefgğhıijklmnoöprsştuüvyzABCÇDEFGĞHIİJKLMNOÖPRSŞTUÜVYZ ,.",
}
# Characters that trip naive encoders and bidi handling, mixed into every language.
_AWKWARD = "&<>\"'\u200f\u200e\u00a0—€"

_PROVIDER = "newsflow"
_T0 = datetime(2024, 1, 1, tzinfo=UTC)


def words(language: str, *, min_size: int = 1, max_size: int = 40) -> st.SearchStrategy[str]:
    """Text in ``language``'s alphabet, never blank, without leading/trailing spaces."""
    alphabet = _ALPHABETS[language] + _AWKWARD
    return (
        st.text(alphabet=alphabet, min_size=min_size, max_size=max_size)
        .map(lambda s: " ".join(s.split()))
        .filter(bool)
    )


def _inline(language: str) -> st.SearchStrategy[str]:
    """Canonical inline HTML: escaped text with optional em/strong/a around a word."""
    text = words(language).map(lambda s: html.escape(s, quote=False))
    marked = st.tuples(
        text, st.sampled_from(["em", "strong", "a"]), text, text
    ).map(
        lambda t: f'{t[0]} <a href="https://example.org/{len(t[2])}">{t[2]}</a> {t[3]}'
        if t[1] == "a"
        else f"{t[0]} <{t[1]}>{t[2]}</{t[1]}> {t[3]}"
    )
    return st.one_of(text, marked)


def body_html(language: str) -> st.SearchStrategy[str]:
    inline = _inline(language)
    block = st.one_of(
        inline.map(lambda s: f"<p>{s}</p>"),
        inline.map(lambda s: f"<p>{s}</p>"),
        inline.map(lambda s: f"<h2>{s}</h2>"),
        inline.map(lambda s: f"<h3>{s}</h3>"),
        st.lists(inline, min_size=1, max_size=3).map(
            lambda items: "<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"
        ),
        st.lists(inline, min_size=1, max_size=3).map(
            lambda items: "<ol>" + "".join(f"<li>{i}</li>" for i in items) + "</ol>"
        ),
        inline.map(lambda s: f"<blockquote><p>{s}</p></blockquote>"),
    )
    return st.lists(block, min_size=1, max_size=6).map("".join)


_SUBJECTS = st.sampled_from(
    [
        Subject("medtop:11000000", "politics"),
        Subject("medtop:04000000", "economy, business and finance"),
        Subject("medtop:20000523", "labour market"),
        Subject("medtop:15000000", "sport"),
        Subject("medtop:20000350", ""),
        Subject("subj:11006000", "government"),
    ]
)


def _times() -> st.SearchStrategy[datetime]:
    return st.integers(min_value=0, max_value=3 * 365 * 24 * 3600).map(
        lambda s: _T0 + timedelta(seconds=s)
    )


def _rendition() -> st.SearchStrategy[Rendition]:
    return st.builds(
        Rendition,
        name=st.sampled_from(["thumbnail", "web", "print", "original"]),
        href=st.integers(1, 10**6).map(lambda n: f"https://media.example.org/p/{n}.jpg"),
        mimetype=st.just("image/jpeg"),
        width=st.none() | st.integers(16, 8000),
        height=st.none() | st.integers(16, 8000),
    )


def _association(language: str) -> st.SearchStrategy[Association]:
    return st.builds(
        Association,
        uri=st.integers(1, 10**9).map(lambda n: f"urn:newsflow:photo:{n}"),
        type=st.just(ContentType.PICTURE),
        headline=st.just("") | words(language),
        caption=st.just("") | words(language, max_size=80),
        byline=st.just("") | words(language, max_size=20),
        renditions=st.lists(_rendition(), max_size=3, unique_by=lambda r: r.name).map(tuple),
    )


# Realistic pairs: a withdrawal cancels, a withheld version is never a correction.
_STATUS_SIGNAL = st.sampled_from(
    [
        (PubStatus.USABLE, Action.PUBLISH),
        (PubStatus.USABLE, Action.UPDATE),
        (PubStatus.USABLE, Action.CORRECT),
        (PubStatus.WITHHELD, Action.PUBLISH),
        (PubStatus.WITHHELD, Action.UPDATE),
        (PubStatus.CANCELED, Action.WITHDRAW),
    ]
)


def _names(language: str) -> st.SearchStrategy[tuple[str, ...]]:
    return st.lists(words(language, max_size=20), max_size=3, unique=True).map(tuple)


@st.composite
def story_contents(draw: st.DrawFn, language: str | None = None) -> StoryContent:
    lang = language or draw(st.sampled_from(LANGUAGES))
    optional = lambda s: st.none() | s  # noqa: E731
    return StoryContent(
        language=lang,
        headline=draw(words(lang, max_size=80)),
        body_html=draw(body_html(lang)),
        priority=draw(st.sampled_from(Priority)),
        category=draw(st.sampled_from(["general", "politics", "economy", "sport", "world"])),
        type=ContentType.TEXT,
        dateline=draw(optional(words(lang, max_size=20))),
        country=draw(optional(words(lang, max_size=20))),
        byline=draw(optional(words(lang, max_size=30))),
        description=draw(optional(words(lang, max_size=120))),
        abbreviation=draw(optional(words(lang, max_size=200))),
        public=draw(st.booleans()),
        subjects=tuple(draw(st.lists(_SUBJECTS, max_size=3, unique=True))),
        people=draw(_names(lang)),
        places=draw(_names(lang)),
        organisations=draw(_names(lang)),
        keywords=draw(_names(lang)),
        associations=tuple(draw(st.lists(_association(lang), max_size=2, unique_by=lambda a: a.uri))),
        embargoed=draw(optional(_times())),
    )


@st.composite
def story_versions(draw: st.DrawFn, language: str | None = None) -> StoryVersion:
    """Any valid published version, with consistent dates and status/signal pairs."""
    content = draw(story_contents(language))
    story_id = draw(st.integers(1, 10**6))
    first = draw(_times())
    version = draw(st.integers(1, 40))
    pubstatus, signal = draw(_STATUS_SIGNAL)
    if version == 1 and signal in (Action.UPDATE, Action.CORRECT):
        signal = Action.PUBLISH
    note_needed = signal in (Action.CORRECT, Action.WITHDRAW)
    ed_note = draw(words(content.language, max_size=80) if note_needed else st.none())
    return StoryVersion(
        story_id=story_id,
        uri=f"urn:newsflow:story:{story_id}",
        version=version,
        content=content,
        firstcreated=first,
        versioncreated=first + timedelta(minutes=draw(st.integers(0, 10_000)) if version > 1 else 0),
        pubstatus=pubstatus,
        signal=signal,
        ed_note=ed_note,
        provider=_PROVIDER,
    )


# --- hand-written fixtures ------------------------------------------------------------

ARABIC_BODY_SENTENCE = "وأكد الرئيسان أهمية تعزيز التعاون في مجالي التجارة والطاقة في بحر قزوين."
ENGLISH_BODY_SENTENCE = "The ministry said the figure had been revised after a second audit."
TURKISH_BODY_SENTENCE = "Bakanlık, açıklamanın yanlış bilgiye dayandığını ve geri çekildiğini bildirdi."

ARABIC_FLASH_WITH_PHOTO = StoryVersion(
    story_id=101,
    uri="urn:newsflow:story:101",
    version=1,
    content=StoryContent(
        language="ar",
        headline="عاجل: الرئيس يصل إلى باكو في زيارة دولة",
        body_html=(
            f"<p>{ARABIC_BODY_SENTENCE}</p>"
            "<p>وقال الرئيس إن <strong>الزيارة</strong> تفتح صفحة جديدة.</p>"
            "<ul><li>التجارة</li><li>الطاقة</li></ul>"
        ),
        priority=Priority.FLASH,
        category="politics",
        dateline="باكو",
        country="أذربيجان",
        byline="مراسل الوكالة",
        description="زيارة دولة تبحث التجارة والطاقة.",
        abbreviation="وصل الرئيس إلى باكو في زيارة دولة تبحث التجارة والطاقة.",
        public=True,
        subjects=(Subject("medtop:11000000", "سياسة"), Subject("medtop:20000350", "")),
        people=("إلهام علييف",),
        places=("باكو", "بحر قزوين"),
        organisations=("وزارة الخارجية",),
        keywords=("زيارة دولة", "طاقة"),
        associations=(
            Association(
                uri="urn:newsflow:photo:9001",
                headline="الرئيس في باكو",
                caption="الرئيس لدى وصوله إلى مطار باكو.",
                byline="مصور الوكالة",
                renditions=(
                    Rendition("web", "https://media.example.org/p/9001-web.jpg", "image/jpeg", 1024, 683),
                    Rendition("thumbnail", "https://media.example.org/p/9001-th.jpg", "image/jpeg", 200, 133),
                ),
            ),
        ),
    ),
    firstcreated=datetime(2024, 5, 6, 9, 30, tzinfo=UTC),
    versioncreated=datetime(2024, 5, 6, 9, 30, tzinfo=UTC),
)

ENGLISH_CORRECTION = StoryVersion(
    story_id=202,
    uri="urn:newsflow:story:202",
    version=3,
    content=StoryContent(
        language="en",
        headline="Exports rose 4.2% in April, not 42% (corrects figure)",
        body_html=(
            f"<p>{ENGLISH_BODY_SENTENCE}</p>"
            "<h2>Energy</h2><p>Gas exports &amp; oil sales led the rise, "
            '<a href="https://example.org/report">the report</a> said.</p>'
            "<blockquote><p>We expect <em>steady</em> growth.</p></blockquote>"
        ),
        priority=Priority.URGENT,
        category="economy",
        dateline="Baku",
        byline="By Jane Doe",
        abbreviation="Exports rose 4.2% in April, the ministry said.",
        subjects=(Subject("medtop:04000000", "economy, business and finance"),),
        organisations=("Ministry of Economy",),
        embargoed=datetime(2024, 5, 7, 6, 0, tzinfo=UTC),
    ),
    firstcreated=datetime(2024, 5, 6, 10, 0, tzinfo=UTC),
    versioncreated=datetime(2024, 5, 6, 12, 15, tzinfo=UTC),
    signal=Action.CORRECT,
    ed_note="Corrects the export growth figure in the headline and first paragraph.",
)

TURKISH_WITHDRAWAL = StoryVersion(
    story_id=303,
    uri="urn:newsflow:story:303",
    version=2,
    content=StoryContent(
        language="tr",
        headline="İstanbul'da iddia edilen açıklama geri çekildi",
        body_html=f"<p>{TURKISH_BODY_SENTENCE}</p><p>Haber iptal edilmiştir.</p>",
        priority=Priority.IMPORTANT,
        category="world",
        dateline="İstanbul",
        country="Türkiye",
        abbreviation="Açıklama geri çekildi.",
        keywords=("ığüşöç", "İİıı"),
    ),
    firstcreated=datetime(2024, 5, 6, 8, 0, tzinfo=UTC),
    versioncreated=datetime(2024, 5, 6, 14, 0, tzinfo=UTC),
    pubstatus=PubStatus.CANCELED,
    signal=Action.WITHDRAW,
    ed_note="Withdrawn: the statement attributed to the ministry was false.",
)

FIXTURES = {
    "arabic_flash_with_photo": ARABIC_FLASH_WITH_PHOTO,
    "english_correction": ENGLISH_CORRECTION,
    "turkish_withdrawal": TURKISH_WITHDRAWAL,
}
# One sentence of each fixture's body: it must never appear in a partial rendering.
BODY_SENTENCES = {
    "arabic_flash_with_photo": ARABIC_BODY_SENTENCE,
    "english_correction": ENGLISH_BODY_SENTENCE,
    "turkish_withdrawal": TURKISH_BODY_SENTENCE,
}
