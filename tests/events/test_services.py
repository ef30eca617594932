"""The events services: registration under capacity, waitlist and merges; sessions proposed, edited and
approved; speakers replaced without leaving people behind."""

import datetime

import pytest
from django.core import mail

from events import services
from events.lifecycles import SESSION
from events.models import Event, Participation, Registration, Session
from kernel.errors import Conflict, DomainError, InvalidTransition, NotPermitted
from kernel.models import StatusChange
from members.models import Person
from tests import factories

pytestmark = pytest.mark.django_db
R = Registration.Status


def register(by, event, email, **kwargs):
    return services.registration_create(by=by, event=event, name=email.split("@")[0], email=email, **kwargs)


def test_registration_confirms_then_waitlists_and_records_the_step(anonymous, django_capture_on_commit_callbacks):
    event = factories.EventFactory(capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        first = register(anonymous, event, "A@Example.org")
        second = register(anonymous, event, "b@example.org")
    assert (first.email, first.status, second.status) == ("a@example.org", R.CONFIRMED, R.WAITLISTED)
    assert StatusChange.objects.of(first).get().to_state == R.CONFIRMED
    assert [m.to for m in mail.outbox] == [["a@example.org"], ["b@example.org"]]
    assert [a[0] for a in mail.outbox[0].attachments] == ["invitation.ics"] and not mail.outbox[1].attachments


def test_the_registering_party_is_taken_from_the_viewer(member, partner_viewer, staff):
    event = factories.EventFactory()
    partner = factories.OrganizationFactory()
    by_member = register(member, event, "m@example.org", registered_by=partner)
    by_partner = register(partner_viewer(partner), event, "d@example.org", user=member.user)
    on_behalf = register(staff, event, "s@example.org", registered_by=partner, user=member.user)
    assert (by_member.user, by_member.registered_by) == (member.user, None), "a person registers for themselves"
    assert (by_partner.user, by_partner.registered_by) == (None, partner), "a partner registers its delegates"
    assert (on_behalf.user, on_behalf.registered_by) == (member.user, partner), "staff say on whose behalf"


def test_duplicates_are_refused_per_party_and_merged_by_staff(anonymous, partner_viewer, staff):
    event = factories.EventFactory(capacity=2)
    partner_a, partner_b = factories.OrganizationFactory(), factories.OrganizationFactory()
    own = register(anonymous, event, "x@example.org")
    with pytest.raises(Conflict) as excinfo:
        register(anonymous, event, "x@example.org")
    assert excinfo.value.message == "x@example.org is already registered."
    by_a = register(partner_viewer(partner_a), event, "x@example.org")
    with pytest.raises(Conflict) as excinfo:
        register(partner_viewer(partner_a), event, "x@example.org")
    assert excinfo.value.message == "x@example.org is already registered by your organisation."
    by_b = register(partner_viewer(partner_b), event, "x@example.org")
    assert (own.status, by_a.status, by_b.status) == (R.CONFIRMED, R.CONFIRMED, R.WAITLISTED)
    kept = services.registration_merge(registrations=[by_b, by_a, own], by=staff)
    assert kept == own
    assert dict(Registration.objects.values_list("pk", "status")) == {
        own.pk: R.CONFIRMED,
        by_a.pk: R.CANCELLED,
        by_b.pk: R.CANCELLED,
    }
    assert StatusChange.objects.of(by_a).last().reason == f"Merged into registration #{own.pk}."
    with pytest.raises(DomainError):
        services.registration_merge(registrations=[own], by=staff)
    with pytest.raises(NotPermitted):
        services.registration_merge(registrations=[own, by_a], by=anonymous)


def test_a_session_without_its_own_seats_cannot_be_booked_anywhere(anonymous, partner_viewer):
    session = factories.SessionFactory(capacity=None)
    with pytest.raises(NotPermitted) as excinfo:
        register(partner_viewer(factories.OrganizationFactory()), session.event, "p@example.org", session=session)
    assert excinfo.value.field == "session"
    assert not Registration.objects.exists()


def test_cancelling_promotes_the_first_waiting_and_only_the_owner_may(
    anonymous, member, staff, django_capture_on_commit_callbacks
):
    event = factories.EventFactory(capacity=1)
    seat = register(member, event, "m@example.org")
    waiting = [register(anonymous, event, f"w{i}@example.org") for i in range(2)]
    with pytest.raises(NotPermitted):
        services.registration_cancel(registration=seat, by=anonymous)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration=seat, by=member)
    assert [Registration.objects.get(pk=r.pk).status for r in waiting] == [R.CONFIRMED, R.WAITLISTED]
    assert mail.outbox[0].subject == f"A seat is yours: {event}"
    promoted = StatusChange.objects.of(waiting[0]).last()
    assert (promoted.transition, promoted.actor) == ("promote", member.actor)
    with pytest.raises(InvalidTransition):
        services.registration_cancel(registration=seat, by=staff)
    services.registration_cancel(registration=waiting[1], by=None, by_link=True)
    assert Registration.objects.get(pk=waiting[1].pk).status == R.CANCELLED


