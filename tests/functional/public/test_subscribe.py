"""The subscription form: validation, CSRF, honeypot, rate limit, leads in the CLI."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from newsflow.cli import app as cli
from newsflow.config import Settings
from newsflow.store import leads as lead_store
from newsflow.wiring import Services

GOOD = {
    "organisation": "Gazette of the Gulf",
    "contact_name": "Mona Haddad",
    "email": "mona@gazette.example",
    "country": "Qatar",
    "languages": ["ar", "en"],
    "categories": ["economy", "politics"],
    "message": "We would like the Arabic economy flow.",
}


@pytest.fixture
def client(client: TestClient) -> TestClient:
    """A browser: no Authorization header, so the form's CSRF token is what counts."""
    client.headers.pop("Authorization")
    return client


def _token(client: TestClient, lang: str = "en") -> str:
    page = client.get(f"/{lang}/subscribe")
    assert page.status_code == 200 and page.headers["cache-control"] == "no-store"
    match = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert match is not None
    return match.group(1)


def _leads(services: Services) -> list[dict[str, object]]:
    with services.db.read() as conn:
        return lead_store.list_all(conn)


def test_valid_request_is_stored_and_confirmed_in_the_page_language(
    client: TestClient, services: Services, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = _token(client, "ar")
    r = client.post("/ar/subscribe", data={**GOOD, "csrf_token": token}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/ar/subscribe/thanks"
    thanks = client.get(r.headers["location"])
    assert thanks.status_code == 200 and "تلقينا طلبك" in thanks.text and 'dir="rtl"' in thanks.text
    stored = _leads(services)
    assert len(stored) == 1
    lead = stored[0]
    assert lead["organisation"] == "Gazette of the Gulf" and lead["email"] == "mona@gazette.example"
    assert lead["languages"] == ["ar", "en"] and lead["categories"] == ["economy", "politics"]
    assert lead["ui_language"] == "ar" and lead["status"] == "new"

    monkeypatch.setenv("NEWSFLOW_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("NEWSFLOW_DATABASE_URL", settings.database_url)
    result = CliRunner().invoke(cli, ["leads", "list", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)[0]["organisation"] == "Gazette of the Gulf"


def test_bad_input_is_rejected_with_messages_and_values_kept(client: TestClient, services: Services) -> None:
    token = _token(client)
    bad = {**GOOD, "organisation": "", "email": "not-an-email", "languages": ["xx"], "csrf_token": token}
    r = client.post("/en/subscribe", data=bad)
    assert r.status_code == 422
    assert 'id="organisation-error">This field is required.' in r.text
    assert 'id="email-error">Please enter a valid e-mail address.' in r.text
    assert 'id="languages-error">Please choose from the list.' in r.text
    assert 'value="not-an-email"' in r.text and 'aria-invalid="true"' in r.text
    long = {**GOOD, "message": "x" * 4001, "csrf_token": token}
    assert 'id="message-error">This is too long.' in client.post("/en/subscribe", data=long).text
    assert _leads(services) == []


def test_csrf_is_required(client: TestClient, services: Services) -> None:
    _token(client)
    assert client.post("/en/subscribe", data=GOOD).status_code == 403
    forged = client.post("/en/subscribe", data={**GOOD, "csrf_token": "forged.token.value"})
    assert forged.status_code == 403 and "Your form expired" in forged.text
    other = TestClient(client.app)
    token = _token(other)  # a valid token for someone else's cookie
    assert client.post("/en/subscribe", data={**GOOD, "csrf_token": token}).status_code == 403
    assert _leads(services) == []


def test_honeypot_answers_thanks_but_stores_nothing(client: TestClient, services: Services) -> None:
    token = _token(client)
    r = client.post("/en/subscribe", data={**GOOD, "website": "http://spam.example", "csrf_token": token},
                    follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].endswith("/thanks")
    assert _leads(services) == []


def test_rate_limit_per_address(client: TestClient, services: Services) -> None:
    token = _token(client)
    codes = [client.post("/en/subscribe", data={**GOOD, "csrf_token": token}, follow_redirects=False).status_code
             for _ in range(6)]
    assert codes == [303] * 5 + [429]
    assert len(_leads(services)) == 5
