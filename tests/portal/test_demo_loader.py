"""The demo loader holds every fact of the news post and is idempotent."""

import pytest
from django.core.management import call_command

from events.models import Event, Participation, Session
from kernel.models import Topic
from members.models import Affiliation, House, Membership, Organization, Person
from publications.models import Publication
from tests.conftest import DEMO_SPEAKERS

pytestmark = pytest.mark.django_db


def counts():
    return {
        m.__name__: m.objects.count()
        for m in (
            Organization,
            Membership,
            Person,
            Affiliation,
            Event,
            Session,
            Participation,
            Publication,
            Topic,
        )
    }


def test_loading_twice_changes_nothing(demo):
    before = counts()
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert counts() == before
    assert before["Person"] == 8


def test_the_side_session_has_eight_speakers_from_eight_organisations_in_order(demo):
    session = Session.objects.get(slug="strategies-for-strengthening-traceability-and-circularity")
    assert session.event.title == "IGF 21st Annual General Meeting"
    assert session.event.edition == 21
    assert session.event.theme == "Value Beyond Extraction: Rethinking Mining for a Resilient Future"
    assert session.get_type_display() == "Partner-led side session"
    programme = list(session.participations.select_related("person", "affiliation__organization"))
    people = []
    for p in programme:
        if p.person not in people:
            people.append(p.person)
    assert [p.full_name for p in people] == DEMO_SPEAKERS
    assert len({p.affiliation.organization_id for p in programme}) == 8
    charlotte_roles = [p.role for p in programme if p.person.family_name == "Ndakorerwa"]
    assert charlotte_roles == ["opener", "closer"]
    assert programme[-1].role == "closer", "the opener also concluded the session"
    kristi = next(p for p in programme if p.person.family_name == "Disney Bruckner")
    assert kristi.printed_line == "Law and Policy Director, IRMA"


def test_co_organisers_and_former_affiliations(demo):
    session = Session.objects.get(slug="strategies-for-strengthening-traceability-and-circularity")
    roles = {(r.organization.acronym, r.role) for r in session.session_organizations.select_related("organization")}
    assert roles == {
        ("UNEP", "co_organiser"),
        ("IRMA", "co_organiser"),
        ("UNEP", "co_facilitator"),
        ("IRMA", "co_facilitator"),
    }
    # The post has IRMA and UNEP organise the side session only: the meeting itself is the IGF's.
    meeting_roles = session.event.event_organizations.select_related("organization")
    assert [(r.organization.acronym, r.role) for r in meeting_roles] == [("IGF", "organiser")]
    amdc = Organization.objects.get(acronym="AMDC")
    assert amdc.parent is None, "the post names AMDC beside UNECA, not under it"
    marit = Person.objects.get(slug="marit-kitaw")
    former = marit.affiliations.get(former=True)
    assert (former.organization, former.title) == (amdc, "Interim Director")
    assert [a.organization.acronym for a in marit.affiliations.filter(former=False)] == ["UNECA"]


def test_report_launched_at_the_session_and_the_news_post_itself(demo):
    report = Publication.objects.get(slug="from-mine-to-market")
    assert report.title == "From Mine to Market: Using Traceability to Fight Mineral Sector Corruption"
    assert report.launched_at.slug == "strategies-for-strengthening-traceability-and-circularity"
    # "the Expert Group on Preventing Corruption in Transition Minerals report [...], noting contributions from IRMA"
    assert [(r.organization.short_name, r.role) for r in report.publication_organizations.all()] == [
        ("Expert Group on Preventing Corruption in Transition Minerals", "author"),
        ("IRMA", "contributor"),
    ]
    news = Publication.objects.get(type="news_post")
    assert "Win-win means for everyone." in news.body
    assert news.related_sessions.get() == report.launched_at
    assert (
        Publication.objects.get(slug="battery-benchmarks").publication_organizations.get().organization.acronym == "GBA"
    )
    ilo = Topic.objects.get(identifier="ILO 169")
    assert report.launched_at.topics.filter(pk=ilo.pk).exists()


def test_every_house_has_invented_active_members_marked_as_such(demo):
    for house in House.objects.all():
        members = Membership.objects.filter(house=house, status="active")
        assert members.count() >= 2, house
        assert all("Invented" in m.organization.description for m in members)
    assert Event.objects.filter(status="published").count() >= 3


def test_loading_again_takes_back_roles_the_post_does_not_give(demo):
    # An earlier load named IRMA and UNEP partners of the whole meeting, and the Expert Group the report's publisher.
    from events.models import EventOrganization
    from publications.models import PublicationOrganization

    agm = Event.objects.get(slug="igf-21st-agm")
    for acronym in ("IRMA", "UNEP"):
        EventOrganization.objects.create(
            event=agm, organization=Organization.objects.get(acronym=acronym), role="partner"
        )
    report = Publication.objects.get(slug="from-mine-to-market")
    PublicationOrganization.objects.create(
        publication=report,
        organization=Organization.objects.get(slug="expert-group-preventing-corruption-transition-minerals"),
        role="publisher",
    )
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert [(r.organization.acronym, r.role) for r in agm.event_organizations.all()] == [("IGF", "organiser")]
    assert sorted(report.publication_organizations.values_list("role", flat=True)) == ["author", "contributor"]
