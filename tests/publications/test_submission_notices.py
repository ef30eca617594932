"""A partner that submits a publication hears by email when the editors return it (with their note) and when
they publish it."""

import pytest
from django.core import mail

from publications.models import Publication
from publications.services import (
    publication_publish,
    publication_resubmit,
    publication_return_to_submitter,
    publication_submit,
    publication_unpublish,
    publication_withdraw,
)
from tests import factories

pytestmark = pytest.mark.django_db

BASE = "http://127.0.0.1:8000"


@pytest.fixture
def submission(staff):
    irma = factories.OrganizationFactory(
        name="Initiative for Responsible Mining Assurance", slug="irma", contact_email="comms@irma.example.org"
    )
    return publication_submit(by=staff, organization=irma, title="From Mine to Market", type=Publication.Type.REPORT)


def test_returned_with_the_editors_note(staff, submission, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        publication_return_to_submitter(publication=submission, by=staff, reason="Please add the executive summary.")
    (message,) = mail.outbox
    assert message.to == ["comms@irma.example.org"]
    assert message.subject == "Your submission needs changes: From Mine to Market"
    assert message.body == (
        "The editors sent back the report Initiative for Responsible Mining Assurance submitted, with this note:"
        "\n\nPlease add the executive summary.\n\nFrom Mine to Market\n"
        f"Your submission as the editors have it: {BASE}/api/v1/publications/from-mine-to-market/\n"
    )


def test_published_once_with_its_public_link(staff, submission, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        publication_publish(publication=submission, by=staff)
    (message,) = mail.outbox
    assert message.to == ["comms@irma.example.org"]
    assert message.subject == "Your submission is published: From Mine to Market"
    assert message.body == (
        "The editors published the report Initiative for Responsible Mining Assurance submitted.\n\n"
        f"From Mine to Market\n{BASE}/publications/from-mine-to-market/\n"
    )

    # Withdrawn and put back online: the submitter already knows it was published.
    with django_capture_on_commit_callbacks(execute=True):
        publication_withdraw(publication=submission, by=staff)
        publication_publish(publication=submission, by=staff)
    assert len(mail.outbox) == 1


def test_returned_resubmitted_and_published_tells_each_step(staff, submission, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        publication_return_to_submitter(publication=submission, by=staff, reason="Add the date.")
        publication_resubmit(publication=submission, by=staff)
        publication_publish(publication=submission, by=staff)
        publication_unpublish(publication=submission, by=staff)
    assert [m.subject for m in mail.outbox] == [
        "Your submission needs changes: From Mine to Market",
        "Your submission is published: From Mine to Market",
    ]


def test_staff_publications_send_no_notice(staff, django_capture_on_commit_callbacks):
    draft = factories.PublicationFactory(status=Publication.Status.DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        publication_publish(publication=draft, by=staff)
    assert mail.outbox == []


def test_the_submitter_is_told_in_its_own_language(staff, submission, django_capture_on_commit_callbacks):
    submission.submitted_by.language = "es"
    submission.submitted_by.save()
    with django_capture_on_commit_callbacks(execute=True):
        publication_return_to_submitter(publication=submission, by=staff, reason="Añadan el resumen.")
        publication_resubmit(publication=submission, by=staff)
        publication_publish(publication=submission, by=staff)
    assert [(m.subject, m.body) for m in mail.outbox] == [
        (
            "Su envío necesita cambios: From Mine to Market",
            "Los editores devolvieron el documento (informe) enviado por Initiative for Responsible Mining Assurance, "
            "con esta nota:\n\nAñadan el resumen.\n\nFrom Mine to Market\n"
            f"Su envío tal como lo tienen los editores: {BASE}/api/v1/publications/from-mine-to-market/\n",
        ),
        (
            "Su envío ha sido publicado: From Mine to Market",
            "Los editores publicaron el documento (informe) enviado por Initiative for Responsible Mining Assurance."
            f"\n\nFrom Mine to Market\n{BASE}/es/publications/from-mine-to-market/\n",
        ),
    ]
