"""The events part of the partner API: sessions proposed and edited by their co-organisers, speakers,
registrations kept to whoever made them, and the lists' query budgets."""

import datetime

import pytest
from django.core import mail

from events.models import Registration, Session
from members.models import Organization, Person
from partners.models import ApiWriteLog
from tests import factories
from tests.api_helpers import call, results, session_payload

pytestmark = pytest.mark.django_db


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


def test_partner_sees_its_own_proposed_session_but_not_the_others(world, api_client):
    unep_view = {s["title"] for s in results(call(api_client, "get", "/api/v1/sessions/", world["unep_all"]))}
    gba_view = {s["title"] for s in results(call(api_client, "get", "/api/v1/sessions/", world["gba_all"]))}
    anonymous = {s["title"] for s in results(call(api_client, "get", "/api/v1/sessions/"))}
    assert anonymous == {"UNEP session"}
    assert unep_view == {"UNEP session"}
    assert gba_view == {"UNEP session", "GBA session"}
    assert call(api_client, "get", f"/api/v1/sessions/{world['gba_session'].pk}/", world["unep_all"]).status_code == 404


def test_filters_name_only_what_the_caller_may_see(world, api_client):
    draft = factories.EventFactory(slug="secret-draft", status="draft")
    factories.SessionFactory(event=draft)
    hidden = call(api_client, "get", "/api/v1/sessions/?event=secret-draft")
    unknown = call(api_client, "get", "/api/v1/sessions/?event=no-such-event")
    assert hidden.status_code == unknown.status_code == 400
    assert hidden.json()["errors"].keys() == unknown.json()["errors"].keys() == {"event"}


def test_propose_session_needs_sessions_scope(world, api_client, make_token):
    payload = session_payload(world["event"])
    assert call(api_client, "post", "/api/v1/sessions/", None, **payload).status_code == 401
    no_scope = call(api_client, "post", "/api/v1/sessions/", make_token(world["unep"], ["read"]), **payload)
    assert (
        no_scope.status_code == 403
        and no_scope.json()["detail"] == "This token does not carry the 'sessions:write' scope."
    )
    created = call(
        api_client, "post", "/api/v1/sessions/", make_token(world["unep"], ["sessions:write", "read"]), **payload
    )
    assert created.status_code == 201
    body = created.json()
    assert (body["status"], body["proposed_by"], body["url"]) == ("proposed", "unep", None)
    assert [o["organization"] for o in body["organizations"]] == ["unep"]
    log = ApiWriteLog.objects.get(action="session.propose")
    assert (log.organization, log.object_id, log.changes["title"]) == (
        world["unep"],
        str(body["id"]),
        "Proposed by partner",
    )


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
    url = f"/api/v1/sessions/{world['unep_session'].pk}/"
    own = call(api_client, "patch", url, world["unep_all"], summary="New summary")
    assert own.status_code == 200 and own.json()["summary"] == "New summary"
    other = call(api_client, "patch", url, world["gba_all"], summary="Hijacked")
    assert other.status_code == 404 and other.json()["code"] == "not_found"
    world["unep_session"].refresh_from_db()
    assert world["unep_session"].summary == "New summary"
    assert ApiWriteLog.objects.filter(action="session.update").count() == 1


def test_a_partner_asking_for_french_writes_the_english_original_and_reads_the_french(world, api_client):
    session = world["unep_session"]
    session.title_fr = "Session du PNUE"
    session.save()
    url = f"/api/v1/sessions/{session.pk}/"
    headers = {"HTTP_AUTHORIZATION": world["unep_all"], "HTTP_ACCEPT_LANGUAGE": "fr"}
    assert api_client.patch(url, {"title": "UNEP's session"}, format="json", **headers).status_code == 200
    session.refresh_from_db()
    assert (session.title_en, session.title_fr) == ("UNEP's session", "Session du PNUE")
    assert api_client.get(url, **headers).json()["title"] == "Session du PNUE"


