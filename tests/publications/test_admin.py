"""The publications back office: the list within a query budget, the editorial lifecycle through services."""

import pytest
from django.urls import reverse

from kernel.models import StatusChange
from publications.models import Publication
from tests import factories

pytestmark = pytest.mark.django_db
P = Publication.Status


@pytest.mark.parametrize("rows", [1, 3])
def test_changelist_query_budget(rows, staff_client, django_assert_num_queries):
    pubs = [factories.PublicationFactory(submitted_by=factories.OrganizationFactory()) for _ in range(rows)]
    with django_assert_num_queries(8):
        body = staff_client.get(reverse("admin:publications_publication_changelist")).content.decode()
    assert all(p.title in body for p in pubs)


def test_publish_action_sets_the_date(staff_client):
    draft = factories.PublicationFactory(status=P.DRAFT, published_on=None)
    staff_client.post(
        reverse("admin:publications_publication_changelist"),
        {"action": "transition_publish", "_selected_action": [draft.pk]},
    )
    draft.refresh_from_db()
    assert draft.status == P.PUBLISHED and draft.published_on is not None


def test_returning_a_submission_needs_a_note_shown_to_the_partner(staff_client):
    submission = factories.PublicationFactory(
        status=P.IN_REVIEW, published_on=None, submitted_by=factories.OrganizationFactory()
    )
    url = reverse("admin:publications_publication_transition", args=[submission.pk, "return_to_submitter"])
    page = staff_client.get(reverse("admin:publications_publication_change", args=[submission.pk])).content.decode()
    assert url in page
    refused = staff_client.post(url, {"reason": " "}, follow=True).content.decode()
    assert "A note is required when returning a submission." in refused
    staff_client.post(url, {"reason": "Please add the authors."})
    submission.refresh_from_db()
    assert (submission.status, submission.review_note) == (P.DRAFT, "Please add the authors.")
    assert StatusChange.objects.of(submission).get().transition == "return_to_submitter"
