"""Organisations named in a story, found by a curated table, the dateline and patterns.

* **gazetteer**: a curated trilingual table (:mod:`org_table`: UN, NATO,
  news agencies, large companies; football clubs only in a story about
  sport), reported under the story language's name; acronyms match
  case-sensitively;
* **dateline**: the agency of ``ANKARA (AA) -`` or ``أنقرة/ الأناضول``;
* **pattern**, Arabic: a head (وزارة, وكالة, مجلس, حزب, بنك, قوات ...) in
  construct with definite words (وزارة الخارجية, حزب العدالة والتنمية), or
  with a bare name (بورصة إسطنبول); a definite head with an adjective
  (البرلمان الأذربيجاني, البنك المركزي التركي); after شركة / فريق / نادي the
  name without the descriptor (شركة سامسونغ → سامسونغ);
* **pattern**, Latin script: capitalised phrases ending in an organisation
  word (… Ministry, … Bank, … Forces, … Bakanlığı, … Parti), "Ministry of …",
  acronyms in parentheses, and free-standing acronyms of 3–5 capitals
  (CHP, AFAD) that are no place;
* an alias in parentheses or quotes right after a name ("آفاد", (TCMB)) is
  the same organisation, and every later occurrence of a found name or alias
  is a mention of it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from itertools import compress

from newsflow.text.entities import is_definite, joined, norm_set, norm_word, word_strings
from newsflow.text.entities import words as story_words
from newsflow.text.gazetteer import fold_key, fold_word, place_of_word, prefix_len, strip_proclitics
from newsflow.text.gazetteer import load as load_places
from newsflow.text.lexicon import (
    is_bare_verb,
    is_given_name,
    is_noun,
    is_particle,
    is_proper_noun,
    name_word,
)
from newsflow.text.mentions import Found
from newsflow.text.org_table import CLUBS, NATIONAL_BRANCHES, ORGS, SPORTS_CUES
from newsflow.text.people_words import (
    AR_TITLES,
    LATIN_NOT_NAMES,
    LATIN_ROLES,
    LATIN_TITLES,
    TR_CASE_OPENERS,
)
from newsflow.text.stem import is_arabic
from newsflow.text.stopwords import STOPWORDS
from newsflow.text.tokenize import WordMemo, split_pieces, word_memo, word_spans, word_texts

__all__ = ["find_organisation_mentions", "find_organisations"]

_AR_HEADS = norm_set(
    "وكالة منظمة وزارة بنك مصرف جامعة مجلس هيئة حزب صندوق اتحاد حركة مؤسسة محكمة جمعية "
    "لجنة إدارة معهد برنامج قوات مفوضية حكومة بورصة جبهة رابطة نقابة سلطة مديرية مرصد متحف "
    "دائرة جهاز رئاسة بعثة سوق غرفة مندوبية أمانة "
    "مولودية أولمبيك شبيبة وفاق نهضة"
)
_AR_OFFICES = norm_set("رئاسة")
_AR_COURT = norm_word("محكمة")
_AR_UTILITY_HEADS = norm_set("مؤسسة هيئة شركة")
_AR_MUNICIPALITY = norm_word("أمانة")
# heads named by a country's or city's bare name (بورصة كوريا, جامعة بغداد, أمانة عمان: a capital's municipality)
_AR_COUNTRY_NAMED = norm_set("بورصة بنك مصرف جامعة أمانة")
_AR_MARKET = norm_set("سوق")  # سوق دبي المالي: a market names a body only as an exchange (… المالي)
_AR_MARKET_ENDS = norm_set("المالي المالية")
_AR_LINKED_HEADS = norm_set("بعثة")  # a head that names a body only with a ل + noun phrase
_AR_DESCRIPTORS = norm_set("شركة فريق نادي مجموعة فريقه")
_AR_COMPANY_DESCRIPTORS = norm_set("شركة مجموعة")
_AR_DEFINITE_HEADS = norm_set(
    "البنك البرلمان المفوضية الاتحاد المجلس الهيئة الوكالة المنظمة المحكمة الجمعية المرصد البورصة "
    "الإطار التحالف الائتلاف التيار الحزب السلطة اللجنة الجبهة الرابطة النقابة المؤسسة المنتخب"
    " المديرية المعهد المكتب الجامعة الصندوق النيابة المندوبية الديوان"
)
# Definite heads that name a body only with a ل-phrase (الديوان الوطني للأرصاد الجوية; الديوان
# الأميري, the ruler's court, is named so in some copy and not in other)
_AR_LINKED_DEFINITE = norm_set("الديوان")
# Definite heads whose bodies are named in full (المعهد الوطني للإحصاء, المكتب الوطني للكهرباء):
# cut before a ل-phrase the rules cannot read (المعهد الفلبيني لعلم البراكين), nothing is suggested
_AR_WHOLE_NAME_HEADS = norm_set("المعهد المكتب الجامعة الصندوق")
# Heads of parties and fronts, whose names may end in ل + a country (الحزب الديمقراطي لساحل العاج).
_AR_PARTY_HEADS = norm_set("الحزب حزب الجبهة جبهة الحركة حركة التجمع")
_AR_ROYAL = norm_set("الملك الأمير الشيخ السلطان الإمام الملكة الأميرة الشيخة")
# Nouns that head a body only when a ruler's title and name follow (مركز الملك سلمان للإغاثة,
# مستشفى الملك فيصل التخصصي): مركز المدينة is the town centre
_AR_GOVERNMENTS = norm_set("حكومة")
_AR_PREPOSITIONS = norm_set("من في على عن إلى مع")
_AR_ROYAL_HEADS = norm_set("مركز مستشفى كلية أكاديمية")
_AR_PATRONYMIC = norm_set("بن بنت ابن")
_AR_ORDINALS = norm_set("الأول الثاني الثالث الرابع الخامس السادس السابع الثامن التاسع العاشر")
_AR_CONJOINED = norm_set("حزب حركة جبهة إدارة هيئة وزارة")
# Adjectives that describe an organisation without naming it (حزب المساواة المعارض).
_AR_DESCRIPTIVE = norm_set(
    "المعارض المعارضة الحاكم الحاكمة الجديد الجديدة الرئيسي الرئيسية السابق الحالي التابعة التابع "
    "الذي التي الذين اللذان اللتان اللواتي"  # relative pronouns look definite but end the name
    " الثلاثة الأربعة الخمسة الستة السبعة الثمانية التسعة العشرة"  # قضاة الهيئة الخمسة: a number
)
_AR_LINKLESS = norm_set("المنتخب")  # المنتخب المغربي لكرة القدم: the team is المنتخب المغربي
_AR_COMPASS = norm_set("الجنوبية الشمالية الجنوبي الشمالي")  # الكورية الجنوبية
# Time words end a name: مجلس النواب الأسبوع المقبل is مجلس النواب, then "next week".
_AR_TIME = norm_set(
    "الأسبوع الشهر اليوم الليلة المقبل المقبلة الماضي الماضية الجاري الجارية "
    "الأحد الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت"
    " الأسبوعي الأسبوعية الشهري الشهرية السنوي السنوية اليومي اليومية"  # اجتماع مجلس الوزراء الأسبوعي
)
# ل + noun words that continue a name in construct (الاتحاد الآسيوي لكرة القدم, بعثة الأمم
# المتحدة لمساعدة العراق, المفوضية السامية لشؤون اللاجئين); other ل + noun phrases say what
# a body does (مجلس الأمن لبحث الأزمة) and end the name.
_AR_NAME_LINKS = norm_set("لكرة لمساعدة لشؤون لحقوق لإغاثة لمكافحة لتنسيق لدعم لرعاية لإدارة للأوراق")
# A definite noun that points back to a place already named (حكومة الإقليم "the region's
# government"): alone after a head it names no body.
_AR_ANAPHORIC = norm_set("الإقليم البلاد المدينة الولاية المحافظة المنطقة البلدين الشركة المجموعة الهيئة النادي البنك المصرف")
# Words that end company names after a descriptor (شركة ساكسو بنك, شركة أبوظبي كابيتال).
_AR_COMPANY_TAILS = norm_set("بنك كابيتال غروب هولدينغ")
_LATIN_ORG_HEADS = (
    "Ministry|Bank|Agency|Company|Corporation|Council|Union|Organization|Organisation|Party|"
    "University|Fund|Association|Commission|Group|Authority|Committee|Institute|Court|"
    "Parliament|Assembly|Federation|League|Forces|Programme|Reserve|Electric Power|Capital|"
    "Airlines|Airways|Holdings?|Inc\\.|Ltd\\.?|Bakanlığı|Bankası|Üniversitesi|Ajansı|Şirketi|"
    "Kurumu|Partisi|Parti|Örgütü|Birliği|Meclisi|Konseyi|Derneği|Vakfı|Federasyonu|"
    "Başkanlığı|Müdürlüğü|Teşkilatı|Müzesi|Museum|Navy|Army|Air Force|Coast Guard|A\\.Ş\\.|"
    "Coalition|Alliance|Associates|Takımı|Kurulu|Church|Foundation|International|Securities|Industries|"
    "Technologies|Partners|Motors|Ortaklığı|Society|Centre|Center|Department|Bureau|Service|Front|"
    "Rasathanesi|Belediyesi|Belediye(?= Başkan)|"
    "Komisyonu|Konfederasyonu|Confederation|Sendikası|Serbest Bölgesi|Free Zone|AŞ|Terminals|"
    "Araştırma Merkezi|Hava Yolları|Teknokent|Consulting|Services|Exchange|Komutanlığı|Yatırım|İnceleme Merkezi|Enstitüsü|Konservatuvarı|Community|Motor|"  # İzmir Büyükşehir Belediye Başkanı: the municipality
    # a mining company's kind word (Konkola Copper Mines, First Quantum Minerals, Vedanta
    # Resources) and a chamber (Zambia Chamber of Mines)
    "Mines|Minerals|Resources|Chamber|"
    # a commodity exchange and a chamber of commerce (Polatlı Ticaret Borsası, İstanbul Ticaret Odası)
    "Borsası|Odası|"
    # a governorship and a district governorship (Aydın Valiliği, Bodrum Kaymakamlığı), and a
    # school or college, which names a sports club too (Bahçeşehir Koleji)
    "Valiliği|Kaymakamlığı|Koleji|Lisesi|"
    # a directorate (the Labour Directorate, the Directorate of Civil Aviation)
    "Directorate"
)
# heads that also name a portfolio before a minister's title (Mineral Resources Minister)
_PORTFOLIO_HEADS = ("Mines", "Minerals", "Resources")
_CAP = r"[A-ZÇĞİÖŞÜ][\wçğıöşü&-]*"
_TITLE_AFTER = r"(?:Minister|Secretary|Governor|President|Director|Chief|Head|Spokesman|Spokeswoman)(?![\w])"
_LATIN_ORG = re.compile(
    rf"\b(?:{_CAP}\s+(?:(?:of|for|and|the|de|ve)\s+)?){{1,4}}(?:{_LATIN_ORG_HEADS})"
    rf"(?=(?:n[ıiuü]n|[ıiuü]n|n[ae]|nd[ae]|nd[ae]n|yl[ae])?(?![\w]))"
    rf"(?:\s+of\s+(?:the\s+)?{_CAP}(?:\s+{_CAP}){{0,2}}(?:\s+and\s+{_CAP})?)?"
    # Boru Hatları ile Petrol Taşıma AŞ: a company's legal name may join two phrases with ile
    rf"|\b{_CAP}(?:\s+{_CAP}){{0,2}}\s+ile\s+{_CAP}(?:\s+{_CAP}){{0,2}}\s+(?:AŞ|A\.Ş\.)(?![\w])"
    # Alliance of Small Island States, Alliance for the Union of Romanians: a body's head, then
    # "of" or "for" and a name, which may hold one "of" phrase of its own
    rf"|\b(?:Alliance|Organi[sz]ation|Association|Federation|Confederation) (?:of|for) (?:the )?"
    rf"{_CAP}(?:\s+{_CAP}){{0,2}}(?:\s+of\s+(?:the\s+)?{_CAP}(?:\s+{_CAP}){{0,2}})?"
    rf"|\b(?:Ministry|Bank|University|Council|Department|Bureau|Office) (?:of|for) (?:the )?"
    # a second portfolio of one or two words (… of Finance and National Planning), not a title after it
    rf"{_CAP}(?:\s+{_CAP}){{0,2}}(?:\s+and\s+{_CAP}(?:\s+(?!{_TITLE_AFTER}){_CAP})?)?"
)
# _LATIN_PARTY, _EN_WORKPLACE and _EN_KIND open with a look-ahead naming every letter a match
# can start with: the engine then jumps from one such letter to the next instead of trying the
# pattern at every character. tests/unit/text/test_fast_paths.py checks that the letters cover
# every alternative (a word added to a list must have its first letter there).
_LATIN_PARTY = re.compile(rf"(?=[A-ZÇĞİÖŞÜ])\b({_CAP}(?:\s+(?:and|of|for)\s+{_CAP}|\s+{_CAP}){{0,3}})\s+party\b")
# Agency copy names a company or body after what it is or where someone works:
# "chief strategist at Clearnomics", "analysts at Goldman Sachs", "pollster Ipsos",
# "the electoral service Servel", "lender JPMorgan". The name is the capitalised words
# that follow (up to three, joined by "&"), never a sentence's next word.
_EN_ORG_NAME = r"((?:[A-Z][\w&-]*(?:\.\w+)*|&)(?:[ \t]+(?:[A-Z][\w&-]*(?:\.\w+)*|&)){0,2})"
_EN_WORKPLACE = re.compile(
    r"(?=(?i:[adehloprst]))\b(?i:analysts?|strategists?|economists?|researchers?|traders?|executives?|officials?|"
    r"engineers?|scientists?|partners?|lawyers?|spokes(?:man|woman|person)|director|head)\s+at\s+"
    + _EN_ORG_NAME
)
_EN_KIND = re.compile(
    r"(?=[abcdefgilmnoprstw])\b(?:pollster|carmaker|automaker|chipmaker|drugmaker|planemaker|steelmaker|"
    r"shipbuilder|lender|insurer|brokerage|airline|retailer|"
    r"conglomerate|regulator|watchdog|miner|refiner|broadcaster|newspaper|"
    r"(?:law|accounting|consulting|consultancy|advisory)\s+firm|"
    r"(?:electoral|statistics|intelligence|weather|news)\s+(?:service|agency|office|institute)|"
    r"(?:oil|gas|energy|mining|tech|technology|defen[cs]e|shipping|steel|food|drug|"
    r"investment|asset management|state-owned|state|private)\s+(?:company|firm|group|giant|maker|bank)|"
    r"(?:poll|survey)s?\s+(?:conducted\s+)?by)\s+"
    + _EN_ORG_NAME
)
# Both patterns try their look-ahead at every lowercase letter of a story. A match of
# _EN_WORKPLACE holds "at" between whitespace, a whitespace-separated piece of its own; a match
# of _EN_KIND holds one of these words right before whitespace, at the end of a piece: a story
# with no such piece is not scanned (tests/unit/text/test_fast_paths.py draws matches).
_EN_KIND_ENDS = (
    "pollster", "maker", "shipbuilder", "lender", "insurer", "brokerage", "airline", "retailer",
    "conglomerate", "regulator", "watchdog", "miner", "refiner", "broadcaster", "newspaper", "firm",
    "service", "agency", "office", "institute", "company", "group", "giant", "bank", "by",
)
_ENDS_KIND = WordMemo(lambda piece: piece.endswith(_EN_KIND_ENDS))


def _workplaces_and_kinds(text: str) -> list[re.Match[str]]:
    """The matches of _EN_WORKPLACE, then those of _EN_KIND, in ``text``."""
    pieces = split_pieces(text)
    found = list(_EN_WORKPLACE.finditer(text)) if "at" in pieces else []
    if any(map(_ENDS_KIND.__getitem__, pieces)):
        found += _EN_KIND.finditer(text)
    return found

# Turkish: Yönetim Kurulu "the board of directors" of any company names no body
_TR_GENERIC_BOARDS = frozenset(["Yönetim Kurulu", "İcra Kurulu", "Denetim Kurulu", "Disiplin Kurulu", "Genel Kurulu"])
_COMPETITION = re.compile(r"(?:Champions|Europa|Conference|Nations|Premier|Super) League$")
_TR_ADJECTIVE = re.compile(r"[a-zçğıöşü](?:sel|sal|ik|ık|al|el)$")
_TR_CASE = re.compile(r"[a-zçğıöşü]{3}(?:de|da|te|ta|den|dan|ten|tan)$")
# a word in the dative (Teklife, Yasaya) opening the sentence before a party's acronym
_TR_DATIVE = re.compile(r"[a-zçğıöşü]{3}[ae]$")
# a plural noun in the dative (Çalışmalara, Törenlere) opening the sentence before any body
_TR_PLURAL_DATIVE = re.compile(r"[a-zçğıöşü]{2}(?:lara|lere)$")
# a noun ending in a vowel, in the dative or accusative with its buffer y (Toplantıya, Karşılaşmayı),
# opening the sentence before any body
_TR_Y_CASE = re.compile(r"^[A-ZÇĞİÖŞÜ][a-zçğıöşü]{2,}[aeıioöuü]y[aeıiuü]$")
_LEADING = re.compile(r"^(?:(?:The|An|In|At|On|By|For|With|From|And|Both|While|Opposition|Ruling|Main|Former)\s+)+")
# no look-behind: the engine then jumps from capital to capital; the word's edges are checked after
_CAMEL = re.compile(r"[A-ZÇĞİÖŞÜ][a-zçğıöşü]*[A-ZÇĞİÖŞÜ][a-zçğıöşü]{2,}")
_CAMEL_SURNAMES = ("Mc", "Mac", "Le", "La", "De", "Di", "Du", "Da", "Van", "Von", "Fitz", "Kwa")
_ACRONYM = re.compile(r"(?<![\w])([A-ZÇĞİÖŞÜ]{3,5})(?![\w])")
_NOT_ACRONYMS = frozenset(
    ["CEO", "GDP", "VAT", "LNG", "USD", "EUR", "GBP", "TRY", "NBA", "NFL", "BIST", "CPI", "PMI", "ETF", "IPO", "AI", "OK", "TV", "FM", "AM", "PM", "SMS", "DNA", "COVID", "VIP", "LGBT", "HIV", "DAX", "FTSE", "CAC", "IBEX", "MSCI", "KOSPI", "TOPIX", "WTI"]
)
_LATIN_DATELINE = re.compile(
    r"^[ \t]*[A-ZÇĞİÖŞÜ][A-ZÇĞİÖŞÜ .'-]+(?:,[^()\n]{1,40})?\s*\(([^()\n]{1,40})\)\s*[-–—]",
    re.MULTILINE,
)
_AR_DATELINE = re.compile(
    r"^[ \t]*[\u0600-\u06ff][\u0600-\u06ff ]{1,30}(?:/\s*([\u0600-\u06ff ]{2,40}?)\s*$"
    r"|\s*\(([\u0600-\u06ff ]{2,40})\)\s*[-–—])",
    re.MULTILINE,
)
# A dateline that names no agency, only says "agency" (a placeholder in examples).
_PLACEHOLDERS = frozenset(["agency", "ajans", "ajansı", "news", "وكاله", "الوكاله"])
_ALIAS_AFTER = re.compile(r"(?:['’]?[a-zçğıöşü]{1,5})?\s*[«\"“(]\s*([^\s\"»”()][^\"»”()\n]{0,25}?)\s*[»\"”)]")
_TR_SUFFIX = re.compile(r"(?:n[ıiuü]n|[ıiuü]n|n[ae]|[dt][ae]|y[ae]|y[ıiuü]|[ıiuü])$")

_INDEX: dict[str, dict[str, str]] = {}
_ACRONYMS: dict[str, dict[str, str]] = {}
_CLUB_KEYS: set[str] = set()
for _rows, _club in ((ORGS, False), (CLUBS, True)):
    for _en, _ar, _tr, _aliases in _rows:
        _names = {"en": _en, "ar": _ar, "tr": _tr}
        for _alias in (_en, _ar, _tr, *_aliases):
            bare = _alias.replace(".", "")
            if bare.isupper() and not is_arabic(_alias) and len(bare) <= 6 and " " not in bare and "+" not in bare:
                _ACRONYMS.setdefault(bare, _names)
            else:
                _k = fold_key(_alias) + ("+" if _alias.endswith("+") else "")
                _INDEX.setdefault(_k, _names)
                if _club:
                    _CLUB_KEYS.add(_k)
# The one-word Arabic table names as written (marks removed): وام (WAM) is not read off وأم,
# و + أم "mother", since writers drop a hamza but do not add one
_AR_ONE_WORD: dict[str, set[str]] = {}
for _rows in (ORGS, CLUBS):
    for _en, _ar, _tr, _aliases in _rows:
        for _alias in (_ar, *_aliases):
            if is_arabic(_alias) and " " not in _alias.strip():
                _AR_ONE_WORD.setdefault(fold_key(_alias), set()).add(_alias.strip())
_HAMZA_ALEFS = "أإآ"
_HAMZA_BELOW_AND_MADDA = {"إ", "آ"}  # الإبل "the camels" is no آبل (Apple): i is no aa
_HEADS: dict[str, int] = {}
for _key in _INDEX:
    _first = _key.partition(" ")[0]
    _HEADS[_first] = max(_HEADS.get(_first, 0), _key.count(" ") + 1)


def _key_of(word: str) -> str:
    """The fold of a table word; a trailing + (OPEC+) is kept."""
    return fold_word(word)


@word_memo
def _heads_of(word: str) -> tuple[tuple[str, int], ...]:
    """(folded head, letters of proclitic to leave out of the span) for each reading of ``word``."""
    if is_arabic(word):
        out = []
        forms = strip_proclitics(word)
        for form in forms:
            head = fold_word(form)
            if head in _HEADS and not (form != forms[0] and len(form) < 4 and _HEADS[head] == 1) and not _added_hamza(word, head):
                # كابل is not ك + آبل: a short one-word name is not read after a proclitic
                lead = len(forms[0]) - len(form)
                if forms[0].startswith("لل") and lead == 2 and not form.startswith("ال"):
                    lead = 1  # للأمم: the article's ل stays in the span
                elif lead >= 3 and forms[0][lead - 2 : lead] == "ال" and not forms[0].startswith("لل"):
                    lead -= 2  # والتجاري وفا بنك: the article stays in the span, only the و goes
                out.append((head, lead))
        return tuple(out)
    if not word[:1].isupper():
        return ()
    folded = fold_word(word)
    return ((folded, 0),) if folded in _HEADS else ()


@lru_cache(maxsize=65536)
def _body_word(word: str) -> bool:
    """True when ``word`` (proclitics and article aside) is an organisation head: والحكومة,
    والبرلمان, ووزارة."""
    for form in strip_proclitics(word):
        bare = form[2:] if form.startswith("ال") else form
        if form in _AR_DEFINITE_HEADS or bare in _AR_HEADS:
            return True
    return False


def _added_hamza(word: str, head: str) -> bool:
    """True when ``word`` has a hamza on an alef where every table spelling of the one-word
    name ``head`` has a bare alef (وأم "and mother" is no وام), or a hamza below where it has a
    madda (الإبل "the camels" is no آبل): writers drop a hamza, they do not add or turn one."""
    spellings = _AR_ONE_WORD.get(head)
    if not spellings or not any(c in word for c in _HAMZA_ALEFS):
        return False
    for spelt in spellings:
        if len(spelt) <= len(word):
            tail = word[len(word) - len(spelt) :]
            if all(a == b or not ((a in _HAMZA_ALEFS and b == "ا") or {a, b} == _HAMZA_BELOW_AND_MADDA)
                   for a, b in zip(tail, spelt, strict=True)):
                return False
    return True


@lru_cache(maxsize=4096)
def _nationality(word: str) -> bool:
    """True for a definite nationality adjective: التركي, الليبية, الأذربيجاني."""
    n = norm_word(word)
    if n.startswith("ال"):
        n = n[2:]
    for ending in ("يه", "ي"):
        if n.endswith(ending):
            stem = n[: -len(ending)]
            index = load_places()[0]
            return any(fold_word(c) in index for c in (stem, stem + "يا", stem + "ا", stem + "يه"))
    return False


@lru_cache(maxsize=65536)
def _sporty(word: str) -> bool:
    """True for a word that says the story is about sport (مباراة, فريقه, coach, maç)."""
    if is_arabic(word):
        return any(f in SPORTS_CUES or f[2:] in SPORTS_CUES for f in strip_proclitics(word))
    return word.casefold() in SPORTS_CUES


_SPORTY = WordMemo(_sporty)  # the same test, for every word of a story


@word_memo
def _acronym(word: str) -> dict[str, str] | None:
    return None if is_arabic(word) else _ACRONYMS.get(word.replace(".", ""))


@lru_cache(maxsize=65536)
def _may_open(word: str) -> bool:
    """True when ``word`` may open a curated name (an acronym or a head)."""
    return _acronym(word) is not None or bool(_heads_of(word))


_MAY_OPEN = WordMemo(_may_open)  # the same test, for every word of a story


def _curated(text: str, language: str, sport: bool) -> list[Found]:
    spans = word_spans(text)
    words = word_texts(text)
    out: list[Found] = []
    i = 0
    for at in compress(range(len(words)), map(_MAY_OPEN.__getitem__, words)):
        if at < i:
            continue  # inside the name found last
        i = at
        w = words[i]
        acronym = _acronym(w)
        heads = _heads_of(w) if acronym is None else ()
        plus = text[spans[i][2] : spans[i][2] + 1] == "+"
        if acronym is not None:
            names = acronym
            if plus and fold_key(w) + "+" in _INDEX:
                names = _INDEX[fold_key(w) + "+"]
            end = spans[i][2] + (1 if plus else 0)
            out.append(_org(names, language, spans[i][1], end, "gazetteer", w))
            i += 1
            continue
        hit = None
        for head, lead in heads:
            longest = min(_HEADS[head], len(words) - i)
            tail = [fold_word(x) for x in words[i + 1 : i + longest]]
            for length in range(longest, 0, -1):
                if length > 1 and not joined(text, spans[i + length - 2], spans[i + length - 1]):
                    continue
                key_words = [head, *tail[: length - 1]]
                last_end = spans[i + length - 1][2]
                candidates = [(" ".join(key_words), last_end)]
                if language == "tr" and len(key_words) > 1:
                    stem = _TR_SUFFIX.sub("", key_words[-1])
                    if stem != key_words[-1]:
                        cut = len(words[i + length - 1]) - len(key_words[-1]) + len(stem)
                        candidates.append((" ".join([*key_words[:-1], stem]), spans[i + length - 1][1] + cut))
                if plus and length == 1:
                    candidates.insert(0, (head + "+", last_end + 1))
                for key, end in candidates:
                    if key in _INDEX and (sport or key not in _CLUB_KEYS):
                        start = spans[i][1] + prefix_len(w, lead)
                        hit = (_INDEX[key], start, end, length)
                        break
                if hit:
                    break
            if hit:
                break
        if hit:
            names, start, end, length = hit
            k = i + length
            if language == "ar" and k < len(words) and text[end : spans[k][1]].strip() == "":
                nisba = words[k]
                if is_definite(nisba) and _nationality(nisba) and names["en"] in NATIONAL_BRANCHES:
                    end = spans[k][2]  # الهلال الأحمر التركي: a national body of its own
                    out.append(Found("organisation", text[start:end], start, end, "gazetteer", text[start:end]))
                    i = k + 1
                    continue
            if language != "ar" and names["en"] in NATIONAL_BRANCHES and i > 0 and words[i - 1][:1].isupper():
                before = spans[i - 1]
                if joined(text, before, spans[i]) and not _sentence_start(text, before[1]):
                    start = before[1]  # Philippine Red Cross: a national society of its own
                    out.append(Found("organisation", text[start:end], start, end, "gazetteer", text[start:end]))
                    i += length
                    continue
            out.append(_org(names, language, start, end, "gazetteer", text[start:end]))
            i += length
        else:
            i += 1
    return out


def _org(names: dict[str, str], language: str, start: int, end: int, reason: str, evidence: str) -> Found:
    return Found("organisation", names.get(language) or names["en"], start, end, reason, evidence)


def _dateline(text: str, language: str) -> list[Found]:
    head = text[:600]
    if "(" not in head and (language != "ar" or "/" not in head):
        return []  # every dateline holds its agency in brackets, or in Arabic after a slash
    pattern = _AR_DATELINE if language == "ar" else _LATIN_DATELINE
    for m in pattern.finditer(head):
        group = 1 if m[1] is not None else 2
        agency = m[group].strip()
        if fold_key(agency) in _PLACEHOLDERS:
            return []
        start = m.start(group) + (len(m[group]) - len(m[group].lstrip()))
        names = _ACRONYMS.get(agency.replace(".", "")) or _INDEX.get(fold_key(agency))
        if names is None and language == "ar":
            names = _INDEX.get(fold_key("وكالة " + agency))
        name = (names.get(language) or names["en"]) if names else agency
        return [Found("organisation", name, start, start + len(agency), "dateline", m[0].strip())]
    return []


@lru_cache(maxsize=65536)
def _org_cue(word: str) -> tuple[str, bool] | None:
    """The organisation head ``word`` carries (وزارة, شركة, البرلمان ...) and whether it is definite."""
    forms = strip_proclitics(word)
    if norm_word(word).startswith("لل"):  # للبورصة = ل + البورصة: the head is definite
        forms = tuple("ال" + f for f in forms[1:] if not f.startswith("ال"))
        head = next((f for f in forms if f in _AR_DEFINITE_HEADS), None)
        return (head, True) if head is not None else None
    if is_definite(word):  # المجلس محمود …: a definite word is never a head in construct
        head = next((f for f in forms if f in _AR_DEFINITE_HEADS), None)
        return (head, True) if head is not None else None
    head = next((f for f in forms if f in _AR_HEADS or f in _AR_DESCRIPTORS or f in _AR_ROYAL_HEADS), None)
    if head is not None:
        if head in _AR_OFFICES and norm_word(word)[:1] == "ب":
            return None  # برئاسة: "chaired by" or "(wins) the presidency of", no body
        return head, False
    head = next((f for f in forms if f in _AR_DEFINITE_HEADS), None)
    return (head, True) if head is not None else None


_ORG_CUE = WordMemo(_org_cue)  # the same test, for every word of a story


# فريق الدفاع "the defence team" outside sport names no club; the words that open the names of
# many North African clubs before their town (مولودية وجدة, أولمبيك آسفي, وفاق سطيف, نهضة
# الزمامرة) name a club only in a story about sport, where the town is no place mention
_AR_TEAMS = norm_set("فريق فريقه مولودية أولمبيك شبيبة وفاق نهضة")


def _arabic_patterns(text: str, sport: bool = True) -> list[Found]:
    words = story_words(text)
    out: list[Found] = []
    i = 0
    for at in compress(range(len(words)), map(_ORG_CUE.__getitem__, word_strings(text))):  # the heads only
        if at < i:
            continue  # inside the name found last
        i = at
        w, ws, _ = words[i]
        cue = _org_cue(w)
        if cue is None:
            continue
        head, definite_head = cue
        if i and words[i - 1][0].isdigit() and joined(text, words[i - 1], words[i]):
            i += 1  # أفضل 1000 جامعة, 12 مستشفى: a count of bodies names none
            continue
        if head in _AR_TEAMS and not sport:
            i += 1
            continue
        if head == _AR_MUNICIPALITY and not (
            i + 1 < len(words) and joined(text, words[i], words[i + 1]) and _place_word(words[i + 1][0])
        ):
            i += 1  # أمانة names a body only before its city (أمانة بغداد); بكل أمانة is "honestly"
            continue
        if i + 1 < len(words) and joined(text, words[i], words[i + 1]) and (
            norm_word(words[i + 1][0]) in _AR_PREPOSITIONS or (head in _AR_GOVERNMENTS and is_given_name(words[i + 1][0]))
        ):
            i += 1  # فريق من الباحثين "a team of researchers"; حكومة جعفر حسان: a cabinet named by its head
            continue
        if (
            not definite_head
            and head not in _AR_LINKED_HEADS
            and i + 1 < len(words)
            and joined(text, words[i], words[i + 1])
            and norm_word(words[i + 1][0]).startswith("لل")
        ):
            i += 1  # جهاز للعلاج الإشعاعي, برنامج للترجمة: an indefinite head and what it is for name no body
            continue
        if (
            not definite_head
            and i + 1 < len(words)
            and joined(text, words[i], words[i + 1])
            and _indefinite_adjective(words[i + 1][0])
        ):
            i += 1  # جامعة رقمية, جمعية خيرية: an indefinite head and its adjective, a kind of body, no name
            continue
        if head in _AR_ROYAL_HEADS and not (
            i + 1 < len(words)
            and joined(text, words[i], words[i + 1])
            and (
                norm_word(words[i + 1][0]) in _AR_ROYAL
                # مركز أبوظبي للغة العربية: a place and a ل-phrase of what the body does
                or (
                    _place_word(words[i + 1][0])
                    and i + 2 < len(words)
                    and joined(text, words[i + 1], words[i + 2])
                    and norm_word(words[i + 2][0]).startswith("لل")
                )
            )
        ):
            i += 1
            continue
        if (
            norm_word(w)[:1] == "و"
            and i >= 2
            and is_definite(words[i - 1][0])
            and norm_word(words[i - 2][0]) in AR_TITLES
        ):
            i += 1  # وزير الطوارئ وإدارة الكوارث: a minister's portfolio, not a body
            continue
        forms = strip_proclitics(w)
        j = i + 1
        definite = 0
        bare = 0
        conjoined = 0
        construct = False
        linked = False
        royal = 0  # the words of a ruler's title and name inside the name (جامعة الملك عبد الله …)
        while j < len(words) and j - i <= (6 if conjoined else 4) + royal and joined(text, words[j - 1], words[j]):
            nxt = norm_word(words[j][0])
            if nxt in AR_TITLES or any(f in AR_TITLES for f in strip_proclitics(words[j][0])):
                if (
                    j == i + 1
                    and not definite_head  # رئيس الاتحاد الشيخ أحمد: a title after a definite head opens a person
                    and nxt in _AR_ROYAL
                    and j + 1 < len(words)
                    and joined(text, words[j], words[j + 1])
                    and (norm_word(words[j + 1][0]) == "عبد" or is_given_name(words[j + 1][0]) or name_word(words[j + 1][0]))
                ):
                    definite += 1  # جامعة الملك فهد, مركز الملك سلمان: the ruler's title opens the name inside it
                    royal = 3 if norm_word(words[j + 1][0]) == "عبد" else 2
                    j += 1
                    continue
                break
            raw = words[j][0]
            if raw[0].isdigit():
                break  # اتحاد طنجة 2-0: a score or a number is never a word of the name
            conj = nxt[:1] == "و" and is_definite(raw) and not raw.startswith("ال")
            if nxt in _AR_DESCRIPTIVE or nxt in _AR_TIME or nxt.startswith(("بال", "كال", "فال")):
                break  # بالإجراءات: a preposition's phrase, not the name
            if (
                (definite or bare)
                and head not in _AR_LINKLESS
                and nxt in _AR_NAME_LINKS
                and j + 1 < len(words)
                and joined(text, words[j], words[j + 1])
                and is_definite(words[j + 1][0])
            ):
                j += 2  # لكرة القدم, لمساعدة العراق: the name goes on in construct
                definite += 1
                linked = True
                while (
                    j < len(words)
                    and joined(text, words[j - 1], words[j])
                    and _nisba_adjective(norm_word(words[j][0]))
                    and norm_word(words[j][0]) not in _AR_DESCRIPTIVE
                    and norm_word(words[j][0]) not in _AR_TIME
                ):
                    j += 1  # المديرية العامة لشؤون المياه الحكومية: its adjectives close the name
                break
            if (
                (definite or bare)
                and head not in _AR_LINKLESS
                and head not in _AR_DESCRIPTORS
                and nxt[:1] == "ل"
                and not is_definite(raw)
                and j + 1 < len(words)
                and joined(text, words[j], words[j + 1])
                and _place_word(words[j + 1][0])
            ):
                j += 2  # الاتحاد العام لمقاولات المغرب, الهيئة العامة للمنطقة الاقتصادية لقناة السويس
                break
            if (
                head in _AR_COUNTRY_NAMED
                and not conj
                and j >= i + 2
                and all(_place_word(x) for x, _, _ in words[i + 1 : j])
                and (
                    (_place_word(raw) and not raw.startswith("ال") and j == i + 2)  # بنك الإمارات دبي الوطني
                    or (is_definite(raw) and _nisba_adjective(nxt) and not _nationality(raw) and nxt not in _AR_DESCRIPTIVE and nxt not in _AR_TIME)
                )
            ):
                # a bank or an exchange named by a place (or two) and closed by a nisba adjective: بنك
                # قطر الوطني, بنك دبي الإسلامي, بنك الإمارات دبي الوطني
                if _place_word(raw) and not is_definite(raw):
                    if not (j + 1 < len(words) and joined(text, words[j], words[j + 1]) and _nisba_adjective(norm_word(words[j + 1][0]))):
                        break  # two places with no adjective after: the second is no part of the name
                    bare += 1
                    j += 1
                    continue
                definite += 1
                j += 1
                break
            if bare and not conj and nxt in _AR_ORDINALS:
                bare += 1  # جامعة محمد الخامس, بنك أبوظبي الأول: an ordinal closes a ruler's or a bank's name
                j += 1
                break
            if is_definite(raw) and not conj:
                prev = norm_word(words[j - 1][0])
                if definite and nxt.endswith(("ات", "ين")) and _nisba_adjective(prev) and not nxt.startswith("لل"):
                    # دعت منظمة العفو الدولية السلطات, أحالت النيابة العسكرية المتهمين: after an adjective,
                    # a plural noun is the verb's object
                    break
                if (
                    bare
                    and not construct
                    and not (nxt.endswith("يه") and (_nationality(raw) or not is_noun(raw)))
                    and not nxt.startswith("لل")
                    and not (bare == 1 and prev.endswith("ي") and is_noun(words[j - 1][0][:-1]))  # رابطة محترفي التنس
                    and not (bare == 1 and prev.endswith("ات") and len(prev) >= 5)  # صناعات الفضاء
                    and not (conjoined and _nisba_adjective(nxt) and nxt not in _AR_DESCRIPTIVE)  # … والأعمال الإنسانية
                    # مركز أبوظبي للغة العربية: a nisba adjective of the ل-phrase's noun
                    and not (prev.startswith("لل") and _nisba_adjective(nxt) and nxt not in _AR_DESCRIPTIVE and nxt not in _AR_TIME)
                ):
                    break
                definite += 1
            elif conj and definite and (_body_word(raw) or nxt[1:] == "المركز"):
                # البنك الإسلامي للتنمية والحكومة المغربية: a second body follows; والمركز الوطني …
                # too (a centre is no head alone: المركز الأول is a ranking)
                break
            elif conj and definite and _conjoined_place(words, j):
                break  # الاتحاد الأفريقي والولايات المتحدة, والسودان: a country follows, no portfolio
            elif conj and definite and conjoined < 2:
                # وزارة الصناعة والمناجم والطاقة: a portfolio of up to three fields
                conjoined += 1
                definite += 1
            elif bare and head in _AR_DESCRIPTORS and nxt in _AR_COMPANY_TAILS:
                bare += 1  # شركة ساكسو بنك
            elif (
                not bare
                and not definite
                and head in _AR_COMPANY_DESCRIPTORS
                and _place_word(raw)
                and j + 1 < len(words)
                and joined(text, words[j], words[j + 1])
                and _company_word_after_place(words[j + 1][0])
            ):
                # شركة آسيا سيل للاتصالات: a place and an indefinite word after شركة are the company's
                # name (the place is no mention); what follows describes it
                bare += 2
                j += 2
                break
            elif (bare and is_given_name(raw)) or (nxt[:1] == "و" and not is_definite(raw)):
                break  # شركة سوناطراك رشيد حشيشي, بنك واتصالات: a person or a second name follows
            elif not definite and not definite_head and bare < 3 and len(nxt) >= 3 and not is_particle(raw) and (
                name_word(raw)
                # شركة ساكسو بنك: after a descriptor, any word that is no noun or verb as written
                or (head in _AR_DESCRIPTORS and not is_noun(raw) and not is_bare_verb(raw))
                # بورصة كوريا, بنك كوريا, جامعة بغداد: an exchange, a bank or a university named by a place the news
                # corpus knows as a proper noun, though the dictionary also holds it as a noun
                or (head in _AR_COUNTRY_NAMED and not bare and is_proper_noun(raw))
                # محكمة سبها: a court named by a town of the curated table (the town is no mention there)
                or (head == _AR_COURT and not bare and _place_word(raw))
                # مجموعة مطارات دبي: the place a descriptor's noun is in construct with
                or (construct and head in _AR_COMPANY_DESCRIPTORS and _place_word(raw))
                or (construct and head in _AR_UTILITY_HEADS and _country_word(raw))
            ):
                bare += 1
            elif (
                not definite
                and not bare
                and not definite_head
                and j + 1 < len(words)
                and (is_noun(raw) or (nxt.endswith("ي") and is_noun(raw[:-1])))  # رابطة محترفي التنس
                and joined(text, words[j], words[j + 1])
                and (
                    is_definite(words[j + 1][0])
                    # مجموعة موانئ أبوظبي: after a descriptor, a noun in construct with a place
                    or (head in _AR_COMPANY_DESCRIPTORS and _place_word(words[j + 1][0]))
                    # مؤسسة كهرباء لبنان: a public utility named by what it supplies and its country
                    or (head in _AR_UTILITY_HEADS and _country_word(words[j + 1][0]))
                )
            ):
                construct = True  # وزارة إدارة الكوارث: a construct chain through a common noun
                bare += 1
            elif definite and not bare and norm_word(words[j - 1][0]) in _AR_ROYAL and (name_word(raw) or is_given_name(raw)):
                bare += 1  # جامعة الملك عبدالله, جامعة الملك فهد: a title and a name inside the name
            elif (
                definite
                and not bare
                and nxt == "عبد"
                and norm_word(words[j - 1][0]) in _AR_ROYAL
                and j + 1 < len(words)
                and joined(text, words[j], words[j + 1])
            ):
                bare += 2  # جامعة الملك عبد العزيز: عبد and the next word are one given name
                j += 1
            elif (
                royal
                and bare
                and nxt in _AR_PATRONYMIC
                and j + 1 < len(words)
                and joined(text, words[j], words[j + 1])
                and (name_word(words[j + 1][0]) or is_given_name(words[j + 1][0]) or norm_word(words[j + 1][0]) == "عبد")
            ):
                # جامعة الأميرة نورة بنت عبد الرحمن: the patronymic of the ruler's name inside the name
                step = 3 if norm_word(words[j + 1][0]) == "عبد" and j + 2 < len(words) and joined(text, words[j + 1], words[j + 2]) else 2
                bare += step
                royal += step
                j += step - 1
            else:
                break
            j += 1
        if (
            head not in _AR_DESCRIPTORS
            and j - i > 4
            and j < len(words)
            and joined(text, words[j - 1], words[j])
            and _nationality(words[j][0])
        ):
            j += 1  # الهيئة العامة للمنافذ البرية والبحرية السورية: the nationality closes the name
        if head in _AR_PARTY_HEADS and (definite or bare) and j < len(words) and joined(text, words[j - 1], words[j]):
            j += _country_after(text, words, j)  # الحزب الديمقراطي لساحل العاج, الحزب الدستوري لتونس
        if (
            head in _AR_WHOLE_NAME_HEADS
            and j < len(words)
            and joined(text, words[j - 1], words[j])
            and norm_word(words[j][0])[:1] == "ل"
            and not is_definite(words[j][0])
        ):
            i += 1  # المعهد الفلبيني لعلم البراكين: a name cut short is no suggestion
            continue
        if head in _AR_MARKET and norm_word(words[j - 1][0]) not in _AR_MARKET_ENDS:
            i += 1  # سوق العمل: a market that is no exchange
            continue
        if norm_word(words[j - 1][0]) in _AR_ANAPHORIC and j - i >= 2:
            i += 1  # مجلس إدارة الشركة: "the company's board", a body named before
            continue
        if (
            j < len(words)
            and norm_word(words[j - 1][0]).startswith("لل")
            and norm_word(words[j][0]) == "من"
            and joined(text, words[j - 1], words[j])
        ):
            i += 1  # المجلس الوطني للحد من مخاطر الكوارث: a name cut before its من-phrase is no suggestion
            continue
        if head in _AR_LINKED_DEFINITE and not any(norm_word(x).startswith("لل") for x, _, _ in words[i + 1 : j]):
            i += 1  # الديوان الأميري: no ل-phrase, no body
            continue
        if (definite_head and definite == 0) or (head in _AR_LINKED_HEADS and not linked):
            i += 1  # بعثة صندوق النقد الدولي is the fund's mission; بعثة … لمساعدة العراق is a body
            continue
        if definite + bare == 0 or (definite == 1 and not bare and j == i + 2 and norm_word(words[i + 1][0]) in _AR_ANAPHORIC):
            i += 1
            continue
        if norm_word(words[i + 1][0]) in _AR_ANAPHORIC and all(
            _nisba_adjective(norm_word(x)) for x, _, _ in words[i + 2 : j]
        ):
            i += 1  # إدارة النادي البافاري: "the Bavarian club's board", the club named before
            continue
        if head in _AR_COMPANY_DESCRIPTORS and j == i + 2 and is_definite(words[i + 1][0]) and _body_word(words[i + 1][0]):
            i += 1  # رئيس مجموعة البنك: the body named before, not a company called البنك (فريق الاتحاد is a club)
            continue
        if head in _AR_DESCRIPTORS:
            start = words[i + 1][1]
            if j - 2 > i + 1 and norm_word(words[j - 1][0]) in _AR_COMPASS and norm_word(words[j - 2][0]).endswith(("يه", "ي")):
                j -= 2  # شركة دايو الكورية الجنوبية: the company is دايو
            elif (
                j - 1 > i + 1
                and _nationality(words[j - 1][0])
                and not (head in _AR_COMPANY_DESCRIPTORS and words[i + 1][0].startswith("ال"))
            ):
                # شركة بايكار التركية, شركة إيني الإيطالية: the company is بايكار, إيني; a company's name
                # that opens with the article keeps it (شركة الخطوط الملكية المغربية; فريق الهلال السعودي
                # is الهلال)
                j -= 1
            else:
                # شركة كوسكو الصينية للشحن: what follows the nationality describes the company
                cut = next((k for k in range(i + 2, j - 1) if _nationality(words[k][0])), None)
                if cut is not None:
                    j = cut
        else:
            lead = len(forms[0]) - len(head)
            if forms[0].startswith("لل") and head.startswith("ال"):
                lead = 1  # للبورصة: the span keeps the article's ل
            start = ws + prefix_len(w, lead)
        end = words[j - 1][2]
        name = text[start:end]
        if norm_word(w).startswith("لل") and name.startswith("ل") and not name.startswith("لل"):
            name = "ا" + name  # للبورصة المصرية: the span keeps the article's ل, the name is البورصة المصرية
        out.append(Found("organisation", name, start, end, "pattern", w))
        i = j
    return out


@lru_cache(maxsize=65536)
def _conjoined_place(words: Sequence[tuple[str, int, int]], j: int) -> bool:
    """True when word ``j`` (و + a definite word) opens a country's or region's name of one or
    two words (والسودان, والولايات المتحدة)."""
    bare = words[j][0][1:]
    index = load_places()[0]
    keys = [fold_word(bare)]
    if j + 1 < len(words):
        keys.append(fold_key(bare + " " + words[j + 1][0]))
    return any((p := index.get(k)) is not None and p.kind in ("country", "region") for k in keys)


def _place_word(word: str) -> bool:
    """True when ``word`` alone is a country, region, province or city of the place index."""
    place = load_places()[0].get(fold_word(word))
    return place is not None and place.kind in ("country", "region", "province", "city")


# شركة "هاتشيسون بورتس", مجموعة «…», مؤسسة "…": a company named in quotes right after its descriptor,
# and a party or movement so (حزب "التجمع الوطني", حركة «…»: the quoted name is the party's);
# after a dual descriptor (شركتي "العربية للطيران" و"رايان إير") the second quoted name after و too,
# a nisba adjective of the first between them (شركتا "X" الإماراتية و"Y")
_AR_QUOTED_COMPANY = re.compile(
    r"(?<![\w\u064b-\u0652])(?:[وف]?[بل]|[وف]|لـ)?(شركة|مجموعة|مؤسسة|شركتي|شركتا|حزب|حركة|تيار|ائتلاف|تحالف)\s*[\"«“]\s*([\u0621-\u064aA-Za-z][\u0621-\u064aA-Za-z .&-]{1,40}?)\s*[\"»”]"
)
# the descriptors' letters, so a text without any skips the expression
_AR_QUOTED_CUES = ("شرك", "مجموعة", "مؤسسة", "حزب", "حركة", "تيار", "ائتلاف", "تحالف")
_AR_QUOTED_SECOND = re.compile(
    r"\s*(?:[\u0621-\u064a]+ية\s+)?و\s*[\"«“]\s*([\u0621-\u064aA-Za-z][\u0621-\u064aA-Za-z .&-]{1,40}?)\s*[\"»”]"
)
# القابضة "holding" ends a company's name: after شركة (شركة ألفا ظبي القابضة), in quotes ("ألفا ظبي
# القابضة"), after الشركة and a nisba adjective (الشركة العالمية القابضة); "Group Holding" keeps
# مجموعة in the name (مجموعة طلعت مصطفى القابضة)
_AR_HOLDING = re.compile(
    r"(?<![\w\u064b-\u0652])(?:(?:[وف]?[بل]|[وف]|لـ)?شركة\s+([\u0621-\u064a]+(?: [\u0621-\u064a]+)? القابضة)"
    r"|[\"«“]\s*([\u0621-\u064a]+(?: [\u0621-\u064a]+){0,2} القابضة)\s*[\"»”]"
    r"|(?:[وف]?[بل]|[وف])?(الشركة ال[\u0621-\u064a]+ية القابضة)"
    r"|(?:[وف]?[بل]|[وف]|لـ)?(مجموعة [\u0621-\u064a]+(?: [\u0621-\u064a]+)? القابضة))(?![\w\u064b-\u0652])"
)
# سهم أجيليتي, سهم صناعات قطر: the company after a share word
_AR_SHARE = re.compile(r"(?<![\w\u064b-\u0652])(?:[وف]?[بل]|[وف])?سهم ")


def _quoted_companies(text: str) -> list[Found]:
    out: list[Found] = []
    for m in _AR_QUOTED_COMPANY.finditer(text) if any(cue in text for cue in _AR_QUOTED_CUES) else ():
        name = m[2]
        if len(name.split()) <= 6:
            out.append(Found("organisation", name, m.start(2), m.end(2), "pattern", m[0].split()[0]))
        if m[1] in ("شركتي", "شركتا"):
            second = _AR_QUOTED_SECOND.match(text, m.end())
            if second is not None and len(second[1].split()) <= 6:
                out.append(Found("organisation", second[1], second.start(1), second.end(1), "pattern", m[1]))
    return out


def _holdings(text: str) -> list[Found]:
    out: list[Found] = []
    for m in _AR_HOLDING.finditer(text) if "القابضة" in text else ():
        g = next(k for k in (1, 2, 3, 4) if m[k] is not None)
        out.append(Found("organisation", m[g], m.start(g), m.end(g), "pattern", "القابضة"))
    return out


def _shares(text: str) -> list[Found]:
    """The company named after a share word (سهم أجيليتي للمخازن العمومية, سهم صناعات قطر): a word no
    dictionary holds, no definite word and no body's head (سهم بنك … is read from its head), then a
    place in construct, or a ل + definite phrase and its nisba adjectives."""
    out: list[Found] = []
    if "سهم" not in text:
        return out
    words = story_words(text)
    starts = {s: k for k, (_, s, _) in enumerate(words)}
    for m in _AR_SHARE.finditer(text):
        k = starts.get(m.end())
        if k is None:
            continue
        w = words[k][0]
        if not is_arabic(w) or is_definite(w) or _org_cue(w) is not None or not name_word(w) or is_given_name(w):
            continue
        j = k + 1
        if j < len(words) and joined(text, words[j - 1], words[j]) and _place_word(words[j][0]):
            j += 1  # صناعات قطر
        elif j < len(words) and joined(text, words[j - 1], words[j]) and norm_word(words[j][0]).startswith("لل"):
            j += 1  # أجيليتي للمخازن العمومية
            while j < len(words) and joined(text, words[j - 1], words[j]) and _nisba_adjective(norm_word(words[j][0])):
                j += 1
        start, end = words[k][1], words[j - 1][2]
        out.append(Found("organisation", text[start:end], start, end, "pattern", "سهم"))
    return out


@lru_cache(maxsize=16384)
def _indefinite_adjective(word: str) -> bool:
    """An indefinite nisba adjective of a dictionary noun (رقمية from رقم, خيرية from خير), no place,
    nationality or name: after an indefinite head it says what kind of body, and names none."""
    n = norm_word(word)
    if is_definite(word) or n[:1] in "وبلف" or len(n) < 5 or _place_word(word):
        return False
    stem = n[:-2] if n.endswith("يه") else ""  # the feminine form only: موانئ, a plural, ends in ي too
    return len(stem) >= 2 and is_noun(stem) and not name_word(word) and not is_given_name(word)


def _nisba_adjective(n: str) -> bool:
    """A definite adjective of the nisba form (الدولية, القومي), normalized."""
    return n.startswith("ال") and n.endswith(("ي", "يه")) and len(n) >= 6


def _country_after(text: str, words: Sequence[tuple[str, int, int]], j: int) -> int:
    """How many words from ``j`` are ل + a country or region (لساحل العاج, لتونس); 0 when none."""
    raw = words[j][0]
    if norm_word(raw)[:1] != "ل" or is_definite(raw):
        return 0
    first = raw[1:]
    index = load_places()[0]
    for length in (2, 1):
        if j + length > len(words) or (length == 2 and not joined(text, words[j], words[j + 1])):
            continue
        key = " ".join([fold_word(first), *(fold_word(w) for w, _, _ in words[j + 1 : j + length])])
        place = index.get(key)
        if place is not None and place.kind in ("country", "region"):
            return length
    return 0


# A sport's governing body is named by the sport and its country (Cricket Australia, Athletics
# Kenya) or by "World" and the sport (World Athletics, World Rugby): a body, never a person.
_SPORTS = (
    "Athletics|Aquatics|Archery|Badminton|Basketball|Boxing|Cricket|Cycling|Football|Golf|Gymnastics|"
    "Hockey|Judo|Netball|Rowing|Rugby|Sailing|Skateboarding|Surfing|Swimming|Taekwondo|Tennis|"
    "Triathlon|Volleyball|Wrestling"
)
_SPORT_BODY = re.compile(rf"\b(?:World (?:{_SPORTS})|(?:{_SPORTS}) ({_CAP}(?: {_CAP})?))(?!\w| [A-ZÇĞİÖŞÜ])")


# Turkish sport copy names a foreign club before takım "team" (Almanya'nın Stuttgart takımını).
# A club's name in English sport copy: one or two capitalised words and a word that ends the
# names of many clubs (the words a Latin name finder must not read as a person's).
_EN_CLUB = re.compile(
    rf"(?=[A-Z])\b((?:{_CAP} ){{1,2}}(United|City|Villa|Athletic|Rovers|Wanderers|Albion|Hotspur|Rangers|Celtic))(?![\w'’-]| [A-Z])"
)
_EN_SIDE = re.compile(r"(?<=[A-Za-z] )(?:side|club|outfit) ([A-Z][\w-]+(?: [A-Z][\w-]+){0,2})(?![\w'’-])")
_TR_TEAM = re.compile(rf"(?=[A-ZÇĞİÖŞÜ])\b({_CAP}(?: {_CAP})?) takım(?:ı|ını|ına|ında|ından|ıyla)\b")
# A Turkish club's name ends in "spor" (Rizespor, Sivasspor), in Turkish and in English copy.
_SPOR_CLUB = re.compile(r"(?<![\w'’-])([A-ZÇĞİÖŞÜ][a-zçğıöşü]{2,}spor)(?![\w-])")
_SPOR_CLUB_BACK = re.compile(r"(?<![\w'’-])[A-ZÇĞİÖŞÜ][a-zçğıöşü]{2,}spor\Z")


_TR_MUNICIPAL_CLUBS = frozenset(["Belediyespor", "Gençlikspor"])
_TR_TOWN_BEFORE = re.compile(r"(?<![\w'’-])[A-ZÇĞİÖŞÜ][a-zçğıöşü]+(?: Büyükşehir)? \Z")


def _spor_clubs(text: str) -> Iterable[tuple[int, int]]:
    """The spans _SPOR_CLUB matches, found from each "spor" that ends a word and read back from it:
    English copy holds "sports" and "transport" often, and a word-end test costs less than a scan."""
    i = text.find("spor")
    while i >= 0:
        end = i + 4
        if end == len(text) or not (text[end].isalnum() or text[end] in "_-"):
            m = _SPOR_CLUB_BACK.search(text, max(0, i - 40), end)
            if m is not None:
                yield m.start(), end
        i = text.find("spor", end)
# A company in market copy: the capitalised name right before its share price move (SoftBank Group
# rose 3.4 percent, with Honda down 1.1 percent) or after "Shares in/of". Not after "the" or "'s"
# (the Nikkei rose, Japan's Topix fell: an index).
# The move is found first and the name read back from it: a scan for the verb and the figure
# costs less than trying a capitalised name at every capital letter.
_EN_MOVER = re.compile(
    r" (?:rose|fell|gained|jumped|climbed|dropped|slipped|lost|added|surged|tumbled|slid|sank|soared|"
    r"advanced|declined|rising|falling|gaining|losing|up|down) (?:by )?\d+(?:\.\d+)? (?:percent|per cent|%)"
)
_EN_MOVER_NAME = re.compile(r"(?<![\w'’.&-])([A-Z][\w&-]*(?: [A-Z][\w&-]*){0,2})\Z")
_EN_SHARES = re.compile(r"(?=[Ss]hares )\b[Ss]hares (?:in|of) ([A-Z][\w&-]*(?: [A-Z][\w&-]*){0,2})(?![\w'’&-])")
# Turkish market copy: the companies listed right before hisse "share" (Akbank ve Yapı Kredi
# hisseleri, Aselsan hissesi); each item one to three capitalised words, joined by a comma or ve
_TR_CO = r"[A-ZÇĞİÖŞÜ][\w&-]*(?: [A-ZÇĞİÖŞÜ][\w&-]*){0,2}"
_TR_SHARES = re.compile(
    rf"(?<![\w'’.&-])({_TR_CO}(?:(?:, | ve ){_TR_CO})*) hisse(?:si|leri|sinde|lerinde|sine|lerine)?(?![\w])"
)
_TR_SHARE_ITEM = re.compile(_TR_CO)


# An acronym in brackets after the words it abbreviates: "Türk İşbirliği ve Koordinasyon
# Ajansı (TİKA)", "Organization of the Petroleum Exporting Countries (OPEC)".
_BRACKETED_ACRONYM = re.compile(r"\s*\(([A-ZÇĞİÖŞÜ]{2,6})\)")
_ACRONYM_JOINERS = frozenset(["ve", "and", "of", "the", "for", "on", "in", "de", "du", "des", "la", "et"])


def _spelt_out(text: str) -> list[Found]:
    """Names whose capitalised words' initials spell the bracketed acronym after them."""
    out: list[Found] = []
    for m in _matches(_BRACKETED_ACRONYM, text):
        acronym = m[1]
        line_start = text.rfind("\n", 0, m.start()) + 1
        words = list(re.finditer(r"[^\s()]+", text[line_start : m.start()]))
        initials = ""
        k = len(words)
        while k > 0 and len(initials) < len(acronym):
            w = words[k - 1][0]
            if w in _ACRONYM_JOINERS and initials:
                k -= 1
                continue
            if not (w[:1].isupper() and w.isalpha()):
                break
            initials = w[0] + initials
            k -= 1
        if initials == acronym and len(words) - k >= 2 and words[k][0] not in _ACRONYM_JOINERS:
            start, end = line_start + words[k].start(), line_start + words[-1].end()
            out.append(Found("organisation", text[start:end], start, end, "pattern", f"({acronym})"))
    return out


