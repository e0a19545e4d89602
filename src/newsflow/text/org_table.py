"""The curated trilingual table of organisations for :mod:`organisations`.

Each row: English, Arabic and Turkish names, then aliases (acronyms are
matched case-sensitively, other aliases folded). Written by hand for
newsflow: international bodies, news agencies, and a short list of large
companies and football clubs that agency copy names without a trigger word.
"""

from __future__ import annotations

__all__ = ["CLUBS", "ORGS", "SPORTS_CUES"]

ORGS: list[tuple[str, str, str, tuple[str, ...]]] = [
    ("United Nations", "الأمم المتحدة", "Birleşmiş Milletler", ("UN", "U.N.", "BM")),
    ("NATO", "حلف شمال الأطلسي", "NATO", ("الناتو", "حلف الناتو")),
    ("OPEC", "أوبك", "OPEC", ("منظمة أوبك",)),
    ("OPEC+", "أوبك+", "OPEC+", ()),
    ("European Union", "الاتحاد الأوروبي", "Avrupa Birliği", ("EU", "AB")),
    ("European Commission", "المفوضية الأوروبية", "Avrupa Komisyonu", ()),
    ("European Parliament", "البرلمان الأوروبي", "Avrupa Parlamentosu", ()),
    ("World Bank", "البنك الدولي", "Dünya Bankası", ()),
    ("International Monetary Fund", "صندوق النقد الدولي", "Uluslararası Para Fonu", ("IMF",)),
    ("UN Security Council", "مجلس الأمن الدولي", "BM Güvenlik Konseyi", ("Security Council", "مجلس الأمن")),
    ("Arab League", "جامعة الدول العربية", "Arap Birliği", ()),
    ("Organisation of Islamic Cooperation", "منظمة التعاون الإسلامي", "İslam İşbirliği Teşkilatı", ("OIC", "İİT")),
    ("Gulf Cooperation Council", "مجلس التعاون الخليجي", "Körfez İşbirliği Konseyi", ("GCC", "KİK")),
    ("World Health Organization", "منظمة الصحة العالمية", "Dünya Sağlık Örgütü", ("WHO", "DSÖ")),
    ("World Food Programme", "برنامج الأغذية العالمي", "Dünya Gıda Programı", ("WFP",)),
    ("International Energy Agency", "وكالة الطاقة الدولية", "Uluslararası Enerji Ajansı", ("IEA", "UEA")),
    ("International Atomic Energy Agency", "الوكالة الدولية للطاقة الذرية", "Uluslararası Atom Enerjisi Ajansı", ("IAEA", "UAEA")),
    ("Organization of Turkic States", "منظمة الدول التركية", "Türk Devletleri Teşkilatı", ("OTS", "TDT")),
    ("Shanghai Cooperation Organisation", "منظمة شنغهاي للتعاون", "Şanghay İşbirliği Örgütü", ("SCO", "ŞİÖ")),
    ("African Union", "الاتحاد الأفريقي", "Afrika Birliği", ("AU",)),
    ("Red Crescent", "الهلال الأحمر", "Kızılay", ("Turkish Red Crescent", "Türk Kızılay")),
    ("Red Cross", "الصليب الأحمر", "Kızılhaç", ("ICRC",)),
    ("FIFA", "الاتحاد الدولي لكرة القدم", "FIFA", ("فيفا",)),
    ("UEFA", "الاتحاد الأوروبي لكرة القدم", "UEFA", ("يويفا",)),
    ("International Olympic Committee", "اللجنة الأولمبية الدولية", "Uluslararası Olimpiyat Komitesi", ("IOC", "UOK")),
    ("Federal Reserve", "الاحتياطي الفيدرالي", "Fed", ("Fed", "الاحتياطي الفيدرالي الأمريكي")),
    ("European Central Bank", "البنك المركزي الأوروبي", "Avrupa Merkez Bankası", ("ECB", "AMB")),
    # news agencies (the dateline's agency among them)
    ("Anadolu Agency", "وكالة الأناضول", "Anadolu Ajansı", ("AA",)),
    ("Reuters", "رويترز", "Reuters", ()),
    ("Agence France-Presse", "وكالة الصحافة الفرنسية", "Fransız Haber Ajansı", ("AFP", "فرانس برس", "وكالة فرانس برس")),
    ("Associated Press", "أسوشيتد برس", "Associated Press", ("AP", "وكالة أسوشيتد برس")),
    ("Xinhua", "شينخوا", "Şinhua", ("وكالة شينخوا", "وكالة أنباء الصين الجديدة")),
    ("TASS", "تاس", "TASS", ("وكالة تاس",)),
    ("IRNA", "إرنا", "IRNA", ("وكالة إرنا",)),
    ("Qatar News Agency", "وكالة الأنباء القطرية", "Katar Haber Ajansı", ("QNA", "قنا")),
    ("Saudi Press Agency", "وكالة الأنباء السعودية", "Suudi Basın Ajansı", ("SPA", "واس")),
    ("Emirates News Agency", "وكالة أنباء الإمارات", "Emirates Haber Ajansı", ("WAM", "وام")),
    ("TRT", "هيئة الإذاعة والتلفزيون التركية", "TRT", ()),
    ("BBC", "بي بي سي", "BBC", ()),
    ("Demirören News Agency", "وكالة دمير أوران", "Demirören Haber Ajansı", ("DHA",)),
    ("İhlas News Agency", "وكالة إخلاص", "İhlas Haber Ajansı", ("İHA",)),
    # companies
    ("Saudi Aramco", "أرامكو السعودية", "Saudi Aramco", ("Aramco", "أرامكو")),
    ("Turkish Airlines", "الخطوط الجوية التركية", "Türk Hava Yolları", ("THY",)),
    ("QatarEnergy", "قطر للطاقة", "QatarEnergy", ()),
    ("Samsung", "سامسونغ", "Samsung", ("Samsung Electronics", "سامسونغ للإلكترونيات")),
    ("Apple", "آبل", "Apple", ()),
    ("Nvidia", "إنفيديا", "Nvidia", ()),
    ("Microsoft", "مايكروسوفت", "Microsoft", ()),
    ("Google", "غوغل", "Google", ()),
    ("Tesla", "تسلا", "Tesla", ()),
    ("SOCAR", "سوكار", "SOCAR", ()),
    ("Gazprom", "غازبروم", "Gazprom", ()),
    ("Borsa Istanbul", "بورصة إسطنبول", "Borsa İstanbul", ()),
]

