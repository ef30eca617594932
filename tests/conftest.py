import pytest
from django.core.management import call_command

from tests import factories

# The demo session's eight speakers, in the order they spoke in the news post.
DEMO_SPEAKERS = [
    "Charlotte Ndakorerwa",
    "Kristi Disney Bruckner",
    "Marit Kitaw",
    "Nicolini",
    "Rodrigo Urquiza Caroca",
    "Daniel Hill",
    "Erica Westenberg",
    "Inga Petersen",
]
ALL_SCOPES = ["read", "sessions:write", "registrations:write", "publications:submit", "webhooks:manage"]


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Houses, staff groups and the site's own pages come from data migrations; a transactional test (browser,
    concurrency) empties the database when it ends, so put them back for whichever test comes next, whatever the
    order."""
    uses_db = {"db", "transactional_db", "live_server"} & set(request.fixturenames)
    if not uses_db and not request.node.get_closest_marker("django_db"):
        return
    request.getfixturevalue("_django_db_helper")
    from django.contrib.auth.models import Group

    from members.models import House
    from members.services import house_ensure_defaults
    from portal.models import SitePage
    from portal.services import site_pages_ensure
    from portal.staff import staff_groups_ensure

    if not House.objects.exists():
        house_ensure_defaults()
    if not Group.objects.exists():
        staff_groups_ensure()
    if not SitePage.objects.exists():
        site_pages_ensure()


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Password hashing is slow on purpose; tests make many accounts and test no hash's strength."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    """Each test's database rolls back while the memory cache would not: keep pages uncached unless a test
    turns the cache on itself (tests/portal/test_page_cache.py)."""
    settings.PORTAL_PAGE_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test's database rolls back, so content versions repeat from one test to the next: what is cached
    under a version (the site's name and colours, portal/site.py) must not outlive the test that cached it."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def staff_user(db):
    return factories.StaffFactory(username="staff")


@pytest.fixture
def staff(staff_user):
    """Staff as the services and policies see them."""
    from members.policies import viewer_for_user

    return viewer_for_user(staff_user)


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture
def anonymous():
    from kernel.viewer import Viewer

    return Viewer.anonymous()


@pytest.fixture
def member_user(db):
    """A signed-in person of an organisation with an active membership."""
    return factories.member_user()


@pytest.fixture
def member(member_user):
    from members.policies import viewer_for_user

    return viewer_for_user(member_user)


@pytest.fixture
def demo(db):
    """The demo data, loaded by the same command `make run` uses."""
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture
def organization(db):
    return factories.OrganizationFactory()


@pytest.fixture
def event(db):
    return factories.EventFactory()


@pytest.fixture
def make_token(db):
    """make_token(organization, scopes=[...], **kwargs) -> the Authorization header value for a new token."""
    from partners.services import partner_token_create

    def make(organization, scopes=None, **kwargs):
        _token, secret = partner_token_create(
            organization=organization, name="test", scopes=scopes or ALL_SCOPES, **kwargs
        )
        return f"Bearer {secret}"

    return make


@pytest.fixture
def partner_viewer(db):
    """partner_viewer(organization, scopes=[...]) -> the Viewer of a new token of that organisation."""
    from partners.policies import viewer_for_token
    from partners.services import partner_token_create

    def make(organization, scopes=None):
        token, _secret = partner_token_create(organization=organization, name="test", scopes=scopes or ALL_SCOPES)
        return viewer_for_token(token)

    return make


@pytest.fixture
def api_client():
    from rest_framework.test import APIClient

    return APIClient()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters and used one-time codes live in the cache, which outlives each test's database:
    start every test with an empty one."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def heard_events():
    """The domain events emitted (kernel.events) while the test runs, as (type, model label, pk), once committed:
    run the writes inside `django_capture_on_commit_callbacks(execute=True)`."""
    from kernel import events

    heard = []

    def listen(event):
        heard.append((event.type, event.model_label, event.instance.pk))

    events.subscribe(listen)
    yield heard
    events.unsubscribe(listen)


@pytest.fixture(autouse=True)
def _english_between_tests():
    """A request leaves its language active in the test's thread, and `reverse` prefixes page addresses with
    it (/fr/…): each test starts in English, whatever the one before it visited."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")