# Two or three capitalised words right before a member's role and a capitalised name
# ("Plaid Cymru leader Rhun Jones", "Porto Alegre coach …"): the body the person belongs to.
# A spokesman speaks for a person as often as for a body ("Joe Biden spokesman …"), so that
# role names no body here.
_EN_OWNER = re.compile(
    r"(?<![\w'’-])((?:[A-Z][a-z]+|[A-Z]{2,4}) (?:[A-Z][a-z]+ )?[A-Z][a-z]+) "
    r"(?:leader|coach|chairman|chairwoman|chief|president|head) "
    r"(?=[A-Z][a-z]+ [A-Z])"
)


# Every match of these patterns holds one of its words: a text holding none of them is not
# scanned with the pattern (``in`` scans the text in C; a pattern's own scan tries it at every
# capital letter). tests/unit/text/test_fast_paths.py checks that no text without the words matches.
_NEEDED: dict[re.Pattern[str], tuple[str, ...]] = {
    _BRACKETED_ACRONYM: ("(",),
    _EN_OWNER: ("leader", "coach", "chairman", "chairwoman", "chief", "president", "head"),
    _TR_TEAM: (" takım",),
    _EN_MOVER: ("percent", "per cent", "%"),
    _EN_SHARES: ("hares ",),
    _TR_SHARES: (" hisse",),
    _SPORT_BODY: tuple(_SPORTS.split("|")),
    _LATIN_PARTY: ("party",),
    # a body's head word (Bank, Partisi, Holding, Ltd), or Office of / for
    _LATIN_ORG: (
        # the heads as written, less what is optional (Holdings? → Holding) and escapes
        *re.sub(r"\(\?=[^)]*\)|.\?|\\", "", _LATIN_ORG_HEADS).split("|"),
        "Office",
    ),
}


