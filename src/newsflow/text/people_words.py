"""Hand-written word lists for :mod:`people`: titles, roles, reporting verbs, non-names."""

from __future__ import annotations

from newsflow.text.entities import norm_set

__all__ = [
    "AR_TITLES",
    "AR_VERBS",
    "LATIN_DEMONYMS",
    "LATIN_JOINERS",
    "LATIN_NOT_NAMES",
    "LATIN_ROLES",
    "LATIN_TITLES",
    "LATIN_VERBS",
]

# Titles and roles that come before a name (normalized; proclitics are stripped before lookup).
AR_TITLES = norm_set(
    "رئيس الرئيس رئيسة الرئيسة الملك الملكة العاهل الأمير أمير الأميرة ولي وزير وزيرة الوزير "
    "الوزيرة السيد السيدة الشيخ الشيخة المستشار المستشارة نظيره نظيرته نظيريه زعيم الزعيم "
    "السلطان البابا الجنرال المشير العقيد اللواء النائب النائبة السفير السفيرة سفير سفيرة "
    "المتحدث المتحدثة متحدث الناطق ناطق المندوب مندوب الأمين أمين محافظ المحافظ حاكم الحاكم "
    "والي الوالي عمدة رئيسه مدرب المدرب لاعب اللاعب المهاجم مهاجم النجم الحارس حارس قائد "
    "القائد مدير المدير المديرة نائب مستشار المبعوث مبعوث القاضي الدكتور البروفيسور المفوض "
    "مفوض الممثل ممثل المنسق منسق المرشد رئيسا نائبا وزيرا كبير كبيرة محامي المحامي محامية المحامية "
    "المحلل المحللة محلل محللة القاضية قاضي قاضية المدعي المدعية مدعي "
    # a woman governor, and military and police ranks before a name (النقيب نسيم برناوي)
    "حاكمة الحاكمة النقيب العميد الملازم الرقيب "
    # a senator and a consul (مجلس الشيوخ السيناتور أمينة …, القنصل العام … يوسف حرمان)
    "السيناتور سيناتور السيناتورة القنصل قنصل القنصلة "
    # a body's head named with its pronoun ("هايدروم" مديرها العام …, رئيسها التنفيذي …)
    "مديرها مديره مديرتها رئيسها رئيستها أمينها "
    # a woman representative (الممثلة المقيمة للبرنامج …), as الممثل
    "الممثلة ممثلة "
    "المرشح المرشحة مرشح مرشحة الناشط الناشطة ناشط ناشطة رجل المبعوثة مبعوثة "
    "المفوضة مفوضة المنسقة منسقة مسؤول المسؤول مسؤولة المسؤولة "
    # professions and court roles agency copy puts before a name (الروائي السوداني حمور زيادة,
    # البروفيسورة راكيل بيشوتو, المتهم الرابع عادل فوزي مرقس)
    "الروائي الروائية الكاتب الكاتبة الشاعر الشاعرة الناقد الناقدة المترجم المترجمة "
    # a woman scientist and a historian (العالمة الكازاخية …, المؤرخ المغربي …)
    "العالمة المؤرخ المؤرخة "
    # a chess master (الأستاذ الدولي الكبير …), a refugee quoted by name, film makers and a
    # trader quoted on a market (المنتجة المصرية …, المخرج السنغالي …, التاجر الألماني …)
    "الأستاذ الأستاذة اللاجئ اللاجئة المنتج المنتجة المخرج المخرجة التاجر التاجرة "
    "الباحث الباحثة الطيار الطيارة البروفيسورة الدكتورة المهندس المهندسة المتهم المتهمة "
    # a farmer, a migrant, a broadcaster, a journalist, a photographer and an expert quoted by
    # name (الفلاح …, المهاجر الأفغاني …, الإعلامي …, الصحفية …, خبير الزلازل …; الفلاحة is
    # also "agriculture", a ministry's portfolio, so only the man's form)
    "الفلاح المهاجر المهاجرة الإعلامي الإعلامية الصحفي الصحفية المصور المصورة "
    "الخبير الخبيرة خبير خبيرة "
    # a pupil and a student quoted by name (التلميذة …, الطالب الغابوني …)
    "التلميذ التلميذة الطالب الطالبة "
    # "headed by" before the head's name (وفد برئاسة …), no given name of a foreign name
    "برئاسة برئاسته برئاستها"
)
AR_VERBS = norm_set(
    "قال أكد أوضح أضاف أشار لفت تابع بحث ناقش أعرب صرح دعا شدد اعتبر أعلن ذكر أفاد "
    "قالت أكدت أوضحت أضافت أشارت لفتت أعلنت ذكرت أفادت دعت شددت اعتبرت "
    "وقال وأكد وأوضح وأضاف وأشار ولفت وتابع وأعرب وصرح ودعا وشدد واعتبر وأعلن وذكر وأفاد "
    "وقالت وأكدت وأوضحت وأضافت وأشارت وأعلنت ودعت وشددت واعتبرت "
    "استقبل واستقبل التقى والتقى هنأ وهنأ سجل وسجل أحرز وأحرز رافق ورافق "
    # a medal or title won (وتوج X Y بذهبية, نال X Y ذهبية)
    "توج وتوج نال ونال"
)
LATIN_TITLES = frozenset(
    ["President", "Minister", "Mr", "Mrs", "Ms", "Dr", "King", "Queen", "Prince", "Princess", "Sheikh", "Chancellor", "Secretary", "Senator", "General", "Pope", "Ambassador", "Governor", "Mayor", "Speaker", "Emir", "Sultan", "Prof", "Chair", "Chairman", "Chairwoman", "Executive", "Director", "Commissioner", "Envoy", "Spokesman", "Spokeswoman", "Coach", "Captain", "Secretary-General", "Vice-President", "Taoiseach", "Tanaiste", "Judge", "Justice", "Lord", "Lady", "Sir", "Cumhurbaşkanı", "Başbakan", "Başbakanı", "Bakan", "Bakanı", "Sayın", "Başkanı", "Başkan", "Kral", "Prens", "Büyükelçisi", "Başkonsolosu", "Konsolosu", "Valisi", "Vali", "Kaymakam", "Kaymakamı", "Sekreteri", "Lideri", "Şeyh", "Yardımcısı", "Sözcüsü", "Direktörü", "Müdürü", "Temsilcisi", "Elçisi", "Komutanı", "Emiri", "Kralı", "Başkanvekili", "Milletvekili", "Belediye", "Başantrenörü", "Antrenörü", "Manager", "Başantrenör", "Antrenör", "Officer", "Professor", "Prosecutor", "Co-author", "Sekreter", "Rektör", "Rektörü", "Dekan", "Dekanı"]
)
LATIN_ROLES = frozenset(
    ["coach", "lady", "flanker", "fly-half", "scrum-half", "full-back", "fullback", "outside-half", "driver", "teammate", "runner", "sprinter", "cyclist", "swimmer", "rider", "boxer", "wrestler", "premier", "striker", "midfielder", "defender", "goalkeeper", "forward", "winger", "captain", "spokesman", "spokeswoman", "spokesperson", "chairman", "chairwoman", "ceo", "envoy", "ambassador", "minister", "president", "director", "economist", "analyst", "secretary", "chancellor", "commissioner", "governor", "mayor", "head", "chief", "leader", "chair", "teknik", "direktör", "sözcüsü", "golcü", "futbolcu", "oyuncu", "kaleci", "başkanı", "bakanı", "analisti", "ekonomisti", "uzmanı", "müdürü", "yazarı", "muhabiri", "counterpart", "manager", "mevkidaşı", "başantrenörü", "antrenörü", "ekonomist", "analist", "uzman", "akademisyen", "gazeteci", "lawyer", "barrister", "prosecutor", "professor", "researcher", "scientist", "geneticist", "novelist", "writer", "author", "co-author", "agent", "wife", "husband", "daughter", "kızı", "oğlu", "eşi", "sismolog", "araştırmacı", "akademisyen", "yazar", "romancı", "çevirmen", "representative", "rector", "candidate", "pilot", "kaptan", "rektörü", "dekanı", "astronaut", "cosmonaut", "astronot", "astronotu", "kozmonot", "resident", "commuter"]
)
LATIN_VERBS = frozenset(
    ["said", "says", "told", "added", "stressed", "warned", "urged", "announced", "noted", "according", "dedi", "söyledi", "açıkladı", "belirtti"]
)
LATIN_JOINERS = frozenset(["bin", "bint", "ibn", "al", "el", "van", "von", "de", "da", "do", "der", "dos", "das", "di", "le", "ur", "ul", "ud"])  # Hafeez ur Rehman; Correa do Lago, Maria das Graças
# Turkish nouns in a case form that open a sentence before a name or a body (Karşılaşmayı Kerem
# Baki …, Tatbikatı Aydın Valiliği'nden izleyen …, Toplantıya Türkiye Bilişim Derneği …)
TR_CASE_OPENERS = frozenset(
    ["Toplantıya", "Toplantıyı", "Görüşmeyi", "Zirvede", "Törene", "Törende", "Tatbikatı", "Tatbikata", "Tatbikatta",
     "Karşılaşmayı", "Karşılaşmada", "Maçı", "Maçta", "Programa", "Programda", "Etkinliğe", "Etkinlikte"]
)
LATIN_NOT_NAMES = frozenset(
    ["The", "A", "An", "In", "On", "At", "For", "And", "But", "Of", "To", "By", "With", "From", "As", "It", "This", "That", "He", "She", "They", "We", "His", "Her", "Their", "Its", "After", "Before", "While", "When", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December", "Ministry", "Bank", "Agency", "Company", "Council", "Union", "Party", "University", "Foreign", "Prime", "Deputy", "State", "Defence", "Defense", "Energy", "Trade", "Economy", "Interior", "Home", "Health", "Finance", "Treasury", "Justice", "Affairs", "Exchequer", "Commerce", "Labour", "Education", "Culture", "Tourism", "Transport", "Environment", "Agriculture", "Russian", "Azerbaijani", "Turkish", "American", "British", "Chinese", "Iranian", "Indian", "Pakistani", "Japanese", "Korean", "French", "German", "Italian", "Spanish", "Sudanese", "Saudi", "Qatari", "Egyptian", "Israeli", "Palestinian", "Ukrainian", "European", "African", "Arab", "Asian", "Nigerian", "Brazilian", "Portuguese", "Senegalese", "Statement", "Sea", "Ocean", "Gulf", "Strait", "North", "South", "East", "West", "Central", "Northern", "Southern", "Eastern", "Western", "Champions", "League", "Cup", "Premier", "Super", "Lig", "Liga", "Stock", "Exchange", "Brent", "Dow", "Nasdaq", "Bakanlığı", "Cumhuriyeti", "Devlet", "Dışişleri", "Enerji", "Ticaret", "Ekonomi", "Hazine", "Maliye", "İçişleri", "Milli", "Savunma", "Sağlık", "Adalet", "Genel", "Grup", "Teknik", "Cumhurbaşkanlığı", "Kabinesi", "Külliyesi", "Türk", "Tören", "Görüşmede", "Dünya", "Şampiyonası", "Şampiyonası'nda", "Kupası", "Ligi", "Turnuvası", "Olimpiyatları", "Oyunları", "Görüşmeye", "Toplantıda", "Zirveye", "Bu", "Ancak", "Ayrıca", "Cabinet", "Navy", "Army", "Police"]
) | TR_CASE_OPENERS

# English nationality adjectives, which open a person's name in sport copy ("Ethiopian Tigist
# Ketema held off Kenyan …"): a closed list, not names
LATIN_DEMONYMS = frozenset(
    ["Afghan", "Albanian", "Algerian", "American", "Angolan", "Argentine", "Argentinian", "Armenian", "Australian", "Austrian", "Azerbaijani", "Bahraini", "Bangladeshi", "Belarusian", "Belgian", "Bolivian", "Bosnian", "Brazilian", "British", "Bulgarian", "Burundian", "Cameroonian", "Canadian", "Chadian", "Chilean", "Chinese", "Colombian", "Congolese", "Croatian", "Cuban", "Cypriot", "Czech", "Danish", "Djiboutian", "Dominican", "Dutch", "Ecuadorian", "Egyptian", "Emirati", "English", "Eritrean", "Estonian", "Ethiopian", "Filipino", "Finnish", "French", "Gabonese", "Georgian", "German", "Ghanaian", "Greek", "Guinean", "Hungarian", "Icelandic", "Indian", "Indonesian", "Iranian", "Iraqi", "Irish", "Israeli", "Italian", "Ivorian", "Jamaican", "Japanese", "Jordanian", "Kazakh", "Kenyan", "Korean", "Kuwaiti", "Kyrgyz", "Latvian", "Lebanese", "Liberian", "Libyan", "Lithuanian", "Malagasy", "Malawian", "Malaysian", "Malian", "Mauritanian", "Mexican", "Moldovan", "Mongolian", "Montenegrin", "Moroccan", "Mozambican", "Namibian", "Nepali", "Nigerian", "Nigerien", "Norwegian", "Omani", "Pakistani", "Palestinian", "Panamanian", "Paraguayan", "Peruvian", "Polish", "Portuguese", "Qatari", "Romanian", "Russian", "Rwandan", "Saudi", "Scottish", "Senegalese", "Serbian", "Slovak", "Slovenian", "Somali", "Spanish", "Sudanese", "Swedish", "Swiss", "Syrian", "Taiwanese", "Tajik", "Tanzanian", "Thai", "Togolese", "Tunisian", "Turkish", "Turkmen", "Ugandan", "Ukrainian", "Uruguayan", "Uzbek", "Venezuelan", "Vietnamese", "Welsh", "Yemeni", "Zambian", "Zimbabwean"]
)
