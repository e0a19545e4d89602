"""The demo stories. All text here is original, written for this project; the people
quoted are invented.

Each entry is the editor's input; ``then`` lists what happens to the story after it is
published (update, correct, withdraw), so the demo flow log shows every action.
"""

from __future__ import annotations

from typing import Any

STORIES: list[dict[str, Any]] = [
    {
        "key": "desal-ar",
        "language": "ar",
        "priority": "urgent",
        "category": "economy",
        "dateline": "الدوحة",
        "byline": "مكتب الخليج",
        "public": True,
        "headline": "قطر وعُمان توقعان اتفاقية لإنشاء أكبر محطة تحلية مشتركة في المنطقة",
        "body": (
            "الدوحة (نيوزفلو) - وقّعت قطر وسلطنة عُمان اليوم الأحد اتفاقية لإنشاء محطة مشتركة لتحلية مياه البحر "
            "بطاقة تبلغ مليون متر مكعب يومياً، في أكبر مشروع من نوعه في منطقة الخليج.\n\n"
            "وقال وزير الطاقة القطري خالد المنصوري في مؤتمر صحفي إن المحطة ستعمل بالطاقة الشمسية بالكامل، "
            "وإن أعمال البناء ستبدأ في الربع الأول من العام المقبل.\n\n"
            "وأضاف المنصوري: «هذا المشروع يضمن الأمن المائي لملايين السكان في البلدين لعقود قادمة».\n\n"
            "وتبلغ كلفة المشروع نحو ثلاثة مليارات دولار، تتقاسمها الحكومتان مناصفة، فيما تتولى شركة قطر للطاقة "
            "إدارة التشغيل خلال السنوات العشر الأولى.\n\n"
            "ويعاني الخليج من شح الموارد المائية العذبة، إذ تعتمد دوله على التحلية لتأمين أكثر من ثمانين في المئة "
            "من مياه الشرب.\n\n"
            "ومن المتوقع أن توفر المحطة نحو ألفي فرصة عمل خلال مرحلة الإنشاء، وأن تخفض انبعاثات الكربون "
            "مقارنة بالمحطات التقليدية التي تعمل بالغاز."
        ),
        "then": [
            {
                "action": "update",
                "body_append": (
                    "وفي وقت لاحق، أعلنت وزارة البيئة العُمانية أن موقع المحطة سيكون على ساحل محافظة شمال الباطنة."
                ),
            }
        ],
    },
    {
        "key": "desal-en",
        "translation_of": "desal-ar",
        "language": "en",
        "priority": "urgent",
        "category": "economy",
        "dateline": "Doha",
        "byline": "Gulf desk",
        "public": True,
        "headline": "Qatar and Oman sign deal for the region's largest joint desalination plant",
        "body": (
            "DOHA, (Newsflow) - Qatar and Oman signed an agreement on Sunday to build a joint seawater "
            "desalination plant with a capacity of one million cubic metres a day, the largest project of its "
            "kind in the Gulf.\n\n"
            "Qatari Energy Minister Khalid Al-Mansouri told a news conference that the plant would run entirely "
            "on solar power and that construction would begin in the first quarter of next year.\n\n"
            "\"This project secures water for millions of people in both countries for decades to come,\" "
            "Al-Mansouri said.\n\n"
            "The project will cost about $3 billion, shared equally by the two governments, while QatarEnergy "
            "will run the plant for its first ten years.\n\n"
            "Gulf states rely on desalination for more than 80 percent of their drinking water.\n\n"
            "The plant is expected to create about 2,000 jobs during construction and to emit far less carbon "
            "than conventional gas-fired plants."
        ),
    },
    {
        "key": "desal-tr",
        "translation_of": "desal-ar",
        "language": "tr",
        "priority": "urgent",
        "category": "economy",
        "dateline": "Doha",
        "public": True,
        "headline": "Katar ve Umman bölgenin en büyük ortak tuzdan arındırma tesisi için anlaştı",
        "body": (
            "DOHA (Newsflow) - Katar ve Umman, pazar günü günde bir milyon metreküp kapasiteli ortak bir deniz "
            "suyu arıtma tesisi kurmak için anlaşma imzaladı.\n\n"
            "Katar Enerji Bakanı Halid el-Mansuri, düzenlediği basın toplantısında tesisin tamamen güneş "
            "enerjisiyle çalışacağını ve inşaatın gelecek yılın ilk çeyreğinde başlayacağını söyledi.\n\n"
            "Yaklaşık 3 milyar dolar tutarındaki projenin maliyeti iki hükümet arasında eşit paylaşılacak.\n\n"
            "Körfez ülkeleri içme suyunun yüzde 80'inden fazlasını tuzdan arındırma yoluyla sağlıyor."
        ),
    },
    {
        "key": "quake-ar",
        "language": "ar",
        "priority": "flash",
        "category": "general",
        "dateline": "عمّان",
        "public": True,
        "headline": "عاجل: زلزال بقوة 5.1 درجات يضرب شمال الأردن دون أنباء عن إصابات",
        "body": (
            "عمّان (نيوزفلو) - ضرب زلزال بقوة 5.1 درجات على مقياس ريختر شمال الأردن صباح اليوم، وشعر به سكان "
            "مدينتي إربد وعمّان.\n\n"
            "وقال المرصد الزلزالي الأردني إن مركز الزلزال كان على عمق عشرة كيلومترات قرب الحدود مع سوريا.\n\n"
            "ولم ترد حتى الآن أنباء عن وقوع إصابات أو أضرار مادية، بحسب مديرية الأمن العام."
        ),
        "then": [
            {
                "action": "correct",
                "note": "تصحيح قوة الزلزال من 5.1 إلى 4.8 درجات وفق المرصد",
                "headline": "زلزال بقوة 4.8 درجات يضرب شمال الأردن دون أنباء عن إصابات",
                "replace": ["5.1", "4.8"],
            }
        ],
    },
    {
        "key": "rates-en",
        "language": "en",
        "priority": "flash",
        "category": "economy",
        "dateline": "London",
        "public": False,
        "headline": "FLASH: Bank of England cuts interest rate to 3.5 percent",
        "body": (
            "LONDON, (Newsflow) - The Bank of England cut its main interest rate by a quarter point to 3.5 percent "
            "on Thursday, its third cut this year.\n\n"
            "The Monetary Policy Committee voted 6-3 in favour of the cut, with three members preferring to hold.\n\n"
            "Governor Helen Marsh said inflation was \"firmly on the path back to target\" but warned that "
            "further cuts were not guaranteed.\n\n"
            "Sterling fell 0.4 percent against the dollar after the announcement."
        ),
    },
    {
        "key": "football-tr",
        "language": "tr",
        "priority": "routine",
        "category": "sports",
        "dateline": "İstanbul",
        "public": True,
        "headline": "Galatasaray, Avrupa kupasında son dakika golüyle turladı",
        "body": (
            "İSTANBUL (Newsflow) - Galatasaray, UEFA Avrupa Ligi play-off turunda rakibini uzatma dakikalarında "
            "attığı golle 2-1 yenerek bir üst tura yükseldi.\n\n"
            "Maçın 90+3. dakikasında Emre Demir'in kafa golü, Rams Park'ı dolduran 50 bin taraftarı "
            "sevince boğdu.\n\n"
            "Teknik direktör Murat Kaya maç sonunda \"Takımım sonuna kadar inandı\" dedi.\n\n"
            "Sarı-kırmızılılar bir sonraki turda Portekiz temsilcisiyle karşılaşacak."
        ),
    },
    {
        "key": "health-en",
        "language": "en",
        "priority": "routine",
        "category": "health",
        "dateline": "Geneva",
        "public": True,
        "headline": "WHO reports sharp fall in measles deaths after vaccination drive",
        "body": (
            "GENEVA, (Newsflow) - Measles deaths fell by nearly a third last year after a global vaccination "
            "campaign reached 40 million children, the World Health Organization said on Tuesday.\n\n"
            "The agency said coverage of the first vaccine dose rose to 86 percent worldwide, the highest level "
            "since 2019.\n\n"
            "Dr. Sarah Lindqvist, director of immunization at the WHO, said the gains were fragile and that "
            "outbreaks were still spreading in parts of Africa and Asia.\n\n"
            "The report urged governments to fund catch-up campaigns for children who missed doses during the "
            "pandemic."
        ),
    },
    {
        "key": "tech-ar",
        "language": "ar",
        "priority": "routine",
        "category": "science-technology",
        "dateline": "الرياض",
        "public": True,
        "headline": "السعودية تطلق أول قمر صناعي لرصد الطقس صُنع محلياً",
        "body": (
            "الرياض (نيوزفلو) - أطلقت المملكة العربية السعودية اليوم أول قمر صناعي لرصد الطقس صُمّم وصُنع "
            "بالكامل على أراضيها، في خطوة تعزز قدراتها في مجال الفضاء.\n\n"
            "وقالت وكالة الفضاء السعودية إن القمر سيوفر بيانات دقيقة عن العواصف الرملية ودرجات الحرارة "
            "كل خمس عشرة دقيقة.\n\n"
            "وشارك في تطوير القمر أكثر من مئتي مهندس سعودي بالتعاون مع جامعة الملك عبدالله للعلوم والتقنية.\n\n"
            "ومن المقرر أن يبدأ القمر بث بياناته الأولى خلال شهر."
        ),
    },
    {
        "key": "culture-tr",
        "language": "tr",
        "priority": "routine",
        "category": "culture-arts-life",
        "dateline": "Ankara",
        "public": False,
        "headline": "Anadolu Medeniyetleri Müzesi yeni salonunu ziyarete açtı",
        "body": (
            "ANKARA (Newsflow) - Anadolu Medeniyetleri Müzesi, Hitit dönemine ait 300'den fazla eseri "
            "sergileyen yeni salonunu ziyaretçilere açtı.\n\n"
            "Kültür ve Turizm Bakanlığı'ndan yapılan açıklamada, salonun iki yıllık restorasyon çalışmasının "
            "ardından hazırlandığı belirtildi.\n\n"
            "Müze müdürü, eserlerin bir kısmının ilk kez sergilendiğini söyledi."
        ),
    },
    {
        "key": "politics-en",
        "language": "en",
        "priority": "important",
        "category": "politics",
        "dateline": "Brussels",
        "public": True,
        "headline": "EU ministers agree new rules on critical raw materials",
        "body": (
            "BRUSSELS, (Newsflow) - European Union ministers agreed on Monday on rules to speed up permits for "
            "mines and refineries of critical raw materials such as lithium and rare earths.\n\n"
            "Under the deal, strategic projects will get permits within 24 months, down from as long as ten "
            "years today.\n\n"
            "The European Commission said the bloc aims to refine at least 40 percent of the critical materials "
            "it uses by 2030.\n\n"
            "Environmental groups criticised the plan, saying shorter reviews could harm protected areas."
        ),
        "then": [{"action": "withdraw", "reason": "Story withdrawn: the ministers' meeting was postponed."}],
    },
    {
        "key": "energy-ar",
        "language": "ar",
        "priority": "important",
        "category": "economy",
        "dateline": "باكو",
        "public": True,
        "headline": "أذربيجان تعلن زيادة صادرات الغاز إلى أوروبا عبر بحر قزوين",
        "body": (
            "باكو (نيوزفلو) - أعلنت أذربيجان اليوم خططاً لزيادة صادراتها من الغاز الطبيعي إلى أوروبا بنسبة "
            "عشرين في المئة خلال العامين المقبلين.\n\n"
            "وقال وزير الطاقة الأذربيجاني رشاد علييف إن خط أنابيب عبر الأناضول سيُوسَّع لاستيعاب الكميات "
            "الإضافية.\n\n"
            "وتسعى دول الاتحاد الأوروبي إلى تنويع مصادر الطاقة بعيداً عن الإمدادات الروسية.\n\n"
            "وتمتلك أذربيجان احتياطيات كبيرة من الغاز في حقول بحر قزوين."
        ),
    },
    {
        "key": "embargo-en",
        "language": "en",
        "priority": "routine",
        "category": "science-technology",
        "dateline": "Nairobi",
        "public": True,
        "embargo_minutes": 5,
        "headline": "Study finds drought-resistant maize raises yields across East Africa",
        "body": (
            "NAIROBI, (Newsflow) - Farmers who planted drought-resistant maize harvested up to 35 percent more "
            "grain in dry years, according to a five-year study published on Wednesday.\n\n"
            "The research followed 12,000 farms in Kenya, Tanzania and Uganda.\n\n"
            "The authors said seed costs remained a barrier for the poorest households."
        ),
    },
]