def _trie(words: set[str]) -> str:
    """A pattern that finds one of ``words`` (literals) where the plain alternation does: the
    words grouped by their next character, so the search tries one branch per distinct first
    character at a candidate position instead of every word (a word that another one starts
    with is found by the shorter one)."""
    if "" in words:
        return ""
    following: dict[str, set[str]] = {}
    for word in sorted(words):
        following.setdefault(word[0], set()).add(word[1:])
    branches = [re.escape(first) + _trie(rest) for first, rest in following.items()]
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def _holds_any(words: tuple[str, ...]) -> Callable[[str], bool]:
    """A test of whether a text holds one of ``words``: for a few words, ``in`` for each (a scan
    in C per word); for many, one search of their :func:`_trie` pattern."""
    if len(words) <= 8:
        return lambda text: any(map(text.__contains__, words))
    search = re.compile(_trie(set(words))).search
    return lambda text: search(text) is not None


_HOLDS_NEEDED = {p: _holds_any(words) for p, words in _NEEDED.items()}


def _matches(pattern: re.Pattern[str], text: str) -> Iterable[re.Match[str]]:
    """``pattern.finditer(text)``, without a scan when ``text`` lacks every word a match needs."""
    if _HOLDS_NEEDED[pattern](text):
        return pattern.finditer(text)
    return ()


