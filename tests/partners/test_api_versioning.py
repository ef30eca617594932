"""Versioning: the changelog page, linked from the docs, and the Deprecation header on what is deprecated."""

import datetime

import pytest
import yaml

from partners.api import versioning
from tests import factories
from tests.html import parse

pytestmark = pytest.mark.django_db


def test_changelog_page_lists_v1_changes_in_html_and_json(client):
    html = client.get("/api/v1/changelog/")
    assert html.status_code == 200 and html["Content-Type"].startswith("text/html")
    page = parse(html.content).find("main").text
    assert "1.1" in page and "If-Match" in page and "Nothing is deprecated." in page
    data = client.get("/api/v1/changelog/", HTTP_ACCEPT="application/json").json()
    assert [r["version"] for r in data["releases"]] == ["1.1", "1.0"]
    assert data == client.get("/api/v1/changelog/?format=json").json()
    assert data["deprecations"] == []


def test_changelog_is_linked_from_the_docs(client):
    schema = yaml.safe_load(client.get("/api/v1/schema/").content)
    assert "(/api/v1/changelog/)" in schema["info"]["description"]
    assert schema["info"]["version"] == "1.1.0"


def test_changelog_is_not_rate_limited(client, settings):
    settings.PORTAL_API_RATES = {"partner": "1/minute", "anonymous": "1/minute"}
    assert {client.get("/api/v1/changelog/").status_code for _ in range(3)} == {200}


def test_nothing_deprecated_means_no_header(api_client):
    response = api_client.get("/api/v1/sessions/")
    assert "Deprecation" not in response and "Sunset" not in response


def test_deprecated_endpoint_answers_deprecation_sunset_and_link(api_client, monkeypatch):
    since = datetime.datetime(2026, 12, 1, tzinfo=datetime.UTC)
    sunset = datetime.datetime(2027, 6, 1, tzinfo=datetime.UTC)
    table = (versioning.Deprecation("participation", "order", since, "Use the speakers of a session.", sunset),)
    monkeypatch.setattr(versioning, "DEPRECATIONS", table)
    session = factories.ParticipationFactory().session
    for url in [
        "/api/v1/participations/",
        f"/api/v1/participations/?session={session.pk}",
        "/api/v1/participations/0/",
    ]:
        response = api_client.get(url)
        assert response["Deprecation"] == f"@{int(since.timestamp())}"
        assert response["Sunset"] == "Tue, 01 Jun 2027 00:00:00 GMT"
        assert response["Link"] == (
            '<http://testserver/api/v1/changelog/#deprecated-participation-order>; rel="deprecation"; type="text/html"'
        )
    assert "Deprecation" not in api_client.get("/api/v1/sessions/")
    listed = api_client.get("/api/v1/changelog/?format=json").json()["deprecations"]
    assert listed == [
        {
            "resource": "participation",
            "field": "order",
            "since": "2026-12-01T00:00:00+00:00",
            "sunset": "2027-06-01T00:00:00+00:00",
            "note": "Use the speakers of a session.",
        }
    ]
    assert 'id="deprecated-participation-order"' in api_client.get("/api/v1/changelog/").content.decode()
