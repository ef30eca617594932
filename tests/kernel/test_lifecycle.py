"""The lifecycle machinery: tables refuse what they do not allow, record every step, and name the service."""

import pytest

from events.lifecycles import EVENT, REGISTRATION, SESSION
from events.models import Event, Registration
from kernel.errors import InvalidTransition
from kernel.lifecycle import REGISTRY, allows, lifecycle_for
from kernel.models import StatusChange
from kernel.viewer import Viewer
from members.lifecycles import MEMBERSHIP, NEWSLETTER
from publications.lifecycles import PUBLICATION
from tests import factories

pytestmark = pytest.mark.django_db


def test_every_lifecycle_is_declared_once_with_a_service_for_each_transition():
    assert REGISTRY == {
        "members.Membership": MEMBERSHIP,
        "members.NewsletterSubscription": NEWSLETTER,
        "events.Event": EVENT,
        "events.Session": SESSION,
        "events.Registration": REGISTRATION,
        "publications.Publication": PUBLICATION,
    }
    unbound = [(lc.model_label, t.name) for lc in REGISTRY.values() for t in lc if t.service is None]
    assert unbound == []


def test_apply_changes_state_records_who_and_refuses_the_rest(staff):
    event = factories.EventFactory(status=Event.Status.DRAFT)
    EVENT.apply("publish", event, by=staff, reason="Programme ready.")
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED
    change = StatusChange.objects.of(event).get()
    assert (change.transition, change.from_state, change.to_state, change.actor, change.reason) == (
        "publish",
        "draft",
        "published",
        "staff",
        "Programme ready.",
    )
    assert str(change) == "draft → published"
    with pytest.raises(InvalidTransition) as excinfo:
        EVENT.apply("publish", event, by=staff)
    assert excinfo.value.message == "Cannot publish an event that is published."
    assert StatusChange.objects.of(event).count() == 1


def test_a_transition_with_several_targets_takes_only_those(staff):
    registration = factories.RegistrationFactory(status=Registration.Status.PENDING_APPROVAL)
    with pytest.raises(InvalidTransition):
        REGISTRATION.apply("approve", registration, by=staff, target=Registration.Status.CANCELLED)
    REGISTRATION.apply("approve", registration, by=staff, target=Registration.Status.WAITLISTED)
    assert registration.status == Registration.Status.WAITLISTED


def test_actor_names_system_visitors_and_partners(partner_viewer):
    event = factories.EventFactory(status=Event.Status.DRAFT)
    EVENT.apply("publish", event, by=None)
    EVENT.apply("unpublish", event, by=Viewer.anonymous())
    unep = factories.OrganizationFactory(acronym="UNEP")
    partner = partner_viewer(unep)
    EVENT.apply("publish", event, by=partner)
    actors = list(StatusChange.objects.of(event).values_list("actor", flat=True))
    assert actors == ["system", "visitor", f"UNEP (API token {partner.token_prefix}…)"]


def test_allows_reads_the_table_for_pages():
    confirmed = factories.RegistrationFactory(status=Registration.Status.CONFIRMED)
    cancelled = factories.RegistrationFactory(status=Registration.Status.CANCELLED)
    assert (allows(confirmed, "cancel"), allows(cancelled, "cancel")) == (True, False)
    assert lifecycle_for(confirmed) is REGISTRATION