@lru_cache(maxsize=4096)
def _latin_demonym(word: str) -> bool:
    """True for a country's or region's adjective: Tanzanian, Malawian, Kenyan, Senegalese, Pakistani."""
    stems = []
    if word.endswith("an"):
        stems += [word[:-1], word[:-2]]  # Tanzanian → Tanzania, Malawian → Malawi
    if word.endswith("ese"):
        stems.append(word[:-3])  # Senegalese → Senegal
    if word.endswith("i"):
        stems.append(word[:-1])  # Pakistani → Pakistan
    index = load_places()[0]
    return any(
        len(stem) >= 4 and (place := index.get(fold_key(stem))) is not None and place.kind in ("country", "region")
        for stem in stems
    )


def _owners(text: str, places: list[tuple[int, int]]) -> list[Found]:
    out: list[Found] = []
    for m in _matches(_EN_OWNER, text):
        name = m[1]
        parts = name.split()
        if any(p in LATIN_NOT_NAMES or p in LATIN_TITLES for p in parts) or _latin_demonym(parts[-1]):
            continue  # "Former Tanzanian president …": a nationality before the role, no body
        lead = _LEADING.match(name)
        if lead and " " not in name[lead.end() :]:
            continue  # "Former Kenyan …" above; "The Forum …": one word left is too little
        start = m.start(1) + (lead.end() if lead else 0)  # "Former Plaid Cymru leader …"
        if any(a < m.end(1) and m.start(1) < b for a, b in places):
            continue  # "Ireland coach …", "New York chief …": a place, not a body
        out.append(Found("organisation", text[start : m.end(1)], start, m.end(1), "pattern", m[0].split()[-1]))
    return out


