"""The compose page over HTTP: publish in one step, the flash confirmation, the language
select, the translation and Media Topic lookups, and hostile pastes.

Driven like a browser without JavaScript (form posts with the CSRF field), on SQLite and
PostgreSQL.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from newsflow.config import Settings
from newsflow.services.accounts import Role
from newsflow.web.app import create_app
from newsflow.wiring import Services
from tests.functional.portal.test_desk import PASSWORD, log_in

ARABIC_FLASH = {
    "headline": "عاجل: زلزال بقوة 6 درجات يضرب شرق تركيا", "language": "ar", "category": "general",
    "priority": "flash", "body": "<p>ضرب زلزال بقوة 6 درجات شرق تركيا صباح اليوم.</p>",
}


@pytest.fixture
def browser(settings: Settings, services: Services) -> Iterator[TestClient]:
    with TestClient(create_app(settings, services=services)) as c:
        yield c


@pytest.fixture
def token(browser: TestClient, services: Services) -> str:
    services.accounts.create_user("edna", Role.EDITOR, password=PASSWORD)
    return log_in(browser, "desk", "edna")


def _all(services: Services) -> list[dict[str, object]]:
    return services.stories_list(status=None, limit=50, offset=0)


def test_publish_now_from_the_new_story_form(browser: TestClient, services: Services, token: str) -> None:
    r = browser.post("/desk/stories", data={
        "csrf_token": token, "then": "publish", "headline": "Parliament passes budget", "language": "en",
        "category": "politics", "priority": "urgent", "body": "<p>The budget passed.</p>"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].endswith("?done=published"), r.text
    [story] = _all(services)
    assert story["status"] == "published" and story["version"] == 1


def test_a_flash_asks_once_before_it_goes_out(browser: TestClient, services: Services, token: str) -> None:
    form = {"csrf_token": token, "then": "publish", **ARABIC_FLASH}
    first = browser.post("/desk/stories", data=form, follow_redirects=False)
    assert first.status_code == 200 and 'id="confirm-flash"' in first.text
    assert ARABIC_FLASH["headline"] in first.text  # the editor's input is kept
    assert _all(services) == []  # nothing saved or sent yet
    second = browser.post("/desk/stories", data={**form, "confirm": "flash"}, follow_redirects=False)
    assert second.status_code == 303 and second.headers["location"].endswith("?done=published")
    [story] = _all(services)
    assert story["status"] == "published" and story["priority"] == "flash"
    # "No, keep it as a draft" saves without publishing
    third = browser.post("/desk/stories", data={**form, "confirm": "flash", "then": "save"}, follow_redirects=False)
    assert third.status_code == 303 and third.headers["location"].endswith("?done=saved")
    # a draft asks the same way
    sid = int(third.headers["location"].split("/")[-1].split("?")[0])
    r = browser.post(f"/desk/stories/{sid}", data={"csrf_token": token, "then": "publish", "priority": "flash"})
    assert r.status_code == 200 and 'id="confirm-flash"' in r.text
    assert services.newsroom.state(sid).status.value == "draft"


def test_language_is_a_select_of_the_agency_languages(browser: TestClient, services: Services, token: str) -> None:
    page = browser.get("/desk/stories/new").text
    select = re.search(r'<select id="language" name="language" required>(.*?)</select>', page, re.S)
    assert select, "language is not a select"
    assert re.findall(r'<option value="(\w+)"', select.group(1)) == list(services.settings.languages)
    assert ">Arabic<" in select.group(1) and ">Flash<" in page and ">Science and technology<" in page
    browser.post("/account/language", data={"lang": "ar", "csrf_token": token, "next": "/desk/"})
    arabic = browser.get("/desk/stories/new").text
    assert ">العربية<" in arabic and ">عاجل جداً<" in arabic  # language and priority names
    assert ">سياسة<" in arabic and ">اقتصاد<" in arabic  # categories in the UI language


def test_the_original_of_a_translation_is_found_by_its_headline(
    browser: TestClient, services: Services, token: str
) -> None:
    original = services.newsroom.create({**ARABIC_FLASH, "priority": "urgent"}, publish=True)
    services.newsroom.create({"headline": "Unrelated story", "language": "en", "body": "x"})
    found = browser.get("/desk/lookup/stories", params={"q": "زلزال"}).json()["stories"]
    assert [s["id"] for s in found] == [original.id] and found[0]["language"] == "ar"
    assert browser.get("/desk/lookup/stories", params={"q": "100%_"}).json()["stories"] == []  # LIKE is escaped
    assert browser.get("/desk/lookup/stories", params={"q": f"#{original.id}"}).json()["stories"][0]["id"] == original.id
    r = browser.post("/desk/stories", data={
        "csrf_token": token, "headline": "Earthquake hits eastern Turkey", "language": "en", "body": "<p>A quake.</p>",
        "translation_of": f"#{original.id} — {ARABIC_FLASH['headline']}"}, follow_redirects=False)
    assert r.status_code == 303, r.text
    translation = int(r.headers["location"].split("/")[-1].split("?")[0])
    assert services.newsroom.state(translation).draft.translation_of == original.id
    page = browser.get(f"/desk/stories/{translation}").text
    assert f'value="#{original.id}"' in page
    r = browser.post("/desk/stories", data={"csrf_token": token, "headline": "x", "language": "en", "body": "y",
                                            "translation_of": "no such story"})
    assert r.status_code == 422 and 'role="alert"' in r.text
    assert browser.get("/desk/lookup/stories", params={"q": "x" * 201}).status_code == 422


def test_media_topics_are_found_by_their_label_in_the_story_language(browser: TestClient, token: str) -> None:
    arabic = browser.get("/desk/lookup/topics", params={"q": "اقتصاد", "lang": "ar"}).json()["topics"]
    assert arabic and all("اقتصاد" in t["name"] for t in arabic[:3])
    assert "medtop:04000000" in {t["qcode"] for t in arabic}
    english = browser.get("/desk/lookup/topics", params={"q": "election", "lang": "en-GB"}).json()["topics"]
    assert any(t["name"] == "election" for t in english) and all(t["qcode"].startswith("medtop:") for t in english)
    assert browser.get("/desk/lookup/topics", params={"q": ""}).json()["topics"] == []
    browser.cookies.clear()
    r = browser.get("/desk/lookup/topics", params={"q": "economy"}, follow_redirects=False)
    assert r.status_code == 303  # editors only


def test_html_pasted_from_word_is_kept_clean(browser: TestClient, services: Services, token: str) -> None:
    word = (
        '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal{margin:0}</style></head><body>'
        '<!--[if gte mso 9]><xml><o:OfficeDocumentSettings/></xml><![endif]-->'
        '<p class="MsoNormal" style="mso-margin-top-alt:auto;font-family:Calibri"><b>Ankara</b> '
        '<span style="mso-bidi-font-family:Arial">talks <i>resumed</i></span><o:p></o:p></p>'
        '<p class="MsoListParagraph"><a href="javascript:alert(1)" onmouseover="x()">link</a></p>'
        '<script>alert(1)</script></body></html>'
    )
    r = browser.post("/desk/stories", data={"csrf_token": token, "headline": "Talks resume", "language": "en",
                                            "body": word}, follow_redirects=False)
    assert r.status_code == 303, r.text
    [story] = _all(services)
    body = services.newsroom.state(int(story["id"])).draft.body_html  # type: ignore[arg-type]
    assert "<b>Ankara</b>" in body and "<i>resumed</i>" in body  # the formatting that matters stays
    for junk in ("mso", "style", "class=", "<o:p", "script", "javascript:", "onmouseover", "[if"):
        assert junk not in body, junk


def test_a_one_megabyte_paste_is_refused_and_nothing_changes(
    browser: TestClient, services: Services, token: str
) -> None:
    huge = "<p>" + ("كلمة " * 220_000) + "</p>"  # about 2.2 MB of UTF-8
    r = browser.post("/desk/stories", data={"csrf_token": token, "headline": "Huge", "language": "ar", "body": huge})
    assert r.status_code in (413, 422)
    assert _all(services) == []
    just_over = "<p>" + ("a" * 1_000_100) + "</p>"  # over the 1 MB body limit, under the request limit
    r = browser.post("/desk/stories", data={"csrf_token": token, "headline": "Big", "language": "en", "body": just_over})
    assert r.status_code == 413 and 'role="alert"' in r.text and 'value="Big"' in r.text
    assert _all(services) == []
