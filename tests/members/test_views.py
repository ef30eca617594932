"""Directory, organisation and person pages."""

import pytest
from django.urls import reverse

from members.models import House, Membership
from tests import factories
from tests.events.test_views import jsonld_blocks
from tests.html import parse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("rows", [1, 3])
def test_directory_query_count_is_flat(client, rows, django_assert_num_queries):
    members = [factories.MembershipFactory(status=Membership.Status.ACTIVE, publicly_listed=True) for _ in range(rows)]
    with django_assert_num_queries(7):
        response = client.get(reverse("members:organization-list"))
    body = response.content.decode()
    assert all(m.organization.name in body for m in members)


def test_directory_lists_only_active_publicly_listed_members_and_filters_by_house(client):
    active = factories.MembershipFactory(status="active", publicly_listed=True, house=House.objects.get(slug="mining"))
    hidden = factories.MembershipFactory(status="active", publicly_listed=False)
    applied = factories.MembershipFactory(status="applied")
    body = client.get(reverse("members:organization-list")).content.decode()
    assert active.organization.name in body
    assert hidden.organization.name not in body and applied.organization.name not in body
    ngos = client.get(reverse("members:organization-list") + "?house=ngos").content.decode()
    assert active.organization.name not in ngos
    assert (
        active.organization.name in client.get(reverse("members:organization-list") + "?house=mining").content.decode()
    )


@pytest.mark.parametrize("rows", [1, 3])
def test_organization_page_query_count_is_flat(client, rows, django_assert_num_queries):
    org = factories.OrganizationFactory(parent=factories.OrganizationFactory())
    factories.MembershipFactory(organization=org, status="active", publicly_listed=True)
    titles = []
    for _ in range(rows):
        titles.append(factories.EventOrganizationFactory(organization=org).event.title)
        titles.append(factories.SessionOrganizationFactory(organization=org).session.title)
        titles.append(factories.PublicationOrganizationFactory(organization=org).publication.title)
    with django_assert_num_queries(10):
        response = client.get(org.get_absolute_url())
    main = parse(response.content).find("main")
    listed = [li.find_all("a")[0].text for section in main.find_all("section")[1:] for li in section.find_all("li")]
    assert sorted(listed) == sorted(titles)


def test_organisation_page_names_a_parent_body(client):
    org = factories.OrganizationFactory(parent=factories.OrganizationFactory(name="Umbrella Commission"))
    html = client.get(org.get_absolute_url()).content.decode()
    assert "Part of" in html and "Umbrella Commission" in html
    (data,) = jsonld_blocks(html)
    assert data["@type"] == "Organization" and data["parentOrganization"]["name"] == "Umbrella Commission"


@pytest.mark.parametrize("rows", [1, 3])
def test_person_page_query_count_is_flat(client, rows, django_assert_num_queries):
    person = factories.PersonFactory()
    factories.AffiliationFactory(person=person)
    for _ in range(rows):
        factories.ParticipationFactory(person=person)
    with django_assert_num_queries(6):
        response = client.get(person.get_absolute_url())
    assert response.content.decode().count(" · Speaker") == rows


def test_person_page_needs_consent(client):
    person = factories.PersonFactory(public_profile=False)
    response = client.get(person.get_absolute_url())
    assert response.status_code == 404 and "Not found" in response.content.decode()


def test_person_page_lists_only_what_the_visitor_may_see(client):
    person = factories.PersonFactory()
    factories.ParticipationFactory(person=person, session__title="Public panel")
    factories.ParticipationFactory(person=person, session__title="Proposed panel", session__status="proposed")
    factories.PublicationPersonFactory(person=person, publication__title="Public report")
    factories.PublicationPersonFactory(
        person=person, publication__title="Members-only minutes", publication__members_only=True
    )
    factories.PublicationPersonFactory(
        person=person, publication__title="Draft note", publication__status="draft", publication__published_on=None
    )
    body = client.get(person.get_absolute_url()).content.decode()
    assert "Public panel" in body and "Public report" in body
    for hidden in ("Proposed panel", "Members-only minutes", "Draft note"):
        assert hidden not in body, hidden


def test_organisation_page_hides_an_applicants_organisation(client):
    applicant = factories.MembershipFactory(status="applied").organization
    assert client.get(applicant.get_absolute_url()).status_code == 404


def test_private_contact_points_never_shown(demo, client):
    person = factories.PersonFactory(email="secret@example.org", phone="+41 22 000 00 00")
    factories.ParticipationFactory(person=person)
    body = client.get(person.get_absolute_url()).content.decode()
    assert person.family_name in body
    assert "secret@example.org" not in body and "+41 22" not in body


def test_demo_speaker_page(demo, client):
    html = client.get("/people/erica-westenberg/").content.decode()
    assert "Governance Programs Director" in html and "Natural Resource Governance Institute" in html
    assert "Strategies for Strengthening Traceability and Circularity" in html
    (data,) = jsonld_blocks(html)
    assert data["@type"] == "Person"


def test_organization_calendar(demo, client):
    import icalendar

    response = client.get("/organizations/irma/events.ics")
    cal = icalendar.Calendar.from_ical(response.content)
    titles = {str(e["SUMMARY"]) for e in cal.walk("VEVENT")}
    assert "Responsible Minerals Consultation 2027" in titles
    assert "Members' Meeting 2027" not in titles, "members-only events stay out of public calendars"


def breadcrumb(client, organization) -> list[tuple[str, str]]:
    nav = parse(client.get(organization.get_absolute_url()).content).find("nav", class_="breadcrumbs")
    return [(a.attrs["href"], a.text) for a in nav.find_all("a")]


def test_the_breadcrumb_says_members_only_on_a_members_page(client):
    member = factories.MembershipFactory(status="active", publicly_listed=True).organization
    agency = factories.OrganizationFactory(name="Environment Programme", type="un_entity")
    factories.SessionOrganizationFactory(organization=agency, role="co_organiser")
    assert breadcrumb(client, member) == [("/", "Home"), ("/organizations/", "Members")]
    assert breadcrumb(client, agency) == [("/", "Home"), ("/organizations/?show=all", "Organisations")]
    french = parse(client.get(f"/fr{agency.get_absolute_url()}").content).find("nav", class_="breadcrumbs")
    assert [(a.attrs["href"], a.text) for a in french.find_all("a")][1] == (
        "/fr/organizations/?show=all",
        "Organisations",
    )


def test_every_organisation_is_listed_where_a_non_members_breadcrumb_leads(client):
    member = factories.MembershipFactory(status="active", publicly_listed=True).organization
    agency = factories.OrganizationFactory(name="Economic Commission")
    main = parse(client.get(reverse("members:organization-list") + "?show=all").content).find("main")
    assert main.find("h1").text == "Organisations"
    assert sorted(h.text for h in main.find_all("h3")) == sorted([member.name, agency.name])
    members_only = parse(client.get(reverse("members:organization-list")).content).find("main")
    assert [h.text for h in members_only.find_all("h3")] == [member.name]


@pytest.mark.parametrize("rows", [1, 3])
def test_every_organisation_list_query_count_is_flat(client, rows, django_assert_num_queries):
    names = [factories.MembershipFactory(status="active", publicly_listed=True).organization.name for _ in range(rows)]
    names += [factories.OrganizationFactory().name for _ in range(rows)]
    with django_assert_num_queries(7):
        response = client.get(reverse("members:organization-list") + "?show=all")
    assert sorted(h.text for h in parse(response.content).find("main").find_all("h3")) == sorted(names)