_WORD_TAIL = re.compile(r"[\w'’]*")


def _acronym_spans(phrase: str, text: str, end: int, before: int) -> bool:
    """True when the bracketed acronym after ``phrase`` spells its words across a ve / and, so the
    phrase is one body: Türk İşbirliği ve Koordinasyon Ajansı Başkanlığı(nın) (TİKA)."""
    tail = _WORD_TAIL.match(text, end)  # the pattern matches the empty string, so never None
    m = _BRACKETED_ACRONYM.match(text, tail.end() if tail else end)
    if m is None:
        return False
    initials = "".join(w[0] for w in phrase.split() if w not in _ACRONYM_JOINERS)
    return len(m[1]) > before and initials.startswith(m[1])


_UN_BODY = re.compile(r"(?<![\w.])UN ((?:[A-Z][a-z]+)(?: [A-Z][a-z]+){0,2})(?![\w'’-])")
_UN_TITLE_WORDS = frozenset(["Secretary-General", "Special", "Rapporteur", "High", "Commissioner", "Deputy", "Under-Secretary-General"])


def _after_title(text: str, start: int) -> bool:
    """True when a title stands before ``start``, at most two capitalised words (a name's given
    names) between them: Belediye Başkanı Uğur [İbrahim Altay …]."""
    words = text[max(0, start - 80) : start].split()
    for k, w in enumerate(reversed(words[-3:])):
        if w in LATIN_TITLES:
            return True
        if k == 2 or not w[:1].isupper():
            return False
    return False


