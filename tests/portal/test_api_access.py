"""Who may do what through the partner API: every scope against every endpoint and method, two partners."""

import datetime

import pytest
from django.utils import timezone

from events.models import Registration, Session
from members.models import ApiWriteLog, PartnerToken
from publications.models import Publication
from tests import factories

pytestmark = pytest.mark.django_db

READ_ENDPOINTS = [
    "organizations",
    "houses",
    "memberships",
    "people",
    "topics",
    "events",
    "sessions",
    "participations",
    "publications",
]


@pytest.fixture
def world(make_token):
    """Two partner organisations, each co-organising a session of an event that accepts partner sessions."""
    event = factories.EventFactory(accepts_partner_sessions=True, capacity=10, slug="open-event")
    unep, gba = factories.OrganizationFactory(slug="unep"), factories.OrganizationFactory(slug="gba")
    unep_session = factories.SessionFactory(event=event, title="UNEP session")
    factories.SessionOrganizationFactory(session=unep_session, organization=unep)
    gba_session = factories.SessionFactory(
        event=event, title="GBA session", status=Session.Status.PROPOSED, proposed_by=gba
    )
    factories.SessionOrganizationFactory(session=gba_session, organization=gba)
    person = factories.PersonFactory(slug="speaker-one")
    return {
        "event": event,
        "unep": unep,
        "gba": gba,
        "unep_session": unep_session,
        "gba_session": gba_session,
        "person": person,
        "unep_all": make_token(unep),
        "gba_all": make_token(gba),
    }


def call(api_client, method, url, auth=None, **data):
    headers = {"HTTP_AUTHORIZATION": auth} if auth else {}
    return getattr(api_client, method)(url, data or None, format="json", **headers)


def session_payload(for_event, /, **overrides):
    start = for_event.starts_at + datetime.timedelta(hours=3)
    return {
        "event": for_event.slug,
        "title": "Proposed by partner",
        "starts_at": start.isoformat(),
        "ends_at": (start + datetime.timedelta(hours=1)).isoformat(),
        **overrides,
    }


# --- reads ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("endpoint", READ_ENDPOINTS)
def test_reads_open_to_anonymous_and_read_scope_but_not_to_tokens_without_it(world, api_client, make_token, endpoint):
    url = f"/api/v1/{endpoint}/"
    anonymous = call(api_client, "get", url)
    assert anonymous.status_code == 200 and "results" in anonymous.json()
    reader = call(api_client, "get", url, make_token(world["unep"], ["read"]))
    assert reader.status_code == 200 and reader.json()["count"] >= anonymous.json()["count"]
    writer_only = call(api_client, "get", url, make_token(world["unep"], ["sessions:write"]))
    assert writer_only.status_code == 403
    assert writer_only.json() == {
        "detail": "This token does not carry the scope this request needs.",
        "code": "permission_denied",
        "errors": {},
    }