def test_speakers_read_in_the_language_asked_for_and_a_partner_writes_the_english(world, api_client):
    session = world["unep_session"]
    factories.ParticipationFactory(
        session=session,
        person=world["person"],
        role="panellist",
        printed_title="Executive Director",
        printed_title_fr="Directrice exécutive",
        printed_affiliation="Natural Resources Canada",
        printed_affiliation_es="Recursos Naturales de Canadá",
    )
    url = f"/api/v1/sessions/{session.pk}/"

    def printed(language):
        headers = {"HTTP_AUTHORIZATION": world["unep_all"], "HTTP_ACCEPT_LANGUAGE": language}
        speakers = api_client.get(url, **headers).json()["speakers"]
        return [(s["printed_title"], s["printed_affiliation"]) for s in speakers]

    assert printed("fr") == [("Directrice exécutive", "Natural Resources Canada")]
    assert printed("es") == [("Executive Director", "Recursos Naturales de Canadá")]
    assert printed("en") == [("Executive Director", "Natural Resources Canada")]
    participations = api_client.get(
        f"/api/v1/participations/?session={session.pk}",
        HTTP_AUTHORIZATION=world["unep_all"],
        HTTP_ACCEPT_LANGUAGE="fr",
    ).json()["results"]
    assert [p["printed_title"] for p in participations] == ["Directrice exécutive"]

    # Sent again in French, the same English line keeps its translations; the answer is in English.
    payload = {
        "speakers": [
            {
                "person": "speaker-one",
                "role": "panellist",
                "printed_title": "Executive Director",
                "printed_affiliation": "Natural Resources Canada",
            }
        ]
    }
    response = api_client.put(
        f"{url}speakers/", payload, format="json", HTTP_AUTHORIZATION=world["unep_all"], HTTP_ACCEPT_LANGUAGE="fr"
    )
    assert response.status_code == 200, response.content
    assert [(s["printed_title"], s["printed_affiliation"]) for s in response.json()["speakers"]] == [
        ("Executive Director", "Natural Resources Canada")
    ]
    assert printed("fr") == [("Directrice exécutive", "Natural Resources Canada")]
    assert printed("es") == [("Executive Director", "Recursos Naturales de Canadá")]


def test_session_update_rechecks_times_against_event(world, api_client):
    response = call(
        api_client,
        "patch",
        f"/api/v1/sessions/{world['unep_session'].pk}/",
        world["unep_all"],
        ends_at=(world["event"].ends_at + datetime.timedelta(days=3)).isoformat(),
    )
    assert response.status_code == 400
    assert response.json()["detail"] == "A session must take place within its event's dates."


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
    assert [(s["name"], s["role"], s["person"]) for s in speakers] == [
        (world["person"].full_name, "opener", "speaker-one"),
        ("Ada Newcomer", "panellist", "ada-newcomer"),
        (world["person"].full_name, "closer", "speaker-one"),
    ], "the co-organiser learns every speaker's slug to refer to them next time"
    public = call(api_client, "get", f"/api/v1/sessions/{world['unep_session'].pk}/").json()["speakers"]
    assert [s["person"] for s in public] == ["speaker-one", None, "speaker-one"], "no public link without consent"
    other = api_client.put(url, payload, format="json", HTTP_AUTHORIZATION=world["gba_all"])
    assert other.status_code == 404


def test_sending_the_same_speakers_three_times_creates_each_person_once(world, api_client):
    url = f"/api/v1/sessions/{world['unep_session'].pk}/speakers/"
    payload = {
        "speakers": [
            {"new_person": {"given_name": f"New{i}", "family_name": "Speaker"}, "role": "panellist"} for i in range(6)
        ]
    }
    before = Person.objects.count()
    for _ in range(3):
        assert api_client.put(url, payload, format="json", HTTP_AUTHORIZATION=world["unep_all"]).status_code == 200
    assert Person.objects.count() == before + 6
    by_slug = {"speakers": [{"person": "new0-speaker", "role": "opener"}]}
    assert api_client.put(url, by_slug, format="json", HTTP_AUTHORIZATION=world["unep_all"]).status_code == 200


