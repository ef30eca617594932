"""Safe concurrent edits: every resource a partner writes answers its ETag; If-Match on a write is checked
(a stale one is a 412 and changes nothing); If-None-Match on a read answers 304."""

import pytest

from events.models import Registration
from publications.models import Publication
from tests import factories
from tests.api_helpers import call

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(make_token):
    event = factories.EventFactory(accepts_partner_sessions=True, capacity=10, slug="open-event")
    unep = factories.OrganizationFactory(slug="unep")
    session = factories.SessionFactory(event=event, title="UNEP session", summary="First")
    factories.SessionOrganizationFactory(session=session, organization=unep)
    return {"event": event, "session": session, "auth": make_token(unep), "url": f"/api/v1/sessions/{session.pk}/"}


def test_session_detail_has_an_etag_and_if_none_match_answers_304(world, api_client):
    first = call(api_client, "get", world["url"], world["auth"])
    etag = first["ETag"]
    assert etag.startswith('"') and etag.endswith('"')
    again = api_client.get(world["url"], HTTP_AUTHORIZATION=world["auth"], HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""


def test_patch_with_current_etag_succeeds_and_answers_the_new_one(world, api_client):
    etag = call(api_client, "get", world["url"], world["auth"])["ETag"]
    changed = api_client.patch(
        world["url"], {"summary": "Second"}, format="json", HTTP_AUTHORIZATION=world["auth"], HTTP_IF_MATCH=etag
    )
    assert changed.status_code == 200 and changed.json()["summary"] == "Second"
    assert changed["ETag"] != etag
    assert changed["ETag"] == call(api_client, "get", world["url"], world["auth"])["ETag"]


def test_patch_with_a_stale_etag_is_a_412_and_changes_nothing(world, api_client):
    stale = call(api_client, "get", world["url"], world["auth"])["ETag"]
    call(api_client, "patch", world["url"], world["auth"], summary="Someone else's edit")
    refused = api_client.patch(
        world["url"], {"summary": "Mine"}, format="json", HTTP_AUTHORIZATION=world["auth"], HTTP_IF_MATCH=stale
    )
    assert refused.status_code == 412
    assert refused.json() == {
        "detail": "The resource has changed since you read it (If-Match does not match its ETag): read it again.",
        "code": "precondition_failed",
        "errors": {},
    }
    world["session"].refresh_from_db()
    assert world["session"].summary == "Someone else's edit"


def test_write_without_if_match_is_accepted_and_answers_the_etag(world, api_client):
    changed = call(api_client, "patch", world["url"], world["auth"], summary="Simple client")
    assert changed.status_code == 200
    assert changed["ETag"] == call(api_client, "get", world["url"], world["auth"])["ETag"]


def test_if_match_star_and_lists(world, api_client):
    etag = call(api_client, "get", world["url"], world["auth"])["ETag"]
    star = api_client.patch(
        world["url"], {"summary": "Any"}, format="json", HTTP_AUTHORIZATION=world["auth"], HTTP_IF_MATCH="*"
    )
    assert star.status_code == 200
    listed = api_client.patch(
        world["url"],
        {"summary": "Listed"},
        format="json",
        HTTP_AUTHORIZATION=world["auth"],
        HTTP_IF_MATCH=f'"nope", {star["ETag"]}',
    )
    assert listed.status_code == 200
    weak = api_client.patch(
        world["url"], {"summary": "Weak"}, format="json", HTTP_AUTHORIZATION=world["auth"], HTTP_IF_MATCH=f"W/{etag}"
    )
    assert weak.status_code == 412, "If-Match compares strong tags only"


def test_replacing_speakers_checks_if_match_and_answers_the_sessions_etag(world, api_client):
    stale = call(api_client, "get", world["url"], world["auth"])["ETag"]
    call(api_client, "patch", world["url"], world["auth"], summary="Moved on")
    speakers = {"speakers": [{"new_person": {"family_name": "Doe"}, "role": "speaker"}]}
    url = world["url"] + "speakers/"
    refused = api_client.put(url, speakers, format="json", HTTP_AUTHORIZATION=world["auth"], HTTP_IF_MATCH=stale)
    assert refused.status_code == 412 and not world["session"].participations.exists()
    fresh = call(api_client, "get", world["url"], world["auth"])["ETag"]
    done = api_client.put(url, speakers, format="json", HTTP_AUTHORIZATION=world["auth"], HTTP_IF_MATCH=fresh)
    assert done.status_code == 200 and done["ETag"] == call(api_client, "get", world["url"], world["auth"])["ETag"]


def test_cancelling_a_registration_with_a_stale_etag_is_a_412(world, api_client):
    created = call(
        api_client, "post", "/api/v1/registrations/", world["auth"], event="open-event", name="A", email="a@x.org"
    )
    url = f"/api/v1/registrations/{created.json()['id']}/"
    assert created["ETag"] == call(api_client, "get", url, world["auth"])["ETag"]
    refused = api_client.delete(url, HTTP_AUTHORIZATION=world["auth"], HTTP_IF_MATCH='"stale"')
    assert refused.status_code == 412
    assert Registration.objects.get().status == Registration.Status.CONFIRMED
    current = call(api_client, "get", url, world["auth"])["ETag"]
    cancelled = api_client.delete(url, HTTP_AUTHORIZATION=world["auth"], HTTP_IF_MATCH=current)
    assert cancelled.status_code == 200 and cancelled["ETag"] != current


def test_publication_answers_its_etag_on_submit_and_read(world, api_client):
    created = call(api_client, "post", "/api/v1/publications/", world["auth"], title="Brief", type="brief")
    assert created.status_code == 201
    url = f"/api/v1/publications/{created.json()['slug']}/"
    read = call(api_client, "get", url, world["auth"])
    assert created["ETag"] == read["ETag"]
    not_modified = api_client.get(url, HTTP_AUTHORIZATION=world["auth"], HTTP_IF_NONE_MATCH=read["ETag"])
    assert not_modified.status_code == 304
    Publication.objects.filter(slug=created.json()["slug"]).update(review_note="Please add the authors.")
    changed = api_client.get(url, HTTP_AUTHORIZATION=world["auth"], HTTP_IF_NONE_MATCH=read["ETag"])
    assert changed.status_code == 200 and changed["ETag"] != read["ETag"]


def test_public_publication_etag_is_the_same_for_everyone_who_sees_the_same(api_client):
    publication = factories.PublicationFactory(slug="report")
    first = api_client.get(f"/api/v1/publications/{publication.slug}/")
    second = api_client.get(f"/api/v1/publications/{publication.slug}/")
    assert first["ETag"] == second["ETag"]
