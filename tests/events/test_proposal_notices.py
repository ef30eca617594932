"""A partner that proposes a session hears by email what staff decided: which session, which event, when, and
where to go next."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from events.models import Session
from events.services import session_approve, session_reject
from members.services import organization_notice_address
from tests import factories

pytestmark = pytest.mark.django_db

BASE = "http://127.0.0.1:8000"


@pytest.fixture
def proposal(api_client, make_token):
    """UNEP proposes a side session through the partner API, as a partner would."""
    event = factories.EventFactory(
        title="IGF 21st Annual General Meeting",
        slug="igf-agm-2025",
        accepts_partner_sessions=True,
        starts_at=datetime.datetime(2027, 11, 3, 7, 0, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2027, 11, 6, 17, 0, tzinfo=datetime.UTC),
        timezone="Europe/Zurich",
    )
    unep = factories.OrganizationFactory(
        name="United Nations Environment Programme", slug="unep", contact_email="partnerships@unep.example.org"
    )
    response = api_client.post(
        "/api/v1/sessions/",
        {
            "event": event.slug,
            "title": "Strategies for Strengthening Traceability and Circularity",
            "starts_at": "2027-11-04T13:15:00+01:00",
            "ends_at": "2027-11-04T14:45:00+01:00",
        },
        format="json",
        HTTP_AUTHORIZATION=make_token(unep, ["sessions:write"]),
    )
    assert response.status_code == 201
    return Session.objects.get(pk=response.json()["id"])


def test_approval_in_the_admin_emails_the_proposing_organisation(
    proposal, staff_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("admin:events_session_changelist"),
            {"action": "transition_approve", "_selected_action": [proposal.pk]},
            follow=True,
        )
    assert response.status_code == 200
    (message,) = mail.outbox
    assert message.to == ["partnerships@unep.example.org"]
    assert message.subject == "Your session is approved: Strategies for Strengthening Traceability and Circularity"
    assert message.body == (
        "The events team approved the session United Nations Environment Programme proposed for IGF 21st Annual "
        "General Meeting. It is now scheduled and shown in the programme.\n\n"
        "Strategies for Strengthening Traceability and Circularity\n"
        "04 November 2027, 13:15 to 14:45 (Europe/Zurich)\n"
        f"Session page: {BASE}/events/igf-agm-2025/sessions/"
        "strategies-for-strengthening-traceability-and-circularity/\n\n"
        "Set its speakers and change its text or times through the partner API: "
        f"{BASE}/api/v1/sessions/{proposal.pk}/\n"
    )


def test_rejection_emails_the_proposing_organisation(staff, proposal, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        session_reject(session=proposal, by=staff)
    (message,) = mail.outbox
    assert message.to == ["partnerships@unep.example.org"]
    assert message.subject == (
        "Your proposed session was not accepted: Strategies for Strengthening Traceability and Circularity"
    )
    assert message.body == (
        "The events team did not accept the session United Nations Environment Programme proposed for IGF 21st "
        "Annual General Meeting, so it will not appear in the programme.\n\n"
        "Strategies for Strengthening Traceability and Circularity\n"
        "04 November 2027, 13:15 to 14:45 (Europe/Zurich)\n"
        f"Event page: {BASE}/events/igf-agm-2025/\n\n"
        f"Your proposal stays readable through the partner API: {BASE}/api/v1/sessions/{proposal.pk}/\n"
    )


def test_a_refused_decision_sends_nothing(staff, proposal, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        session_approve(session=proposal, by=staff)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(Exception, match="Cannot reject"):
        session_reject(session=proposal, by=staff)
    assert mail.outbox == []


def test_sessions_staff_made_themselves_send_no_notice(staff, django_capture_on_commit_callbacks):
    session = factories.SessionFactory(status=Session.Status.PROPOSED)
    with django_capture_on_commit_callbacks(execute=True):
        session_approve(session=session, by=staff)
    assert mail.outbox == []


def test_without_a_contact_address_the_latest_membership_contact_is_told():
    organization = factories.OrganizationFactory()
    assert organization_notice_address(organization=organization) == ""
    factories.MembershipFactory(
        organization=organization, contact_email="old@example.org", applied_on=datetime.date(2024, 1, 1)
    )
    factories.MembershipFactory(
        organization=organization,
        house=factories.HouseFactory(),
        contact_email="new@example.org",
        applied_on=datetime.date(2026, 1, 1),
    )
    assert organization_notice_address(organization=organization) == "new@example.org"
    organization.contact_email = "desk@example.org"
    assert organization_notice_address(organization=organization) == "desk@example.org"


def test_the_proposing_organisation_is_told_in_its_own_language(staff, proposal, django_capture_on_commit_callbacks):
    proposal.proposed_by.language = "fr"
    proposal.proposed_by.save()
    proposal.event.title_fr = "21e assemblée générale annuelle de l\u2019IGF"
    proposal.event.save()
    with django_capture_on_commit_callbacks(execute=True):
        session_reject(session=proposal, by=staff, reason="Le programme est complet.")
    (message,) = mail.outbox
    assert message.subject == (
        "La session que vous avez proposée n\u2019a pas été retenue\u00a0: "
        "Strategies for Strengthening Traceability and Circularity"
    )
    assert message.body == (
        "L\u2019équipe des événements n\u2019a pas retenu la session que United Nations Environment Programme a "
        "proposée pour 21e assemblée générale annuelle de l\u2019IGF\u00a0; elle n\u2019apparaîtra donc pas au "
        "programme.\n\n"
        "Le programme est complet.\n\n"
        "Strategies for Strengthening Traceability and Circularity\n"
        "04 novembre 2027, de 13:15 à 14:45 (Europe/Zurich)\n"
        f"Page de l\u2019événement\u00a0: {BASE}/fr/events/igf-agm-2025/\n\n"
        "Votre proposition reste consultable par l\u2019API des partenaires\u00a0: "
        f"{BASE}/api/v1/sessions/{proposal.pk}/\n"
    )
