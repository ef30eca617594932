"""Embargoed publications: published ahead of their release time (a set time, or the start of the session they are
launched at), seen by staff and their contributors only until then, and public from then on by themselves: the
worker's schedule records the release, empties the page caches and announces it."""

import datetime
import time

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from background.schedules import enqueue_due
from kernel.content import current_version
from kernel.errors import DomainError
from kernel.models import StatusChange
from members.policies import viewer_for_user
from publications import policies, services
from publications.models import Publication
from tests import factories
from tests.background.conftest import run_tasks  # noqa: F401  (the worker, in batch mode)

HOUR = datetime.timedelta(hours=1)
AT_TIME, AT_LAUNCH = Publication.Release.AT_TIME, Publication.Release.AT_LAUNCH


def _seen_by_the_public(slug: str) -> dict:
    client = Client()
    return {
        "page": client.get(f"/publications/{slug}/").status_code,
        "api": client.get(f"/api/v1/publications/{slug}/").status_code,
        "list": slug in client.get("/publications/").content.decode(),
        "feed": slug in client.get("/publications/feed/rss/").content.decode(),
    }


HIDDEN = {"page": 404, "api": 404, "list": False, "feed": False}
PUBLIC = {"page": 200, "api": 200, "list": True, "feed": True}


@pytest.mark.django_db(transaction=True)
def test_invisible_until_its_time_then_public_by_itself(run_tasks, heard_events, settings):  # noqa: F811
    settings.PORTAL_PAGE_CACHE_SECONDS = 60  # the anonymous page cache on, as in production
    cache.clear()
    try:
        _embargo_then_release(run_tasks, heard_events)
    finally:
        cache.clear()


def _embargo_then_release(run_tasks, heard_events):  # noqa: F811
    staff = factories.StaffFactory()
    irma = factories.OrganizationFactory(slug="irma", contact_email="comms@irma.example.org")
    report = factories.PublicationFactory(
        slug="from-mine-to-market",
        status=Publication.Status.IN_REVIEW,
        published_on=None,
        submitted_by=irma,
        release=AT_TIME,
        # Long enough for the checks below to run before it on a loaded machine (2 s was not).
        release_at=timezone.now() + datetime.timedelta(seconds=10),
    )
    services.publication_publish(publication=report, by=viewer_for_user(staff))
    report.refresh_from_db()
    assert (report.status, report.released_at, report.published_on) == (
        Publication.Status.PUBLISHED,
        None,
        timezone.localdate(report.release_at),
    )
    assert _seen_by_the_public(report.slug) == HIDDEN  # and the page cache now holds pages without it
    assert timezone.now() < report.release_at, "the checks ran after the release time: they proved nothing"
    assert heard_events == [], "nothing is announced while under embargo"
    version = current_version()

    while timezone.now() <= report.release_at:  # nobody acts: time passes
        time.sleep(0.2)
    enqueue_due()  # the worker's scheduler, at its next check
    ran = run_tasks()
    assert {r.task_path: r.return_value for r in ran}["publications.tasks.release_embargoed_publications"] == {
        "released": ["from-mine-to-market"]
    }
    report.refresh_from_db()
    assert report.released_at is not None
    assert current_version() > version, "every cached page is stale now"
    assert _seen_by_the_public(report.slug) == PUBLIC
    assert heard_events == [("publication.published", "publications.Publication", report.pk)]
    assert StatusChange.objects.of(report).last().transition == "release"
    # Run again: nothing more to release, nothing announced twice.
    assert services.publications_release_due() == []
    assert len(heard_events) == 1


pytestmark_db = pytest.mark.django_db


@pytestmark_db
def test_following_the_launch_session(staff):
    launch = factories.SessionFactory()
    report = factories.PublicationFactory(
        status=Publication.Status.DRAFT, published_on=None, release=AT_LAUNCH, launched_at=launch
    )
    report = services.publication_publish(publication=report, by=staff)
    assert policies.is_under_embargo(report) and not policies.release_is_due(report)
    assert report.published_on == timezone.localdate(launch.starts_at)
    # The session moves to an hour ago: the report follows it.
    launch.starts_at, launch.ends_at = timezone.now() - HOUR, timezone.now()
    launch.save()
    report.refresh_from_db()
    assert not policies.is_under_embargo(report) and policies.release_is_due(report)
    assert services.publications_release_due() == [report]


