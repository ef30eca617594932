"""Speaker and organisation pages: picture or initials, bio, links, every appearance as printed on the day,
publications, and only what the visitor may see."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from tests import factories
from tests.events.test_views import jsonld_blocks
from tests.html import parse

pytestmark = pytest.mark.django_db


def png(size=(8, 8)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, "PNG")
    return buffer.getvalue()


def at(year, month, day, hour=9):
    return datetime.datetime(year, month, day, hour, tzinfo=datetime.UTC)


def section_items(html: bytes, heading_id: str) -> list[str]:
    section = parse(html).find("section", aria_labelledby=heading_id)
    return [li.text for li in section.find_all("li")]


def section_ids(html: bytes) -> list[str]:
    return [s.attrs["aria-labelledby"] for s in parse(html).find("main").find_all("section")]


# --- person pages -------------------------------------------------------------------------------------


def test_person_page_lists_every_appearance_as_printed_on_the_day(client):
    person = factories.PersonFactory(given_name="Erica", family_name="Westenberg", bio="Works on governance.")
    old = factories.SessionFactory(
        title="Old panel title",
        event__title="Forum 2025",
        event__starts_at=at(2025, 5, 18),
        event__ends_at=at(2025, 5, 20),
        starts_at=at(2025, 5, 19, 10),
        ends_at=at(2025, 5, 19, 11),
    )
    new = factories.SessionFactory(
        title="Traceability",
        event__title="AGM 2026",
        event__starts_at=at(2026, 11, 2),
        event__ends_at=at(2026, 11, 5),
        starts_at=at(2026, 11, 3, 13),
        ends_at=at(2026, 11, 3, 14),
        time_invented=True,
    )
    factories.ParticipationFactory(
        person=person, session=old, role="speaker", printed_title="Analyst", printed_affiliation="NRGI"
    )
    factories.ParticipationFactory(
        person=person, session=new, role="opener", order=0, printed_title="Director", printed_affiliation="NRGI"
    )
    factories.ParticipationFactory(person=person, session=new, role="closer", order=5)

    html = client.get(person.get_absolute_url()).content

    assert section_items(html, "spoke-heading") == [
        "Traceability · AGM 2026 · Nov. 3, 2026 Invented for the demo · Opener, Closer (Director, NRGI)",
        "Old panel title · Forum 2025 · May 19, 2025 · Speaker (Analyst, NRGI)",
    ]
    assert parse(html).find("p", class_="content").text == "Works on governance."


def test_person_page_shows_initials_without_a_photo_and_the_photo_with_one(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    person = factories.PersonFactory(given_name="Erica", family_name="Westenberg")
    page = parse(client.get(person.get_absolute_url()).content)
    assert page.find("span", class_="avatar avatar-initials").text == "EW"
    assert page.find_all("img", class_="avatar") == []

    person.photo = SimpleUploadedFile("erica.png", png(), content_type="image/png")
    person.save()
    html = client.get(person.get_absolute_url()).content.decode()
    image = parse(html).find("img", class_="avatar")
    assert image.attrs["src"] == person.photo.url and image.attrs["alt"] == "Photo of Erica Westenberg"
    assert parse(html).find_all("span", class_="avatar avatar-initials") == []
    (data,) = jsonld_blocks(html)
    assert data["image"] == "http://testserver" + person.photo.url


def test_person_links_are_shown_with_their_host(client):
    person = factories.PersonFactory(website="https://www.example.org/erica", profile_url="https://orcid.org/0000-0001")
    html = client.get(person.get_absolute_url()).content
    links = parse(html).find("ul", class_="profile-links")
    assert [(a.attrs["href"], a.text) for a in links.find_all("a")] == [
        ("https://www.example.org/erica", "Website"),
        ("https://orcid.org/0000-0001", "Profile"),
    ]
    assert links.text == "Website (example.org) Profile (orcid.org)"
    (data,) = jsonld_blocks(html.decode())
    assert data["sameAs"] == ["https://www.example.org/erica", "https://orcid.org/0000-0001"]


def test_a_person_with_nothing_to_show_has_no_empty_sections(client):
    person = factories.PersonFactory()
    html = client.get(person.get_absolute_url()).content
    assert section_ids(html) == []
    assert parse(html).find_all("ul", class_="profile-links") == []


def test_staff_edit_links_in_the_admin_and_bad_addresses_are_refused(staff_client):
    person = factories.PersonFactory()
    url = reverse("admin:members_person_change", args=[person.pk])
    form = {
        "given_name": person.given_name,
        "family_name": person.family_name,
        "slug": person.slug,
        "public_profile": "on",
        "website": "javascript:alert(1)",
        "profile_url": "https://orcid.org/0000-0002",
        "affiliations-TOTAL_FORMS": 0,
        "affiliations-INITIAL_FORMS": 0,
    }
    response = staff_client.post(url, form)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {"website": ["Enter a valid URL."]}
    person.refresh_from_db()
    assert (person.website, person.profile_url) == ("", "")

    response = staff_client.post(url, {**form, "website": "https://example.org"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.website, person.profile_url) == ("https://example.org", "https://orcid.org/0000-0002")


def test_person_page_lists_publications_authored_or_launched_with_dates(client):
    person = factories.PersonFactory()
    factories.PublicationPersonFactory(
        person=person,
        role="launcher",
        publication__title="From Mine to Market",
        publication__published_on=datetime.date(2026, 11, 3),
    )
    factories.PublicationPersonFactory(
        person=person, role="author", publication__title="A brief", publication__published_on=datetime.date(2025, 1, 9)
    )
    factories.PublicationPersonFactory(
        person=person, publication__title="Members-only minutes", publication__members_only=True
    )
    html = client.get(person.get_absolute_url()).content
    assert section_items(html, "authored-heading") == [
        "From Mine to Market · Launched it · Nov. 3, 2026",
        "A brief · Author · Jan. 9, 2025",
    ]


def test_a_person_without_consent_keeps_no_public_page(client):
    person = factories.PersonFactory(public_profile=False, website="https://example.org")
    assert client.get(person.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("rows", [1, 3])
def test_person_page_query_budget(client, rows, django_assert_num_queries):
    person = factories.PersonFactory(website="https://example.org")
    factories.AffiliationFactory(person=person)
    titles = []
    for _ in range(rows):
        titles.append(factories.ParticipationFactory(person=person).session.title)
        factories.PublicationPersonFactory(person=person)
    with django_assert_num_queries(6):
        html = client.get(person.get_absolute_url()).content
    assert [item.split(" · ")[0] for item in section_items(html, "spoke-heading")] == titles
    assert len(section_items(html, "authored-heading")) == rows


# --- organisation pages -------------------------------------------------------------------------------


def test_organisation_page_shows_initials_without_a_logo(client):
    org = factories.OrganizationFactory(name="Natural Resource Governance Institute", acronym="NRGI")
    page = parse(client.get(org.get_absolute_url()).content)
    assert page.find("span", class_="avatar avatar-initials avatar-square").text == "NRGI"


def test_organisation_page_lists_sessions_its_people_spoke_at(client):
    org = factories.OrganizationFactory(acronym="NRGI")
    speaker = factories.PersonFactory(given_name="Erica", family_name="Westenberg")
    private = factories.PersonFactory(given_name="Ann", family_name="Private", public_profile=False)
    session = factories.SessionFactory(
        title="Traceability",
        event__title="AGM 2026",
        event__starts_at=at(2026, 11, 2),
        event__ends_at=at(2026, 11, 5),
        starts_at=at(2026, 11, 3, 13),
        ends_at=at(2026, 11, 3, 14),
    )
    for person, role, order in ((speaker, "opener", 0), (private, "speaker", 1), (speaker, "closer", 2)):
        factories.ParticipationFactory(
            session=session,
            person=person,
            role=role,
            order=order,
            affiliation=factories.AffiliationFactory(person=person, organization=org),
        )
    proposed = factories.SessionFactory(title="Proposed panel", status="proposed")
    factories.ParticipationFactory(
        session=proposed, person=speaker, affiliation=factories.AffiliationFactory(person=speaker, organization=org)
    )

    html = client.get(org.get_absolute_url()).content

    assert section_items(html, "speakers-heading") == [
        "Traceability · AGM 2026 · Nov. 3, 2026 · Erica Westenberg (Opener, Closer), Ann Private (Speaker)"
    ]
    links = parse(html).find("section", aria_labelledby="speakers-heading").find_all("a")
    assert [a.attrs["href"] for a in links] == [session.get_absolute_url(), speaker.get_absolute_url()]


def test_organisation_page_never_lists_a_members_only_publication_for_the_public(client):
    org = factories.OrganizationFactory()
    factories.PublicationOrganizationFactory(organization=org, publication__title="Public report")
    factories.PublicationOrganizationFactory(
        organization=org, publication__title="Members-only minutes", publication__members_only=True
    )
    html = client.get(org.get_absolute_url()).content
    assert [item.split(" · ")[0] for item in section_items(html, "pubs-heading")] == ["Public report"]


def test_organisation_page_shows_only_the_memberships_policies_allow(client):
    org = factories.OrganizationFactory()
    mining, finance = factories.HouseFactory(name="Quarries"), factories.HouseFactory(name="Lenders")
    factories.MembershipFactory(
        organization=org, house=mining, status="active", publicly_listed=True, started_on=datetime.date(2020, 1, 1)
    )
    factories.MembershipFactory(organization=org, house=finance, status="active", publicly_listed=False)
    html = client.get(org.get_absolute_url()).content
    assert section_items(html, "membership-heading") == ["Quarries, since 2020"]


def test_an_organisation_with_nothing_to_show_has_no_empty_sections(client):
    org = factories.OrganizationFactory()
    assert section_ids(client.get(org.get_absolute_url()).content) == []


@pytest.mark.parametrize("rows", [1, 3])
def test_organisation_page_with_speakers_query_budget(client, rows, django_assert_num_queries):
    org = factories.OrganizationFactory()
    titles = []
    for _ in range(rows):
        person = factories.PersonFactory()
        affiliation = factories.AffiliationFactory(person=person, organization=org)
        titles.append(factories.ParticipationFactory(person=person, affiliation=affiliation).session.title)
        factories.PublicationOrganizationFactory(organization=org)
    with django_assert_num_queries(10):
        html = client.get(org.get_absolute_url()).content
    assert sorted(item.split(" · ")[0] for item in section_items(html, "speakers-heading")) == sorted(titles)


def test_demo_report_launcher_page(demo, client):
    html = client.get("/people/erica-westenberg/").content
    items = section_items(html, "authored-heading")
    assert [item.split(" · ")[:2] for item in items] == [
        ["From Mine to Market: Using Traceability to Fight Mineral Sector Corruption", "Launched it"]
    ]
