"""The visibility matrix, generated from one table: each kind of row, in each state that may hide it, seen by
each kind of viewer, through every surface that shows that kind. Every surface must agree with the policy.

The table (CASES) says who sees a row; the surfaces say nothing of rules, they only look: is the row's
marker on the page, in the list, in the search results, the sitemap, the feed, the calendar, the API? A
surface that forgot to ask the policies shows a row to someone the table does not name, and the test fails.
Every kind has a state that everybody sees, so a surface that shows nothing at all fails too.
"""

import datetime
import itertools
import json
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from events.models import Event, Session
from kernel.models import Topic
from members.models import House, Membership, Person
from publications.models import Publication
from publications.tasks import release_embargoed_publications
from tests import factories

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)
VIEWERS = ["anonymous", "person", "member", "partner_a", "partner_b", "staff"]
ALL = frozenset(VIEWERS)
PEOPLE = frozenset({"anonymous", "person", "member", "staff"})  # who browses the site (partners use the API)
_letters = itertools.count()


def new_marker() -> str:
    # One made-up word per row, findable by search and never part of any other text.
    n = next(_letters)
    return "Zyx" + "".join("qwrtpsdfgh"[int(d)] for d in f"{n:04d}") + "vol"


@dataclass
class World:
    partner_a: object
    partner_b: object
    person_user: object
    member_user: object
    staff_user: object
    host: object
    topic: Topic
    tokens: dict = field(default_factory=dict)

    def html(self, viewer: str) -> Client:
        client = Client()
        user = {"person": self.person_user, "member": self.member_user, "staff": self.staff_user}.get(viewer)
        if user is not None:
            client.force_login(user)
        return client

    def api_get(self, viewer: str, url: str):
        client = APIClient()
        if viewer in self.tokens:
            return client.get(url, HTTP_AUTHORIZATION=self.tokens[viewer])
        user = {"person": self.person_user, "member": self.member_user, "staff": self.staff_user}.get(viewer)
        if user is not None:
            client.force_login(user)
        return client.get(url)


@pytest.fixture
def world(make_token):
    partner_a = factories.OrganizationFactory(name="Partner A", slug="partner-a")
    partner_b = factories.OrganizationFactory(name="Partner B", slug="partner-b")
    built = World(
        partner_a=partner_a,
        partner_b=partner_b,
        person_user=factories.UserFactory(username="person"),
        member_user=factories.member_user(username="member"),
        staff_user=factories.StaffFactory(username="staff"),
        host=factories.OrganizationFactory(name="Host organisation", slug="host-organisation"),
        topic=factories.TopicFactory(name="Matrix topic", slug="matrix-topic"),
    )
    factories.PersonFactory(user=built.person_user, public_profile=False)
    built.tokens = {"partner_a": make_token(partner_a), "partner_b": make_token(partner_b)}
    return built


# --- the rows, one builder per kind ------------------------------------------------------------------


def _public_speaker(marker: str) -> Person:
    # Named apart from the row's marker: their page must show the row's marker only through the row itself.
    n = next(_letters)
    return factories.PersonFactory(given_name="Orator", family_name=f"Number{n}", slug=f"orator-{n}")


def build_event(w: World, marker: str, **state) -> dict:
    event = factories.EventFactory(title=f"{marker} gathering", slug=marker.lower(), **state)
    factories.EventOrganizationFactory(event=event, organization=w.host)
    event.topics.add(w.topic)
    return {
        "marker": marker,
        "title": event.title,
        "url": event.get_absolute_url(),
        "list_url": "/events/",
        "api_list": "/api/v1/events/?limit=200",
        "api_detail": f"/api/v1/events/{event.slug}/",
        "ics_url": f"/events/{event.slug}/event.ics",
        "programme_url": f"/events/{event.slug}/programme/",
        "org_url": w.host.get_absolute_url(),
        "org_ics_url": f"/organizations/{w.host.slug}/events.ics",
        "abs_url": "http://testserver" + event.get_absolute_url(),
        "share_url": f"/share/events/{event.slug}.png",
        "event": event,
    }


def build_event_hosted_by_a(w: World, marker: str, **state) -> dict:
    subject = build_event(w, marker, **state)
    factories.EventOrganizationFactory(event=subject["event"], organization=w.partner_a, role="partner")
    return subject


