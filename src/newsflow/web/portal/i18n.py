"""Interface languages: Arabic (right-to-left), English and Turkish.

Why Babel ``.po`` files read at start (``babel.messages.pofile.read_po``) instead of
compiled ``.mo`` files: ``make run`` works on a fresh checkout with no compile step, and
translators edit one text file per language. The msgid is the English text, so a
missing translation falls back to readable English.

Catalogues live at ``src/newsflow/web/portal/locale/<lang>/LC_MESSAGES/messages.po``;
the desk and admin portals append their msgids to the same files.

The language of a request: the session's choice (a logged-in user's ``ui_language``,
copied into the session at login and changed with the switcher), otherwise the best
match of ``Accept-Language``, otherwise English.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable, Iterable
from functools import cache
from io import BytesIO
from pathlib import Path

from babel.core import negotiate_locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations
from starlette.requests import Request

from newsflow.core.language import primary_language

LANGUAGES: dict[str, str] = {"ar": "العربية", "en": "English", "tr": "Türkçe"}
RTL = frozenset({"ar"})
DEFAULT = "en"
LOCALE_DIR = Path(__file__).parent / "locale"


@cache
def translations(lang: str, domain: str = "messages") -> gettext.NullTranslations:
    """The catalogue of ``lang`` (``messages``: the portals; ``public``: the public
    site), read once per process (English needs none)."""
    path = LOCALE_DIR / lang / "LC_MESSAGES" / f"{domain}.po"
    if lang not in LANGUAGES or not path.exists():
        return gettext.NullTranslations()
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer)


def gettext_for(lang: str) -> Callable[[str], str]:
    return translations(lang).gettext


def ngettext_for(lang: str) -> Callable[[str, str, int], str]:
    return translations(lang).ngettext


def direction(lang: str) -> str:
    return "rtl" if lang in RTL else "ltr"


def negotiate(accept_language: str | None, supported: Iterable[str] = LANGUAGES, default: str = DEFAULT) -> str:
    """The best supported language for an ``Accept-Language`` header: its q-values order
    the tags (RFC 9110), Babel matches them to the supported languages. The portals and
    the public site both negotiate here."""
    preferred = _by_preference(accept_language)
    found = negotiate_locale(preferred, list(supported), sep="-") if preferred else None
    return primary_language(found) if found else default


def _by_preference(accept_language: str | None) -> list[str]:
    """The header's language tags, most preferred first; q=0 ("not this") left out."""
    ranked: list[tuple[float, int, str]] = []
    for index, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if tag.strip() and q > 0:
            ranked.append((-q, index, tag.strip()))
    return [tag for _q, _i, tag in sorted(ranked)]


def language_of(request: Request) -> str:
    from newsflow.web.portal.session import session_of

    chosen = session_of(request).language
    if chosen in LANGUAGES:
        return chosen
    return negotiate(request.headers.get("accept-language"))
