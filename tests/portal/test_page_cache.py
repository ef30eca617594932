"""The anonymous page cache: served again while content is unchanged, fresh after any change, never personal."""

import icalendar
import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import _unmask_cipher_token
from django.template import RequestContext, Template
from django.urls import reverse

from events import services
from members import services as member_services
from members.policies import viewer_for_user
from portal.cache import PageCacheMiddleware
from tests import factories
from tests.html import parse

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


def test_a_calendar_file_is_cached_once_per_language(client):
    event = factories.EventFactory(title="Forum", title_fr="Forum des membres", title_es="Foro de miembros")
    paths = [f"{prefix}/events/{event.slug}/event.ics" for prefix in ("", "/fr", "/es", "")]
    responses = [client.get(path) for path in paths]
    assert [(r["X-Page-Cache"], r["Content-Language"], summary(r)) for r in responses] == [
        ("miss", "en", "Forum"),
        ("miss", "fr", "Forum des membres"),
        ("miss", "es", "Foro de miembros"),
        ("hit", "en", "Forum"),
    ]


def summary(response) -> str:
    (vevent,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    return str(vevent["SUMMARY"])


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


def test_signed_in_people_get_their_own_entry_never_anothers(client):
    event = factories.EventFactory(capacity=10)
    ada, grace = factories.UserFactory(), factories.UserFactory()
    services.registration_create(by=viewer_for_user(ada), event=event, name="Ada", email="ada@example.org", user=ada)
    anonymous = client.get(event.get_absolute_url())
    client.force_login(ada)
    first = client.get(event.get_absolute_url())
    second = client.get(event.get_absolute_url())
    assert (anonymous["X-Page-Cache"], first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "miss", "hit")
    assert second.content == first.content
    assert (status_text(anonymous), status_text(second)) == (None, "You are registered.")
    client.force_login(grace)
    theirs = client.get(event.get_absolute_url())
    assert (theirs["X-Page-Cache"], status_text(theirs)) == ("miss", None)
    assert "Your profile" in theirs.content.decode()


def test_a_signed_in_persons_registration_and_waitlist_position_show_at_once(client):
    event = factories.EventFactory(capacity=1)
    holder, waiting = factories.UserFactory(), factories.UserFactory()
    seat = services.registration_create(
        by=viewer_for_user(holder), event=event, name="Holder", email="holder@example.org", user=holder
    )
    client.force_login(waiting)
    assert client.get(event.get_absolute_url())["X-Page-Cache"] == "miss"
    assert client.get(event.get_absolute_url())["X-Page-Cache"] == "hit"
    # Registering is not a catalogue change, yet the person's page must say where they stand at once.
    services.registration_create(
        by=viewer_for_user(waiting), event=event, name="Waiting", email="waiting@example.org", user=waiting
    )
    page = client.get(event.get_absolute_url())
    assert page["X-Page-Cache"] == "miss"
    assert status_text(page) == "You are on the waitlist (position 1)."
    # Someone else cancelling moves them up: their cached page must not keep the old position.
    services.registration_cancel(registration=seat, by=None, by_link=True)
    assert status_text(client.get(event.get_absolute_url())) == "You are registered."


def status_text(response) -> str | None:
    found = [e for e in parse(response.content).iter() if "registration-status" in e.attrs.get("class", "").split()]
    return found[0].find("strong").text if found else None


def test_a_stored_page_gets_a_fresh_csrf_token_on_every_hit(rf, settings):
    """A form on a cached page must still post: the token it carried when stored is not served again."""
    settings.PORTAL_PAGE_CACHE_SECONDS = 60
    middleware = PageCacheMiddleware(
        lambda request: HttpResponse(
            Template("<form>{% csrf_token %}</form>").render(RequestContext(request)), content_type="text/html"
        )
    )
    tokens = []
    for _ in range(2):
        request = rf.get("/events/")
        request.LANGUAGE_CODE = "en"
        response = middleware(request)
        tokens.append((response.get("X-Page-Cache"), csrf_value(response), request.META["CSRF_COOKIE"]))
    (first_state, first_token, _first_secret), (second_state, second_token, second_secret) = tokens
    assert (first_state, second_state) == ("miss", "hit")
    assert first_token != second_token
    assert _unmask_cipher_token(second_token) == second_secret


def csrf_value(response) -> str:
    return parse(response.content).find("input", name="csrfmiddlewaretoken").attrs["value"]


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


def test_a_page_asked_for_with_an_api_token_is_the_page_anyone_gets(client, make_token):
    # Pages never read API tokens (only /api/ does), so with one and no cookie a visitor gets the shared page.
    event = factories.EventFactory(title="Regional dialogue")
    token = make_token(factories.OrganizationFactory())
    anonymous = client.get(event.get_absolute_url())
    with_token = client.get(event.get_absolute_url(), HTTP_AUTHORIZATION=token)
    assert (anonymous["X-Page-Cache"], with_token["X-Page-Cache"]) == ("miss", "hit")
    assert with_token.content == anonymous.content


def _member_of(organization):
    user = factories.UserFactory()
    factories.AffiliationFactory(person=factories.PersonFactory(user=user), organization=organization)
    return user


def test_a_members_cached_page_costs_two_queries_the_versions_and_the_account(client, django_assert_num_queries):
    membership = factories.MembershipFactory(status="active")
    client.force_login(_member_of(membership.organization))
    page = factories.PublicationFactory(members_only=True).get_absolute_url()
    assert [client.get(page)["X-Page-Cache"] for _ in range(2)] == ["miss", "hit"]
    with django_assert_num_queries(2):
        assert client.get(page)["X-Page-Cache"] == "hit"


def test_who_is_looking_is_read_afresh_once_their_membership_changes(client, staff):
    membership = factories.MembershipFactory(status="active")
    client.force_login(_member_of(membership.organization))
    page = factories.PublicationFactory(members_only=True).get_absolute_url()
    assert [client.get(page).status_code for _ in range(2)] == [200, 200]
    member_services.membership_lapse(membership=membership, by=staff)
    assert client.get(page).status_code == 403