def build_session(w: World, marker: str, *, event_state=None, proposed=False, **state) -> dict:
    event = factories.EventFactory(title="Container gathering", **(event_state or {}))
    session = factories.SessionFactory(
        event=event, title=f"{marker} panel", proposed_by=w.partner_a if proposed else None, **state
    )
    factories.SessionOrganizationFactory(session=session, organization=w.partner_a)
    session.topics.add(w.topic)
    speaker = _public_speaker(marker)
    factories.ParticipationFactory(session=session, person=speaker)
    return {
        "marker": marker,
        "title": session.title,
        "pk": session.pk,
        "url": session.get_absolute_url(),
        "parent_url": event.get_absolute_url(),
        "api_list": "/api/v1/sessions/?limit=200",
        "api_detail": f"/api/v1/sessions/{session.pk}/",
        "ics_url": session.get_absolute_url() + "session.ics",
        "programme_url": f"/events/{event.slug}/programme/",
        "agenda_url": f"/events/{event.slug}/agenda.ics?sessions={session.pk}",
        "person_url": speaker.get_absolute_url(),
        "org_url": w.partner_a.get_absolute_url(),
        "abs_url": "http://testserver" + session.get_absolute_url(),
        "share_url": f"/share/events/{event.slug}/{session.slug}.png",
    }


def build_person(w: World, marker: str, *, house=None, own_consent=False, **state) -> dict:
    person = factories.PersonFactory(given_name="Ada", family_name=marker, slug=marker.lower(), **state)
    if house:
        union = factories.MembershipFactory(status=Membership.Status.ACTIVE, house=House.objects.get(slug=house))
        factories.AffiliationFactory(person=person, organization=union.organization)
    if own_consent:
        Person.objects.filter(pk=person.pk).update(consent_recorded_at="2026-01-01T00:00:00Z")
    session = factories.SessionFactory(title="Open panel")
    factories.ParticipationFactory(session=session, person=person)
    return {
        "marker": marker,
        "title": person.full_name,
        "url": person.get_absolute_url(),
        "api_list": "/api/v1/people/?limit=200",
        "api_detail": f"/api/v1/people/{person.slug}/",
        "session_url": session.get_absolute_url(),
        "abs_url": "http://testserver" + person.get_absolute_url(),
    }


def build_organization(w: World, marker: str, *, membership=None) -> dict:
    org = factories.OrganizationFactory(name=f"{marker} Alliance", slug=marker.lower())
    if membership:
        factories.MembershipFactory(organization=org, **membership)
    return {
        "marker": marker,
        "title": org.name,
        "url": org.get_absolute_url(),
        "api_list": "/api/v1/organizations/?limit=200",
        "api_detail": f"/api/v1/organizations/{org.slug}/",
        "abs_url": "http://testserver" + org.get_absolute_url(),
    }


def build_membership(w: World, marker: str, **state) -> dict:
    membership = factories.MembershipFactory(
        organization=factories.OrganizationFactory(name=f"{marker} Cooperative", slug=marker.lower()),
        status=Membership.Status.ACTIVE,
        **state,
    )
    return {
        "marker": marker,
        "api_list": "/api/v1/memberships/?limit=200",
        "house_api": f"/api/v1/organizations/?house={membership.house.slug}&limit=200",
    }


def build_publication(
    w: World, marker: str, *, submitted_by_a=False, named_a=False, by_the_person=False, launch_starts=None, **state
) -> dict:
    if launch_starts is not None:
        launch = factories.SessionFactory(title="Launch panel")
        Session.objects.filter(pk=launch.pk).update(starts_at=launch_starts, ends_at=launch_starts + HOUR)
        state["launched_at"] = launch
    publication = factories.PublicationFactory(
        title=f"{marker} report",
        slug=marker.lower(),
        featured=True,
        submitted_by=w.partner_a if submitted_by_a else None,
        **state,
    )
    publication.topics.add(w.topic)
    factories.PublicationOrganizationFactory(publication=publication, organization=w.host)
    if named_a:
        factories.PublicationOrganizationFactory(publication=publication, organization=w.partner_a, role="author")
    if by_the_person:
        factories.PublicationPersonFactory(publication=publication, person=w.person_user.person, order=2)
    author = _public_speaker(marker)
    factories.PublicationPersonFactory(publication=publication, person=author)
    return {
        "marker": marker,
        "title": publication.title,
        "url": publication.get_absolute_url(),
        "list_url": "/publications/",
        "api_list": "/api/v1/publications/?limit=200",
        "api_detail": f"/api/v1/publications/{publication.slug}/",
        "person_url": author.get_absolute_url(),
        "org_url": w.host.get_absolute_url(),
        "abs_url": "http://testserver" + publication.get_absolute_url(),
    }


