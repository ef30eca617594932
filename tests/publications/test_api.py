"""The publications part of the partner API: submissions, members-only documents and query budgets."""

import pytest

from members.models import Membership
from publications.models import Publication
from tests import factories
from tests.api_helpers import call, results

pytestmark = pytest.mark.django_db


def test_submit_publication_for_review(api_client, make_token):
    gba, unep = factories.OrganizationFactory(slug="gba"), factories.OrganizationFactory(slug="unep")
    payload = {"title": "Battery passport brief", "type": "brief", "body": "<script>x</script>**Hi**"}
    assert call(api_client, "post", "/api/v1/publications/", make_token(gba, ["read"]), **payload).status_code == 403
    created = call(api_client, "post", "/api/v1/publications/", make_token(gba), **payload)
    assert created.status_code == 201
    body = created.json()
    assert (body["status"], body["submitted_by"], body["url"]) == ("in_review", "gba", None)
    assert body["body_html"].strip() == "<p><strong>Hi</strong></p>", "the script and its text are gone"
    slug = body["slug"]
    assert call(api_client, "get", f"/api/v1/publications/{slug}/", make_token(gba)).status_code == 200
    assert call(api_client, "get", f"/api/v1/publications/{slug}/", make_token(unep)).status_code == 404
    assert call(api_client, "get", f"/api/v1/publications/{slug}/").status_code == 404
    assert Publication.objects.get(slug=slug).status == Publication.Status.IN_REVIEW
    news = call(api_client, "post", "/api/v1/publications/", make_token(gba), title="x", type="news_post")
    assert news.status_code == 400 and "type" in news.json()["errors"]


def test_members_only_documents_only_for_member_organisations_tokens(api_client, make_token):
    minutes = factories.PublicationFactory(title="Board minutes", members_only=True)
    outsider = make_token(factories.OrganizationFactory(), ["read"])
    member_org = factories.MembershipFactory(status=Membership.Status.ACTIVE).organization
    member = make_token(member_org, ["read"])
    assert minutes.slug not in {
        p["slug"] for p in results(api_client.get("/api/v1/publications/", HTTP_AUTHORIZATION=outsider))
    }
    assert api_client.get(f"/api/v1/publications/{minutes.slug}/", HTTP_AUTHORIZATION=outsider).status_code == 404
    assert api_client.get(f"/api/v1/publications/{minutes.slug}/").status_code == 404
    assert minutes.slug in {
        p["slug"] for p in results(api_client.get("/api/v1/publications/", HTTP_AUTHORIZATION=member))
    }


def test_authors_link_only_with_consent(api_client):
    publication = factories.PublicationFactory()
    factories.PublicationPersonFactory(publication=publication, person__public_profile=True, person__slug="shown")
    factories.PublicationPersonFactory(publication=publication, person__public_profile=False, person__slug="hidden")
    people = api_client.get(f"/api/v1/publications/{publication.slug}/").json()["people"]
    assert [p["person"] for p in people] == ["shown", None]


@pytest.mark.parametrize("rows", [1, 3])
def test_publications_list_query_budget(api_client, rows, django_assert_num_queries):
    for _ in range(rows):
        pub = factories.PublicationOrganizationFactory().publication
        pub.topics.add(factories.TopicFactory())
        pub.related_sessions.add(factories.SessionFactory())
        factories.PublicationPersonFactory(publication=pub)
    with django_assert_num_queries(7):
        response = api_client.get("/api/v1/publications/")
    assert len(results(response)) == rows
