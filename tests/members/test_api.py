"""The members part of the partner API: only what the caller may see of organisations, memberships and
people, within a fixed number of queries."""

import pytest

from members.models import Membership
from tests import factories
from tests.api_helpers import results

pytestmark = pytest.mark.django_db
S = Membership.Status


def test_unlisted_memberships_and_applicants_stay_out_of_the_public_api(api_client, make_token):
    listed = factories.MembershipFactory(status=S.ACTIVE, publicly_listed=True)
    unlisted = factories.MembershipFactory(status=S.ACTIVE, publicly_listed=False)
    applicant = factories.MembershipFactory(status=S.APPLIED)
    orgs = {o["slug"] for o in results(api_client.get("/api/v1/organizations/"))}
    memberships = {m["organization"]["slug"] for m in results(api_client.get("/api/v1/memberships/"))}
    house = {o["slug"] for o in results(api_client.get(f"/api/v1/organizations/?house={unlisted.house.slug}"))}
    assert listed.organization.slug in orgs and listed.organization.slug in memberships
    for hidden in (unlisted.organization.slug, applicant.organization.slug):
        assert hidden not in orgs and hidden not in memberships and hidden not in house
    assert api_client.get(f"/api/v1/organizations/{applicant.organization.slug}/").status_code == 404
    foreign = make_token(factories.OrganizationFactory(), ["read"])
    as_partner = {
        m["organization"]["slug"] for m in results(api_client.get("/api/v1/memberships/", HTTP_AUTHORIZATION=foreign))
    }
    assert unlisted.organization.slug not in as_partner
    member_token = make_token(listed.organization, ["read"])
    as_member = {
        m["organization"]["slug"]
        for m in results(api_client.get("/api/v1/memberships/", HTTP_AUTHORIZATION=member_token))
    }
    assert unlisted.organization.slug in as_member, "a member organisation's token sees every member"


def test_people_without_consent_are_not_in_the_api(api_client):
    public = factories.AffiliationFactory(person__public_profile=True, title="Director")
    hidden = factories.PersonFactory(public_profile=False)
    slugs = {p["slug"] for p in results(api_client.get("/api/v1/people/"))}
    assert slugs == {public.person.slug}
    assert api_client.get(f"/api/v1/people/{hidden.slug}/").status_code == 404
    detail = api_client.get(f"/api/v1/people/{public.person.slug}/").json()
    assert detail["current_affiliations"] == [
        {
            "organization": {"slug": public.organization.slug, "name": public.organization.name, "acronym": ""},
            "title": "Director",
        }
    ]


@pytest.mark.parametrize("rows", [1, 3])
def test_organizations_list_query_budget(api_client, rows, django_assert_num_queries):
    for _ in range(rows):
        factories.OrganizationFactory(parent=factories.OrganizationFactory())
    with django_assert_num_queries(2):
        response = api_client.get("/api/v1/organizations/")
    assert len(results(response)) == 2 * rows


@pytest.mark.parametrize("rows", [1, 3])
def test_memberships_list_query_budget(api_client, rows, django_assert_num_queries):
    for _ in range(rows):
        factories.MembershipFactory(status=S.ACTIVE, publicly_listed=True)
    with django_assert_num_queries(2):
        response = api_client.get("/api/v1/memberships/")
    assert len(results(response)) == rows


@pytest.mark.parametrize("rows", [1, 3])
def test_people_list_query_budget(api_client, rows, django_assert_num_queries):
    for _ in range(rows):
        factories.AffiliationFactory()
    with django_assert_num_queries(3):
        response = api_client.get("/api/v1/people/")
    assert len(results(response)) == rows


@pytest.mark.parametrize("rows", [1, 3])
def test_houses_list_query_budget(api_client, rows, django_assert_num_queries):
    for _ in range(rows):
        factories.HouseFactory()
    with django_assert_num_queries(2):
        response = api_client.get("/api/v1/houses/")
    assert len(results(response)) == 6 + rows


def test_houses_and_organisations_show_their_stored_translations(api_client):
    factories.HouseFactory(slug="civil-society-test", name="Civil society", name_es="Sociedad civil")
    organization = factories.OrganizationFactory(
        slug="gba", description="An alliance.", description_fr="Une alliance.", description_es=""
    )
    factories.MembershipFactory(organization=organization, status=S.ACTIVE, publicly_listed=True)
    house = api_client.get("/api/v1/houses/civil-society-test/", HTTP_ACCEPT_LANGUAGE="fr").json()
    assert (house["name"], house["translations"]) == (
        "Civil society",
        {"fr": {"name": ""}, "es": {"name": "Sociedad civil"}},
    )
    french = api_client.get("/api/v1/organizations/gba/", HTTP_ACCEPT_LANGUAGE="fr").json()
    assert (french["description"], french["translations"]) == (
        "Une alliance.",
        {"fr": {"description": "Une alliance."}, "es": {"description": ""}},
    )
