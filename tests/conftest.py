import pytest
from django.core.management import call_command

from tests import factories

# The seed's eight speakers, in the order they spoke (../shared/seeds/000_*.txt).
SEED_SPEAKERS = [
    "Charlotte Ndakorerwa",
    "Kristi Disney Bruckner",
    "Marit Kitaw",
    "Nicolini",
    "Rodrigo Urquiza Caroca",
    "Daniel Hill",
    "Erica Westenberg",
    "Inga Petersen",
]


@pytest.fixture
def staff(db):
    return factories.StaffFactory(username="staff")


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def demo(db):
    """The seed's demo data, loaded by the same command `make run` uses."""
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture
def organization(db):
    return factories.OrganizationFactory()


@pytest.fixture
def event(db):
    return factories.EventFactory()


ALL_SCOPES = ["read", "sessions:write", "registrations:write", "publications:submit"]


@pytest.fixture
def make_token(db):
    """make_token(organization, scopes=[...], **kwargs) -> the Authorization header value for a new token."""
    from members.services import partner_token_create

    def make(organization, scopes=None, **kwargs):
        _token, secret = partner_token_create(
            organization=organization, name="test", scopes=scopes or ALL_SCOPES, **kwargs
        )
        return f"Bearer {secret}"

    return make


@pytest.fixture
def api_client():
    from rest_framework.test import APIClient

    return APIClient()


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    """Each test's database rolls back while the memory cache would not: keep pages uncached unless a test
    turns the cache on itself (tests/portal/test_page_cache.py)."""
    settings.PORTAL_PAGE_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters and used one-time codes live in the cache, which outlives each test's database:
    start every test with an empty one."""
    from django.core.cache import cache

    cache.clear()
