"""Reads for publications, named for what the caller wants."""

from django.db import models
from django.db.models import Prefetch


class PublicationQuerySet(models.QuerySet):
    def published(self):
        """Published and public. Members-only documents are left out: see `for_members()`."""
        return self.filter(status="published", members_only=False)

    def for_members(self):
        """Everything published, members-only documents included: for the members' area."""
        return self.filter(status="published")

    def downloadable_by(self, user):
        """Publications whose file `user` may download: public ones, members-only ones for active members."""
        if user is not None and user.is_authenticated and user.is_staff:
            return self.all()
        from members.querysets import active_member_organizations

        if active_member_organizations(user).exists():
            return self.for_members()
        return self.published()

    def news(self):
        return self.filter(type="news_post")

    def not_news(self):
        return self.exclude(type="news_post")

    def visible_to(self, user):
        if user is not None and user.is_authenticated and user.is_staff:
            return self.all()
        return self.published()

    def featured(self):
        return self.published().filter(featured=True)

    def for_list(self):
        from .models import PublicationOrganization

        roles = PublicationOrganization.objects.select_related("organization")
        return self.prefetch_related(
            Prefetch("publication_organizations", queryset=roles, to_attr="organization_roles"),
            "topics",
        )

    def for_detail_page(self):
        from .models import PublicationOrganization, PublicationPerson

        return self.select_related("launched_at", "launched_at__event", "translation_of").prefetch_related(
            Prefetch(
                "publication_organizations",
                queryset=PublicationOrganization.objects.select_related("organization"),
                to_attr="organization_roles",
            ),
            Prefetch(
                "publication_people",
                queryset=PublicationPerson.objects.select_related("person"),
                to_attr="person_roles",
            ),
            "topics",
            "related_events",
            "related_sessions__event",
            "translations",
        )