def build_released_publication(w: World, marker: str) -> dict:
    """Under embargo until a moment ago, and the worker's schedule has since run: public, by itself."""
    subject = build_publication(w, marker, release=Publication.Release.AT_TIME, release_at=timezone.now() + HOUR)
    Publication.objects.filter(slug=marker.lower()).update(release_at=timezone.now() - datetime.timedelta(seconds=1))
    assert release_embargoed_publications.call() == {"released": [marker.lower()]}
    return subject


def build_registration(w: World, marker: str, *, by: str) -> dict:
    event = factories.EventFactory(title=f"{marker} open gathering")
    registration = factories.RegistrationFactory(
        event=event,
        name=f"{marker} Delegate",
        email=f"{marker.lower()}@example.org",
        registered_by=w.partner_a if by == "partner_a" else None,
        user=w.person_user if by == "person" else None,
    )
    return {
        "marker": marker,
        "api_list": "/api/v1/registrations/?limit=200",
        "api_detail": f"/api/v1/registrations/{registration.pk}/",
    }


# --- the surfaces: how each shows a row, and to whom it applies --------------------------------------


def _shows(response, marker) -> bool:
    return response.status_code == 200 and marker in response.content.decode()


@dataclass(frozen=True)
class Surface:
    name: str
    look: Callable  # (world, subject, viewer) -> bool
    viewers: frozenset = ALL
    # Fetched without an account whoever asks (sitemaps, feeds, calendar subscriptions): the public's view.
    public_only: bool = False


def _page(key):
    return lambda w, s, v: _shows(w.html(v).get(s[key]), s["marker"])


def _api(key):
    return lambda w, s, v: _shows(w.api_get(v, s[key]), s["marker"])


def _api_found(w, s, v):
    return w.api_get(v, s["api_detail"]).status_code == 200


def _search(w, s, v):
    # The results page repeats the query: look for the row's title, not the made-up word.
    return _shows(w.html(v).get("/search/", {"q": s["marker"]}), s["title"])


def _sitemap(w, s, v):
    return s["abs_url"] in Client().get("/sitemap.xml").content.decode()


def _participations(w, s, v):
    response = w.api_get(v, "/api/v1/participations/?limit=200")
    return any(p["session"] == s["pk"] for p in json.loads(response.content)["results"])


def _speaker_link(w, s, v):
    page = w.html(v).get(s["session_url"]).content.decode()
    return f'href="{s["url"]}"' in page


def _share_image(w, s, v):
    return w.html(v).get(s["share_url"]).status_code == 200


def _anyone(url_key=None, url=None):
    return lambda w, s, v: _shows(Client().get(url or s[url_key]), s["marker"])


SURFACES = {
    "page": Surface("page", _page("url"), PEOPLE),
    "list": Surface("list", _page("list_url"), PEOPLE),
    "home": Surface("home", lambda w, s, v: _shows(w.html(v).get("/"), s["marker"]), PEOPLE),
    "parent page and its JSON-LD": Surface("parent page and its JSON-LD", _page("parent_url"), PEOPLE),
    "calendar file": Surface("calendar file", _page("ics_url"), PEOPLE),
    "programme": Surface("programme", _page("programme_url"), PEOPLE),
    "personal agenda": Surface("personal agenda", _page("agenda_url"), PEOPLE),
    "speaker's page": Surface("speaker's page", _page("person_url"), PEOPLE),
    "organisation's page": Surface("organisation's page", _page("org_url"), PEOPLE),
    "topic page": Surface(
        "topic page", lambda w, s, v: _shows(w.html(v).get("/topics/matrix-topic/"), s["marker"]), PEOPLE
    ),
    "search": Surface("search", _search, PEOPLE),
    "share image": Surface("share image", _share_image, PEOPLE),
    "link from the programme": Surface("link from the programme", _speaker_link, PEOPLE),
    "directory": Surface("directory", lambda w, s, v: _shows(w.html(v).get("/organizations/"), s["marker"]), PEOPLE),
    "profile": Surface(
        "profile",
        lambda w, s, v: _shows(w.html(v).get("/accounts/profile/"), s["marker"]),
        frozenset({"person", "member"}),
    ),
    "API list": Surface("API list", _api("api_list")),
    "API detail": Surface("API detail", _api_found),
    "API house filter": Surface("API house filter", _api("house_api")),
    "API participations": Surface("API participations", _participations),
    "API registrations": Surface("API registrations", _api("api_list"), frozenset({"partner_a", "partner_b", "staff"})),
    "API registration": Surface("API registration", _api_found, frozenset({"partner_a", "partner_b", "staff"})),
    "sitemap": Surface("sitemap", _sitemap, public_only=True),
    "upcoming calendar": Surface("upcoming calendar", _anyone(url="/events/upcoming.ics"), public_only=True),
    "organisation's calendar": Surface("organisation's calendar", _anyone("org_ics_url"), public_only=True),
    "feeds": Surface("feeds", _anyone(url="/publications/feed/rss/"), public_only=True),
}

