"""The benchmark's data (make bench): a large, realistic catalogue, INVENTED throughout.

Defaults: 2,000 organisations, 20,000 people, 1,000 events, 10,000 sessions, 40,000 participations and
10,000 publications, plus one flagship event (slug `bench-flagship`) with 20 sessions and 80 speakers.
`--scale N` multiplies every count but the flagship's, keeping the proportions (people per organisation,
speakers per session, talks per person), so a page's rows stay the same while the tables grow.
Everything goes in with bulk inserts in a few seconds; run it on an empty database.

It also creates the two signed-in audiences the benchmark measures: a member (a login whose person works for
an organisation with an active membership) and a partner API token of that organisation with every scope.
`--credentials FILE` writes the member's email and password and the token's secret there (JSON), the only
place the secret is ever shown.
"""

import datetime
import json
import random
import secrets
import time

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from events.models import Event, EventOrganization, Participation, Session, SessionOrganization
from kernel.models import Topic
from members.models import Affiliation, Membership, Organization, Person
from members.services import account_email_confirm, account_signup, house_ensure_defaults
from partners.models import PartnerToken
from partners.services import partner_token_create
from publications.models import Publication, PublicationOrganization

WORDS = [
    "traceability",
    "circularity",
    "lithium",
    "cobalt",
    "nickel",
    "copper",
    "tailings",
    "water",
    "rights",
    "indigenous",
    "consent",
    "labour",
    "audit",
    "standard",
    "finance",
    "battery",
    "recycling",
    "governance",
    "transparency",
    "corruption",
    "community",
    "closure",
    "biodiversity",
    "energy",
    "transition",
    "mineral",
    "supply",
    "chain",
    "due",
    "diligence",
    "grievance",
]
ZONES = ["Europe/Zurich", "America/Santiago", "Africa/Nairobi", "Asia/Jakarta", "America/Toronto", "UTC"]
PUBLICATION_TYPES = [t for t in Publication.Type.values if t != Publication.Type.NEWS_POST]
COUNTRIES = ["CH", "CL", "KE", "ID", "CA", "PE", "ZA", "AU", "DE", "BR", "CD", "GH", "MN", "PH", "AR"]


def title(rng: random.Random, n: int = 5) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize()


DEFAULTS = {
    "organizations": 2000,
    "people": 20000,
    "events": 1000,
    "sessions": 10000,
    "participations": 40000,
    "publications": 10000,
    "seed": 2026,
    "scale": 1,
    "credentials": None,
}


class BenchDataError(Exception):
    pass


def bench_data_generate(**options) -> str:
    """Generate the benchmark catalogue in one transaction; returns a one-line summary."""
    with transaction.atomic():
        return BenchDataGenerator().generate(**{**DEFAULTS, **options})


