"""factory_boy factories for every model the tests build."""

import datetime

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.utils import timezone

from events.models import (
    Event,
    EventOrganization,
    EventSeries,
    Participation,
    Registration,
    Session,
    SessionOrganization,
    SessionOutput,
)
from kernel.models import Topic
from members.models import Affiliation, House, Membership, Organization, Person, User
from publications.models import Publication, PublicationOrganization, PublicationPerson


class UserFactory(factory.django.DjangoModelFactory):
    """A login whose address is confirmed (as sign-up leaves it); `email_verified=False` for one that is not."""

    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def email_verified(user, create, extracted, **kwargs):
        if create and user.email:
            EmailAddress.objects.update_or_create(
                user=user, email=user.email.lower(), defaults={"primary": True, "verified": extracted is not False}
            )


class StaffFactory(UserFactory):
    """Staff with an authenticator app (its secret on `user.totp_secret`); `second_factor=False` for none."""

    is_staff = True
    is_superuser = True

    @factory.post_generation
    def second_factor(user, create, extracted, **kwargs):
        if create and extracted is not False:
            user.totp_secret = generate_totp_secret()
            TOTP.activate(user, user.totp_secret)


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


class HouseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = House
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"House {n}")
    slug = factory.Sequence(lambda n: f"house-{n}")
    board_seats = 2


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    type = Organization.Type.NGO
    country = "CH"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organization = factory.SubFactory(OrganizationFactory)
    house = factory.LazyFunction(lambda: House.objects.get(slug="ngos"))
    status = Membership.Status.APPLIED
    applied_on = factory.LazyFunction(timezone.localdate)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    given_name = factory.Sequence(lambda n: f"Given{n}")
    family_name = factory.Sequence(lambda n: f"Family{n}")
    slug = factory.Sequence(lambda n: f"person-{n}")
    public_profile = True


class AffiliationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Affiliation

    person = factory.SubFactory(PersonFactory)
    organization = factory.SubFactory(OrganizationFactory)
    title = "Director"


def _future(days: int, hour: int = 9) -> datetime.datetime:
    base = timezone.now().replace(hour=hour, minute=0, second=0, microsecond=0)
    return base + datetime.timedelta(days=days)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Event {n}")
    slug = factory.Sequence(lambda n: f"event-{n}")
    type = Event.Type.CONFERENCE
    format = Event.Format.IN_PERSON
    city = "Geneva"
    country = "CH"
    starts_at = factory.LazyFunction(lambda: _future(30))
    ends_at = factory.LazyAttribute(lambda e: e.starts_at + datetime.timedelta(days=2))
    timezone = "Europe/Zurich"
    status = Event.Status.PUBLISHED
    visibility = Event.Visibility.PUBLIC


class EventOrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventOrganization

    event = factory.SubFactory(EventFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = EventOrganization.Role.HOST


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    event = factory.SubFactory(EventFactory)
    title = factory.Sequence(lambda n: f"Session {n}")
    slug = factory.Sequence(lambda n: f"session-{n}")
    type = Session.Type.PANEL
    status = Session.Status.SCHEDULED
    starts_at = factory.LazyAttribute(lambda s: s.event.starts_at + datetime.timedelta(hours=1))
    ends_at = factory.LazyAttribute(lambda s: s.starts_at + datetime.timedelta(hours=1))


class EventSeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventSeries

    name = factory.Sequence(lambda n: f"Annual meeting {n}")
    slug = factory.Sequence(lambda n: f"annual-meeting-{n}")


class SessionOutputFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SessionOutput

    session = factory.SubFactory("tests.factories.SessionFactory")
    kind = SessionOutput.Kind.SLIDES
    url = factory.Sequence(lambda n: f"https://example.org/slides-{n}.pdf")


class SessionOrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SessionOrganization

    session = factory.SubFactory(SessionFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = SessionOrganization.Role.CO_ORGANISER


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    session = factory.SubFactory(SessionFactory)
    person = factory.SubFactory(PersonFactory)
    role = Participation.Role.SPEAKER
    printed_title = "Director"
    printed_affiliation = "Somewhere"


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Delegate {n}")
    email = factory.Sequence(lambda n: f"delegate{n}@example.org")
    status = Registration.Status.CONFIRMED


class PublicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Publication

    title = factory.Sequence(lambda n: f"Publication {n}")
    slug = factory.Sequence(lambda n: f"publication-{n}")
    type = Publication.Type.REPORT
    status = Publication.Status.PUBLISHED
    summary = "A summary."
    body = "Some **body**."
    published_on = factory.LazyFunction(timezone.localdate)


class PublicationPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PublicationPerson

    publication = factory.SubFactory(PublicationFactory)
    person = factory.SubFactory(PersonFactory)
    role = PublicationPerson.Role.AUTHOR


class PublicationOrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PublicationOrganization

    publication = factory.SubFactory(PublicationFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = PublicationOrganization.Role.PUBLISHER


def member_user(*, organization=None, house_slug: str = "ngos", **user_fields) -> User:
    """A signed-in person currently affiliated with an organisation that holds an active membership."""
    user = UserFactory(**user_fields)
    person = PersonFactory(user=user, public_profile=False)
    membership = MembershipFactory(
        organization=organization or OrganizationFactory(),
        house=House.objects.get(slug=house_slug),
        status=Membership.Status.ACTIVE,
        publicly_listed=True,
    )
    AffiliationFactory(person=person, organization=membership.organization)
    return user
