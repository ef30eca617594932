"""API reads cached per audience: a partner's repeated read is served from the cache, under its rate limit and
its token's validity, until the catalogue changes."""

import pytest
from django.core.cache import cache

from partners.models import PartnerToken
from partners.services import partner_token_revoke
from tests import factories
from tests.api_helpers import results

pytestmark = pytest.mark.django_db


@pytest.fixture
def cached(settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


def test_a_partner_read_comes_from_its_cache_until_the_catalogue_changes(
    cached, api_client, make_token, django_assert_num_queries
):
    event = factories.EventFactory(title="Before")
    auth = make_token(factories.OrganizationFactory(), ["read"])
    first = api_client.get("/api/v1/events/", HTTP_AUTHORIZATION=auth)
    assert first["X-Audience-Cache"] == "miss"
    # A hit still checks the token (and whether its organisation is a member) and reads the content version.
    with django_assert_num_queries(3):
        second = api_client.get("/api/v1/events/", HTTP_AUTHORIZATION=auth)
    assert (second["X-Audience-Cache"], second.json()) == ("hit", first.json())
    event.title = "After"
    event.save()
    third = api_client.get("/api/v1/events/", HTTP_AUTHORIZATION=auth)
    assert (third["X-Audience-Cache"], [e["title"] for e in results(third)]) == ("miss", ["After"])


def test_a_hit_still_counts_against_the_rate_limit_and_a_revoked_token_is_refused(
    cached, api_client, make_token, settings
):
    settings.PORTAL_API_RATES = {"partner": "3/minute", "anonymous": "100/minute"}
    factories.EventFactory()
    auth = make_token(factories.OrganizationFactory(), ["read"])
    answers = [api_client.get("/api/v1/events/", HTTP_AUTHORIZATION=auth) for _ in range(4)]
    assert [(a.status_code, a.get("X-Audience-Cache")) for a in answers] == [
        (200, "miss"),
        (200, "hit"),
        (200, "hit"),
        (429, None),
    ]
    cache.clear()
    other = make_token(factories.OrganizationFactory(), ["read"])
    assert api_client.get("/api/v1/events/", HTTP_AUTHORIZATION=other)["X-Audience-Cache"] == "miss"
    partner_token_revoke(token=PartnerToken.objects.order_by("pk").last())
    refused = api_client.get("/api/v1/events/", HTTP_AUTHORIZATION=other)
    assert (refused.status_code, refused.get("X-Audience-Cache")) == (401, None)


def test_each_organisation_has_its_own_entry(cached, api_client, make_token):
    factories.EventFactory()
    first, second = (make_token(factories.OrganizationFactory(), ["read"]) for _ in range(2))
    assert api_client.get("/api/v1/events/", HTTP_AUTHORIZATION=first)["X-Audience-Cache"] == "miss"
    assert api_client.get("/api/v1/events/", HTTP_AUTHORIZATION=second)["X-Audience-Cache"] == "miss"
    assert api_client.get("/api/v1/events/", HTTP_AUTHORIZATION=second)["X-Audience-Cache"] == "hit"
