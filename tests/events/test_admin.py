"""The events back office: lists within a query budget, edits and status changes through the services."""

import datetime

import pytest
from django.urls import get_resolver, reverse

from events import services
from events.models import Event, EventSeries, Registration, Session
from kernel.errors import DomainError
from kernel.models import StatusChange
from tests import factories
from tests.conftest import DEMO_SPEAKERS
from tests.html import parse

pytestmark = pytest.mark.django_db


def _series():
    n = EventSeries.objects.count()
    return EventSeries.objects.create(
        name=f"Series {n}", slug=f"series-{n}", convened_by=factories.OrganizationFactory()
    )


CHANGELISTS = {
    "events_event": (factories.EventFactory, lambda e: e.title, 8),
    "events_session": (
        lambda: factories.SessionFactory(proposed_by=factories.OrganizationFactory()),
        lambda s: s.title,
        8,
    ),
    "events_participation": (factories.ParticipationFactory, lambda p: p.person.family_name, 5),
    "events_registration": (
        lambda: factories.RegistrationFactory(registered_by=factories.OrganizationFactory()),
        lambda r: r.email,
        8,
    ),
    "events_eventseries": (_series, lambda s: s.name, 5),
}


@pytest.mark.parametrize("rows", [1, 3])
@pytest.mark.parametrize("name", sorted(CHANGELISTS))
def test_changelist_query_budget(name, rows, staff_client, django_assert_num_queries):
    make, text, queries = CHANGELISTS[name]
    objects = [make() for _ in range(rows)]
    with django_assert_num_queries(queries):
        response = staff_client.get(reverse(f"admin:{name}_changelist"))
    body = response.content.decode()
    assert all(text(obj) in body for obj in objects)


def test_admin_shows_the_demo_session_with_its_eight_speakers(demo, staff_client):
    session = Session.objects.get(slug="strategies-for-strengthening-traceability-and-circularity")
    body = staff_client.get(reverse("admin:events_session_change", args=[session.pk])).content.decode()
    for name in DEMO_SPEAKERS:
        assert name.split()[-1] in body
    assert "Strategies for Strengthening Traceability and Circularity" in body


def test_publish_from_the_list_records_who(staff_client, staff_user):
    event = factories.EventFactory(status=Event.Status.DRAFT)
    staff_client.post(
        reverse("admin:events_event_changelist"), {"action": "transition_publish", "_selected_action": [event.pk]}
    )
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED
    assert StatusChange.objects.of(event).get().changed_by == staff_user


def test_reject_needs_a_reason_and_is_a_button(staff_client):
    session = factories.SessionFactory(status=Session.Status.PROPOSED)
    url = reverse("admin:events_session_transition", args=[session.pk, "reject"])
    page = staff_client.get(reverse("admin:events_session_change", args=[session.pk])).content.decode()
    assert url in page and reverse("admin:events_session_transition", args=[session.pk, "cancel"]) in page
    staff_client.post(url, {"reason": "Overlaps the plenary."})
    session.refresh_from_db()
    assert session.status == Session.Status.REJECTED
    assert StatusChange.objects.of(session).get().reason == "Overlaps the plenary."


def test_session_times_edited_in_the_admin_are_checked_against_the_event(staff_client):
    session = factories.SessionFactory()
    event = session.event
    outside = (event.ends_at + datetime.timedelta(days=1)).astimezone(datetime.UTC)
    data = {
        "event": event.pk,
        "title_en": session.title,
        "slug": session.slug,
        "type": session.type,
        "summary": "",
        "description": "",
        "starts_at_0": outside.strftime("%Y-%m-%d"),
        "starts_at_1": outside.strftime("%H:%M:%S"),
        "ends_at_0": outside.strftime("%Y-%m-%d"),
        "ends_at_1": (outside + datetime.timedelta(hours=1)).strftime("%H:%M:%S"),
        "room": "",
        "capacity": "",
        "printed_title": "",
        "languages": "[]",
        "interpretation": "[]",
        "session_organizations-TOTAL_FORMS": 0,
        "session_organizations-INITIAL_FORMS": 0,
        "participations-TOTAL_FORMS": 0,
        "participations-INITIAL_FORMS": 0,
        "outputs-TOTAL_FORMS": 0,
        "outputs-INITIAL_FORMS": 0,
        "kernel-statuschange-content_type-object_id-TOTAL_FORMS": 0,
        "kernel-statuschange-content_type-object_id-INITIAL_FORMS": 0,
    }
    response = staff_client.post(reverse("admin:events_session_change", args=[session.pk]), data)
    assert response.status_code == 200, "the form comes back with the error beside the field"
    assert "A session must take place within its event&#x27;s dates." in response.content.decode()
    session.refresh_from_db()
    assert session.starts_at < event.ends_at


