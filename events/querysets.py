"""Reads for events, sessions and participations, named for what the caller wants."""

from django.db import models
from django.db.models import Prefetch, Q
from django.utils import timezone

from members.querysets import active_member_organizations


def _is_staff(user) -> bool:
    return user is not None and user.is_authenticated and user.is_staff


def _is_active_member(user) -> bool:
    return active_member_organizations(user).exists()


class EventQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status="published")

    def public(self):
        return self.published().filter(visibility="public")

    def visible_to(self, user):
        if _is_staff(user):
            return self.all()
        if _is_active_member(user):
            return self.published()
        return self.public()

    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now()).order_by("starts_at", "pk")

    def past(self, now=None):
        return self.filter(ends_at__lt=now or timezone.now()).order_by("-starts_at", "-pk")

    def for_list(self):
        from .models import EventOrganization

        hosts = EventOrganization.objects.filter(role__in=["host", "organiser"]).select_related("organization")
        return self.select_related("series").prefetch_related(
            Prefetch("event_organizations", queryset=hosts, to_attr="host_roles"),
            "topics",
        )

    def for_calendar(self):
        """Events with their scheduled sessions and speakers, for .ics descriptions."""
        from .models import Participation, Session

        sessions = Session.objects.filter(status="scheduled").prefetch_related(
            Prefetch(
                "participations",
                queryset=Participation.objects.select_related("person").order_by("order", "pk"),
                to_attr="programme",
            )
        )
        return self.prefetch_related(Prefetch("sessions", queryset=sessions, to_attr="calendar_sessions"))

    def for_event_page(self):
        from .models import EventOrganization

        roles = EventOrganization.objects.select_related("organization")
        return self.select_related("series", "series__convened_by").prefetch_related(
            Prefetch("event_organizations", queryset=roles, to_attr="organization_roles"),
            "topics",
        )


class SessionQuerySet(models.QuerySet):
    def scheduled(self):
        return self.filter(status="scheduled")

    def public(self):
        return self.scheduled().filter(event__status="published", event__visibility="public")

    def visible_to(self, user):
        if _is_staff(user):
            return self.all()
        if _is_active_member(user):
            return self.scheduled().filter(event__status="published")
        return self.public()

    def co_organised_by(self, organization):
        return self.filter(Q(session_organizations__organization=organization) | Q(proposed_by=organization)).distinct()

    def with_programme(self):
        """Co-organisers and speakers in order, with the snapshot of titles as printed."""
        from .models import Participation, SessionOrganization

        return self.prefetch_related(
            Prefetch(
                "session_organizations",
                queryset=SessionOrganization.objects.select_related("organization"),
                to_attr="organization_roles",
            ),
            Prefetch(
                "participations",
                queryset=Participation.objects.select_related("person").order_by("order", "pk"),
                to_attr="programme",
            ),
            "topics",
        )

    def for_session_page(self):
        return self.select_related("event", "event__series").with_programme()


class ParticipationQuerySet(models.QuerySet):
    def public(self):
        return self.filter(
            person__public_profile=True,
            session__status="scheduled",
            session__event__status="published",
            session__event__visibility="public",
        )

    def for_person_page(self):
        return self.select_related("session", "session__event").order_by("-session__starts_at", "order")


class RegistrationQuerySet(models.QuerySet):
    def waitlisted(self):
        return self.filter(status="waitlisted").order_by("created_at", "pk")

    def for_admin(self):
        return self.select_related("event", "session", "registered_by", "user")
