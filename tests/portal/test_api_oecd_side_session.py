"""A partner represents a real co-organised side session entirely through the API, as its own write-up tells
it (the OECD Forum on Responsible Mineral Supply Chains): a co-organising partner who accepts, the programme's
printed title beside the working title, languages and interpretation, capacity, topics, speakers (one in two
roles), a report with its authors, co-publisher, file, event and launch session; then staff record who came.
Staff decisions are the admin's (its services); everything the partner does is an HTTP call."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from events import services as event_services
from events.models import Registration, Session
from publications import services as publication_services
from publications.models import Publication
from tests import factories
from tests.api_helpers import call, results

pytestmark = pytest.mark.django_db


def test_the_oecd_side_session_through_the_api(api_client, make_token, staff, staff_user):
    forum = factories.EventFactory(
        slug="oecd-forum-2026",
        title="OECD Forum on Responsible Mineral Supply Chains",
        accepts_partner_sessions=True,
        starts_at=datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=30),
        ends_at=datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=32),
    )
    factories.TopicFactory(slug="traceability")
    oecd_org = factories.OrganizationFactory(slug="oecd", name="OECD")
    irma_org = factories.OrganizationFactory(slug="irma", name="IRMA")
    oecd, irma = make_token(oecd_org), make_token(irma_org)
    start = forum.starts_at + datetime.timedelta(hours=2)

    proposed = call(
        api_client,
        "post",
        "/api/v1/sessions/",
        oecd,
        event=forum.slug,
        title="Traceability side session",
        printed_title="Strategies for Strengthening Traceability and Circularity",
        starts_at=start.isoformat(),
        ends_at=(start + datetime.timedelta(minutes=90)).isoformat(),
        languages=["en", "fr"],
        interpretation=["fr"],
        capacity=80,
        topics=["traceability"],
        co_organizers=["irma"],
    )
    assert proposed.status_code == 201, proposed.content
    session_id = proposed.json()["id"]
    url = f"/api/v1/sessions/{session_id}/"

    speakers = call(
        api_client,
        "put",
        f"{url}speakers/",
        oecd,
        speakers=[
            {"new_person": {"given_name": "Ana", "family_name": "Moderadora"}, "role": "moderator"},
            {"new_person": {"given_name": "Ana", "family_name": "Moderadora"}, "role": "speaker"},
            {
                "new_person": {"honorific": "Dr", "given_name": "Kofi", "family_name": "Mensah"},
                "role": "speaker",
                "printed_title": "Head of Supply Chains, invented for the demo",
            },
        ],
    )
    assert speakers.status_code == 200, speakers.content
    rows = [(s["person"], s["role"]) for s in speakers.json()["speakers"]]
    assert rows == [("ana-moderadora", "moderator"), ("ana-moderadora", "speaker"), ("kofi-mensah", "speaker")]

    # Staff approve in the admin; the session shows only once IRMA accepts to co-organise it.
    event_services.session_approve(session=Session.objects.get(pk=session_id), by=staff)
    assert session_id not in [s["id"] for s in results(call(api_client, "get", "/api/v1/sessions/"))]
    assert call(api_client, "post", f"{url}accept/", irma).status_code == 200
    public = call(api_client, "get", url).json()
    assert (public["printed_title"], public["languages"], public["interpretation"], public["capacity"]) == (
        "Strategies for Strengthening Traceability and Circularity",
        ["en", "fr"],
        ["fr"],
        80,
    )
    assert [(o["organization"], o["role"], o["accepted"]) for o in public["organizations"]] == [
        ("oecd", "organiser", True),
        ("irma", "co_organiser", True),
    ]

    submitted = call(
        api_client,
        "post",
        "/api/v1/publications/",
        oecd,
        title="Traceability in mineral supply chains",
        type="report",
        authors=["kofi-mensah"],
        co_publishers=["irma"],
        topics=["traceability"],
        event=forum.slug,
        launch_session=session_id,
    )
    assert submitted.status_code == 201, submitted.content
    slug = submitted.json()["slug"]
    uploaded = api_client.post(
        f"/api/v1/publications/{slug}/file/",
        {"file": SimpleUploadedFile("report.pdf", b"%PDF-1.4 report")},
        format="multipart",
        HTTP_AUTHORIZATION=oecd,
    )
    assert uploaded.status_code == 200, uploaded.content
    publication_services.publication_publish(publication=Publication.objects.get(slug=slug), by=staff)
    report = call(api_client, "get", f"/api/v1/publications/{slug}/").json()
    # Named as printed; no link to a page until he consents to one.
    assert [(p["person"], p["name"], p["role"]) for p in report["people"]] == [(None, "Kofi Mensah", "author")]
    assert [(o["organization"], o["role"]) for o in report["organizations"]] == [
        ("oecd", "publisher"),
        ("irma", "publisher"),
    ]
    assert (report["related_events"], report["launched_at"], report["topics"]) == (
        [forum.slug],
        session_id,
        ["traceability"],
    )

    # Once the forum is over, staff record who attended (its history), through the same API.
    Session.objects.filter(event=forum).update(
        starts_at=datetime.datetime(2026, 5, 5, 9, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2026, 5, 5, 10, tzinfo=datetime.UTC),
    )
    type(forum).objects.filter(pk=forum.pk).update(
        starts_at=datetime.datetime(2026, 5, 4, 8, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2026, 5, 6, 18, tzinfo=datetime.UTC),
    )
    api_client.force_login(staff_user)
    attendance = call(
        api_client,
        "post",
        f"/api/v1/events/{forum.slug}/attendance/",
        delegates=[{"name": "Lea Delegate", "email": "lea@example.org", "organization_name": "OECD"}],
    )
    assert attendance.status_code == 200, attendance.content
    assert list(Registration.objects.filter(event=forum).values_list("email", "attended")) == [
        ("lea@example.org", True)
    ]