def _latin_patterns(text: str, places: list[tuple[int, int]], sport: bool = False) -> list[Found]:
    place_spans = set(places)
    # Kuzey Kıbrıs Türk Cumhuriyeti (KKTC): a place the gazetteer holds, spelt out, is no body
    out: list[Found] = [f for f in _spelt_out(text) if (f.start, f.end) not in place_spans]
    if sport:
        # Aston Villa, Newcastle United, Bolton Wanderers: a club, whatever else the words are
        for m in _EN_CLUB.finditer(text):
            if m[1].split()[0] not in LATIN_NOT_NAMES and fold_key(m[1]) not in load_places()[0]:
                out.append(Found("organisation", m[1], m.start(1), m.end(1), "pattern", m[2]))
        # "Spanish side Celta Vigo", "Championship club Leeds": the kind of body before its name
        for m in _EN_SIDE.finditer(text):
            if m[1].split()[0] not in LATIN_NOT_NAMES:
                out.append(Found("organisation", m[1], m.start(1), m.end(1), "pattern", m[0].split()[0]))
    out += _owners(text, places)
    for a, b in _spor_clubs(text):
        if text[a:b] in _TR_MUNICIPAL_CLUBS:
            # Beykoz Belediyespor, İstanbul Büyükşehir Belediyespor: a municipality's club is named
            # by its town, one or two capitalised words before it
            town = _TR_TOWN_BEFORE.search(text, max(0, a - 40), a)
            if town is None:
                continue
            a = town.start()
        if text[a:b] not in LATIN_NOT_NAMES:
            out.append(Found("organisation", text[a:b], a, b, "pattern", "spor"))
    movers: list[tuple[int, str, str]] = []
    for m in _matches(_EN_MOVER, text):
        head = text[max(0, m.start() - 60) : m.start()]
        n = _EN_MOVER_NAME.search(head)
        if n is not None:
            start = m.start() - len(head) + n.start(1)
            if not (start and (text[start - 1].isalnum() or text[:start].endswith(("the ", "The ", "'s ", "’s ")))):
                movers.append((start, n[1], text[start : m.end()]))  # not the Nikkei, Japan's Topix: an index
    movers += [(m.start(1), m[1], m[0]) for m in _matches(_EN_SHARES, text)]
    for m in _matches(_TR_SHARES, text):
        for item in _TR_SHARE_ITEM.finditer(text, m.start(1), m.end(1)):
            if item.start() == m.start(1) and _sentence_start(text, item.start()) and " " not in item[0]:
                continue  # Enerji hisseleri: a common word opening the sentence
            movers.append((item.start(), item[0], m[0]))
    for start, name, evidence in sorted(movers):
        end = start + len(name)
        if name.split()[0] in LATIN_NOT_NAMES or (start, end) in place_spans:
            continue
        if " " not in name and _sentence_start(text, start) and name.lower() in text:
            continue  # Exports rose 4 percent: a common word opening the sentence
        out.append(Found("organisation", name, start, end, "pattern", evidence))
    for m in _matches(_TR_TEAM, text):
        if m[1].split()[0] not in LATIN_NOT_NAMES:  # Milli takımı: the national team, no club's name
            out.append(Found("organisation", m[1], m.start(1), m.end(1), "pattern", m[0]))
    for m in _matches(_SPORT_BODY, text):
        if m[1] is None or fold_key(m[1]) in load_places()[0]:  # the country must be a place
            out.append(Found("organisation", m[0], m.start(), m.end(), "pattern", m[0]))
    for m in _matches(_LATIN_ORG, text):
        lead = _LEADING.match(m.group())
        start = m.start() + (lead.end() if lead else 0)
        phrase = text[start : m.end()]
        if _COMPETITION.search(phrase):
            continue  # a competition, not an organisation
        first = phrase.split(" ", 1)[0]
        if " " in phrase and _sentence_start(text, start) and (
            _TR_CASE.search(first)
            or (_TR_DATIVE.search(first) and phrase.split(" ", 2)[1].isupper())
            or _TR_PLURAL_DATIVE.search(first)  # Çalışmalara Alman Arkeoloji Enstitüsü de katıldı
            # Toplantıya Türkiye Bilişim Derneği, Karşılaşmayı …; not Türkiye, Suriye, a place itself
            or (_TR_Y_CASE.search(first) and fold_key(first) not in load_places()[0])
            or first in TR_CASE_OPENERS  # Tatbikatı Aydın Valiliği'nden izleyen …
        ):
            # Görüşmelerde …, Yasaya CHP …: an inflected word opening the sentence
            start += len(first) + 1
            phrase = text[start : m.end()]
        if phrase.endswith(_PORTFOLIO_HEADS) and text.startswith((" Minister", " Secretary", " Ministry"), m.end()):
            continue  # Mineral Resources Minister …: a minister's portfolio, no company
        if phrase.endswith("Yatırım") and text.startswith((",", " ve ", " Bakan"), m.end()):
            continue  # Malezya Yatırım, Ticaret ve Sanayi Bakanı: a minister's portfolio, no brokerage
        board = next((b for b in _TR_GENERIC_BOARDS if phrase == b or phrase.endswith(" " + b)), None)
        if board is not None:
            owner = phrase[: -len(board)].rstrip()
            if not (owner and " " in owner and _LATIN_ORG.fullmatch(owner)):
                continue  # TBMM Genel Kurulu: a parliament's plenary sitting, not a body of its own
            # Polatlı Ticaret Borsası Yönetim Kurulu: the board's owner is the body
            phrase = owner
            out.append(Found("organisation", phrase, start, start + len(phrase), "pattern", m.group()))
            continue
        titled = [
            k for k, p in enumerate(phrase.split(" ")[:-1])
            # Analyst X Y of Z Group: a role opening the sentence is a title too
            if p in LATIN_TITLES or (k == 0 and p.lower() in LATIN_ROLES and _sentence_start(text, start))
        ]
        if not titled and text[:start].rstrip().rsplit(" ", 1)[-1].lower() in LATIN_ROLES:
            titled = [-1]  # analyst X Y of Z Group: the run opens right after a role
        if titled and (" of " in phrase or " and " in phrase):
            # "London and Professor Mark Thomas of University …": a title inside the run opens a person's
            # name; the body starts after the "of" that follows it, or is not read at all
            rest = phrase.split(" ")[titled[-1] + 1 :]
            if "of" not in rest or len(rest) - rest.index("of") - 1 < 2:
                continue
            cut = len(" ".join(phrase.split(" ")[: titled[-1] + 1 + rest.index("of") + 1])) + 1
            start += cut
            phrase = text[start : m.end()]
        if phrase.endswith(("Komisyonu", "Komisyonun", "Komisyonuna", "Komisyonunda")) and _HEAD_WORD.fullmatch(
            text[:start].rstrip().rsplit(" ", 1)[-1]
        ):
            continue  # … Meclisi Plan ve Bütçe Komisyonu: a committee of the body named before it
        conj = re.search(r" (?:ve|and) ", phrase)
        before = phrase[: conj.start()] if conj else ""
        # adjectives joined by ve qualify one head (Türkiye Bilimsel ve Teknolojik Araştırma Kurumu)
        split = conj is not None and " " in before and not (
            _TR_ADJECTIVE.search(before.rsplit(" ", 1)[-1]) and _TR_ADJECTIVE.search(phrase[conj.end() :].split(" ", 1)[0])
        )
        if conj and (before.isupper() or split or fold_key(before) in _INDEX) and _LATIN_ORG.fullmatch(
            phrase[conj.end() :]
        ) and not _acronym_spans(phrase, text, m.end(), len(before.split())):
            # "MHP ve DEM Parti", "Ford Otosan ve Koç Holding": two organisations; but after a title
            # (Belediye Başkanı Uğur Altay ve … Vakfı) the words before ve are a person's name
            if not _after_title(text, start) or before.isupper():
                out.append(Found("organisation", before, start, start + len(before), "pattern", phrase))
            start += conj.end()
            phrase = text[start : m.end()]
        out.append(Found("organisation", phrase, start, m.end(), "pattern", m.group()))
    for m in _workplaces_and_kinds(text):
        start, end = m.start(1), m.end(1)
        name = text[start:end].rstrip(".&- ")
        end = start + len(name)
        if not name or any(a <= start and end <= b for a, b in places) or name.split()[0] in ("The", "A", "An"):
            continue  # "analysts at Istanbul", "a firm The": a place or a sentence going on
        out.append(Found("organisation", name, start, end, "pattern", m[0].split()[0]))
    if "UN " in text:
        for m in _UN_BODY.finditer(text):
            # UN Climate Change, UN Women, UN Human Rights Council: a United Nations body named after
            # the acronym; a title ends the run (UN Secretary-General António Guterres names none)
            parts = m[1].split()
            k = next((n for n, p in enumerate(parts) if p in LATIN_TITLES or p in _UN_TITLE_WORDS), len(parts))
            if k:
                end = m.start(1) + len(" ".join(parts[:k]))
                out.append(Found("organisation", text[m.start() : end], m.start(), end, "pattern", "UN"))
    for m in _matches(_LATIN_PARTY, text):  # "the opposition Law and Justice party"
        lead = _LEADING.match(m[1])
        start = m.start(1) + (lead.end() if lead else 0)
        if start < m.end(1) and not _sentence_start(text, start):
            out.append(Found("organisation", text[start : m.end(1)], start, m.end(1), "pattern", m[0]))
    dateline_end = 0
    head = text[:600]
    dateline = _LATIN_DATELINE.search(head) if "(" in head else None  # the agency in brackets
    if dateline:
        dateline_end = dateline.end()
    for m in _CAMEL.finditer(text):
        # AJet, BlackRock, SunExpress: a capital inside a word names a brand, not a person or a town
        # (McCain, LeBron, DeSantis, MacArthur: a surname's particle joined to it)
        before, after = text[m.start() - 1 : m.start()], text[m.end() : m.end() + 1]
        if (before and (before.isalnum() or before in "_'’.-")) or (after and (after.isalnum() or after in "_-")):
            continue  # part of a longer word
        if not m[0].startswith(_CAMEL_SURNAMES) and not any(a <= m.start() < b for a, b in places):
            out.append(Found("organisation", m[0], m.start(), m.end(), "pattern", m[0]))
    for m in _ACRONYM.finditer(text):
        word = m[1]
        if word in _NOT_ACRONYMS or (m.start() < dateline_end and text[m.start() - 1 : m.start()] != "("):
            continue
        if any(a <= m.start() < b for a, b in places):
            continue
        if _line_is_caps(text, m.start()):
            continue
        out.append(Found("organisation", word, m.start(1), m.end(1), "pattern", word))
    return out