def test_a_refused_programme_creates_nobody(world, api_client):
    url = f"/api/v1/sessions/{world['unep_session'].pk}/speakers/"
    before = Person.objects.count()
    duplicate = {
        "speakers": [
            {"new_person": {"family_name": "Ghost"}, "role": "opener"},
            {"person": "speaker-one", "role": "opener"},
            {"person": "speaker-one", "role": "opener"},
        ]
    }
    response = api_client.put(url, duplicate, format="json", HTTP_AUTHORIZATION=world["unep_all"])
    assert response.status_code == 409
    assert Person.objects.count() == before
    unknown = api_client.put(
        url,
        {"speakers": [{"person": "nobody-here", "role": "opener"}]},
        format="json",
        HTTP_AUTHORIZATION=world["unep_all"],
    )
    assert unknown.status_code == 400 and unknown.json()["errors"] == {"speakers": ["Unknown person: nobody-here."]}
    private = factories.PersonFactory(slug="private-person", public_profile=False)
    hidden = api_client.put(
        url,
        {"speakers": [{"person": private.slug, "role": "opener"}]},
        format="json",
        HTTP_AUTHORIZATION=world["unep_all"],
    )
    assert hidden.status_code == 400, "a person the partner may not see answers like an unknown one"


# --- registrations -------------------------------------------------------------------------------


def test_register_delegates_and_cancel_only_own(world, api_client, make_token):
    payload = {"event": "open-event", "name": "Delegate", "email": "d@example.org"}
    refused = call(api_client, "post", "/api/v1/registrations/", make_token(world["unep"], ["read"]), **payload)
    assert refused.status_code == 403
    created = call(api_client, "post", "/api/v1/registrations/", world["unep_all"], **payload)
    assert created.status_code == 201 and created.json()["status"] == "confirmed"
    again = call(api_client, "post", "/api/v1/registrations/", world["unep_all"], **payload)
    assert again.status_code == 409
    assert again.json()["errors"] == {"email": ["d@example.org is already registered by your organisation."]}
    registration_id = created.json()["id"]
    assert call(api_client, "get", "/api/v1/registrations/", world["gba_all"]).json()["count"] == 0
    assert call(api_client, "delete", f"/api/v1/registrations/{registration_id}/", world["gba_all"]).status_code == 404
    cancelled = call(api_client, "delete", f"/api/v1/registrations/{registration_id}/", world["unep_all"])
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    assert Registration.objects.get(pk=registration_id).status == Registration.Status.CANCELLED


def test_a_delegates_emails_are_in_the_language_given_else_the_partners(
    world, api_client, django_capture_on_commit_callbacks
):
    Organization.objects.filter(pk=world["unep"].pk).update(language="fr")
    event = world["event"]
    event.title_fr, event.title_es = "Dialogue ouvert", "Diálogo abierto"
    event.save()
    payload = {"event": "open-event", "name": "Delegate"}
    with django_capture_on_commit_callbacks(execute=True):
        spanish = call(
            api_client,
            "post",
            "/api/v1/registrations/",
            world["unep_all"],
            **payload,
            email="es@example.org",
            language="es",
        )
        french = call(
            api_client, "post", "/api/v1/registrations/", world["unep_all"], **payload, email="fr@example.org"
        )
    assert (spanish.status_code, spanish.json()["language"]) == (201, "es")
    assert (french.status_code, french.json()["language"]) == (201, "fr")
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["es@example.org"], "Su inscripción en Diálogo abierto"),
        (["fr@example.org"], "Votre inscription à Dialogue ouvert"),
    ]
    unknown = call(
        api_client,
        "post",
        "/api/v1/registrations/",
        world["unep_all"],
        **payload,
        email="de@example.org",
        language="de",
    )
    assert unknown.status_code == 400
    assert unknown.json()["errors"] == {"language": ['"de" is not a valid choice.']}


def test_another_partner_learns_nothing_of_an_address_already_registered(world, api_client):
    payload = {"event": "open-event", "name": "Delegate", "email": "shared@example.org"}
    by_unep = call(api_client, "post", "/api/v1/registrations/", world["unep_all"], **payload)
    by_gba = call(api_client, "post", "/api/v1/registrations/", world["gba_all"], **payload)
    assert (by_unep.status_code, by_gba.status_code) == (201, 201)
    assert by_gba.json()["status"] == "confirmed" and by_gba.json()["registered_by"] == "gba"
    assert [r["email"] for r in results(call(api_client, "get", "/api/v1/registrations/", world["gba_all"]))] == [
        "shared@example.org"
    ]


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
    assert Registration.objects.get(pk=second["id"]).status == Registration.Status.CONFIRMED
    assert event.registrations.filter(status=Registration.Status.CONFIRMED).count() == 1