@pytestmark_db
def test_published_without_embargo_is_released_at_once(staff, heard_events, django_capture_on_commit_callbacks):
    report = factories.PublicationFactory(status=Publication.Status.DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        services.publication_publish(publication=report, by=staff)
    report.refresh_from_db()
    assert report.released_at is not None
    assert heard_events == [("publication.published", "publications.Publication", report.pk)]
    assert services.publication_release(publication=report) is None, "nothing under embargo to release"


@pytestmark_db
def test_unpublished_before_its_time_is_never_released(staff):
    report = factories.PublicationFactory(
        status=Publication.Status.DRAFT, release=AT_TIME, release_at=timezone.now() + HOUR
    )
    services.publication_publish(publication=report, by=staff)
    services.publication_unpublish(publication=report, by=staff)
    Publication.objects.filter(pk=report.pk).update(release_at=timezone.now() - HOUR)
    assert services.publications_release_due() == []


@pytestmark_db
@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"release": AT_TIME}, "release_at", "Give the time of the release."),
        ({"release": AT_LAUNCH}, "launched_at", "Say at which session it is launched, or choose another release."),
    ],
)
def test_release_settings_must_hold_together(staff, fields, field, message):
    with pytest.raises(DomainError) as excinfo:
        services.publication_save(publication=Publication(title="Brief", type="brief", **fields), by=staff)
    assert (excinfo.value.field, excinfo.value.message) == (field, message)


@pytestmark_db
def test_a_public_publication_is_not_put_under_embargo_again(staff):
    report = factories.PublicationFactory(status=Publication.Status.DRAFT)
    services.publication_publish(publication=report, by=staff)
    report.refresh_from_db()
    report.release, report.release_at = AT_TIME, timezone.now() + HOUR
    with pytest.raises(DomainError) as excinfo:
        services.publication_save(publication=report, by=staff)
    assert excinfo.value.message == "It is already public: unpublish it before putting it under embargo again."
    report.release_at = timezone.now() - HOUR  # a release time in the past changes nothing: allowed
    services.publication_save(publication=report, by=staff)


def published_under_embargo(irma, staff, django_capture_on_commit_callbacks):
    """Staff publish IRMA's report, under embargo until 18 May 2027 14:00 UTC: the one email IRMA receives."""
    report = factories.PublicationFactory(
        title="From Mine to Market",
        status=Publication.Status.IN_REVIEW,
        submitted_by=irma,
        release=AT_TIME,
        release_at=datetime.datetime(2027, 5, 18, 14, 0, tzinfo=datetime.UTC),
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.publication_publish(publication=report, by=staff)
    (message,) = mail.outbox
    return message


@pytestmark_db
def test_the_submitter_hears_when_it_goes_public(staff, django_capture_on_commit_callbacks):
    irma = factories.OrganizationFactory(contact_email="comms@irma.example.org")
    message = published_under_embargo(irma, staff, django_capture_on_commit_callbacks)
    assert message.body.startswith(
        f"The editors published the report {irma.name} submitted. It is under embargo: only your organisation, its "
        "co-authors and the editors see it until 18 May 2027, 14:00 UTC, when it goes public by itself.\n\n"
    )


@pytestmark_db
def test_the_submitter_hears_of_the_embargo_in_its_own_language(staff, django_capture_on_commit_callbacks):
    irma = factories.OrganizationFactory(contact_email="comms@irma.example.org", language="fr")
    message = published_under_embargo(irma, staff, django_capture_on_commit_callbacks)
    assert message.subject == "Votre soumission est publiée\u00a0: From Mine to Market"
    assert message.body.startswith(
        f"La rédaction a publié le document (rapport) soumis par {irma.name}. Il est sous embargo\u00a0: seuls votre "
        "organisation, ses coauteurs et la rédaction le voient jusqu\u2019au 18 mai 2027, 14:00 UTC, date à "
        "laquelle il devient public de lui-même.\n\n"
    )


@pytestmark_db
def test_a_members_only_page_says_nothing_of_an_embargoed_document(client):
    factories.PublicationFactory(slug="minutes", members_only=True, release=AT_TIME, release_at=timezone.now() + HOUR)
    assert client.get("/publications/minutes/").status_code == 404
