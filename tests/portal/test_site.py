"""Home, search, sitemap, language switching and health checks."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("rows", [1, 3])
def test_home_query_count_is_flat(client, rows, django_assert_num_queries):
    for _ in range(rows):
        factories.EventOrganizationFactory()
        factories.PublicationFactory(type="news_post")
        factories.PublicationFactory(featured=True)
    with django_assert_num_queries(7):
        response = client.get("/")
    assert response.content.decode().count('class="card"') == 3 * rows


def test_home_shows_upcoming_events_news_and_featured(demo, client):
    body = client.get("/").content.decode()
    assert "Responsible Minerals Consultation 2027" in body
    assert "IRMA Engagement at IGF Annual General Meeting" in body
    assert "From Mine to Market" in body and "Battery Benchmarks" in body
    assert "Members&#x27; Meeting 2027" not in body and "Members' Meeting 2027" not in body


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("traceability", "Strategies for Strengthening Traceability and Circularity"),
        ("Westenberg", "Erica Westenberg"),
        ("battery", "Global Battery Alliance"),
        ("corruption", "From Mine to Market"),
        ("Geneva", "IGF 21st Annual General Meeting"),
    ],
)
def test_search_finds_across_kinds(demo, client, query, expected):
    body = client.get(reverse("search"), {"q": query}).content.decode()
    assert expected in body


@pytest.mark.parametrize("query", ["", "   ", "a" * 5000, "'; DROP TABLE events; --", '"unterminated', "-"])
def test_search_odd_input_is_safe(demo, client, query):
    response = client.get(reverse("search"), {"q": query})
    assert response.status_code == 200 and "<h1>Search</h1>" in response.content.decode()


def test_search_hides_what_is_not_public(client):
    factories.EventFactory(title="Secret planning retreat", status="draft")
    factories.PersonFactory(family_name="Invisible", public_profile=False)
    body = client.get(reverse("search"), {"q": "secret invisible"}).content.decode()
    assert "Secret planning retreat" not in body and "Invisible" not in body


def test_sitemap_lists_public_pages_only(demo, client):
    factories.EventFactory(slug="draft-event", status="draft")
    root = ET.fromstring(client.get("/sitemap.xml").content)
    locs = [el.text for el in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert "http://testserver/events/igf-21st-agm/" in locs
    assert "http://testserver/news/irma-engagement-at-igf-annual-general-meeting/" in locs
    assert not any("draft-event" in loc for loc in locs)
    assert not any("members-meeting-2027" in loc for loc in locs)


@pytest.mark.parametrize(("code", "text"), [("fr", "Événements à venir"), ("es", "Próximos eventos")])
def test_language_switcher_translates_the_interface(client, code, text):
    response = client.get(reverse("language-switch"), {"language": code, "next": "/events/"}, follow=True)
    body = response.content.decode()
    assert f'<html lang="{code}">' in body
    assert text in body


def test_health_checks(client):
    assert client.get("/healthz").content == b"ok"
    assert client.get("/readyz").json() == {"status": "ok", "database": "ok"}


@pytest.mark.parametrize("url", ["/search/?q=%00", "/events/?topic=%00", "/organizations/?house=a%00b"])
def test_nul_bytes_are_a_clear_400(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "NUL byte" in response.content.decode()


@pytest.mark.parametrize("rows", [1, 3])
def test_search_query_count_is_flat(client, rows, django_assert_num_queries):
    for i in range(rows):
        factories.EventFactory(title=f"Lithium traceability forum {i}")
        factories.SessionFactory(title=f"Lithium panel {i}")
        factories.PersonFactory(family_name=f"Lithium{i}")
        factories.OrganizationFactory(name=f"Lithium Org {i}")
        factories.PublicationFactory(title=f"Lithium report {i}")
    with django_assert_num_queries(15):
        response = client.get(reverse("search"), {"q": "lithium"})
    assert response.content.decode().count("Lithium report") == rows


@pytest.mark.parametrize("rows", [1, 3])
def test_topic_page_query_count_is_flat(client, rows, django_assert_num_queries):
    topic = factories.TopicFactory()
    for _ in range(rows):
        factories.EventFactory().topics.add(topic)
        factories.SessionFactory().topics.add(topic)
        factories.PublicationFactory().topics.add(topic)
    with django_assert_num_queries(6):
        response = client.get(topic.get_absolute_url())
    assert response.content.decode().count('class="card"') == rows


def test_favicon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith(".svg")