def test_the_api_refuses_a_seat_in_a_session_without_seats_like_the_site(world, api_client):
    response = call(
        api_client,
        "post",
        "/api/v1/registrations/",
        world["unep_all"],
        event="open-event",
        session=world["unep_session"].pk,
        name="A",
        email="a@example.org",
    )
    assert response.status_code == 403
    assert response.json()["errors"] == {
        "session": ["This session has no seats of its own: register for the event instead."]
    }
    assert not Registration.objects.exists()


def test_staff_session_can_use_the_api(world, api_client, staff_user):
    api_client.force_authenticate(staff_user)
    assert {s["title"] for s in results(api_client.get("/api/v1/sessions/"))} == {"UNEP session", "GBA session"}
    created = api_client.post(
        "/api/v1/sessions/", {**session_payload(world["event"]), "organization": "gba"}, format="json"
    )
    assert created.status_code == 201 and created.json()["proposed_by"] == "gba"
    assert ApiWriteLog.objects.get(action="session.propose").user == staff_user


# --- query budgets ---------------------------------------------------------------------------------


def _rows(kind: str, n: int) -> None:
    for _ in range(n):
        if kind == "events":
            event = factories.EventFactory()
            factories.EventOrganizationFactory(event=event)
            event.topics.add(factories.TopicFactory())
        elif kind == "sessions":
            session = factories.SessionFactory()
            factories.SessionOrganizationFactory(session=session)
            factories.ParticipationFactory(session=session)
            session.topics.add(factories.TopicFactory())
        elif kind == "participations":
            factories.ParticipationFactory()
        elif kind == "topics":
            factories.TopicFactory()


@pytest.mark.parametrize("rows", [1, 3])
def test_events_list_query_budget(api_client, rows, django_assert_num_queries):
    _rows("events", rows)
    with django_assert_num_queries(4):
        response = api_client.get("/api/v1/events/")
    assert len(results(response)) == rows


@pytest.mark.parametrize("rows", [1, 3])
def test_sessions_list_query_budget(api_client, rows, django_assert_num_queries):
    _rows("sessions", rows)
    with django_assert_num_queries(5):
        response = api_client.get("/api/v1/sessions/")
    assert len(results(response)) == rows


@pytest.mark.parametrize("rows", [1, 3])
def test_participations_list_query_budget(api_client, rows, django_assert_num_queries):
    _rows("participations", rows)
    with django_assert_num_queries(2):
        response = api_client.get("/api/v1/participations/")
    assert len(results(response)) == rows


@pytest.mark.parametrize("rows", [1, 3])
def test_topics_list_query_budget(api_client, rows, django_assert_num_queries):
    _rows("topics", rows)
    with django_assert_num_queries(2):
        response = api_client.get("/api/v1/topics/")
    assert len(results(response)) == rows


@pytest.mark.parametrize("rows", [1, 3])
def test_registrations_list_query_budget(api_client, make_token, rows, django_assert_num_queries):
    org = factories.OrganizationFactory()
    auth = make_token(org)
    for _ in range(rows):
        factories.RegistrationFactory(registered_by=org)
    with django_assert_num_queries(5):
        response = api_client.get("/api/v1/registrations/", HTTP_AUTHORIZATION=auth)
    assert len(results(response)) == rows


# --- issue 11 item 5: writes that fit a co-organised side session ------------------------------------


@pytest.fixture
def side_session(make_token):
    """The OECD side session: OECD proposes it naming IGF as co-organiser."""
    event = factories.EventFactory(accepts_partner_sessions=True, slug="oecd-forum")
    oecd, igf = factories.OrganizationFactory(slug="oecd"), factories.OrganizationFactory(slug="igf")
    topic = factories.TopicFactory(slug="traceability")
    return {"event": event, "oecd": make_token(oecd), "igf": make_token(igf), "topic": topic}


