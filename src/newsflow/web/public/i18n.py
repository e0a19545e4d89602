"""The public site's words in Arabic, English and Turkish, and how to pick a language.

Plain dictionaries: the site has a few dozen strings, and a missing key fails a test
(``tests/functional/public/test_pages.py`` checks every language has every key)
rather than showing a key name to readers.
"""

from __future__ import annotations

from collections.abc import Mapping

from newsflow.web.portal import i18n as portal_i18n

LANGUAGES = ("ar", "en", "tr")
DEFAULT = "en"
RTL = frozenset({"ar"})
NATIVE = {"ar": "العربية", "en": "English", "tr": "Türkçe"}

STRINGS: dict[str, dict[str, str]] = {
    "en": {
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
    },
    "ar": {
        "home": "آخر الأخبار",
        "tagline": "نظام تدفق الأخبار في الوكالة",
        "subscribe": "اشترك",
        "subscribe_title": "اشترك في تدفق الأخبار الكامل",
        "subscriber_note": "هذا موجز لجزء من الخبر. يتلقى المشتركون الخبر كاملاً عبر نظام تدفق الأخبار.",
        "subscriber_cta": "اطلب اشتراكاً",
        "share": "شارك",
        "copy_link": "انسخ الرابط",
        "copied": "تم نسخ الرابط",
        "share_device": "مشاركة…",
        "email": "البريد الإلكتروني",
        "translations": "اقرأ أيضاً بـ",
        "correction": "تصحيح",
        "updated": "حُدّث",
        "published": "نُشر",
        "next": "أخبار أقدم",
        "prev": "أخبار أحدث",
        "page": "صفحة",
        "no_stories": "لا توجد أخبار بعد.",
        "gone_title": "سُحب الخبر",
        "gone_text": "سحبت الوكالة هذا الخبر.",
        "not_found_title": "الصفحة غير موجودة",
        "not_found_text": "لم نعثر على هذه الصفحة.",
        "back_home": "العودة إلى آخر الأخبار",
        "live_new": "وصلت أخبار جديدة",
        "categories": "الأقسام",
        "organisation": "المؤسسة",
        "contact_name": "اسم جهة الاتصال",
        "email_address": "البريد الإلكتروني",
        "country": "البلد",
        "languages": "اللغات المطلوبة",
        "categories_interest": "الأقسام المطلوبة",
        "message": "رسالة",
        "send": "أرسل الطلب",
        "required": "هذا الحقل مطلوب.",
        "invalid_email": "يرجى إدخال بريد إلكتروني صحيح.",
        "invalid_choice": "يرجى الاختيار من القائمة.",
        "too_long": "النص طويل جداً.",
        "form_errors": "يرجى تصحيح الحقول المحددة.",
        "csrf": "انتهت صلاحية النموذج. يرجى إرساله مرة أخرى.",
        "rate_limited": "طلبات كثيرة من شبكتك. يرجى المحاولة لاحقاً.",
        "thanks_title": "شكراً لك",
        "thanks_text": "تلقينا طلبك، وسيتواصل معك فريقنا قريباً.",
        "feeds": "الخلاصات",
        "cat.general": "عام",
        "cat.sports": "رياضة",
        "cat.economy": "اقتصاد",
        "cat.health": "صحة",
        "cat.science-technology": "علوم وتكنولوجيا",
        "cat.politics": "سياسة",
        "cat.culture-arts-life": "ثقافة ومنوعات",
    },
    "tr": {
        "home": "Son haberler",
        "tagline": "Ajansın haber akışı",
        "subscribe": "Abone ol",
        "subscribe_title": "Haber akışının tamamına abone olun",
        "subscriber_note": "Bu, haberin bir bölümünün özetidir. Aboneler haberin tamamını Haber Akış Sistemi üzerinden alır.",
        "subscriber_cta": "Abonelik isteyin",
        "share": "Paylaş",
        "copy_link": "Bağlantıyı kopyala",
        "copied": "Bağlantı kopyalandı",
        "share_device": "Paylaş…",
        "email": "E-posta",
        "translations": "Diğer dillerde",
        "correction": "Düzeltme",
        "updated": "Güncellendi",
        "published": "Yayımlandı",
        "next": "Daha eski haberler",
        "prev": "Daha yeni haberler",
        "page": "Sayfa",
        "no_stories": "Henüz haber yok.",
        "gone_title": "Haber geri çekildi",
        "gone_text": "Bu haber ajans tarafından geri çekildi.",
        "not_found_title": "Sayfa bulunamadı",
        "not_found_text": "Bu sayfayı bulamadık.",
        "back_home": "Son haberlere dön",
        "live_new": "Yeni haberler geldi",
        "categories": "Bölümler",
        "organisation": "Kurum",
        "contact_name": "İletişim kişisi",
        "email_address": "E-posta adresi",
        "country": "Ülke",
        "languages": "İlgilenilen diller",
        "categories_interest": "İlgilenilen bölümler",
        "message": "Mesaj",
        "send": "İsteği gönder",
        "required": "Bu alan zorunludur.",
        "invalid_email": "Lütfen geçerli bir e-posta adresi girin.",
        "invalid_choice": "Lütfen listeden seçin.",
        "too_long": "Bu çok uzun.",
        "form_errors": "Lütfen işaretli alanları düzeltin.",
        "csrf": "Formun süresi doldu. Lütfen yeniden gönderin.",
        "rate_limited": "Ağınızdan çok fazla istek geldi. Lütfen daha sonra yeniden deneyin.",
        "thanks_title": "Teşekkürler",
        "thanks_text": "İsteğinizi aldık. Ekibimiz kısa süre içinde sizinle iletişime geçecek.",
        "feeds": "Beslemeler",
        "cat.general": "Genel",
        "cat.sports": "Spor",
        "cat.economy": "Ekonomi",
        "cat.health": "Sağlık",
        "cat.science-technology": "Bilim ve teknoloji",
        "cat.politics": "Politika",
        "cat.culture-arts-life": "Kültür ve yaşam",
    },
}


def t(lang: str, key: str) -> str:
    """The string for ``key`` in ``lang``; English, then the key, when missing."""
    return STRINGS.get(lang, {}).get(key) or STRINGS[DEFAULT].get(key) or key


def category_label(lang: str, category: str) -> str:
    return STRINGS.get(lang, {}).get(f"cat.{category}") or category.replace("-", " ").capitalize()


def direction(lang: str) -> str:
    return "rtl" if lang in RTL else "ltr"


def negotiate(accept_language: str | None, supported: tuple[str, ...] = LANGUAGES) -> str:
    """Pick a site language from an ``Accept-Language`` header (the portals' negotiation)."""
    return portal_i18n.negotiate(accept_language, supported, DEFAULT)



def strings(lang: str) -> Mapping[str, str]:
    return STRINGS.get(lang, STRINGS[DEFAULT])