def test_staff_add_registration_goes_through_capacity(staff_client):
    event = factories.EventFactory(capacity=1)
    factories.RegistrationFactory(event=event)
    response = staff_client.post(
        reverse("admin:events_registration_add"),
        {
            "event": event.pk,
            "name": "Late Delegate",
            "email": "late@example.org",
            "organization_name": "",
            "language": "es",
        },
        follow=True,
    )
    assert response.status_code == 200
    late = Registration.objects.get(email="late@example.org")
    assert (late.status, late.language) == (Registration.Status.WAITLISTED, "es")


def test_merge_duplicates_action(staff_client):
    event = factories.EventFactory(capacity=5)
    own = factories.RegistrationFactory(event=event, email="x@example.org")
    duplicate = factories.RegistrationFactory(
        event=event, email="x@example.org", registered_by=factories.OrganizationFactory()
    )
    response = staff_client.post(
        reverse("admin:events_registration_changelist"),
        {"action": "merge_duplicates", "_selected_action": [own.pk, duplicate.pk]},
        follow=True,
    )
    assert "Merged into" in response.content.decode()
    duplicate.refresh_from_db()
    assert duplicate.status == Registration.Status.CANCELLED


def session_change_form(session, **fields) -> dict:
    """The session's change form as the admin posts it, unchanged, with no inline rows unless `fields` add them."""
    starts, ends = (moment.astimezone(datetime.UTC) for moment in (session.starts_at, session.ends_at))
    inlines = ("session_organizations", "participations", "outputs", "kernel-statuschange-content_type-object_id")
    return {
        "event": session.event.pk,
        "title_en": session.title,
        "slug": session.slug,
        "type": session.type,
        "summary": "",
        "description": "",
        "starts_at_0": starts.strftime("%Y-%m-%d"),
        "starts_at_1": starts.strftime("%H:%M:%S"),
        "ends_at_0": ends.strftime("%Y-%m-%d"),
        "ends_at_1": ends.strftime("%H:%M:%S"),
        "room": "",
        "capacity": "",
        "printed_title": "",
        "languages": "[]",
        "interpretation": "[]",
        **{f"{prefix}-{count}_FORMS": 0 for prefix in inlines for count in ("TOTAL", "INITIAL")},
        **fields,
    }


def test_staff_add_a_sessions_outputs_in_the_admin_and_an_empty_one_is_a_form_error(staff_client):
    session = factories.SessionFactory()
    data = session_change_form(
        session,
        **{
            "outputs-TOTAL_FORMS": 1,
            "outputs-0-order": 1,
            "outputs-0-kind": "recording",
            "outputs-0-title_en": "",
            "outputs-0-url": "",
            "outputs-0-text_en": "",
        },
    )
    url = reverse("admin:events_session_change", args=[session.pk])
    refused = staff_client.post(url, data)
    assert refused.status_code == 200 and "Give a link or a text." in refused.content.decode()
    assert not session.outputs.exists()
    data |= {"outputs-0-url": "https://example.org/recording", "outputs-0-title_fr": "Enregistrement"}
    assert staff_client.post(url, data).status_code == 302
    assert list(session.outputs.values_list("kind", "url", "title_en", "title_fr")) == [
        ("recording", "https://example.org/recording", None, "Enregistrement")
    ]