def _propose(api_client, side_session, **extra):
    details = {
        "title": "Traceability working title",
        "printed_title": "Strategies for Strengthening Traceability and Circularity",
        "languages": ["en", "fr"],
        "interpretation": ["fr"],
        "capacity": 80,
        "topics": ["traceability"],
        "co_organizers": ["igf"],
    }
    payload = session_payload(side_session["event"], **{**details, **extra})
    response = call(api_client, "post", "/api/v1/sessions/", side_session["oecd"], **payload)
    assert response.status_code == 201, response.content
    return response.json()


def test_a_proposal_carries_printed_title_languages_capacity_topics_and_an_invited_co_organiser(
    api_client, side_session
):
    body = _propose(api_client, side_session)
    assert (body["title"], body["printed_title"]) == (
        "Traceability working title",
        "Strategies for Strengthening Traceability and Circularity",
    )
    assert (body["languages"], body["interpretation"], body["capacity"], body["topics"]) == (
        ["en", "fr"],
        ["fr"],
        80,
        ["traceability"],
    )
    assert [(o["organization"], o["role"], o["accepted"]) for o in body["organizations"]] == [
        ("oecd", "organiser", True),
        ("igf", "co_organiser", False),
    ]


def test_the_session_shows_only_once_the_co_organiser_accepts(api_client, side_session, staff):
    from events import services

    body = _propose(api_client, side_session)
    services.session_approve(session=Session.objects.get(pk=body["id"]), by=staff)
    public = [s["id"] for s in results(call(api_client, "get", "/api/v1/sessions/"))]
    assert body["id"] not in public
    # The invited organisation sees the proposal, cannot edit it yet, and accepts it.
    url = f"/api/v1/sessions/{body['id']}/"
    assert call(api_client, "get", url, side_session["igf"]).status_code == 200
    assert call(api_client, "patch", url, side_session["igf"], title="Too early").status_code == 404
    accepted = call(api_client, "post", f"{url}accept/", side_session["igf"])
    assert accepted.status_code == 200, accepted.content
    assert [o["accepted"] for o in accepted.json()["organizations"]] == [True, True]
    assert body["id"] in [s["id"] for s in results(call(api_client, "get", "/api/v1/sessions/"))]
    # Accepting twice, or without an invitation, is refused with the reason.
    again = call(api_client, "post", f"{url}accept/", side_session["igf"])
    assert (again.status_code, again.json()["detail"]) == (
        403,
        "Your organisation has no invitation to co-organise this session.",
    )


def test_a_stranger_cannot_accept_for_someone_else(api_client, side_session, make_token):
    body = _propose(api_client, side_session)
    stranger = make_token(factories.OrganizationFactory())
    assert call(api_client, "post", f"/api/v1/sessions/{body['id']}/accept/", stranger).status_code == 404


def test_a_partner_change_to_an_approved_session_goes_back_to_review_with_its_diff(
    api_client, side_session, staff, staff_client
):
    from django.urls import reverse

    from events import services
    from kernel.models import StatusChange

    body = _propose(api_client, side_session, co_organizers=[])
    session = services.session_approve(session=Session.objects.get(pk=body["id"]), by=staff)
    response = call(
        api_client, "patch", f"/api/v1/sessions/{session.pk}/", side_session["oecd"], title="Final title", capacity=60
    )
    assert (response.status_code, response.json()["status"]) == (200, "proposed")
    change = StatusChange.objects.filter(object_id=str(session.pk)).latest("changed_at")
    assert (change.transition, change.from_state, change.to_state) == ("back_to_review", "scheduled", "proposed")
    assert change.reason == "title: Traceability working title → Final title\ncapacity: 80 → 60"
    page = staff_client.get(reverse("admin:events_session_change", args=[session.pk])).content.decode()
    assert "title: Traceability working title → Final title" in page
    # Staff editing a scheduled session keep it scheduled.
    services.session_approve(session=session, by=staff)
    services.session_update(session=session, by=staff, title="Staff fix")
    assert Session.objects.get(pk=session.pk).status == "scheduled"


