"""Search recall over HTTP on SQLite and PostgreSQL: every listed variant is found,
no listed false friend is, and the query operators mean what docs/search.md says."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.conftest import story_fields


def publish(client: TestClient, headline: str, body: str, language: str, **extra: object) -> int:
    r = client.post(
        "/api/v1/stories?publish=true",
        json=story_fields(headline=headline, body=body, language=language, **extra),
    )
    assert r.status_code == 201, r.text
    return int(r.json()["id"])


def found(client: TestClient, q: str, **params: object) -> set[int]:
    r = client.get("/api/v1/search", params={"q": q, "limit": 100, **params})
    assert r.status_code == 200, r.text
    body = r.json()
    ids = {hit["id"] for hit in body["results"]}
    assert body["total"] == len(ids)
    return ids


# Each case: the query, the texts that must match it, the texts that must not.
ARABIC_CASES = [
    (
        "مفاوضات",
        ["والمفاوضات مستمرة", "بدأت المفاوضات أمس", "رحب بالمفاوضات الجارية", "جولة مفاوضات جديدة",
         "انتهت مُفَاوَضَاتٌ طويلة", "جولة مفاوضـــات ثانية", "فالمفاوضات صعبة", "للمفاوضات شروط"],
        ["أكد الوزير أهمية التفاوض", "فوض البرلمان الحكومة", "فاوض الوفد طويلا"],
    ),
    (
        "أحمد",
        ["التقى الرئيس أحمد بالوفد", "وصل احمد إلى المطار", "صرح إحمد للصحفيين", "وأحمد حاضر"],
        ["حمد الرئيس الله", "محمد وصل المطار", "الحمد لله على السلامة"],
    ),
    (
        "مدرسة",
        ["افتتاح مدرسة جديدة", "زار الوزير المدرسه", "طلاب في المدرسة", "بالمدرسة الثانوية"],
        ["درس الطلاب الرياضيات", "دراسة جديدة", "افتتاح المدارس"],
    ),
    (
        "كتاب",
        ["صدر كتاب جديد", "في الكتاب فصول", "والكتاب متاح"],
        ["وصل الكاتب", "مكتب الرئيس", "كتب الصحفي مقالا"],
    ),
    (
        "سلام",
        ["عملية السلام مستمرة", "مفاوضات سلام", "والسلام ثمن", "بالسلام يعيشون"],
        ["الإسلام دين", "استلام الشحنة", "سليم وصل"],
    ),
]


@pytest.mark.parametrize(("query", "variants", "false_friends"), ARABIC_CASES, ids=[c[0] for c in ARABIC_CASES])
def test_arabic_query_finds_every_variant_and_no_false_friend(
    client: TestClient, query: str, variants: list[str], false_friends: list[str]
) -> None:
    want = {publish(client, f"خبر {i}", text, "ar") for i, text in enumerate(variants)}
    avoid = {publish(client, f"نبأ {i}", text, "ar") for i, text in enumerate(false_friends)}
    hits = found(client, query)
    assert want <= hits, f"missed: {want - hits}"
    assert not hits & avoid, f"false friends matched: {hits & avoid}"


def test_english_stemming_and_its_false_friends(client: TestClient) -> None:
    want = {
        publish(client, "Talks", "The negotiations resumed in Geneva.", "en"),
        publish(client, "Talks", "They will negotiate a ceasefire.", "en"),
        publish(client, "Talks", "Negotiating teams arrived.", "en"),
    }
    avoid = {publish(client, "Other", "The negative outlook weighed on markets.", "en")}
    for q in ("negotiations", "negotiate", "Negotiating"):
        hits = found(client, q)
        assert want <= hits and not hits & avoid, q


def test_turkish_inflections_meet(client: TestClient) -> None:
    want = {
        publish(client, "Haber", "Bakü'de müzakereler sürüyor.", "tr"),
        publish(client, "Haber", "Taraflar müzakere masasına döndü.", "tr"),
        publish(client, "Haber", "Müzakerelerde ilerleme kaydedildi.", "tr"),
    }
    avoid = {publish(client, "Haber", "Maç ertelendi.", "tr")}
    for q in ("müzakere", "müzakereler", "MÜZAKERE"):
        hits = found(client, q)
        assert want <= hits and not hits & avoid, q


def test_phrase_and_boolean_operators(client: TestClient) -> None:
    a = publish(client, "Rates", "The central bank raised interest rates.", "en")
    b = publish(client, "Rates", "The bank said central planning failed; interest was low.", "en")
    c = publish(client, "Oil", "Oil prices rose as the central bank met.", "en")
    d = publish(client, "Weather", "Rain is expected tomorrow.", "en")
    assert found(client, '"central bank"') == {a, c}
    assert found(client, '"interest rates"') == {a}
    assert found(client, "central bank") == {a, b, c}
    assert found(client, "central AND interest") == {a, b}
    assert found(client, "oil OR rain") == {c, d}
    assert found(client, "bank NOT oil") == {a, b}
    assert found(client, "bank -oil -planning") == {a}
    assert found(client, "(oil OR rain) AND expected") == {d}
    assert found(client, '"central bank" AND NOT (oil OR rain)') == {a}
    assert found(client, "the") == set()  # a stop-word alone matches nothing


def test_arabic_phrase_survives_clitics_and_stop_words(client: TestClient) -> None:
    a = publish(client, "خبر", "وقال إن المفاوضات النووية في باكو متعثرة", "ar")
    b = publish(client, "خبر", "النووية ليست المفاوضات المقصودة", "ar")
    assert found(client, '"مفاوضات نووية"') == {a}
    assert found(client, "مفاوضات نووية") == {a, b}
