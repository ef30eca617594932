"""Reads for the members app, named for what the caller wants, each carrying its own joins.

`visible_to(viewer)` hands the decision to members/policies.py, the only place visibility is written.
"""

from django.db import models
from django.db.models import Prefetch

from kernel import translated


class HouseQuerySet(models.QuerySet):
    def with_member_counts(self, viewer):
        """Houses with the number of member organisations this viewer may see in each."""
        from . import policies
        from .models import Membership

        visible = policies.directory_memberships(Membership.objects.all(), viewer).values("pk")
        return self.annotate(
            active_members=models.Count("memberships", filter=models.Q(memberships__in=visible), distinct=True)
        )


class OrganizationQuerySet(models.QuerySet):
    def visible_to(self, viewer):
        from . import policies

        return policies.organizations_visible_to(self, viewer)

    def named(self, text: str):
        """Organisations a visitor means by `text`: its acronym or slug in any case, or a part of its name."""
        text = (text or "").strip()
        if not text:
            return self.none()
        return self.filter(
            models.Q(acronym__iexact=text) | models.Q(slug__iexact=text) | models.Q(name__icontains=text)
        )

    def for_autocomplete(self, limit: int = 300):
        """Names and acronyms to suggest in a filter box (a <datalist>), alphabetical, bounded."""
        return self.order_by("name").values_list("name", "acronym")[:limit]

    def directory(self, viewer, *, members_only: bool = True):
        """The member directory as `viewer` may see it: organisations with a membership in force, with houses.
        With `members_only=False`, every organisation `viewer` may see (UN agencies, ministries, co-organisers of
        sessions), members with their houses: where the page of an organisation that is not a member leads back."""
        from . import policies
        from .models import Membership

        memberships = policies.directory_memberships(Membership.objects.all(), viewer)
        shown = memberships.select_related("house").only(
            "id",
            "organization_id",
            "status",
            "started_on",
            "house__id",
            *translated.columns("house__name"),
            "house__slug",
            "house__order",
        )
        rows = self.filter(pk__in=memberships.values("organization_id")) if members_only else self.visible_to(viewer)
        return rows.select_related("parent").prefetch_related(
            Prefetch("memberships", queryset=shown, to_attr="listed_memberships")
        )

    def for_detail_page(self, viewer):
        from . import policies
        from .models import Membership

        memberships = policies.directory_memberships(Membership.objects.all(), viewer).select_related("house")
        return self.select_related("parent").prefetch_related(
            Prefetch("memberships", queryset=memberships, to_attr="listed_memberships"),
            Prefetch("children", queryset=self.model.objects.visible_to(viewer), to_attr="visible_children"),
        )


class MembershipQuerySet(models.QuerySet):
    def visible_to(self, viewer):
        from . import policies

        return policies.memberships_visible_to(self, viewer)

    def in_force(self):
        return self.filter(status=self.model.Status.ACTIVE)

    def for_admin(self):
        return self.select_related("organization", "house")


class PersonQuerySet(models.QuerySet):
    def visible_to(self, viewer):
        from . import policies

        return policies.people_visible_to(self, viewer)

    def with_current_affiliations(self, viewer):
        from .models import Affiliation

        current = Affiliation.objects.current().visible_to(viewer).select_related("organization")
        return self.prefetch_related(Prefetch("affiliations", queryset=current, to_attr="current_affiliations"))


class AffiliationQuerySet(models.QuerySet):
    def current(self):
        return self.filter(former=False, end_date__isnull=True)

    def visible_to(self, viewer):
        from . import policies

        return policies.affiliations_visible_to(self, viewer)


class SignInQuerySet(models.QuerySet):
    def of_account(self, user):
        """An account's sign-ins, most recent first, as its owner sees them on their profile."""
        return self.filter(user=user).order_by("-at", "-pk")


class NewsletterSubscriptionQuerySet(models.QuerySet):
    def visible_to(self, viewer):
        from . import policies

        return policies.newsletter_subscriptions_visible_to(self, viewer)

    def receiving(self):
        """The addresses the newsletter goes to: confirmed by their owners, not unsubscribed."""
        from . import policies

        return policies.newsletter_recipients(self)