@pytest.mark.parametrize("endpoint", ["registrations", "log"])
def test_own_data_endpoints_need_authentication(world, api_client, endpoint):
    response = call(api_client, "get", f"/api/v1/{endpoint}/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'
    assert response.json()["code"] == "not_authenticated"


def test_partner_sees_its_own_proposed_session_but_not_the_others(world, api_client):
    unep_view = {s["title"] for s in call(api_client, "get", "/api/v1/sessions/", world["unep_all"]).json()["results"]}
    gba_view = {s["title"] for s in call(api_client, "get", "/api/v1/sessions/", world["gba_all"]).json()["results"]}
    anonymous = {s["title"] for s in call(api_client, "get", "/api/v1/sessions/").json()["results"]}
    assert anonymous == {"UNEP session"}
    assert unep_view == {"UNEP session"}
    assert gba_view == {"UNEP session", "GBA session"}
    assert call(api_client, "get", f"/api/v1/sessions/{world['gba_session'].pk}/", world["unep_all"]).status_code == 404


@pytest.mark.parametrize(
    ("state", "message"),
    [
        ("expired", "This API token has expired."),
        ("revoked", "This API token has been revoked."),
        ("unknown", "Unknown API token."),
        ("malformed", "Malformed API token."),
    ],
)
def test_expired_revoked_unknown_tokens_are_401_never_anonymous(world, api_client, make_token, state, message):
    if state == "unknown":
        auth = "Bearer ptk_00000000_" + "x" * 43
    elif state == "malformed":
        auth = "Bearer not-a-token"
    else:
        auth = make_token(world["unep"], ["read"])
        token = PartnerToken.objects.latest("created_at")
        if state == "expired":
            PartnerToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
        else:
            token.revoked = True
            token.save()
    for method, url in [("get", "/api/v1/events/"), ("post", "/api/v1/sessions/")]:
        response = call(api_client, method, url, auth)
        assert response.status_code == 401
        assert response.json()["detail"] == message


def test_token_records_last_use(world, api_client, make_token):
    auth = make_token(world["unep"], ["read"])
    call(api_client, "get", "/api/v1/events/", auth)
    assert PartnerToken.objects.latest("created_at").last_used_at is not None


# --- session writes ---------------------------------------------------------------------------------


def test_propose_session_needs_sessions_scope(world, api_client, make_token):
    payload = session_payload(world["event"])
    assert call(api_client, "post", "/api/v1/sessions/", None, **payload).status_code == 401
    no_scope = call(api_client, "post", "/api/v1/sessions/", make_token(world["unep"], ["read"]), **payload)
    assert no_scope.status_code == 403 and "'sessions:write'" in no_scope.json()["detail"]
    created = call(api_client, "post", "/api/v1/sessions/", make_token(world["unep"], ["sessions:write"]), **payload)
    assert created.status_code == 201
    body = created.json()
    assert body["status"] == "proposed" and body["proposed_by"] == "unep" and body["url"] is None
    assert [o["organization"] for o in body["organizations"]] == ["unep"]
    log = ApiWriteLog.objects.get(action="session.propose")
    assert (log.organization, log.object_id) == (world["unep"], str(body["id"]))
    assert log.changes["title"] == "Proposed by partner"


def test_propose_refused_for_event_not_accepting_partner_sessions(world, api_client):
    closed = factories.EventFactory(accepts_partner_sessions=False)
    response = call(api_client, "post", "/api/v1/sessions/", world["unep_all"], **session_payload(closed))
    assert response.status_code == 403
    assert response.json()["errors"] == {"event": ["This event does not accept partner sessions."]}
    assert not Session.objects.filter(event=closed).exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"ends_at": "2000-01-01T00:00:00Z"}, "ends_at"),
        ({"starts_at": "not a date"}, "starts_at"),
        ({"title": ""}, "title"),
        ({"event": "no-such-event"}, "event"),
        ({"type": "party"}, "type"),
        ({"starts_at": "2001-01-01T10:00:00Z", "ends_at": "2001-01-01T11:00:00Z"}, "starts_at"),
    ],
)
def test_bad_session_proposals_are_400_with_field_errors(world, api_client, overrides, field):
    response = call(
        api_client, "post", "/api/v1/sessions/", world["unep_all"], **session_payload(world["event"], **overrides)
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid" and field in body["errors"] and body["detail"]


def test_partner_edits_own_session_but_gets_404_on_the_others(world, api_client):
    own = call(
        api_client, "patch", f"/api/v1/sessions/{world['unep_session'].pk}/", world["unep_all"], summary="New summary"
    )
    assert own.status_code == 200 and own.json()["summary"] == "New summary"
    other = call(
        api_client, "patch", f"/api/v1/sessions/{world['unep_session'].pk}/", world["gba_all"], summary="Hijacked"
    )
    assert other.status_code == 404 and other.json()["code"] == "not_found"
    world["unep_session"].refresh_from_db()
    assert world["unep_session"].summary == "New summary"
    assert ApiWriteLog.objects.filter(action="session.update").count() == 1


def test_session_update_rechecks_times_against_event(world, api_client):
    response = call(
        api_client,
        "patch",
        f"/api/v1/sessions/{world['unep_session'].pk}/",
        world["unep_all"],
        ends_at=(world["event"].ends_at + datetime.timedelta(days=3)).isoformat(),
    )
    assert response.status_code == 400
    assert "within its event" in response.json()["detail"]


def test_replace_speakers_with_existing_and_new_people(world, api_client):
    url = f"/api/v1/sessions/{world['unep_session'].pk}/speakers/"
    payload = {
        "speakers": [
            {"person": "speaker-one", "role": "opener", "printed_title": "Director"},
            {
                "new_person": {"given_name": "Ada", "family_name": "Newcomer"},
                "role": "panellist",
                "printed_affiliation": "Somewhere",
            },
            {"person": "speaker-one", "role": "closer"},
        ]
    }
    response = api_client.put(url, payload, format="json", HTTP_AUTHORIZATION=world["unep_all"])
    assert response.status_code == 200
    speakers = response.json()["speakers"]
    assert [(s["name"], s["role"]) for s in speakers] == [
        (world["person"].full_name, "opener"),
        ("Ada Newcomer", "panellist"),
        (world["person"].full_name, "closer"),
    ]
    assert speakers[1]["person"] is None, "a new person has no public profile until consent is recorded"
    other = api_client.put(url, payload, format="json", HTTP_AUTHORIZATION=world["gba_all"])
    assert other.status_code == 404
    duplicate = api_client.put(
        url,
        {"speakers": [{"person": "speaker-one", "role": "opener"}] * 2},
        format="json",
        HTTP_AUTHORIZATION=world["unep_all"],
    )
    assert duplicate.status_code == 409
    assert world["unep_session"].participations.count() == 3, "a refused replacement keeps the old programme"


# --- registrations -------------------------------------------------------------------------------


def test_register_delegates_and_cancel_only_own(world, api_client, make_token):
    payload = {"event": "open-event", "name": "Delegate", "email": "d@example.org"}
    assert (
        call(api_client, "post", "/api/v1/registrations/", make_token(world["unep"], ["read"]), **payload).status_code
        == 403
    )
    created = call(api_client, "post", "/api/v1/registrations/", world["unep_all"], **payload)
    assert created.status_code == 201 and created.json()["status"] == "confirmed"
    again = call(api_client, "post", "/api/v1/registrations/", world["unep_all"], **payload)
    assert again.status_code == 409 and again.json()["errors"] == {"email": ["d@example.org is already registered."]}
    registration_id = created.json()["id"]
    assert call(api_client, "get", "/api/v1/registrations/", world["gba_all"]).json()["count"] == 0
    assert call(api_client, "delete", f"/api/v1/registrations/{registration_id}/", world["gba_all"]).status_code == 404
    cancelled = call(api_client, "delete", f"/api/v1/registrations/{registration_id}/", world["unep_all"])
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    assert Registration.objects.get(pk=registration_id).status == "cancelled"


def test_full_event_waitlists_and_cancellation_promotes(world, api_client):
    event = factories.EventFactory(capacity=1, slug="tiny")
    first = call(
        api_client, "post", "/api/v1/registrations/", world["unep_all"], event="tiny", name="A", email="a@example.org"
    ).json()
    second = call(
        api_client, "post", "/api/v1/registrations/", world["gba_all"], event="tiny", name="B", email="b@example.org"
    ).json()
    assert (first["status"], second["status"]) == ("confirmed", "waitlisted")
    call(api_client, "delete", f"/api/v1/registrations/{first['id']}/", world["unep_all"])
    assert Registration.objects.get(pk=second["id"]).status == "confirmed"
    assert event.registrations.filter(status="confirmed").count() == 1


# --- publications --------------------------------------------------------------------------------


def test_submit_publication_for_review(world, api_client, make_token):
    payload = {"title": "Battery passport brief", "type": "brief", "body": "<script>x</script>**Hi**"}
    assert (
        call(api_client, "post", "/api/v1/publications/", make_token(world["gba"], ["read"]), **payload).status_code
        == 403
    )
    created = call(api_client, "post", "/api/v1/publications/", world["gba_all"], **payload)
    assert created.status_code == 201
    body = created.json()
    assert body["status"] == "in_review" and body["submitted_by"] == "gba" and body["url"] is None
    assert "<script>" not in body["body_html"] and "<strong>Hi</strong>" in body["body_html"]
    slug = body["slug"]
    assert call(api_client, "get", f"/api/v1/publications/{slug}/", world["gba_all"]).status_code == 200
    assert call(api_client, "get", f"/api/v1/publications/{slug}/", world["unep_all"]).status_code == 404
    assert call(api_client, "get", f"/api/v1/publications/{slug}/").status_code == 404
    assert Publication.objects.get(slug=slug).status == "in_review"
    news = call(api_client, "post", "/api/v1/publications/", world["gba_all"], title="x", type="news_post")
    assert news.status_code == 400 and "type" in news.json()["errors"]


# --- the log -------------------------------------------------------------------------------------


def test_write_log_shows_each_partner_only_its_own_writes(world, api_client):
    call(api_client, "post", "/api/v1/sessions/", world["unep_all"], **session_payload(world["event"]))
    call(api_client, "post", "/api/v1/publications/", world["gba_all"], title="Brief", type="brief")
    unep_log = call(api_client, "get", "/api/v1/log/", world["unep_all"]).json()["results"]
    gba_log = call(api_client, "get", "/api/v1/log/", world["gba_all"]).json()["results"]
    assert [r["action"] for r in unep_log] == ["session.propose"]
    assert [r["action"] for r in gba_log] == ["publication.submit"]
    assert unep_log[0]["token"] == PartnerToken.objects.filter(organization=world["unep"]).get().prefix


def test_staff_session_can_use_the_api(world, api_client, staff):
    api_client.force_authenticate(staff)
    response = api_client.get("/api/v1/sessions/")
    assert {s["title"] for s in response.json()["results"]} == {"UNEP session", "GBA session"}
    created = api_client.post(
        "/api/v1/sessions/", {**session_payload(world["event"]), "organization": "gba"}, format="json"
    )
    assert created.status_code == 201 and created.json()["proposed_by"] == "gba"
    assert ApiWriteLog.objects.get(action="session.propose").user == staff


def test_write_log_syncs_with_updated_since(world, api_client):
    call(api_client, "post", "/api/v1/sessions/", world["unep_all"], **session_payload(world["event"]))
    recorded = ApiWriteLog.objects.get().created_at
    later = recorded + datetime.timedelta(seconds=1)
    assert (
        call(
            api_client,
            "get",
            f"/api/v1/log/?updated_since={recorded.isoformat().replace('+', '%2B')}",
            world["unep_all"],
        ).json()["count"]
        == 1
    )
    assert (
        call(
            api_client, "get", f"/api/v1/log/?updated_since={later.isoformat().replace('+', '%2B')}", world["unep_all"]
        ).json()["count"]
        == 0
    )
