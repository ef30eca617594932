"""The changes feed, GET /api/v1/changes/ (issue 11 item 4): created, updated and removed rows of every kind a
caller may read, cursor-paginated, with tombstones only for what the caller could have seen."""

import datetime

import pytest
from django.utils import timezone

from events import services as events_services
from events.models import Session
from kernel.services import record_delete
from publications import services as publications_services
from tests import factories
from tests.api_helpers import call

pytestmark = pytest.mark.django_db

URL = "/api/v1/changes/"


@pytest.fixture(autouse=True)
def _no_settling(settings):
    settings.PORTAL_API_CHANGES_SETTLE_SECONDS = 0


def sync(api_client, auth=None, **params):
    """Follow the feed to its end: (entries, the cursor to keep)."""
    query = "&".join(f"{k}={v}" for k, v in params.items())
    entries = []
    while True:
        response = call(api_client, "get", f"{URL}?{query}", auth)
        assert response.status_code == 200, response.content
        body = response.json()
        entries += body["results"]
        if not body["has_more"]:
            return entries, body["next_cursor"]
        query = f"cursor={body['next_cursor']}"


def summary(entries) -> set[tuple[str, int, str]]:
    return {(e["kind"], e["id"], e["change"]) for e in entries}


def _since(moment: datetime.datetime) -> str:
    return moment.isoformat().replace("+", "%2B")


def test_a_partner_syncs_then_learns_what_staff_removed(api_client, make_token, staff):
    start = timezone.now()
    event = factories.EventFactory()
    session = factories.SessionFactory(event=event)
    person = factories.PersonFactory()
    publication = factories.PublicationFactory()
    auth = make_token(factories.OrganizationFactory(), ["read"])

    entries, cursor = sync(api_client, auth, since=_since(start))
    assert {
        ("event", event.pk, "created"),
        ("session", session.pk, "created"),
        ("person", person.pk, "created"),
        ("publication", publication.pk, "created"),
    } <= summary(entries)
    by_key = {(e["kind"], e["id"]): e for e in entries}
    assert by_key[("session", session.pk)]["object"]["title"] == session.title
    assert by_key[("publication", publication.pk)]["object"]["slug"] == publication.slug

    publications_services.publication_unpublish(publication=publication, by=staff)
    events_services.session_cancel(session=session, by=staff, reason="Speakers could not travel")
    person_id = person.pk
    record_delete(instance=person, by=staff)
    event.title = "Renamed"
    events_services.event_save(event=event, by=staff)

    entries, _cursor = sync(api_client, auth, cursor=cursor)
    assert summary(entries) == {
        ("publication", publication.pk, "removed"),
        ("session", session.pk, "removed"),
        ("person", person_id, "removed"),
        ("event", event.pk, "updated"),
    }
    removed = [e for e in entries if e["change"] == "removed"]
    assert all(e["object"] is None for e in removed)
    assert next(e for e in entries if e["kind"] == "event")["object"]["title"] == "Renamed"


def test_another_organisations_private_rows_never_appear_even_as_an_id(api_client, make_token, staff):
    event = factories.EventFactory(accepts_partner_sessions=True)
    owner, other = factories.OrganizationFactory(), factories.OrganizationFactory()
    owner_auth, other_auth = make_token(owner), make_token(other, ["read"])
    start = timezone.now()
    proposed = call(
        api_client,
        "post",
        "/api/v1/sessions/",
        owner_auth,
        event=event.slug,
        title="Private until approved",
        starts_at=(event.starts_at + datetime.timedelta(hours=2)).isoformat(),
        ends_at=(event.starts_at + datetime.timedelta(hours=3)).isoformat(),
    ).json()
    draft = factories.PublicationFactory(status="draft")
    hidden_event = factories.EventFactory(status="draft")
    draft_id, hidden_event_id = draft.pk, hidden_event.pk
    events_services.session_reject(session=Session.objects.get(pk=proposed["id"]), by=staff, reason="Full")
    record_delete(instance=draft, by=staff)
    record_delete(instance=hidden_event, by=staff)

    other_entries, _ = sync(api_client, other_auth, since=_since(start))
    ids = {(e["kind"], e["id"]) for e in other_entries}
    assert ("session", proposed["id"]) not in ids
    assert ("publication", draft_id) not in ids
    assert ("event", hidden_event_id) not in ids
    # The proposer still reads its own proposal, rejected, as an update.
    owner_entries, _ = sync(api_client, owner_auth, since=_since(start))
    assert ("session", proposed["id"], "created") in summary(owner_entries)
    # Anonymous readers learn nothing of them either.
    anonymous_ids = {(e["kind"], e["id"]) for e in sync(api_client, since=_since(start))[0]}
    assert not {("session", proposed["id"]), ("publication", draft_id), ("event", hidden_event_id)} & anonymous_ids


def test_members_only_rows_leave_tombstones_for_members_only(api_client, make_token, staff):
    member = factories.OrganizationFactory()
    factories.MembershipFactory(organization=member, status="active")
    event = factories.EventFactory(visibility="members")
    event_id = event.pk
    start = timezone.now() - datetime.timedelta(seconds=1)
    record_delete(instance=event, by=staff)
    member_entries, _ = sync(api_client, make_token(member, ["read"]), since=_since(start))
    outsider_entries, _ = sync(api_client, make_token(factories.OrganizationFactory(), ["read"]), since=_since(start))
    assert ("event", event_id, "removed") in summary(member_entries)
    assert ("event", event_id) not in {(e["kind"], e["id"]) for e in outsider_entries}


