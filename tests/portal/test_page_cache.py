"""The anonymous page cache: served again while content is unchanged, fresh after any change, never personal."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from events import services
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


def test_second_anonymous_request_is_a_hit_and_a_save_invalidates(client):
    event = factories.EventFactory(title="Before")
    first = client.get(event.get_absolute_url())
    second = client.get(event.get_absolute_url())
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert second.content == first.content
    assert "Content-Security-Policy" in second, "a hit still passes the other middleware"
    event.title = "After"
    event.save()
    third = client.get(event.get_absolute_url())
    assert third["X-Page-Cache"] == "miss" and "After" in third.content.decode()


def test_related_rows_and_bulk_writes_invalidate_too(client, staff):
    session = factories.SessionFactory()
    client.get(session.event.get_absolute_url())
    person = factories.PersonFactory(family_name="Newspeaker")
    services.session_set_speakers(
        session=session, by=staff, speakers=[services.SpeakerSpec(person=person, role="speaker")]
    )
    assert "Newspeaker" in client.get(session.event.get_absolute_url()).content.decode()
    topic = factories.TopicFactory(name="Fresh topic")
    session.topics.add(topic)
    assert "Fresh topic" in client.get(session.get_absolute_url()).content.decode()


def test_signed_in_visitors_are_never_served_from_the_cache(client):
    event = factories.EventFactory()
    client.get(event.get_absolute_url())
    client.force_login(factories.UserFactory())
    response = client.get(event.get_absolute_url())
    assert "X-Page-Cache" not in response
    assert "Your profile" in response.content.decode()


def test_pages_with_messages_or_forms_are_not_cached(client):
    event = factories.EventFactory(capacity=5)
    response = client.post(
        reverse("events:event-register", args=[event.slug]), {"name": "A", "email": "a@example.org"}, follow=True
    )
    assert "You are registered." in response.content.decode()
    assert "X-Page-Cache" not in response.redirect_chain and response.get("X-Page-Cache") is None
    again = client.get(event.get_absolute_url())
    assert "You are registered." not in again.content.decode()
    form_page = client.get(reverse("events:event-register", args=[event.slug]))
    assert "X-Page-Cache" not in form_page


def test_each_language_has_its_own_entry(client):
    client.get(reverse("events:event-list"))
    french = client.get("/fr/events/")
    assert french["X-Page-Cache"] == "miss" and "Événements à venir" in french.content.decode()
    assert client.get("/fr/events/")["X-Page-Cache"] == "hit"


def test_api_reads_are_cached_for_anonymous_clients_only(client, make_token):
    factories.EventFactory(slug="api-cached")
    client.get("/api/v1/events/")
    assert client.get("/api/v1/events/")["X-Page-Cache"] == "hit"
    auth = make_token(factories.OrganizationFactory())
    assert "X-Page-Cache" not in client.get("/api/v1/events/", HTTP_AUTHORIZATION=auth)
