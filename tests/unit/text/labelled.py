"""A small labelled set written by the newsflow developers (not agency copy).

Each story lists the people, places, organisations and Media Topics a careful
editor would attach. Places are written as the gazetteer's canonical names
(CLDR country names such as المملكة العربية السعودية, geonames city names).
A story's topics are the set of acceptable topics: a chosen topic outside it
is a false positive, and recall is measured as "at least one acceptable topic". ``reference`` is an abbreviation the developers wrote by
picking whole sentences by hand; it is our own judgement, not the agency's.
"""

from __future__ import annotations

from typing import TypedDict


class Labelled(TypedDict):
    language: str
    headline: str
    body: str
    people: set[str]
    places: set[str]
    organisations: set[str]
    topics: set[str]
    reference: str


STORIES: list[Labelled] = [
    {
        "language": "en",
        "headline": "Putin and Aliyev discuss gas exports in Baku",
        "body": (
            "BAKU, Nov 28 (Agency) - Russian President Vladimir Putin held talks with Azerbaijani "
            "President Ilham Aliyev in Baku on Monday, focusing on trade and gas exports.\n\n"
            "The two leaders signed agreements on energy and transport. Aliyev said trade between "
            "the two countries exceeded $4 billion last year. Putin said Russia wanted more gas "
            "to flow through the Caspian Sea.\n\n"
            '"This visit is historic," Aliyev said. The talks also covered the situation in the '
            "South Caucasus and relations with Armenia."
        ),
        "people": {"Vladimir Putin", "Ilham Aliyev"},
        "places": {"Baku", "Russia", "Caspian Sea", "South Caucasus", "Armenia"},
        "organisations": set(),
        "topics": {"medtop:20001243", "medtop:20000373", "medtop:20000639", "medtop:20000256"},
        "reference": (
            "BAKU, Nov 28 (Agency) - Russian President Vladimir Putin held talks with Azerbaijani "
            "President Ilham Aliyev in Baku on Monday, focusing on trade and gas exports. Aliyev "
            "said trade between the two countries exceeded $4 billion last year."
        ),
    },
    {
        "language": "en",
        "headline": "OPEC keeps oil output steady",
        "body": (
            "VIENNA (Agency) - OPEC ministers agreed on Sunday to keep oil production unchanged "
            "until the end of March, the group said after a meeting in Vienna.\n\n"
            "Saudi Energy Minister Abdulaziz bin Salman told reporters that the market was "
            "balanced. Crude prices rose 2 percent after the decision. Analysts at the World Bank "
            "expect oil demand to grow slowly next year."
        ),
        "people": {"Abdulaziz bin Salman"},
        "places": {"Vienna"},
        "organisations": {"OPEC", "World Bank"},
        "topics": {"medtop:20001243"},
        "reference": (
            "VIENNA (Agency) - OPEC ministers agreed on Sunday to keep oil production unchanged "
            "until the end of March, the group said after a meeting in Vienna. Crude prices rose "
            "2 percent after the decision."
        ),
    },
    {
        "language": "en",
        "headline": "Earthquake shakes eastern Turkey",
        "body": (
            "ANKARA (Agency) - A magnitude 5.6 earthquake struck eastern Turkey on Tuesday, "
            "damaging buildings in Malatya, the disaster agency said.\n\n"
            "No deaths were reported. Interior Minister Ali Yerlikaya said rescue teams were "
            "searching collapsed buildings. The quake was felt in Elazig and Diyarbakir."
        ),
        "people": {"Ali Yerlikaya"},
        "places": {"Ankara", "Türkiye", "Malatya", "Elazığ", "Diyarbakır"},
        "organisations": set(),
        "topics": {"medtop:20000153"},
        "reference": (
            "ANKARA (Agency) - A magnitude 5.6 earthquake struck eastern Turkey on Tuesday, "
            "damaging buildings in Malatya, the disaster agency said. Interior Minister Ali "
            "Yerlikaya said rescue teams were searching collapsed buildings."
        ),
    },
    {
        "language": "en",
        "headline": "Galatasaray beat Fenerbahce in Istanbul derby",
        "body": (
            "ISTANBUL (Agency) - Galatasaray beat Fenerbahce 2-1 in the Istanbul derby on "
            "Saturday to stay top of the league.\n\n"
            "Striker Mauro Icardi scored both goals for the home side. The match was watched "
            "by 50,000 fans. Fenerbahce coach Jose Mourinho said his team deserved a draw."
        ),
        "people": {"Mauro Icardi", "Jose Mourinho"},
        "places": {"Istanbul"},
        "organisations": {"Galatasaray", "Fenerbahçe"},
        "topics": {"medtop:20001065"},
        "reference": (
            "ISTANBUL (Agency) - Galatasaray beat Fenerbahce 2-1 in the Istanbul derby on "
            "Saturday to stay top of the league. Striker Mauro Icardi scored both goals for the "
            "home side."
        ),
    },
    {
        "language": "ar",
        "headline": "أردوغان يستقبل رئيس الوزراء العراقي في أنقرة",
        "body": (
            "أنقرة (الوكالة) - استقبل الرئيس التركي رجب طيب أردوغان، الثلاثاء، رئيس الوزراء العراقي "
            "محمد شياع السوداني في العاصمة أنقرة.\n\n"
            "وبحث الجانبان العلاقات الثنائية والتعاون في مجال الطاقة والمياه. وقال أردوغان إن "
            "حجم التجارة بين تركيا والعراق سيرتفع. وأكد السوداني أهمية مشروع طريق التنمية الذي "
            "يربط البصرة بتركيا."
        ),
        "people": {"رجب طيب أردوغان", "محمد شياع السوداني"},
        "places": {"أنقرة", "تركيا", "العراق", "البصرة"},
        "organisations": set(),
        "topics": {"medtop:20000639", "medtop:20000638", "medtop:20000373", "medtop:20000256"},
        "reference": (
            "أنقرة (الوكالة) - استقبل الرئيس التركي رجب طيب أردوغان، الثلاثاء، رئيس الوزراء العراقي "
            "محمد شياع السوداني في العاصمة أنقرة. وقال أردوغان إن حجم التجارة بين تركيا والعراق "
            "سيرتفع."
        ),
    },
    {
        "language": "ar",
        "headline": "منظمة الصحة العالمية تحذر من تفشي الكوليرا في السودان",
        "body": (
            "جنيف (الوكالة) - حذرت منظمة الصحة العالمية، الأربعاء، من تفشي وباء الكوليرا في "
            "السودان بعد تسجيل آلاف الإصابات.\n\n"
            "وقالت المنظمة إن المستشفيات في الخرطوم ودارفور تعاني نقصا في الأدوية. وأضافت أن "
            "اللقاحات وصلت إلى بورتسودان. ودعت الأمم المتحدة إلى وقف إطلاق النار لإيصال المساعدات."
        ),
        "people": set(),
        "places": {"جنيف", "السودان", "الخرطوم", "دارفور", "بور سودان"},
        "organisations": {"منظمة الصحة العالمية", "الأمم المتحدة"},
        "topics": {"medtop:20000446", "medtop:07000000"},
        "reference": (
            "جنيف (الوكالة) - حذرت منظمة الصحة العالمية، الأربعاء، من تفشي وباء الكوليرا في "
            "السودان بعد تسجيل آلاف الإصابات. وقالت المنظمة إن المستشفيات في الخرطوم ودارفور "
            "تعاني نقصا في الأدوية."
        ),
    },
    {
        "language": "ar",
        "headline": "السعودية وقطر توقعان اتفاقية للطاقة",
        "body": (
            "الرياض (الوكالة) - وقعت السعودية وقطر، الأحد، اتفاقية للتعاون في مجال الطاقة والغاز "
            "الطبيعي خلال زيارة وزير الطاقة القطري إلى الرياض.\n\n"
            "وقال وزير الطاقة السعودي الأمير عبد العزيز بن سلمان إن الاتفاقية تعزز أمن الطاقة في "
            "الخليج. وأشار إلى أن شركة أرامكو ستشارك في مشاريع النفط والغاز المشتركة."
        ),
        "people": {"عبد العزيز بن سلمان"},
        "places": {"الرياض", "المملكة العربية السعودية", "قطر", "الخليج العربي"},
        "organisations": {"أرامكو السعودية"},
        "topics": {"medtop:20000256", "medtop:20001243", "medtop:20000638"},
        "reference": (
            "الرياض (الوكالة) - وقعت السعودية وقطر، الأحد، اتفاقية للتعاون في مجال الطاقة والغاز "
            "الطبيعي خلال زيارة وزير الطاقة القطري إلى الرياض."
        ),
    },
    {
        "language": "ar",
        "headline": "انتخابات برلمانية في الأردن",
        "body": (
            "عمان (الوكالة) - توجه الناخبون في الأردن، الثلاثاء، إلى صناديق الاقتراع لانتخاب "
            "أعضاء مجلس النواب.\n\n"
            "وقالت الهيئة المستقلة للانتخاب إن نسبة التصويت بلغت 32 في المئة. وشارك في "
            "الانتخابات أكثر من ألف مرشح. ويتنافس المرشحون على 138 مقعدا."
        ),
        "people": set(),
        "places": {"الأردن"},
        "organisations": {"مجلس النواب", "الهيئة المستقلة للانتخاب"},
        "topics": {"medtop:20000574"},
        "reference": (
            "عمان (الوكالة) - توجه الناخبون في الأردن، الثلاثاء، إلى صناديق الاقتراع لانتخاب "
            "أعضاء مجلس النواب. وقالت الهيئة المستقلة للانتخاب إن نسبة التصويت بلغت 32 في المئة."
        ),
    },
    {
        "language": "tr",
        "headline": "Erdoğan ve Aliyev Bakü'de görüştü",
        "body": (
            "BAKÜ (Ajans) - Cumhurbaşkanı Recep Tayyip Erdoğan, Azerbaycan Cumhurbaşkanı İlham "
            "Aliyev ile Bakü'de bir araya geldi.\n\n"
            "Görüşmede enerji, ticaret ve ulaşım konuları ele alındı. Erdoğan, iki ülke arasındaki "
            "ticaret hacminin artacağını söyledi. Liderler, Hazar Denizi üzerinden doğalgaz "
            "taşımacılığını da görüştü."
        ),
        "people": {"Recep Tayyip Erdoğan", "İlham Aliyev"},
        "places": {"Bakü", "Azerbaycan", "Hazar Denizi"},
        "organisations": set(),
        "topics": {"medtop:20000373", "medtop:20000256", "medtop:20000639", "medtop:20001243"},
        "reference": (
            "BAKÜ (Ajans) - Cumhurbaşkanı Recep Tayyip Erdoğan, Azerbaycan Cumhurbaşkanı İlham "
            "Aliyev ile Bakü'de bir araya geldi. Erdoğan, iki ülke arasındaki ticaret hacminin "
            "artacağını söyledi."
        ),
    },
    {
        "language": "tr",
        "headline": "Merkez Bankası faizi sabit tuttu",
        "body": (
            "ANKARA (Ajans) - Türkiye Cumhuriyet Merkez Bankası politika faizini yüzde 50'de sabit "
            "tuttu.\n\n"
            "Banka, enflasyonun düşmeye başladığını açıkladı. Hazine ve Maliye Bakanı Mehmet "
            "Şimşek, ekonomik büyümenin devam edeceğini söyledi. Ekonomistler, enflasyon "
            "beklentilerinin iyileştiğini belirtti."
        ),
        "people": {"Mehmet Şimşek"},
        "places": {"Ankara", "Türkiye"},
        "organisations": {"Türkiye Cumhuriyet Merkez Bankası"},
        "topics": {"medtop:20000344"},
        "reference": (
            "ANKARA (Ajans) - Türkiye Cumhuriyet Merkez Bankası politika faizini yüzde 50'de sabit "
            "tuttu. Hazine ve Maliye Bakanı Mehmet Şimşek, ekonomik büyümenin devam edeceğini "
            "söyledi."
        ),
    },
    {
        "language": "tr",
        "headline": "Gazze'de ateşkes görüşmeleri sürüyor",
        "body": (
            "DOHA (Ajans) - Gazze'de ateşkes için Katar'ın başkenti Doha'da yürütülen görüşmeler "
            "devam ediyor.\n\n"
            "Dışişleri Bakanı Hakan Fidan, Türkiye'nin barış sürecine destek verdiğini söyledi. "
            "Birleşmiş Milletler, bölgedeki insani durumun kötüleştiği uyarısında bulundu."
        ),
        "people": {"Hakan Fidan"},
        "places": {"Doha", "Gazze", "Katar", "Türkiye"},
        "organisations": {"Birleşmiş Milletler"},
        "topics": {"medtop:20000073", "medtop:20000639"},
        "reference": (
            "DOHA (Ajans) - Gazze'de ateşkes için Katar'ın başkenti Doha'da yürütülen görüşmeler "
            "devam ediyor. Dışişleri Bakanı Hakan Fidan, Türkiye'nin barış sürecine destek "
            "verdiğini söyledi."
        ),
    },
    {
        "language": "en",
        "headline": "NATO ministers meet in Brussels over Ukraine",
        "body": (
            "BRUSSELS (Agency) - NATO defence ministers met in Brussels on Thursday to discuss "
            "security support for Ukraine.\n\n"
            "Secretary General Mark Rutte said allies would increase defence spending. German "
            "Defence Minister Boris Pistorius announced new air defence systems. The meeting "
            "also discussed security in the Black Sea."
        ),
        "people": {"Mark Rutte", "Boris Pistorius"},
        "places": {"Brussels", "Ukraine", "Black Sea"},
        "organisations": {"NATO"},
        "topics": {"medtop:20000604"},
        "reference": (
            "BRUSSELS (Agency) - NATO defence ministers met in Brussels on Thursday to discuss "
            "security support for Ukraine. Secretary General Mark Rutte said allies would "
            "increase defence spending."
        ),
    },
]