def test_approval_gives_a_seat_or_the_waitlist(anonymous, staff):
    event = factories.EventFactory(capacity=1, registration_requires_approval=True)
    first, second = register(anonymous, event, "a@example.org"), register(anonymous, event, "b@example.org")
    assert {first.status, second.status} == {R.PENDING_APPROVAL}
    assert services.registration_approve(registration=first, by=staff).status == R.CONFIRMED
    assert services.registration_approve(registration=second, by=staff).status == R.WAITLISTED
    with pytest.raises(InvalidTransition):
        services.registration_approve(registration=second, by=staff)


def test_attendance_only_for_confirmed_seats(anonymous, staff):
    event = factories.EventFactory(capacity=1)
    seat, waiting = register(anonymous, event, "a@example.org"), register(anonymous, event, "b@example.org")
    assert services.registration_mark_attended(registration=seat, by=staff).attended is True
    with pytest.raises(InvalidTransition):
        services.registration_mark_attended(registration=waiting, by=staff)


def test_staff_correct_a_registrant_but_not_into_a_duplicate(anonymous, staff):
    event = factories.EventFactory()
    first, second = register(anonymous, event, "a@example.org"), register(anonymous, event, "b@example.org")
    second.name = " B. Corrected "
    assert services.registration_save(registration=second, by=staff).name == "B. Corrected"
    second.email = "A@example.org"
    with pytest.raises(Conflict):
        services.registration_save(registration=second, by=staff)
    assert Registration.objects.get(pk=second.pk).email == "b@example.org"
    assert first.pk


# --- sessions ----------------------------------------------------------------------------------------


def test_propose_then_approve_with_the_history(partner_viewer, staff):
    event = factories.EventFactory(accepts_partner_sessions=True)
    partner = factories.OrganizationFactory(acronym="UNEP")
    by_partner = partner_viewer(partner)
    start = event.starts_at + datetime.timedelta(hours=2)
    session = services.session_propose(
        event=event, by=by_partner, title="Traceability", starts_at=start, ends_at=start + datetime.timedelta(hours=1)
    )
    assert (session.status, session.proposed_by, session.slug) == (Session.Status.PROPOSED, partner, "traceability")
    assert list(session.session_organizations.values_list("organization", "role")) == [(partner.pk, "organiser")]
    services.session_approve(session=session, by=staff)
    history = list(StatusChange.objects.of(session).values_list("transition", "actor"))
    assert history == [("propose", by_partner.actor), ("approve", "staff")]
    with pytest.raises(InvalidTransition):
        services.session_reject(session=session, by=staff)
    assert [t.name for t in SESSION.allowed(Session.Status.SCHEDULED, staff_only=True)] == ["cancel"]


def test_session_times_hold_for_partners_and_staff_alike(partner_viewer, staff):
    partner = factories.OrganizationFactory()
    session = factories.SessionOrganizationFactory(organization=partner).session
    event = session.event
    with pytest.raises(DomainError) as excinfo:
        services.session_update(
            session=session, by=partner_viewer(partner), ends_at=event.ends_at + datetime.timedelta(days=1)
        )
    assert excinfo.value.message == "A session must take place within its event's dates."
    session.starts_at = event.starts_at - datetime.timedelta(days=1)
    with pytest.raises(DomainError):
        services.session_save(session=session, by=staff)
    session.refresh_from_db()
    assert session.starts_at >= event.starts_at
    with pytest.raises(NotPermitted):
        services.session_update(session=session, by=partner_viewer(factories.OrganizationFactory()), title="Mine now")
    with pytest.raises(DomainError):
        services.session_update(session=session, by=staff, status="scheduled")


def test_event_dates_cannot_leave_sessions_outside(staff):
    session = factories.SessionFactory()
    event = session.event
    event.ends_at = session.starts_at
    with pytest.raises(DomainError) as excinfo:
        services.event_save(event=event, by=staff)
    assert session.title in excinfo.value.message
    event.refresh_from_db()
    assert event.ends_at > session.ends_at


def test_replacing_speakers_reuses_people_and_creates_nobody_twice(partner_viewer):
    partner = factories.OrganizationFactory()
    session = factories.SessionOrganizationFactory(organization=partner).session
    known = factories.PersonFactory(given_name="Inga", family_name="Petersen")
    by = partner_viewer(partner)
    programme = [
        services.SpeakerSpec(
            role="opener", new_person=services.NewPerson(given_name="Charlotte", family_name="Ndakorerwa")
        ),
        services.SpeakerSpec(role="panellist", person=known, printed_title="Executive Director"),
        services.SpeakerSpec(
            role="closer", new_person=services.NewPerson(given_name="Charlotte", family_name="Ndakorerwa")
        ),
    ]
    for _ in range(3):
        services.session_set_speakers(session=session, by=by, speakers=programme)
    assert Person.objects.count() == 2, "one new person, however often the same programme is sent"
    rows = list(session.participations.order_by("order").values_list("person__family_name", "role"))
    assert rows == [("Ndakorerwa", "opener"), ("Petersen", "panellist"), ("Ndakorerwa", "closer")]
    assert not Person.objects.get(family_name="Ndakorerwa").public_profile


