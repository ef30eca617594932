"""Three languages at their own addresses: /… (English), /fr/…, /es/…, with hreflang alternates everywhere."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import translation

from tests import factories
from tests.html import parse

pytestmark = pytest.mark.django_db


def alternates(response) -> dict[str, str]:
    head = parse(response.content).find("head")
    return {
        link.attrs["hreflang"]: link.attrs["href"]
        for link in head.find_all("link", rel="alternate")
        if "hreflang" in link.attrs
    }


@pytest.mark.parametrize(
    ("path", "lang", "text"),
    [
        ("/events/", "en", "Upcoming events"),
        ("/fr/events/", "fr", "Événements à venir"),
        ("/es/events/", "es", "Próximos eventos"),
    ],
)
def test_each_language_has_its_own_address(client, path, lang, text):
    response = client.get(path, headers={"accept-language": "fr"})
    body = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in body and text in body


def test_links_on_a_french_page_stay_in_french(client):
    event = factories.EventFactory(slug="forum")
    page = parse(client.get("/fr/events/").content)
    assert page.find("form", role="search").attrs["action"] == "/fr/search/"
    assert f"/fr/events/{event.slug}/" in [a.attrs["href"] for a in page.find_all("a")]


@pytest.mark.parametrize("path", ["/", "/fr/", "/es/events/", "/fr/search/?q=lithium"])
def test_every_page_names_its_alternates_in_each_language(client, path):
    rest = path.removeprefix("/fr").removeprefix("/es")
    assert alternates(client.get(path)) == {
        "en": f"http://testserver{rest}",
        "fr": f"http://testserver/fr{rest}",
        "es": f"http://testserver/es{rest}",
        "x-default": f"http://testserver{rest}",
    }


def test_event_page_alternates(client):
    event = factories.EventFactory(slug="forum")
    assert alternates(client.get(f"/es/events/{event.slug}/"))["fr"] == "http://testserver/fr/events/forum/"


def test_language_switcher_goes_to_the_other_languages_address_and_remembers_it(client):
    response = client.get(reverse("language-switch"), {"language": "fr", "next": "/events/?page=1"})
    assert response.status_code == 302 and response["Location"] == "/fr/events/?page=1"
    # The remembered choice leads an unprefixed link to the French page...
    redirected = client.get("/events/")
    assert redirected.status_code == 302 and redirected["Location"] == "/fr/events/"
    # ...until English is chosen again.
    back = client.get(reverse("language-switch"), {"language": "en", "next": "/fr/events/"})
    assert back["Location"] == "/events/"
    assert client.get("/events/").status_code == 200


def test_without_a_preference_an_unprefixed_page_is_english_whatever_the_browser_asks(client):
    response = client.get("/events/", headers={"accept-language": "es"})
    assert response.status_code == 200 and '<html lang="en">' in response.content.decode()


@pytest.mark.parametrize("path", ["/robots.txt", "/sitemap.xml", "/healthz", "/news/feed/rss/"])
def test_machine_read_addresses_stay_unprefixed(client, path):
    assert client.get(path).status_code == 200
    assert client.get(f"/fr{path}").status_code in (301, 404)


def test_a_calendar_file_has_an_address_per_language_like_pages(client):
    factories.EventFactory(slug="forum", title="Forum", title_fr="Forum des membres")
    french = client.get("/fr/events/forum/event.ics")
    client.cookies["django_language"] = "fr"  # a browser's preference does not turn the English file French
    english = client.get("/events/forum/event.ics")
    assert (french.status_code, english.status_code) == (200, 200)
    assert (french["Content-Language"], english["Content-Language"]) == ("fr", "en")
    assert "SUMMARY:Forum des membres" in french.content.decode().splitlines()


def test_feeds_linked_from_a_french_page_are_unprefixed_and_calendars_french(client):
    page = parse(client.get("/fr/").content)
    hrefs = [a.attrs["href"] for a in page.find("footer").find_all("a")]
    assert "/news/feed/rss/" in hrefs and "/fr/events/upcoming.ics" in hrefs


def test_admin_and_api_stay_unprefixed(client):
    assert client.get("/fr/api/v1/events/").status_code == 404
    assert client.get("/api/v1/events/").status_code == 200
    with translation.override("fr"):
        assert reverse("admin:index") == "/admin/"
        assert reverse("events:event-list") == "/fr/events/"


def test_sitemap_lists_every_page_in_each_language_with_alternates(client):
    factories.EventFactory(slug="forum")
    root = ET.fromstring(client.get("/sitemap.xml").content)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    locations = [url.find("s:loc", ns).text for url in root.findall("s:url", ns)]
    for prefix in ("", "/fr", "/es"):
        assert f"http://testserver{prefix}/events/forum/" in locations
    (entry,) = [url for url in root.findall("s:url", ns) if url.find("s:loc", ns).text.endswith("/fr/events/forum/")]
    links = {link.get("hreflang"): link.get("href") for link in entry.findall("x:link", ns)}
    assert links == {
        "en": "http://testserver/events/forum/",
        "fr": "http://testserver/fr/events/forum/",
        "es": "http://testserver/es/events/forum/",
        "x-default": "http://testserver/events/forum/",
    }


@pytest.mark.parametrize("path", ["/privacy/", "/contact/", "/accessibility/", "/newsletter/"])
def test_sitemap_lists_the_site_pages_and_the_newsletter_sign_up_in_each_language(client, path):
    root = ET.fromstring(client.get("/sitemap.xml").content)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    entries = {url.find("s:loc", ns).text: url for url in root.findall("s:url", ns)}
    alternates = {
        "en": f"http://testserver{path}",
        "fr": f"http://testserver/fr{path}",
        "es": f"http://testserver/es{path}",
        "x-default": f"http://testserver{path}",
    }
    for location in (f"http://testserver{path}", f"http://testserver/fr{path}", f"http://testserver/es{path}"):
        links = {link.get("hreflang"): link.get("href") for link in entries[location].findall("x:link", ns)}
        assert links == alternates
    # Each page answers at every address the sitemap gives.
    assert [client.get(location).status_code for location in alternates.values()] == [200] * 4


# Translated content: titles and summaries in the page's language, English where no translation exists.


def _translated_session():
    session = factories.SessionFactory(
        title="Traceability panel",
        summary="Who traces what.",
        title_fr="Table ronde sur la traçabilité",
        summary_fr="Qui trace quoi.",
        title_es="Mesa redonda sobre trazabilidad",
    )
    return session


def test_a_session_reads_in_the_pages_language_and_falls_back_to_english(client):
    session = _translated_session()
    path = session.get_absolute_url()
    english = parse(client.get(path).content).find("main")
    assert english.find("h1").text == "Traceability panel"
    french = parse(client.get(f"/fr{path}").content).find("main")
    assert french.find("h1").text == "Table ronde sur la traçabilité" and "Qui trace quoi." in french.text
    spanish = parse(client.get(f"/es{path}").content).find("main")
    # No Spanish summary: the English one.
    assert spanish.find("h1").text == "Mesa redonda sobre trazabilidad" and "Who traces what." in spanish.text


def test_the_api_reads_in_the_language_asked_for_under_the_same_field_names(client):
    session = _translated_session()
    (french,) = client.get("/api/v1/sessions/", headers={"accept-language": "fr"}).json()["results"]
    assert (french["slug"], french["title"], french["summary"]) == (
        session.slug,
        "Table ronde sur la traçabilité",
        "Qui trace quoi.",
    )
    (english,) = client.get("/api/v1/sessions/").json()["results"]
    assert english["title"] == "Traceability panel" and "title_fr" not in english
    # Beside them, `translations` holds what is written in each language, whatever the language asked for,
    # without falling back to English.
    stored = {
        "fr": {"title": "Table ronde sur la traçabilité", "summary": "Qui trace quoi.", "description": ""},
        "es": {"title": "Mesa redonda sobre trazabilidad", "summary": "", "description": ""},
    }
    assert english["translations"] == french["translations"] == stored


def test_the_admin_edits_every_language_side_by_side(staff_client):
    session = _translated_session()
    page = parse(staff_client.get(reverse("admin:events_session_change", args=[session.pk])).content)
    values = {name: page.find("input", name=name).attrs.get("value") for name in ("title_en", "title_fr", "title_es")}
    assert values == {
        "title_en": "Traceability panel",
        "title_fr": "Table ronde sur la traçabilité",
        "title_es": "Mesa redonda sobre trazabilidad",
    }
    event_page = parse(staff_client.get(reverse("admin:events_event_change", args=[session.event.pk])).content)
    assert {"title_en", "title_fr", "title_es", "summary_fr", "description_es"} <= {
        i.attrs.get("name") for i in event_page.find_all("input") + event_page.find_all("textarea")
    }


def test_demo_side_session_and_report_read_in_french_and_spanish(demo, client):
    french = client.get("/fr/events/igf-21st-agm/sessions/strategies-for-strengthening-traceability-and-circularity/")
    assert parse(french.content).find("main").find("h1").text == (
        "Stratégies pour renforcer la traçabilité et la circularité"
    )
    # The report's own title stays as published; what is said about it is translated.
    spanish = parse(client.get("/es/publications/from-mine-to-market/").content).find("main")
    assert spanish.find("h1").text == "From Mine to Market: Using Traceability to Fight Mineral Sector Corruption"
    assert spanish.find("p", class_="lead content").text.startswith("Un informe del Grupo de Expertos")