KIND_SURFACES = {
    "event": [
        "page",
        "list",
        "home",
        "calendar file",
        "programme",
        "organisation's page",
        "topic page",
        "search",
        "API list",
        "API detail",
        "sitemap",
        "upcoming calendar",
        "organisation's calendar",
        "share image",
    ],
    "session": [
        "page",
        "share image",
        "parent page and its JSON-LD",
        "calendar file",
        "programme",
        "personal agenda",
        "speaker's page",
        "organisation's page",
        "topic page",
        "search",
        "API list",
        "API detail",
        "API participations",
        "sitemap",
    ],
    "person": ["page", "link from the programme", "search", "API list", "API detail", "sitemap"],
    "organisation": ["page", "search", "API list", "API detail", "sitemap"],
    "membership": ["directory", "API list", "API house filter"],
    "publication": [
        "page",
        "list",
        "home",
        "speaker's page",
        "organisation's page",
        "topic page",
        "search",
        "API list",
        "API detail",
        "sitemap",
        "feeds",
    ],
    "registration": ["profile", "API registrations", "API registration"],
}

# --- the table -----------------------------------------------------------------------------------------

E, SS, P, M = Event.Status, Session.Status, Publication.Status, Membership.Status
MEMBERS = frozenset({"member", "staff"})
STAFF = frozenset({"staff"})
PARTNER_A = frozenset({"partner_a", "staff"})

CASES = [
    ("event", "published", ALL, build_event, {}),
    ("event", "cancelled (stays up, marked)", ALL, build_event, {"status": E.CANCELLED}),
    ("event", "draft", STAFF, build_event, {"status": E.DRAFT}),
    ("event", "members-only", MEMBERS, build_event, {"visibility": Event.Visibility.MEMBERS}),
    (
        "event",
        "members-only, partner A takes part",
        MEMBERS | {"partner_a"},
        build_event_hosted_by_a,
        {"visibility": Event.Visibility.MEMBERS},
    ),
    ("session", "scheduled", ALL, build_session, {}),
    ("session", "proposed by partner A", PARTNER_A, build_session, {"status": SS.PROPOSED, "proposed": True}),
    ("session", "rejected", PARTNER_A, build_session, {"status": SS.REJECTED, "proposed": True}),
    ("session", "cancelled", PARTNER_A, build_session, {"status": SS.CANCELLED}),
    (
        "session",
        "in a members-only event",
        MEMBERS | {"partner_a"},
        build_session,
        {"event_state": {"visibility": Event.Visibility.MEMBERS}},
    ),
    ("session", "in a draft event", PARTNER_A, build_session, {"event_state": {"status": E.DRAFT}}),
    ("person", "consented", ALL, build_person, {"public_profile": True}),
    ("person", "no consent", STAFF, build_person, {"public_profile": False}),
    (
        "person",
        "at-risk house, public only by staff",
        STAFF,
        build_person,
        {"public_profile": True, "house": "affected-communities"},
    ),
    (
        "person",
        "at-risk house, own recorded consent",
        ALL,
        build_person,
        {"public_profile": True, "house": "organised-labour", "own_consent": True},
    ),
    ("organisation", "no membership", ALL, build_organization, {}),
    (
        "organisation",
        "listed member",
        ALL,
        build_organization,
        {"membership": {"status": M.ACTIVE, "publicly_listed": True}},
    ),
    ("organisation", "not publicly listed", MEMBERS, build_organization, {"membership": {"status": M.ACTIVE}}),
    ("organisation", "applicant", STAFF, build_organization, {"membership": {"status": M.APPLIED}}),
    ("organisation", "rejected applicant", STAFF, build_organization, {"membership": {"status": M.REJECTED}}),
    ("membership", "publicly listed", ALL, build_membership, {"publicly_listed": True}),
    ("membership", "not publicly listed", MEMBERS, build_membership, {"publicly_listed": False}),
    ("publication", "published", ALL, build_publication, {}),
    ("publication", "members-only", MEMBERS, build_publication, {"members_only": True}),
    ("publication", "draft", STAFF, build_publication, {"status": P.DRAFT, "published_on": None}),
    ("publication", "withdrawn", STAFF, build_publication, {"status": P.WITHDRAWN}),
    (
        "publication",
        "in review, submitted by partner A",
        PARTNER_A,
        build_publication,
        {"status": P.IN_REVIEW, "published_on": None, "submitted_by_a": True},
    ),
    (
        "publication",
        "under embargo, submitted by partner A",
        PARTNER_A,
        build_publication,
        {"release": Publication.Release.AT_TIME, "release_at": timezone.now() + 30 * 24 * HOUR, "submitted_by_a": True},
    ),
    (
        "publication",
        "under embargo until its launch session, partner A an author",
        PARTNER_A,
        build_publication,
        {"release": Publication.Release.AT_LAUNCH, "launch_starts": timezone.now() + 24 * HOUR, "named_a": True},
    ),
    (
        "publication",
        "under embargo, the person an author",
        frozenset({"person", "staff"}),
        build_publication,
        {"release": Publication.Release.AT_TIME, "release_at": timezone.now() + 24 * HOUR, "by_the_person": True},
    ),
    (
        "publication",
        "members-only under embargo",
        STAFF,
        build_publication,
        {"release": Publication.Release.AT_TIME, "release_at": timezone.now() + 24 * HOUR, "members_only": True},
    ),
    (
        "publication",
        "release time just passed (before the worker ran)",
        ALL,
        build_publication,
        {"release": Publication.Release.AT_TIME, "release_at": timezone.now() - datetime.timedelta(seconds=1)},
    ),
    ("publication", "just released by the worker", ALL, build_released_publication, {}),
    ("registration", "made by partner A", PARTNER_A, build_registration, {"by": "partner_a"}),
    ("registration", "made by the person", frozenset({"person", "staff"}), build_registration, {"by": "person"}),
    ("registration", "made by a visitor", STAFF, build_registration, {"by": "visitor"}),
]