def test_replacing_speakers_keeps_the_translations_of_a_line_whose_english_is_unchanged(partner_viewer):
    partner = factories.OrganizationFactory()
    session = factories.SessionOrganizationFactory(organization=partner).session
    inga = factories.PersonFactory(given_name="Inga", family_name="Petersen")
    daniel = factories.PersonFactory(given_name="Daniel", family_name="Hill")
    for person, role, title, title_fr, affiliation, affiliation_fr in [
        (inga, "panellist", "Executive Director", "Directrice exécutive", "GBA", "GBA (fr)"),
        (daniel, "panellist", "Deputy Director", "Direction adjointe", "NRCan", "Ressources naturelles Canada"),
    ]:
        factories.ParticipationFactory(
            session=session,
            person=person,
            role=role,
            printed_title=title,
            printed_title_fr=title_fr,
            printed_title_es=f"{title} (es)",
            printed_affiliation=affiliation,
            printed_affiliation_fr=affiliation_fr,
        )
    services.session_set_speakers(
        session=session,
        by=partner_viewer(partner),
        speakers=[
            # The same line, sent again as the partner has it.
            services.SpeakerSpec(
                role="panellist", person=inga, printed_title="Executive Director", printed_affiliation="GBA"
            ),
            # Daniel's title changed: its translations said the old one; his affiliation did not.
            services.SpeakerSpec(
                role="panellist", person=daniel, printed_title="Director", printed_affiliation="NRCan"
            ),
            # Inga in a role she had no line for: nothing to keep.
            services.SpeakerSpec(role="closer", person=inga, printed_title="Executive Director"),
        ],
    )
    assert list(
        session.participations.order_by("order").values_list(
            "person__family_name",
            "role",
            "printed_title_en",
            "printed_title_fr",
            "printed_title_es",
            "printed_affiliation_en",
            "printed_affiliation_fr",
        )
    ) == [
        (
            "Petersen",
            "panellist",
            "Executive Director",
            "Directrice exécutive",
            "Executive Director (es)",
            "GBA",
            "GBA (fr)",
        ),
        ("Hill", "panellist", "Director", None, None, "NRCan", "Ressources naturelles Canada"),
        ("Petersen", "closer", "Executive Director", None, None, "", None),
    ]


def test_a_refused_programme_leaves_no_one_behind(partner_viewer):
    partner = factories.OrganizationFactory()
    session = factories.SessionOrganizationFactory(organization=partner).session
    factories.ParticipationFactory(session=session)
    before = (Person.objects.count(), list(Participation.objects.values_list("pk", flat=True)))
    twice = services.NewPerson(family_name="Twice")
    with pytest.raises(Conflict):
        services.session_set_speakers(
            session=session,
            by=partner_viewer(partner),
            speakers=[
                services.SpeakerSpec(role="speaker", new_person=services.NewPerson(family_name="Newcomer")),
                services.SpeakerSpec(role="speaker", new_person=twice),
                services.SpeakerSpec(role="speaker", new_person=twice),
            ],
        )
    assert (Person.objects.count(), list(Participation.objects.values_list("pk", flat=True))) == before


def test_speakers_need_an_editor_and_a_valid_programme(partner_viewer, staff):
    session = factories.SessionFactory()
    person = factories.PersonFactory()
    with pytest.raises(NotPermitted):
        services.session_set_speakers(
            session=session,
            by=partner_viewer(factories.OrganizationFactory()),
            speakers=[services.SpeakerSpec(role="speaker", person=person)],
        )
    bad = [
        [services.SpeakerSpec(role="juggler", person=person)],
        [services.SpeakerSpec(role="speaker")],
        [services.SpeakerSpec(role="speaker", person=person, affiliation=factories.AffiliationFactory())],
    ]
    for speakers in bad:
        with pytest.raises(DomainError):
            services.session_set_speakers(session=session, by=staff, speakers=speakers)
    assert not session.participations.exists()


def test_event_lifecycle_through_its_services(staff):
    event = factories.EventFactory(status=Event.Status.DRAFT)
    services.event_publish(event=event, by=staff)
    services.event_unpublish(event=event, by=staff)
    services.event_cancel(event=event, by=staff, reason="Venue closed.")
    event.refresh_from_db()
    assert event.status == Event.Status.CANCELLED
    with pytest.raises(InvalidTransition):
        services.event_publish(event=event, by=staff)
    assert list(StatusChange.objects.of(event).values_list("transition", flat=True)) == [
        "publish",
        "unpublish",
        "cancel",
    ]


def test_participation_affiliation_must_be_the_speakers(staff):
    participation = factories.ParticipationFactory()
    participation.affiliation = factories.AffiliationFactory()
    with pytest.raises(DomainError):
        services.participation_save(participation=participation, by=staff)
    participation.affiliation = factories.AffiliationFactory(person=participation.person)
    assert services.participation_save(participation=participation, by=staff).affiliation_id