# Football clubs: matched only in a story about sport (one of SPORTS_CUES occurs),
# because several club names are also everyday words (النصر "victory").
CLUBS: list[tuple[str, str, str, tuple[str, ...]]] = [
    ("Galatasaray", "غلطة سراي", "Galatasaray", ()),
    ("Fenerbahçe", "فنربخشة", "Fenerbahçe", ("Fenerbahce",)),
    ("Beşiktaş", "بشكتاش", "Beşiktaş", ("Besiktas",)),
    ("Trabzonspor", "طرابزون سبور", "Trabzonspor", ()),
    ("Real Madrid", "ريال مدريد", "Real Madrid", ()),
    ("Manchester City", "مانشستر سيتي", "Manchester City", ()),
    ("Manchester United", "مانشستر يونايتد", "Manchester United", ()),
    ("Bayern Munich", "بايرن ميونخ", "Bayern Münih", ()),
    ("Paris Saint-Germain", "باريس سان جيرمان", "Paris Saint-Germain", ("PSG",)),
    ("Juventus", "يوفنتوس", "Juventus", ()),
    ("Al Hilal", "الهلال", "Al Hilal", ()),
    ("Al Nassr", "النصر", "Al Nassr", ()),
    ("Al Ahly", "الأهلي", "Al Ahly", ()),
]

SPORTS_CUES = frozenset(
    ["مباراه", "الدوري", "فريق", "فريقه", "هدف", "هدفين", "هدفا", "هدفي", "مدرب", "ملعب", "match", "league", "coach", "goal", "goals", "striker", "stadium", "maç", "maçın", "maçta", "lig", "gol", "golü", "golle", "teknik", "derbi", "derbide"]
)