@lru_cache(maxsize=16384)
def _company_word_after_place(word: str) -> bool:
    """A word that may follow a place in a company's name after شركة (آسيا سيل): indefinite, no
    proclitic, no verb as written that is no noun, no accusative noun, time word, given name,
    place or title."""
    n = norm_word(word)
    return (
        is_arabic(word)
        and len(n) >= 3
        and not is_definite(word)
        and n[:1] not in "وبلف"
        and not (is_bare_verb(word) and not is_noun(word))  # يعلن; but سيل, a noun too
        and not (n.endswith("ا") and is_noun(n[:-1]))  # اتفاقا: an accusative noun, the verb's object
        and not is_particle(word)
        and not is_given_name(word)
        and not _place_word(word)
        and n not in _AR_TIME
        and n not in AR_TITLES
        and n not in STOPWORDS["ar"]
    )


def _sentence_start(text: str, pos: int) -> bool:
    before = text[:pos].rstrip()
    return not before or before[-1] in ".!?\n-–—"


def _line_is_caps(text: str, pos: int) -> bool:
    """True inside a line written all in capitals (a headline or a dateline city)."""
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    letters = [c for c in line if c.isalpha()]
    return len(letters) > 12 and sum(c.isupper() for c in letters) > 0.8 * len(letters)


