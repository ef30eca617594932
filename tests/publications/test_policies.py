"""publications/policies.py: published and public for anyone, members-only for members, a partner's own
submissions for it, everything for staff."""

import pytest

from members.models import Membership
from publications import policies
from publications.models import Publication
from tests import factories

pytestmark = pytest.mark.django_db
P = Publication.Status


def visible(viewer):
    return set(Publication.objects.visible_to(viewer).values_list("pk", flat=True))


def test_visibility_by_status_audience_and_submitter(anonymous, member, staff, partner_viewer):
    public = factories.PublicationFactory()
    members_only = factories.PublicationFactory(members_only=True)
    drafts = [factories.PublicationFactory(status=s, published_on=None) for s in (P.DRAFT, P.IN_REVIEW, P.WITHDRAWN)]
    partner = factories.OrganizationFactory()
    submitted = factories.PublicationFactory(status=P.IN_REVIEW, published_on=None, submitted_by=partner)
    assert visible(anonymous) == {public.pk}
    assert visible(member) == {public.pk, members_only.pk}
    assert visible(partner_viewer(partner, ["read"])) == {public.pk, submitted.pk}
    factories.MembershipFactory(organization=partner, status=Membership.Status.ACTIVE)
    assert visible(partner_viewer(partner, ["read"])) == {public.pk, members_only.pk, submitted.pk}
    assert visible(staff) == {public.pk, members_only.pk, submitted.pk, *(d.pk for d in drafts)}


def test_members_only_prompt_and_downloads(anonymous, member):
    minutes = factories.PublicationFactory(members_only=True)
    draft = factories.PublicationFactory(members_only=True, status=P.DRAFT, published_on=None)
    assert policies.is_members_only_for(anonymous, minutes) and not policies.is_members_only_for(member, minutes)
    assert not policies.is_members_only_for(anonymous, draft), "a draft is simply not there"
    assert not policies.can_download(member, minutes), "no file, nothing to download"


def test_who_may_submit_and_resubmit(anonymous, staff, partner_viewer):
    partner = factories.OrganizationFactory()
    returned = factories.PublicationFactory(status=P.DRAFT, published_on=None, submitted_by=partner)
    assert policies.can_submit_publication(anonymous).reason == "Publications are submitted with a partner token."
    assert not policies.can_submit_publication(partner_viewer(partner, ["read"]))
    assert policies.can_submit_publication(partner_viewer(partner)) and policies.can_submit_publication(staff)
    assert policies.can_resubmit(partner_viewer(partner), returned)
    assert not policies.can_resubmit(partner_viewer(factories.OrganizationFactory()), returned)
