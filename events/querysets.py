"""Reads for events, sessions, participations and registrations, named for what the caller wants.

`visible_to(viewer)` hands the decision to events/policies.py, the only place visibility is written.
"""

from django.db import models
from django.db.models import Count, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone


class EventQuerySet(models.QuerySet):
    def visible_to(self, viewer):
        from . import policies

        return policies.events_visible_to(self, viewer)

    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now()).order_by("starts_at", "pk")

    def past(self, now=None):
        return self.filter(ends_at__lt=now or timezone.now()).order_by("-starts_at", "-pk")

    def for_list(self):
        from .models import EventOrganization

        hosts = EventOrganization.objects.filter(
            role__in=[EventOrganization.Role.HOST, EventOrganization.Role.ORGANISER]
        ).select_related("organization")
        return self.select_related("series").prefetch_related(
            Prefetch("event_organizations", queryset=hosts, to_attr="host_roles"),
            "topics",
        )

    def for_calendar(self, viewer):
        """Events with the sessions `viewer` may see, their co-organisers and speakers, for .ics descriptions."""
        from .models import Participation, Session, SessionOrganization

        sessions = (
            Session.objects.visible_to(viewer)
            .order_by("starts_at", "pk")
            .prefetch_related(
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

    def involving(self, organization):
        """Events an organisation hosts, partners or co-organises a session of."""
        return self.filter(
            models.Q(pk__in=models.Subquery(organization.event_roles.values("event_id")))
            | models.Q(pk__in=models.Subquery(organization.session_roles.values("session__event_id")))
        )


class SessionQuerySet(models.QuerySet):
    def visible_to(self, viewer):
        from . import policies

        return policies.sessions_visible_to(self, viewer)

    def editable_by(self, viewer):
        from . import policies

        return policies.sessions_editable_by(self, viewer)

    def with_programme(self, viewer):
        """Co-organisers and speakers in order, with the snapshot of titles as printed, and for each speaker
        whether `viewer` may follow their name to their page."""
        from members.policies import with_person_link

        from .models import Participation, SessionOrganization

        speakers = with_person_link(Participation.objects.select_related("person").order_by("order", "pk"), viewer)
        return self.prefetch_related(
            Prefetch(
                "session_organizations",
                queryset=SessionOrganization.objects.select_related("organization"),
                to_attr="organization_roles",
            ),
            Prefetch("participations", queryset=speakers, to_attr="programme"),
            "topics",
        )

    def for_programme(self, viewer):
        """An event's sessions for its programme: in order, with co-organisers, speakers and outputs."""
        return (
            self.select_related("event").with_programme(viewer).prefetch_related("outputs").order_by("starts_at", "pk")
        )

    def for_session_page(self, viewer):
        return self.select_related("event", "event__series").with_programme(viewer).prefetch_related("outputs")


class ParticipationQuerySet(models.QuerySet):
    def visible_to(self, viewer):
        from . import policies

        return policies.participations_visible_to(self, viewer)

    def with_person_link(self, viewer):
        from members.policies import with_person_link

        return with_person_link(self, viewer)

    def for_person_page(self):
        return self.select_related("session", "session__event").order_by("-session__starts_at", "session_id", "order")

    def by_people_of(self, organization, viewer):
        """Who spoke for `organization` (their affiliation on the day), newest session first, each with its
        session and event, and whether `viewer` may follow the name to the person's page."""
        return (
            self.filter(affiliation__organization=organization)
            .with_person_link(viewer)
            .select_related("person", "session", "session__event")
            .order_by("-session__starts_at", "session_id", "order", "pk")
        )


class RegistrationQuerySet(models.QuerySet):
    def visible_to(self, viewer):
        from . import policies

        return policies.registrations_visible_to(self, viewer)

    def made_by(self, viewer):
        """The viewer's own registrations, made for themselves (events/policies.py: registrations_made_by)."""
        from . import policies

        return policies.registrations_made_by(self, viewer)

    def for_target(self, event, session=None):
        """Registrations for the event as a whole, or for one session of it."""
        return (
            self.filter(event=event, session=session)
            if session is not None
            else self.filter(event=event, session__isnull=True)
        )

    def with_waitlist_position(self):
        """`waitlist_position`: 1 for the first on the waitlist of the same event (or session), counting everyone
        waiting there in the order seats are given (waitlisted(): oldest first); meaningful for waitlisted rows."""
        slot = Coalesce("session_id", Value(0))
        ahead = (
            self.model.objects.filter(status=self.model.Status.WAITLISTED, event_id=OuterRef("event_id"))
            .annotate(slot=slot)
            .filter(slot=Coalesce(OuterRef("session_id"), Value(0)))
            .filter(
                Q(created_at__lt=OuterRef("created_at")) | Q(created_at=OuterRef("created_at"), pk__lte=OuterRef("pk"))
            )
            .order_by()
            .values("event_id")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(waitlist_position=Subquery(ahead, output_field=models.IntegerField()))

    def for_person_list(self):
        """A person's registrations with what their list shows: the event, the session, where each stands;
        latest first."""
        return (
            self.select_related("event", "session", "session__event")
            .with_waitlist_position()
            .order_by(Coalesce("session__starts_at", "event__starts_at").desc(), "-pk")
        )

    def waitlisted(self):
        return self.filter(status=self.model.Status.WAITLISTED).order_by("created_at", "pk")

    def holding_seats(self):
        return self.filter(status=self.model.Status.CONFIRMED)

    def live(self):
        return self.exclude(status=self.model.Status.CANCELLED)

    def for_admin(self):
        return self.select_related("event", "session", "registered_by", "user")
