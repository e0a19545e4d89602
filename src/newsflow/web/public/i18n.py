"""The public site's words in Arabic, English and Turkish, and how to pick a language.

One i18n system with the portals: Babel catalogues (``web/portal/locale/<lang>/
LC_MESSAGES/public.po``) and Babel's locale negotiation. Templates read the words by
key (``t.home``); the key is each message's context and the English text its msgid.
A key a catalogue does not translate fails a test (``tests/functional/public/
test_pages.py``) rather than showing English to Arabic or Turkish readers.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

from newsflow.web.portal import i18n as portal_i18n

LANGUAGES = ("ar", "en", "tr")
DEFAULT = "en"
RTL = frozenset({"ar"})
NATIVE = {"ar": "العربية", "en": "English", "tr": "Türkçe"}

# The English text of every key: the msgids of the "public" catalogues
# (web/portal/locale/<lang>/LC_MESSAGES/public.po, msgctxt = the key).
SOURCE: dict[str, str] = {
    "home": "Latest news",
    "tagline": "The agency's news flow",
    "subscribe": "Subscribe",
    "subscribe_title": "Subscribe to the full news flow",
    "subscriber_note": "This is an abbreviation of part of the story. Subscribers receive the full story through the News Flow System.",
    "subscriber_cta": "Request a subscription",
    "share": "Share",
    "copy_link": "Copy link",
    "copied": "Link copied",
    "share_device": "Share…",
    "email": "E-mail",
    "translations": "Also in",
    "correction": "Correction",
    "updated": "Updated",
    "published": "Published",
    "next": "Older stories",
    "prev": "Newer stories",
    "page": "Page",
    "no_stories": "No stories yet.",
    "gone_title": "Story withdrawn",
    "gone_text": "This story has been withdrawn by the agency.",
    "not_found_title": "Page not found",
    "not_found_text": "We could not find that page.",
    "back_home": "Back to the latest news",
    "live_new": "New stories have arrived",
    "categories": "Sections",
    "organisation": "Organisation",
    "contact_name": "Contact name",
    "email_address": "E-mail address",
    "country": "Country",
    "languages": "Languages of interest",
    "categories_interest": "Categories of interest",
    "message": "Message",
    "send": "Send request",
    "required": "This field is required.",
    "invalid_email": "Please enter a valid e-mail address.",
    "invalid_choice": "Please choose from the list.",
    "too_long": "This is too long.",
    "form_errors": "Please correct the marked fields.",
    "csrf": "Your form expired. Please send it again.",
    "rate_limited": "Too many requests from your network. Please try again later.",
    "thanks_title": "Thank you",
    "thanks_text": "We have received your request. Our team will contact you soon.",
    "feeds": "Feeds",
    "cat.general": "General",
    "cat.sports": "Sports",
    "cat.economy": "Economy",
    "cat.health": "Health",
    "cat.science-technology": "Science & technology",
    "cat.politics": "Politics",
    "cat.culture-arts-life": "Culture & life",
}


@cache
def strings(lang: str) -> Mapping[str, str]:
    """Every key's text in ``lang`` from its Babel catalogue (English where it has none)."""
    catalogue = portal_i18n.translations(lang if lang in LANGUAGES else DEFAULT, "public")
    return {key: catalogue.pgettext(key, english) for key, english in SOURCE.items()}


def missing(lang: str) -> list[str]:
    """Keys the ``lang`` catalogue does not translate (English needs none)."""
    if lang == DEFAULT:
        return []
    catalogue = portal_i18n.translations(lang, "public")
    return [key for key, english in SOURCE.items() if catalogue.pgettext(key, english) == english]


def t(lang: str, key: str) -> str:
    """The string for ``key`` in ``lang``; English, then the key, when missing."""
    return strings(lang).get(key) or key


def category_label(lang: str, category: str) -> str:
    return strings(lang).get(f"cat.{category}") or category.replace("-", " ").capitalize()


def direction(lang: str) -> str:
    return "rtl" if lang in RTL else "ltr"


def negotiate(accept_language: str | None, supported: tuple[str, ...] = LANGUAGES) -> str:
    """Pick a site language from an ``Accept-Language`` header (the portals' negotiation)."""
    return portal_i18n.negotiate(accept_language, supported, DEFAULT)


