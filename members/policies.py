"""Who may see and do what in the members app: the only place these rules are written.

Visibility, for each kind of row, as a filter over a queryset (`<Model>.objects.visible_to(viewer)` calls
these), and predicates `can_<verb>(viewer, obj)` for single decisions. Every surface (pages, API, filters,
search, sitemaps, feeds, calendars, JSON-LD, emails, caches) asks here.

- Organisations are public unless their only tie to us is private: a membership application not yet
  decided (applied, pending, rejected) or a membership staff chose not to list, with no publicly listed
  membership beside it. Members see every active member organisation; people see their own organisations;
  a partner sees its own.
- Memberships: the public sees active, publicly listed ones; members see all active ones; people and
  partners also see their own organisation's.
- People: a public profile needs the person's consent (`public_profile`); people of an organisation that is
  an active member of an at-risk house (affected communities, organised labour: houses whose profiles are
  private by default) need that consent recorded by themselves (`consent_recorded_at`), not just set by
  staff. People always see their own profile; staff see everyone.
"""

from django.conf import settings
from django.core.cache import cache
from django.db.models import BooleanField, Exists, OuterRef, Q, QuerySet, Value
from django.utils.translation import gettext as _

from kernel.policy import Decision, allow, deny
from kernel.viewer import ANONYMOUS, Viewer

from .models import Affiliation, Membership, NewsletterSubscription, Organization, Person
from .verification import email_verified

S = Membership.Status
N = NewsletterSubscription.Status
# Applications not (or not yet) accepted: nobody outside the organisation and staff learns of them.
UNDECIDED = (S.APPLIED, S.PENDING, S.REJECTED)


# --- who is looking ---------------------------------------------------------------------------------


def viewer_for_user(user, *, versions: tuple[int, int] | None = None) -> Viewer:
    """The Viewer for a signed-in user (or ANONYMOUS): their person and organisations, in one query.

    With `versions` (the content and personal versions this request read, kernel/content.py), those facts are
    kept in the shared cache per person and versions: everything they come from bumps one of the two
    (affiliations, memberships and people the content version; email addresses the personal one), so a
    cached Viewer is never older than the pages cached under the same versions, and expires with them.
    """
    if user is None or not user.is_authenticated:
        return ANONYMOUS
    key = f"viewer:{versions[0]}.{versions[1]}:{user.pk}" if versions else None
    facts = cache.get(key) if key else None
    if facts is None:
        facts = _viewer_facts(user)
        if key and settings.PORTAL_PAGE_CACHE_SECONDS > 0:
            cache.set(key, facts, settings.PORTAL_PAGE_CACHE_SECONDS)
    person_id, verified, affiliated_with, member_of = facts
    user._portal_email_verified = verified  # what email_verified(user) reads, asked again later on
    return Viewer(
        user=user,
        person_id=person_id,
        email_verified=verified,
        is_staff=bool(user.is_staff and user.is_active),
        affiliated_with=affiliated_with,
        # An account that has not confirmed its address is nobody's member yet: no members-only content.
        member_of=member_of if verified else frozenset(),
    )


def _viewer_facts(user) -> tuple[int | None, bool, frozenset[int], frozenset[int]]:
    rows = list(
        Affiliation.objects.current()
        .filter(person__user=user)
        .annotate(member=Exists(Membership.objects.filter(organization=OuterRef("organization_id"), status=S.ACTIVE)))
        .values_list("person_id", "organization_id", "member")
    )
    person_id = rows[0][0] if rows else Person.objects.filter(user=user).values_list("pk", flat=True).first()
    return (
        person_id,
        email_verified(user),
        frozenset(org for _person, org, _member in rows),
        frozenset(org for _person, org, member in rows if member),
    )


def organization_is_member(organization_id: int) -> bool:
    return Membership.objects.filter(organization_id=organization_id, status=S.ACTIVE).exists()


# --- visibility -------------------------------------------------------------------------------------


def _listed():
    return Membership.objects.filter(organization=OuterRef("pk"), status=S.ACTIVE, publicly_listed=True)


def organizations_visible_to(queryset: QuerySet, viewer: Viewer) -> QuerySet:
    if viewer.is_staff:
        return queryset
    private = Membership.objects.filter(organization=OuterRef("pk")).filter(
        Q(status__in=UNDECIDED) | Q(publicly_listed=False)
    )
    shown = Exists(_listed()) | ~Exists(private)
    if viewer.is_member:
        shown |= Exists(Membership.objects.filter(organization=OuterRef("pk"), status=S.ACTIVE))
    own = set(viewer.affiliated_with)
    if viewer.partner_id is not None:
        own.add(viewer.partner_id)
    if own:
        shown |= Q(pk__in=own)
    return queryset.filter(shown)