def test_an_event_cannot_take_a_slug_the_events_section_uses_for_its_own_addresses(staff_client, staff):
    # /events/series/<slug>/ is a series' archive: an event "series" would have its programme
    # (/events/series/programme/) answered by a series called "programme".
    series = _series()
    series.slug = "programme"
    series.save()
    fields = {
        "title_en": "Series",
        "slug": "series",
        "type": "conference",
        "format": "in_person",
        "starts_at_0": "2030-05-01",
        "starts_at_1": "09:00:00",
        "ends_at_0": "2030-05-02",
        "ends_at_1": "17:00:00",
        "timezone": "Europe/Zurich",
        "languages": "[]",
        "interpretation": "[]",
        "visibility": "public",
        "status": "draft",
    }
    for prefix in ("event_organizations", "sessions"):
        fields |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    response = staff_client.post(reverse("admin:events_event_add"), fields)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors == {
        "slug": ["“series” is kept for the site's own addresses (/events/series/…): choose another slug."]
    }
    assert not Event.objects.exists()
    response = staff_client.post(reverse("admin:events_event_add"), fields | {"slug": "series-forum"})
    assert response.status_code == 302 and Event.objects.get().get_absolute_url() == "/events/series-forum/"


@pytest.mark.parametrize("slug", ["series", "registrations"])
def test_the_event_service_refuses_the_first_words_of_the_events_sections_own_addresses(staff, slug):
    # Every fixed first word of events/urls.py is kept (a new address there must be added to the list).
    fixed = {
        str(pattern.pattern).split("/")[0]
        for pattern in get_resolver("events.urls").url_patterns
        if str(pattern.pattern) and not str(pattern.pattern).startswith("<")
    }
    assert fixed - {"upcoming.ics"} == set(services.RESERVED_EVENT_SLUGS)
    event = factories.EventFactory.build(slug=slug)
    with pytest.raises(DomainError) as excinfo:
        services.event_save(event=event, by=staff)
    assert (excinfo.value.field, excinfo.value.message) == (
        "slug",
        f"“{slug}” is kept for the site's own addresses (/events/{slug}/…): choose another slug.",
    )
    assert not Event.objects.filter(slug=slug).exists()


def test_staff_edit_a_speakers_printed_title_and_affiliation_in_each_language_side_by_side(staff_client):
    participation = factories.ParticipationFactory(
        role="panellist", order=1, printed_title="Executive Director", printed_affiliation="Global Battery Alliance"
    )
    session = participation.session
    url = reverse("admin:events_session_change", args=[session.pk])
    row = parse(staff_client.get(url).content).find("tr", id="participations-0")
    printed = [
        name.removeprefix("participations-0-")
        for field in row.find_all("input")
        if (name := field.attrs.get("name", "")).startswith("participations-0-printed")
    ]
    assert printed == [
        "printed_title_en",
        "printed_title_fr",
        "printed_title_es",
        "printed_affiliation_en",
        "printed_affiliation_fr",
        "printed_affiliation_es",
    ]

    data = session_change_form(
        session,
        **{
            "participations-TOTAL_FORMS": 1,
            "participations-INITIAL_FORMS": 1,
            "participations-0-id": participation.pk,
            "participations-0-session": session.pk,
            "participations-0-order": 1,
            "participations-0-person": participation.person.pk,
            "participations-0-role": "panellist",
            "participations-0-printed_title_en": "Executive Director",
            "participations-0-printed_title_fr": "Directrice exécutive",
            "participations-0-printed_title_es": "Directora ejecutiva",
            "participations-0-printed_affiliation_en": "Global Battery Alliance",
            "participations-0-printed_affiliation_fr": "",
            "participations-0-printed_affiliation_es": "",
            "participations-0-affiliation": "",
        },
    )
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.content.decode()
    participation.refresh_from_db()
    assert (
        participation.printed_title_en,
        participation.printed_title_fr,
        participation.printed_title_es,
        participation.printed_affiliation_en,
        participation.printed_affiliation_fr,
    ) == ("Executive Director", "Directrice exécutive", "Directora ejecutiva", "Global Battery Alliance", None)