def test_a_partner_withdraws_its_own_proposal_only(api_client, side_session, staff):
    from events import services

    body = _propose(api_client, side_session)
    url = f"/api/v1/sessions/{body['id']}/withdraw/"
    call(api_client, "post", f"/api/v1/sessions/{body['id']}/accept/", side_session["igf"])
    refused = call(api_client, "post", url, side_session["igf"])
    assert (refused.status_code, refused.json()["detail"]) == (
        403,
        "Only the organisation that proposed this session can withdraw it.",
    )
    withdrawn = call(api_client, "post", url, side_session["oecd"])
    assert (withdrawn.status_code, withdrawn.json()["status"]) == (200, "cancelled")
    assert call(api_client, "post", url, side_session["oecd"]).status_code == 409
    approved = _propose(api_client, side_session, co_organizers=[])
    services.session_approve(session=Session.objects.get(pk=approved["id"]), by=staff)
    late = call(api_client, "post", f"/api/v1/sessions/{approved['id']}/withdraw/", side_session["oecd"])
    assert late.status_code == 409


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"languages": ["English"]}, "languages"),
        ({"capacity": 0}, "capacity"),
        ({"topics": ["no-such-topic"]}, "topics"),
        ({"co_organizers": ["nobody"]}, "co_organizers"),
        ({"co_organizers": ["oecd"]}, "co_organizers"),
    ],
)
def test_bad_session_details_are_a_400_naming_the_field(api_client, side_session, extra, field):
    payload = session_payload(side_session["event"], **extra)
    response = call(api_client, "post", "/api/v1/sessions/", side_session["oecd"], **payload)
    assert response.status_code == 400, response.content
    assert [name.split(".")[0] for name in response.json()["errors"]] == [field]


def test_speakers_link_to_existing_people_by_id_one_person_in_two_roles(world, api_client):
    url = f"/api/v1/sessions/{world['unep_session'].pk}/speakers/"
    person = world["person"]
    payload = {
        "speakers": [
            {"person_id": person.pk, "role": "moderator", "printed_title": "Head of Mining Policy"},
            {"person_id": person.pk, "role": "speaker", "printed_title": "Head of Mining Policy"},
        ]
    }
    people = Person.objects.count()
    response = api_client.put(url, payload, format="json", HTTP_AUTHORIZATION=world["unep_all"])
    assert response.status_code == 200, response.content
    assert [(s["person"], s["role"], s["printed_title"]) for s in response.json()["speakers"]] == [
        ("speaker-one", "moderator", "Head of Mining Policy"),
        ("speaker-one", "speaker", "Head of Mining Policy"),
    ]
    assert Person.objects.count() == people
    hidden = factories.PersonFactory(public_profile=False)
    unknown = api_client.put(
        url,
        {"speakers": [{"person_id": hidden.pk, "role": "speaker"}]},
        format="json",
        HTTP_AUTHORIZATION=world["unep_all"],
    )
    assert (unknown.status_code, unknown.json()["errors"]) == (400, {"speakers": [f"Unknown person: {hidden.pk}."]})
    both = api_client.put(
        url,
        {"speakers": [{"person_id": person.pk, "person": "speaker-one", "role": "speaker"}]},
        format="json",
        HTTP_AUTHORIZATION=world["unep_all"],
    )
    assert both.status_code == 400


def test_staff_record_delegates_of_a_past_event(api_client, staff_user, make_token):
    past = factories.EventFactory(
        slug="forum-2024",
        starts_at=datetime.datetime(2024, 5, 1, 8, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2024, 5, 3, 18, tzinfo=datetime.UTC),
    )
    own = factories.RegistrationFactory(event=past, email="ana@example.org", status="confirmed")
    url = "/api/v1/events/forum-2024/attendance/"
    delegates = [
        {"name": "Ana", "email": "ANA@example.org"},
        {"name": "Bo", "email": "bo@example.org", "organization_name": "OECD"},
    ]
    partner = call(api_client, "post", url, make_token(factories.OrganizationFactory()), delegates=delegates)
    assert partner.status_code == 403
    api_client.force_login(staff_user)
    response = call(api_client, "post", url, delegates=delegates)
    assert response.status_code == 200, response.content
    assert [(r["email"], r["status"]) for r in response.json()] == [
        ("ana@example.org", "confirmed"),
        ("bo@example.org", "confirmed"),
    ]
    assert list(Registration.objects.filter(event=past).order_by("email").values_list("email", "attended")) == [
        ("ana@example.org", True),
        ("bo@example.org", True),
    ]
    assert Registration.objects.get(pk=own.pk).attended
    upcoming = factories.EventFactory(slug="forum-2027")
    early = call(api_client, "post", "/api/v1/events/forum-2027/attendance/", delegates=delegates)
    assert (early.status_code, early.json()["errors"]) == (
        403,
        {"event": ["Attendance is recorded once the event is over: register delegates until then."]},
    )
    assert not Registration.objects.filter(event=upcoming).exists()