def memberships_visible_to(queryset: QuerySet, viewer: Viewer) -> QuerySet:
    if viewer.is_staff:
        return queryset
    shown = Q(status=S.ACTIVE) if viewer.is_member else Q(status=S.ACTIVE, publicly_listed=True)
    own = set(viewer.affiliated_with)
    if viewer.partner_id is not None:
        own.add(viewer.partner_id)
    if own:
        shown |= Q(organization_id__in=own)
    if viewer.user_id is not None:
        shown |= Q(applicant_id=viewer.user_id)
    return queryset.filter(shown)


def directory_memberships(queryset: QuerySet, viewer: Viewer) -> QuerySet:
    """The member directory: the memberships this viewer may see that make an organisation a member now."""
    return memberships_visible_to(queryset, viewer).filter(status=S.ACTIVE)


def _at_risk():
    # Currently affiliated with an active member of a house whose profiles are private by default.
    return Affiliation.objects.current().filter(
        person=OuterRef("pk"),
        organization__memberships__status=S.ACTIVE,
        organization__memberships__house__private_profiles_by_default=True,
    )


def public_people_condition() -> Q:
    """The condition, on Person rows, for a public profile (exposed for queries that join people)."""
    return Q(public_profile=True) & (Q(consent_recorded_at__isnull=False) | ~Exists(_at_risk()))


def people_visible_to(queryset: QuerySet, viewer: Viewer) -> QuerySet:
    if viewer.is_staff:
        return queryset
    shown = public_people_condition()
    if viewer.person_id is not None:
        shown |= Q(pk=viewer.person_id)
    return queryset.filter(shown)


def affiliations_visible_to(queryset: QuerySet, viewer: Viewer) -> QuerySet:
    if viewer.is_staff:
        return queryset
    return queryset.filter(
        person__in=people_visible_to(Person.objects.all(), viewer),
        organization__in=organizations_visible_to(Organization.objects.all(), viewer),
    )


def with_person_link(queryset: QuerySet, viewer: Viewer, *, person_field: str = "person") -> QuerySet:
    """Annotate rows that name a person (speakers, authors) with `person_linkable`: whether this viewer may
    follow the printed name to the person's page. The name itself is always shown as printed."""
    if viewer.is_staff:
        return queryset.annotate(person_linkable=Value(True, output_field=BooleanField()))
    people = people_visible_to(Person.objects.filter(pk=OuterRef(f"{person_field}_id")), viewer)
    return queryset.annotate(person_linkable=Exists(people))


# --- single decisions -------------------------------------------------------------------------------


def can_view_person(viewer: Viewer, person: Person) -> bool:
    return people_visible_to(Person.objects.filter(pk=person.pk), viewer).exists()


def can_link_person(viewer: Viewer, person: Person) -> bool:
    """Whether a page may link this person's name to their profile (the printed name is always shown)."""
    return can_view_person(viewer, person)


def can_apply_for_membership(viewer: Viewer) -> Decision:
    if viewer.user_id is None:
        return deny(_("Sign in to apply for membership."))
    if not viewer.email_verified:
        return deny(_("Confirm your email address before applying for membership."))
    return allow()


def can_enter_members_area(viewer: Viewer) -> Decision:
    if viewer.is_member or viewer.is_staff:
        return allow()
    if viewer.user_id is None:
        return deny(_("The members' area is for people of member organisations: sign in."))
    return deny(_("The members' area is for people of active member organisations."))


def can_see_member_contacts(viewer: Viewer) -> bool:
    """The contact points of member organisations are for members and staff only."""
    return viewer.is_member or viewer.is_staff


def can_manage_memberships(viewer: Viewer) -> bool:
    return viewer.has_perm("members.change_membership")


# --- the newsletter ---------------------------------------------------------------------------------
# Subscribers' addresses are for staff allowed to see them (the admin's list and its export); the newsletter
# goes only to addresses their owners confirmed (double opt-in) and have not left.


def newsletter_subscriptions_visible_to(queryset: QuerySet, viewer: Viewer) -> QuerySet:
    return queryset if can_see_newsletter_subscribers(viewer) else queryset.none()


def can_see_newsletter_subscribers(viewer: Viewer) -> bool:
    return viewer.has_perm("members.view_newslettersubscription")


def newsletter_recipients(queryset: QuerySet) -> QuerySet:
    return queryset.filter(status=N.CONFIRMED)


def newsletter_is_receiving(subscription: NewsletterSubscription) -> bool:
    return subscription.status == N.CONFIRMED
