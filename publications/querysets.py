"""Reads for publications, named for what the caller wants.

`visible_to(viewer)` hands the decision to publications/policies.py, the only place visibility is written.
"""

from django.db import models
from django.db.models import Exists, OuterRef, Prefetch


class PublicationQuerySet(models.QuerySet):
    def visible_to(self, viewer):
        from . import policies

        return policies.publications_visible_to(self, viewer)

    def published(self):
        """In the published state (who may see them is the policies' business: `visible_to`)."""
        return self.filter(status=self.model.Status.PUBLISHED)

    def news(self):
        return self.filter(type=self.model.Type.NEWS_POST)

    def not_news(self):
        return self.exclude(type=self.model.Type.NEWS_POST)

    def featured(self):
        return self.filter(featured=True)

    def members_only(self):
        return self.filter(members_only=True)

    def newest_first(self):
        return self.order_by("-published_on", "-pk")

    def related_to(self, *, event=None, session=None):
        """Publications linked to a session (related or launched there) or to an event (directly, or through
        one of its sessions)."""
        if session is not None:
            related = models.Q(related_sessions=session) | models.Q(launched_at=session)
        else:
            related = (
                models.Q(related_events=event)
                | models.Q(related_sessions__event=event)
                | models.Q(launched_at__event=event)
            )
        return self.filter(pk__in=self.model.objects.filter(related).values("pk"))

    def for_list(self):
        from .models import PublicationOrganization

        roles = PublicationOrganization.objects.select_related("organization")
        return self.prefetch_related(
            Prefetch("publication_organizations", queryset=roles, to_attr="organization_roles"),
            "topics",
        )

    def for_detail_page(self, viewer):
        from events.models import Event, Session
        from members.policies import with_person_link

        from .models import PublicationOrganization, PublicationPerson

        # Its event and sessions are named only where the viewer may see them (a session back in review after a
        # partner's edit, a draft event): the events policies decide, here as on every other page.
        visible_sessions = Session.objects.visible_to(viewer)
        return (
            self.select_related("launched_at", "launched_at__event", "translation_of")
            .annotate(launched_at_visible=Exists(visible_sessions.filter(pk=OuterRef("launched_at_id"))))
            .prefetch_related(
                Prefetch(
                    "publication_organizations",
                    queryset=PublicationOrganization.objects.select_related("organization"),
                    to_attr="organization_roles",
                ),
                Prefetch(
                    "publication_people",
                    queryset=with_person_link(PublicationPerson.objects.select_related("person"), viewer),
                    to_attr="person_roles",
                ),
                "topics",
                Prefetch("related_events", queryset=Event.objects.visible_to(viewer)),
                Prefetch("related_sessions", queryset=visible_sessions.select_related("event")),
                "translations",
            )
        )