def test_a_co_organiser_cannot_rewrite_a_session_of_an_event_that_is_over(api_client, make_token):
    past = factories.EventFactory(
        starts_at=datetime.datetime(2025, 11, 4, 8, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2025, 11, 6, 18, tzinfo=datetime.UTC),
    )
    session = factories.SessionFactory(
        event=past,
        title="As it was held",
        starts_at=datetime.datetime(2025, 11, 5, 13, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2025, 11, 5, 14, tzinfo=datetime.UTC),
    )
    irma = factories.OrganizationFactory()
    factories.SessionOrganizationFactory(session=session, organization=irma, role="co_organiser")
    response = call(api_client, "patch", f"/api/v1/sessions/{session.pk}/", make_token(irma), title="hijack")
    assert response.status_code == 404
    session.refresh_from_db()
    assert (session.title, session.status) == ("As it was held", Session.Status.SCHEDULED)


# --- issue 14 item 6: a session's French and Spanish, written and read through the API -------------------


def test_a_partner_proposes_and_edits_a_sessions_french_and_spanish(api_client, side_session):
    body = _propose(
        api_client,
        side_session,
        summary="Who traces what.",
        translations={
            "fr": {"title": "Titre de travail sur la traçabilité", "summary": "Qui trace quoi."},
            "es": {"title": "Título de trabajo sobre trazabilidad"},
        },
    )
    assert (body["title"], body["summary"]) == ("Traceability working title", "Who traces what.")
    assert body["translations"] == {
        "fr": {"title": "Titre de travail sur la traçabilité", "summary": "Qui trace quoi.", "description": ""},
        "es": {"title": "Título de trabajo sobre trazabilidad", "summary": "", "description": ""},
    }
    session = Session.objects.get(pk=body["id"])
    assert (session.title_en, session.title_fr, session.title_es, session.summary_fr) == (
        "Traceability working title",
        "Titre de travail sur la traçabilité",
        "Título de trabajo sobre trazabilidad",
        "Qui trace quoi.",
    )
    # Only what is given changes; "" removes a translation, and the field reads in English again.
    url = f"/api/v1/sessions/{session.pk}/"
    edited = call(
        api_client,
        "patch",
        url,
        side_session["oecd"],
        translations={"fr": {"title": ""}, "es": {"summary": "Quién rastrea qué."}},
    )
    assert edited.status_code == 200, edited.content
    assert edited.json()["translations"] == {
        "fr": {"title": "", "summary": "Qui trace quoi.", "description": ""},
        "es": {"title": "Título de trabajo sobre trazabilidad", "summary": "Quién rastrea qué.", "description": ""},
    }
    french = api_client.get(url, HTTP_AUTHORIZATION=side_session["oecd"], HTTP_ACCEPT_LANGUAGE="fr").json()
    assert (french["title"], french["summary"], french["translations"]) == (
        "Traceability working title",
        "Qui trace quoi.",
        edited.json()["translations"],
    )