def test_made_members_only_is_a_tombstone_for_outsiders_and_an_update_for_members(api_client, make_token, staff):
    member = factories.OrganizationFactory()
    factories.MembershipFactory(organization=member, status="active")
    event = factories.EventFactory()
    start = timezone.now()
    event.visibility = "members"
    events_services.event_save(event=event, by=staff)
    member_entries, _ = sync(api_client, make_token(member, ["read"]), since=_since(start))
    outsider_entries, _ = sync(api_client, make_token(factories.OrganizationFactory(), ["read"]), since=_since(start))
    assert ("event", event.pk, "updated") in summary(member_entries)
    assert ("event", event.pk, "removed") in summary(outsider_entries)


def test_new_speakers_make_their_session_change(api_client, staff):
    session = factories.SessionFactory()
    _entries, cursor = sync(api_client)
    events_services.session_set_speakers(
        session=session,
        by=staff,
        speakers=[
            events_services.SpeakerSpec(role="speaker", person=factories.PersonFactory(), printed_title="Director")
        ],
    )
    entries, _ = sync(api_client, cursor=cursor)
    assert ("session", session.pk, "updated") in summary(entries)
    speakers = next(e for e in entries if e["kind"] == "session")["object"]
    assert speakers["id"] == session.pk


def test_pages_follow_the_cursor_and_an_empty_page_keeps_the_place(api_client):
    start = timezone.now()
    events = [factories.EventFactory() for _ in range(3)]
    first = call(api_client, "get", f"{URL}?since={_since(start)}&limit=2").json()
    assert ([e["id"] for e in first["results"]], first["has_more"]) == ([events[0].pk, events[1].pk], True)
    assert first["next"].endswith(f"?cursor={first['next_cursor']}")
    second = call(api_client, "get", f"{URL}?cursor={first['next_cursor']}&limit=2").json()
    assert ([e["id"] for e in second["results"]], second["has_more"], second["next"]) == ([events[2].pk], False, None)
    empty = call(api_client, "get", f"{URL}?cursor={second['next_cursor']}").json()
    assert (empty["results"], empty["next_cursor"]) == ([], second["next_cursor"])
    later = factories.EventFactory()
    assert [e["id"] for e in call(api_client, "get", f"{URL}?cursor={empty['next_cursor']}").json()["results"]] == [
        later.pk
    ]


def test_a_future_since_gives_nothing_and_a_cursor_for_what_comes_after(api_client):
    factories.EventFactory()
    body = call(api_client, "get", f"{URL}?since={_since(timezone.now() + datetime.timedelta(days=1))}").json()
    assert body["results"] == []
    later = factories.EventFactory()
    assert [e["id"] for e in call(api_client, "get", f"{URL}?cursor={body['next_cursor']}").json()["results"]] == [
        later.pk
    ]


@pytest.mark.parametrize(
    ("query", "errors"),
    [
        ("cursor=bm9wZQ", {"cursor": ["Not a cursor this feed gave out."]}),
        ("since=2027-01-01T00:00:00", {"since": ["Give the time zone offset (Z for UTC)."]}),
        (
            "since=yesterday",
            {"since": ["An ISO 8601 date and time with its offset, e.g. 2027-01-01T00:00:00Z."]},
        ),
        ("limit=0", {"limit": ["A whole number from 1."]}),
        ("kinds=event", {"kinds": ["Unknown parameter."]}),
        ("since=2027-01-01T00:00:00Z&cursor=YzE", {"cursor": ["Send either since or cursor."]}),
        ("since=0001-01-01T00:00:00%2B20:00", {"since": ["Datetime out of range."]}),
    ],
)
def test_bad_parameters_are_a_400_naming_them(api_client, query, errors):
    response = call(api_client, "get", f"{URL}?{query}")
    assert response.status_code == 400
    assert response.json()["errors"] == errors


def test_an_offset_postgresql_does_not_know_is_read_in_utc(api_client):
    factories.EventFactory()  # changed now, long after the year 41
    body = call(api_client, "get", f"{URL}?since=0041-07-22T18:26:03%2B20:48").json()
    assert [entry["kind"] for entry in body["results"]] == ["event"]


def test_a_token_without_the_read_scope_is_refused(api_client, make_token):
    response = call(api_client, "get", URL, make_token(factories.OrganizationFactory(), ["sessions:write"]))
    assert response.status_code == 403


@pytest.mark.parametrize("rows", [1, 3])
def test_changes_query_budget(api_client, make_token, rows, django_assert_num_queries):
    start = timezone.now()
    for _ in range(rows):
        session = factories.SessionFactory()
        factories.PublicationFactory()
        factories.PersonFactory()
        factories.MembershipFactory(organization=factories.OrganizationFactory())
        factories.ParticipationFactory(session=session)
    auth = make_token(factories.OrganizationFactory(), ["read"])
    with django_assert_num_queries(21):
        body = api_client.get(f"{URL}?since={_since(start)}", HTTP_AUTHORIZATION=auth).json()
    assert {e["kind"] for e in body["results"]} >= {"event", "session", "person", "publication", "organization"}
