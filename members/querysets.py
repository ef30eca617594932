"""Reads for the members app, named for what the caller wants, each carrying its own joins."""

from django.db import models
from django.db.models import Prefetch, Q


class HouseQuerySet(models.QuerySet):
    def with_member_counts(self):
        return self.annotate(
            active_members=models.Count("memberships", filter=Q(memberships__status="active"), distinct=True)
        )


class OrganizationQuerySet(models.QuerySet):
    def directory(self):
        """The public member directory: active, publicly listed memberships, with their houses."""
        from .models import Membership

        listed = (
            Membership.objects.listed()
            .select_related("house")
            .only(
                "id",
                "organization_id",
                "status",
                "started_on",
                "house__id",
                "house__name",
                "house__slug",
                "house__order",
            )
        )
        return (
            self.filter(memberships__in=Membership.objects.listed())
            .distinct()
            .select_related("parent")
            .prefetch_related(Prefetch("memberships", queryset=listed, to_attr="listed_memberships"))
        )

    def for_detail_page(self):
        from .models import Membership

        listed = Membership.objects.listed().select_related("house")
        return self.select_related("parent").prefetch_related(
            Prefetch("memberships", queryset=listed, to_attr="listed_memberships"),
            "children",
        )


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status="active")

    def listed(self):
        """What the public directory may show: active and publicly listed."""
        return self.filter(status="active", publicly_listed=True)


class PersonQuerySet(models.QuerySet):
    def public(self):
        """People who consented to a public profile."""
        return self.filter(public_profile=True)

    def visible_to(self, user):
        if user is not None and user.is_authenticated and user.is_staff:
            return self.all()
        return self.public()

    def with_current_affiliations(self):
        from .models import Affiliation

        current = Affiliation.objects.current().select_related("organization")
        return self.prefetch_related(Prefetch("affiliations", queryset=current, to_attr="current_affiliations"))


class AffiliationQuerySet(models.QuerySet):
    def current(self):
        return self.filter(former=False, end_date__isnull=True)


def active_member_organizations(user):
    """The organisations through which `user` is an active member (current affiliation, active membership)."""
    from .models import Organization

    if user is None or not user.is_authenticated:
        return Organization.objects.none()
    return Organization.objects.filter(
        memberships__status="active", affiliations__person__user=user, affiliations__former=False
    ).distinct()