def _aliases_and_repeats(text: str, found: list[Found], language: str) -> list[Found]:
    out = list(found)
    aliases: dict[str, str] = {}
    kinds: set[str] = set()
    for f in found:
        # a name written in quotes ends at its closing quote: the next quote opens no alias of it
        # (شركتي "العربية للطيران" و"رايان إير": و is no alias)
        m = None if text[f.start - 1 : f.start] in ('"', "«", "“") else _ALIAS_AFTER.match(text, f.end)
        if m and len(m[1].split()) <= 3 and m[1] != f.name and language == "ar" and _kind_phrase(f.name):
            # بنك الاستثمار "إتش سي": a head and a common noun say what the body is, the quoted name names it
            out.remove(f)
            out.append(Found("organisation", m[1], m.start(1), m.end(1), f.reason, f.name))
            kinds.add(f.name)
            continue
        if m and len(m[1].split()) <= 3 and m[1] != f.name:
            aliases[m[1]] = f.name
            out.append(Found("organisation", f.name, m.start(1), m.end(1), f.reason, f"({m[1]})"))
    # SGK alone after "Sosyal Güvenlik Kurumu (SGK)": the acronym's own match names the body
    out = [
        Found(f.kind, aliases[f.name], f.start, f.end, f.reason, f.evidence)
        if f.name in aliases and text[f.start : f.end] == f.name
        else f
        for f in out
    ]
    surfaces = {text[f.start : f.end]: f.name for f in found if f.name not in kinds}
    surfaces.update(aliases)
    for surface, name in surfaces.items():
        if len(surface) < 2:
            continue
        for start in _occurrences(text, surface):
            out.append(Found("organisation", name, start, start + len(surface), "short form", surface))
    return out


@lru_cache(maxsize=4096)
def _kind_phrase(name: str) -> bool:
    """A head and one definite common noun (بنك الاستثمار, وكالة التصنيف): what a body is, no name."""
    parts = name.split()
    if len(parts) != 2 or not parts[1].startswith("ال") or _org_cue(parts[0]) is None:
        return False
    noun = parts[1]
    return is_noun(noun[2:]) and not _nisba_adjective(norm_word(noun)) and not is_proper_noun(noun)


_AR_LEADS = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "لـ")


def _occurrences(text: str, surface: str) -> list[int]:
    """Starts of ``surface`` as a whole word (Arabic: after at most a proclitic) in ``text``."""
    out = []
    arabic = is_arabic(surface)
    pos = text.find(surface)
    while pos >= 0:
        end = pos + len(surface)
        after_ok = end >= len(text) or not (text[end].isalnum() or text[end] == "_")
        if after_ok:
            k = pos
            while k > 0 and (text[k - 1].isalnum() or text[k - 1] == "\u0640" or "\u064b" <= text[k - 1] <= "\u065f"):
                k -= 1
            lead = text[k:pos]
            if lead == "" or (arabic and lead in _AR_LEADS):
                out.append(pos)
        pos = text.find(surface, pos + 1)
    return out


def _resolve(found: list[Found]) -> list[Found]:
    """Drop overlapping mentions: the longer span wins, then the stronger reason."""
    rank = {"dateline": 0, "gazetteer": 1, "pattern": 2, "short form": 3}
    kept: list[Found] = []

    def order(f: Found) -> tuple[int, int, int, int]:
        # at equal length an alias of a longer name wins ((TCMB) after the full name)
        return (-(f.end - f.start), rank.get(f.reason, 9), -len(f.name), f.start)

    for f in sorted(found, key=order):
        if not any(k.start < f.end and f.start < k.end for k in kept):
            kept.append(f)
    # a shorter mention of a longer name's text keeps the longer name (AA → Anadolu Agency)
    return sorted(kept, key=lambda f: f.start)


# غرفة تجارة وصناعة دبي, غرفة التجارة والصناعة في … : a chamber named by its trades and its place
_AR_CHAMBER = re.compile(r"(?<![\w])(?:[وف]?[بل]|[وف])?(غرف[ةه] (?:ال)?تجار[ةه](?: و(?:ال)?صناع[ةه])?) ")


def _chambers(text: str, places: list[tuple[int, int]]) -> list[Found]:
    """Chambers of commerce named by a place right after their trades."""
    if "غرف" not in text:
        return []  # every chamber's name holds the word (a scan of the text in C, not the pattern)
    starts = {s: e for s, e in places}
    out: list[Found] = []
    for m in _AR_CHAMBER.finditer(text):
        end = starts.get(m.end())
        if end is not None:
            out.append(Found("organisation", text[m.start(1) : end], m.start(1), end, "pattern", m[1]))
    return out


_AR_NISBA_AFTER = re.compile(r" (ال[\u0621-\u064a]{3,}ي)(?![\u0621-\u064a])")


def _clubs_by_town(text: str, places: list[tuple[int, int]]) -> list[Found]:
    """In sport copy, a place followed by a masculine nationality adjective (نابولي الإيطالي,
    لاتسيو الإيطالي) is a club: a town or a country takes the feminine (نابولي الإيطالية)."""
    out: list[Found] = []
    for s, e in places:
        m = _AR_NISBA_AFTER.match(text, e)
        if m and _nationality(m[1]) and not _country_word(text[s:e]):
            out.append(Found("organisation", text[s:e], s, e, "pattern", m[1]))
    return out


def _country_word(name: str) -> bool:
    """True for one word naming a country (مدرب طاجيكستان الكرواتي: the adjective is the coach's,
    and a country in sport copy is its national side, a place)."""
    if " " in name:
        return False
    place = place_of_word(name)
    return place is not None and place.kind == "country"


def find_organisation_mentions(
    text: str, language: str, places: list[tuple[int, int]] = ()  # type: ignore[assignment]
) -> list[Found]:
    """Every organisation mention in ``text``, with its span, name and reason."""
    cues = list(filter(_SPORTY.__getitem__, word_texts(text)))
    sport = bool(cues)
    found = _dateline(text, language) + _curated(text, language, sport)
    # فريق الدفاع "the defence team": a team names a club only where more than فريق says sport
    teams = any(not any(f in _AR_TEAMS for f in strip_proclitics(w)) for w in cues)
    found += _arabic_patterns(text, teams) if language == "ar" else _latin_patterns(text, list(places), sport)
    if language == "ar":
        found += _quoted_companies(text) + _shares(text) + _holdings(text)
    if language == "ar" and places:
        found += _chambers(text, list(places))
        if sport:
            found += _clubs_by_town(text, list(places))
    found = _resolve(found)
    found = _resolve(_aliases_and_repeats(text, found, language))
    # "Merkez Bankası" where "Türkiye Cumhuriyet Merkez Bankası" is found: the same body
    names = {f.name for f in found}
    longer = {n: max((o for o in names if o != n and _same_body(n, o)), key=len, default=n) for n in names}
    for n in names:
        if longer[n] == n:
            fuller = [o for o in names if _shortened(n, o)]
            if len(fuller) == 1:  # with two candidates the short form is left as written
                longer[n] = fuller[0]
            elif language != "ar" and 3 <= len(n) <= 6 and n.isupper() and n.isalpha():
                # ADB ... the Asian Development Bank: an acronym that spells one body's name found in the story
                spelt = [o for o in names if o != n and _initials(o) == n]
                if len(spelt) == 1:
                    longer[n] = spelt[0]
    return [Found(f.kind, longer[f.name], f.start, f.end, f.reason, f.evidence) for f in found]


@lru_cache(maxsize=65536)
def _initials(name: str) -> str:
    """The capitals of a Latin name's words, joiners left out (Asian Development Bank → ADB)."""
    words = name.split()
    if len(words) < 3 or is_arabic(name):
        return ""
    return "".join(w[0] for w in words if w.lower() not in _ACRONYM_JOINERS).upper()


def _same_body(short: str, name: str) -> bool:
    """True when ``name`` ends in ``short`` as a fuller name of the same body (Türkiye Cumhuriyet
    Merkez Bankası). A definite Arabic name after a head in construct is a part of that body, a
    body of its own (مفوضية الاتحاد الأفريقي, the African Union's commission)."""
    if not name.endswith(" " + short):
        return False
    head = name[: -len(short) - 1]
    return not (short.startswith("ال") and " " not in head and not head.startswith("ال") and is_arabic(head))


@lru_cache(maxsize=65536)
def _folded_words(name: str) -> tuple[str, ...]:
    # للشغل is ل + الشغل: the same word as الشغل once folded (اتحاد الشغل of الاتحاد العام التونسي للشغل)
    return tuple(w[2:] if w.startswith("لل") and len(w) > 4 else w for w in fold_key(name).split())


_HEAD_WORD = re.compile(rf"(?:{_LATIN_ORG_HEADS})")


def _shortened(short: str, name: str) -> bool:
    """True when ``short`` keeps the head and some words of ``name`` in order (المحكمة العليا of
    المحكمة الاتحادية العليا, مجلس الوزراء of مجلس الوزراء اللبناني): the same body written shortly."""
    a, b = _folded_words(short), _folded_words(name)
    if len(a) < 2 or len(a) >= len(b) or a[0] != b[0]:
        return False
    if b[: len(a)] == a and _HEAD_WORD.fullmatch(name.rsplit(" ", 1)[-1]):
        return False  # İzmir Büyükşehir Belediye Meclisi: the council of the municipality, a body of its own
    it = iter(b[1:])
    return all(w in it for w in a[1:])


def find_organisations(text: str, language: str) -> list[str]:
    """Organisation names in ``text``, in order of first mention, without repeats."""
    seen: dict[str, str] = {}
    for f in find_organisation_mentions(text, language):
        seen.setdefault(fold_key(f.name), f.name)
    return list(seen.values())