@pytest.mark.parametrize(
    ("translations", "errors"),
    [
        ({"de": {"title": "Arbeitstitel"}}, {"translations.de": ["Unknown field."]}),
        ({"fr": {"slug": "titre"}}, {"translations.fr.slug": ["Unknown field."]}),
        (
            {"fr": {"title": "t" * 256}},
            {"translations.fr.title": ["Ensure this field has no more than 255 characters."]},
        ),
        ({"es": {"summary": 5}}, {"translations.es.summary": ["Expected a string."]}),
        ({"fr": "Titre"}, {"translations.fr.non_field_errors": ["Expected an object, got a string."]}),
        ([], {"translations.non_field_errors": ["Expected an object, got an array."]}),
    ],
)
def test_a_sessions_translations_are_checked_and_the_fault_named(api_client, side_session, translations, errors):
    payload = session_payload(side_session["event"], translations=translations)
    proposed = call(api_client, "post", "/api/v1/sessions/", side_session["oecd"], **payload)
    assert (proposed.status_code, proposed.json()["errors"]) == (400, errors)
    session = factories.SessionFactory(event=side_session["event"], title_fr="Titre")
    factories.SessionOrganizationFactory(session=session, organization=Organization.objects.get(slug="oecd"))
    url = f"/api/v1/sessions/{session.pk}/"
    edited = call(api_client, "patch", url, side_session["oecd"], translations=translations)
    assert (edited.status_code, edited.json()["errors"]) == (400, errors)
    session.refresh_from_db()
    assert (session.title_fr, session.summary_es) == ("Titre", None)


def test_a_partners_translation_of_an_approved_session_goes_back_to_review_with_its_diff(
    api_client, side_session, staff
):
    from events import services
    from kernel.models import StatusChange

    body = _propose(api_client, side_session, co_organizers=[], translations={"fr": {"title": "Titre de travail"}})
    session = services.session_approve(session=Session.objects.get(pk=body["id"]), by=staff)
    url = f"/api/v1/sessions/{session.pk}/"
    response = call(
        api_client, "patch", url, side_session["oecd"], translations={"fr": {"title": "Titre final"}, "es": {}}
    )
    assert (response.status_code, response.json()["status"]) == (200, "proposed")
    change = StatusChange.objects.filter(object_id=str(session.pk)).latest("changed_at")
    assert (change.transition, change.reason) == ("back_to_review", "title_fr: Titre de travail → Titre final")


@pytest.mark.parametrize(
    ("translations", "field"),
    [({"de": {"title": "Arbeitstitel"}}, "translations.de"), ({"fr": {"slug": "titre"}}, "translations.fr.slug")],
)
def test_the_session_services_refuse_a_language_or_field_that_is_not_translated(
    side_session, staff, translations, field
):
    from events import services
    from kernel.errors import DomainError

    session = factories.SessionFactory(event=side_session["event"])
    with pytest.raises(DomainError) as updated:
        services.session_update(session=session, by=staff, translations=translations)
    event = side_session["event"]
    with pytest.raises(DomainError) as proposed:
        services.session_propose(
            by=staff,
            event=event,
            organization=factories.OrganizationFactory(),
            title="Working title",
            starts_at=event.starts_at,
            ends_at=event.starts_at + datetime.timedelta(hours=1),
            translations=translations,
        )
    assert (updated.value.field, proposed.value.field) == (field, field)


def test_events_and_topics_show_their_stored_translations_whatever_the_language_asked_for(api_client):
    event = factories.EventFactory(
        slug="assembly",
        title="Annual assembly",
        title_fr="Assemblée annuelle",
        theme="Mining and climate",
        theme_es="Minería y clima",
        city="Geneva",
        city_fr="Genève",
        city_es="Ginebra",
    )
    topic = factories.TopicFactory(slug="traceability", name="Traceability", name_fr="Traçabilité")
    event.topics.add(topic)
    spanish = api_client.get("/api/v1/events/assembly/", HTTP_ACCEPT_LANGUAGE="es").json()
    assert (spanish["title"], spanish["theme"], spanish["city"], spanish["translations"]) == (
        "Annual assembly",
        "Minería y clima",
        "Ginebra",
        {
            "fr": {"title": "Assemblée annuelle", "theme": "", "summary": "", "description": "", "city": "Genève"},
            "es": {"title": "", "theme": "Minería y clima", "summary": "", "description": "", "city": "Ginebra"},
        },
    )
    english = api_client.get("/api/v1/topics/traceability/").json()
    assert (english["name"], english["translations"]) == (
        "Traceability",
        {"fr": {"name": "Traçabilité"}, "es": {"name": ""}},
    )