def _case_id(case):
    return f"{case[0]}: {case[1]}"


def run_case(world, case, viewer) -> list[str]:
    kind, _state, seen_by, build, kwargs = case
    subject = build(world, new_marker(), **kwargs)
    wrong = []
    for name in KIND_SURFACES[kind]:
        surface = SURFACES[name]
        if viewer not in surface.viewers or (surface.public_only and viewer != "anonymous"):
            continue
        expected = viewer in seen_by
        if surface.look(world, subject, viewer) != expected:
            wrong.append(f"{name} {'hides' if expected else 'shows'} it")
    return wrong


@pytest.mark.parametrize("viewer", VIEWERS)
@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_every_surface_agrees_with_the_policy(world, case, viewer):
    assert run_case(world, case, viewer) == []


WARM_CASES = ("members-only", "draft", "not publicly listed", "proposed by partner A", "in a draft event")


@pytest.mark.parametrize("viewer", ["anonymous", "person", "partner_b"])
@pytest.mark.parametrize("case", [c for c in CASES if c[1] in WARM_CASES], ids=_case_id)
def test_warm_caches_serve_no_one_what_they_may_not_see(world, case, viewer, settings):
    """The same with the page cache and the API's audience cache on and already filled by staff, a member and
    partner A: no audience's view leaks to another."""
    settings.PORTAL_PAGE_CACHE_SECONDS = 60
    cache.clear()
    try:
        kind, _state, seen_by, build, kwargs = case
        subject = build(world, new_marker(), **kwargs)
        for warm in ("staff", "member", "partner_a", "anonymous"):
            for name in KIND_SURFACES[kind]:
                surface = SURFACES[name]
                if warm in surface.viewers and not surface.public_only:
                    surface.look(world, subject, warm)
        for name in KIND_SURFACES[kind]:
            surface = SURFACES[name]
            if viewer in surface.viewers:
                assert surface.look(world, subject, viewer) == (viewer in seen_by), name
    finally:
        cache.clear()


def test_the_table_covers_every_kind_state_and_viewer():
    kinds = {case[0] for case in CASES}
    assert kinds == set(KIND_SURFACES)
    for kind in kinds:
        assert (
            any(case[2] == ALL or "anonymous" in case[2] for case in CASES if case[0] == kind) or kind == "registration"
        )
    # A registration is never public: its positive rows are the registrant's and the partner's own.
    assert {case[1] for case in CASES if case[0] == "registration"} == {
        "made by partner A",
        "made by the person",
        "made by a visitor",
    }