class BenchDataGenerator:
    def generate(self, **o) -> str:
        if Event.objects.filter(slug="bench-flagship").exists():
            raise BenchDataError("Benchmark data is already loaded.")
        if o["scale"] < 1:
            raise BenchDataError("--scale must be 1 or more.")
        for count in ("organizations", "people", "events", "sessions", "participations", "publications"):
            o[count] *= o["scale"]
        started = time.monotonic()
        rng = random.Random(o["seed"])
        now = timezone.now().replace(microsecond=0)
        houses = house_ensure_defaults()
        topics = Topic.objects.bulk_create(
            Topic(name=f"{word.capitalize()}", slug=f"bench-{word}") for word in sorted(set(WORDS))
        )

        orgs = Organization.objects.bulk_create(
            (
                Organization(
                    name=f"{title(rng, 3)} {i}",
                    slug=f"bench-org-{i}",
                    acronym=f"BO{i}",
                    type=rng.choice(Organization.Type.values),
                    country=rng.choice(COUNTRIES),
                    description="Invented for the benchmark.",
                )
                for i in range(o["organizations"])
            ),
            batch_size=2000,
        )
        Membership.objects.bulk_create(
            (
                Membership(
                    organization=org,
                    house=houses[i % len(houses)],
                    status=Membership.Status.ACTIVE,
                    publicly_listed=True,
                    started_on=datetime.date(2020, 1, 1),
                    expires_on=datetime.date(2099, 12, 31),
                )
                for i, org in enumerate(orgs[: len(orgs) // 2])
            ),
            batch_size=2000,
        )
        people = Person.objects.bulk_create(
            (
                Person(
                    given_name=rng.choice(["Ana", "Ben", "Chen", "Dara", "Emeka", "Fatima", "Goran"]),
                    family_name=f"Bench{i}",
                    slug=f"bench-person-{i}",
                    public_profile=i % 3 != 0,
                )
                for i in range(o["people"])
            ),
            batch_size=5000,
        )
        affiliations = Affiliation.objects.bulk_create(
            (
                Affiliation(
                    person=person,
                    organization=orgs[i % len(orgs)],
                    title=rng.choice(["Director", "Advisor", "Officer", "Chair"]),
                )
                for i, person in enumerate(people)
            ),
            batch_size=5000,
        )

        # The flagship: one event with 20 sessions and 80 speakers, the page the benchmark loads.
        flagship = Event(
            title="Benchmark flagship conference",
            slug="bench-flagship",
            type="conference",
            format="hybrid",
            venue="Palais des Nations",
            city="Geneva",
            country="CH",
            timezone="Europe/Zurich",
            starts_at=now + datetime.timedelta(days=60),
            ends_at=now + datetime.timedelta(days=63),
            status=Publication.Status.PUBLISHED,
            visibility="public",
            theme=title(rng, 8),
            summary="Invented for the benchmark.",
        )
        events = [flagship]
        for i in range(o["events"] - 1):
            start = now + datetime.timedelta(days=rng.randint(-900, 500), hours=rng.randint(0, 23))
            events.append(
                Event(
                    title=f"{title(rng, 4)} {i}",
                    slug=f"bench-event-{i}",
                    type=rng.choice(Event.Type.values),
                    format=rng.choice(Event.Format.values),
                    city="Somewhere",
                    country=rng.choice(COUNTRIES),
                    timezone=rng.choice(ZONES),
                    starts_at=start,
                    ends_at=start + datetime.timedelta(days=2),
                    status=Publication.Status.PUBLISHED,
                    visibility="public" if i % 10 else "members",
                    theme=title(rng, 6),
                    summary="Invented for the benchmark.",
                )
            )
        events = Event.objects.bulk_create(events, batch_size=1000)
        Event.topics.through.objects.bulk_create(
            (Event.topics.through(event=e, topic=t) for e in events for t in rng.sample(topics, 2)), batch_size=5000
        )
        EventOrganization.objects.bulk_create(
            (
                EventOrganization(event=e, organization=orgs[(i * 7 + r) % len(orgs)], role=role, order=r)
                for i, e in enumerate(events)
                for r, role in enumerate(["host", "partner", "sponsor"])
            ),
            batch_size=5000,
        )

        sessions = []
        for s in range(20):
            start = flagship.starts_at + datetime.timedelta(hours=s * 2)
            sessions.append(
                Session(
                    event=flagship,
                    title=f"{title(rng)} (flagship {s})",
                    slug=f"flagship-{s}",
                    type="panel",
                    starts_at=start,
                    ends_at=start + datetime.timedelta(hours=1),
                    summary=title(rng, 12),
                )
            )
        others = events[1:]
        for s in range(o["sessions"] - 20):
            event = others[s % len(others)]
            start = event.starts_at + datetime.timedelta(hours=(s // len(others)) % 40)
            sessions.append(
                Session(
                    event=event,
                    title=f"{title(rng)} {s}",
                    slug=f"session-{s}",
                    type=rng.choice(Session.Type.values),
                    starts_at=start,
                    ends_at=start + datetime.timedelta(hours=1),
                    summary=title(rng, 12),
                )
            )
        sessions = Session.objects.bulk_create(sessions, batch_size=5000)
        Session.topics.through.objects.bulk_create(
            (Session.topics.through(session=s, topic=rng.choice(topics)) for s in sessions), batch_size=5000
        )
        SessionOrganization.objects.bulk_create(
            (
                SessionOrganization(session=s, organization=orgs[(i * 13) % len(orgs)], role="co_organiser")
                for i, s in enumerate(sessions)
            ),
            batch_size=5000,
        )
        roles = ["opener", "speaker", "panellist", "closer"]
        per_session = max(1, o["participations"] // len(sessions))
        participations = []
        for i, session in enumerate(sessions):
            for r in range(per_session):
                k = (i * per_session + r) % len(people)
                participations.append(
                    Participation(
                        session=session,
                        person=people[k],
                        affiliation=affiliations[k],
                        role=roles[r % len(roles)],
                        order=r,
                        printed_title=affiliations[k].title,
                        printed_affiliation=orgs[k % len(orgs)].name,
                    )
                )
        Participation.objects.bulk_create(participations, batch_size=10000)

        pubs = Publication.objects.bulk_create(
            (
                Publication(
                    title=f"{title(rng, 6)} {i}",
                    slug=f"bench-publication-{i}",
                    # Every fourth is a news post, so /publications/bench-publication-1/ is a report or brief.
                    type="news_post" if i % 4 == 0 else rng.choice(PUBLICATION_TYPES),
                    status=Publication.Status.PUBLISHED,
                    summary=title(rng, 20),
                    body=" ".join(title(rng, 12) for _ in range(20)),
                    published_on=(now - datetime.timedelta(days=rng.randint(0, 2000))).date(),
                    featured=i % 50 == 0,
                )
                for i in range(o["publications"])
            ),
            batch_size=5000,
        )
        PublicationOrganization.objects.bulk_create(
            (
                PublicationOrganization(publication=p, organization=orgs[(i * 11) % len(orgs)], role="publisher")
                for i, p in enumerate(pubs)
            ),
            batch_size=5000,
        )
        Publication.topics.through.objects.bulk_create(
            (Publication.topics.through(publication=p, topic=rng.choice(topics)) for p in pubs), batch_size=5000
        )
        credentials = self._audiences(orgs[0])
        if o["credentials"]:
            o["credentials"].write_text(json.dumps(credentials, indent=2))
        return (
            f"Benchmark data: {len(orgs)} organisations, {len(people)} people, {len(events)} events, "
            f"{len(sessions)} sessions, {len(participations)} participations, {len(pubs)} publications "
            f"in {time.monotonic() - started:.1f} s."
        )

    def _audiences(self, organization: Organization) -> dict:
        """A member of `organization` (an active member: it is among the first half) and a token for it."""
        password = secrets.token_urlsafe(18)
        email = "bench-member@example.org"
        login = get_user_model()(username=email, email=email)
        login.set_password(password)
        user = account_signup(user=login, given_name="Bench", family_name="Member")
        account_email_confirm(user=user)
        Affiliation.objects.create(person=user.person, organization=organization, title="Benchmark member")
        _token, secret = partner_token_create(
            organization=organization, name="Benchmark", scopes=list(PartnerToken.Scope.values)
        )
        return {
            "member": {"email": user.email, "password": password},
            "partner": {"organization": organization.slug, "token": secret},
        }
