"""Stop-words for Arabic, English and Turkish, in normalized form.

Lists are written by hand for news copy (function words, reporting verbs such
as قال / said / dedi, and calendar words that would otherwise dominate term
statistics) and folded with :func:`newsflow.text.normalize.normalize` at
import, so lookups compare like with like. Arabic function words also appear
with the conjunctions و / ف glued on (وفي, فقد), so those variants are added.
"""

from __future__ import annotations

from newsflow.text.normalize import normalize

__all__ = ["STOPWORDS", "is_stopword"]

_AR = """
في من إلى الى على عن مع أن إن ان لا لم لن ما ماذا هل قد كان كانت يكون تكون كانوا
هذا هذه ذلك تلك هؤلاء هناك هنا الذي التي الذين اللذين اللتين اللواتي أو او أم ثم حتى
كل بعض غير بين عند عندما حيث حين بعد قبل خلال منذ لدى نحو ضد دون مثل إذ إذا اذا لكن
بل أي أيضا ايضا كما وهو وهي هو هي هم هن أنا انا نحن أنت انه أنه أنها انها إنه إنها
بأن بان لأن لان كي لكي ليس ليست سوف قال قالت وقال وقالت يقول تقول أكد وأكد أضاف وأضاف
أوضح وأوضح أشار وأشار تابع وتابع لفت ولفت حسب وفق وفقا عبر به بها له لها لهم منه منها
فيه فيها عليه عليها عنه عنها إليه إليها اليه اليها ذات الى عليهم بينهما بينما وذلك
عام العام يوم اليوم أمس الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت الأحد جدا
إلا الا أمام وراء فوق تحت أكثر أقل كثير قليل مساء صباح أمام يتم تم وتم
"""

_EN = """
a an the and or but if then else of to in on at by for with from as into onto
about above after against along among around before behind below beneath beside
between beyond during except inside near off out outside over past since through
throughout till toward towards under until up upon via within without is are was
were be been being am do does did doing have has had having will would shall should
can could may might must not no nor so than too very just also only own same such
both each few more most other some any all this that these those there here it its
itself he him his she her hers they them their theirs we us our ours you your yours
i me my mine who whom whose which what when where why how said says say told tell
according mr mrs ms monday tuesday wednesday thursday friday saturday sunday
year years day days week today yesterday tomorrow one two while however new
"""

_TR = """
ve ile bir bu şu o da de ki için gibi kadar daha çok en ama ancak fakat veya ya
ise mi mı mu mü ne her hem olan olarak olduğu olduğunu oldu olacak olduğunu
sonra önce göre ayrıca tarafından dedi söyledi belirtti ifade etti etmek
yaptı yapılan üzere diye değil var yok bazı tüm bütün biri birlikte arasında
karşı kendi onun bunun şunu bunu buna ona onlar biz siz ben sen pazartesi salı
çarşamba perşembe cuma cumartesi pazar yıl yılı gün bugün dün yarın iki ilk yeni
"""

_PROCLITICS_AR = ("و", "ف")


def _fold(words: str, language: str) -> frozenset[str]:
    return frozenset(normalize(w, language) for w in words.split())


def _with_proclitics(words: frozenset[str]) -> frozenset[str]:
    return words | {p + w for w in words for p in _PROCLITICS_AR}


STOPWORDS: dict[str, frozenset[str]] = {
    "ar": _with_proclitics(_fold(_AR, "ar")),
    "en": _fold(_EN, "en"),
    "tr": _fold(_TR, "tr"),
}
_NONE: frozenset[str] = frozenset()


def is_stopword(token: str, language: str) -> bool:
    """True when the normalized ``token`` is a stop-word of ``language``."""
    return token in STOPWORDS.get(language, _NONE)
