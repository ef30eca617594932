from django.db.models import Prefetch, Q
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from events import services
from events.models import Event, EventOrganization, Participation, Registration, Session, SessionOrganization
from members.models import PartnerToken
from members.services import person_create
from portal.api.audit import record_write
from portal.api.idempotency import idempotent
from portal.api.permissions import CatalogueAccess, PartnerOrStaff, is_staff, partner_of
from portal.models import Topic

from .filters import EventFilter, ParticipationFilter, RegistrationFilter, SessionFilter, TopicFilter
from .serializers import (
    EventSerializer,
    ParticipationSerializer,
    RegistrationCreateSerializer,
    RegistrationSerializer,
    SessionProposalSerializer,
    SessionSerializer,
    SessionUpdateSerializer,
    SpeakersSerializer,
    TopicSerializer,
)


def _jsonable(data: dict) -> dict:
    return {k: (v.isoformat() if hasattr(v, "isoformat") else getattr(v, "slug", v)) for k, v in data.items()}


class TopicViewSet(viewsets.ReadOnlyModelViewSet):
    """The topic taxonomy shared by events, sessions and publications."""

    queryset = Topic.objects.all()
    serializer_class = TopicSerializer
    permission_classes = [CatalogueAccess]
    filterset_class = TopicFilter
    search_fields = ["name", "identifier"]
    ordering = ["name"]
    lookup_field = "slug"


class EventViewSet(viewsets.ReadOnlyModelViewSet):
    """Published public events (staff with a session also see drafts and members-only events)."""

    serializer_class = EventSerializer
    permission_classes = [CatalogueAccess]
    filterset_class = EventFilter
    search_fields = ["title", "theme", "city", "venue"]
    ordering_fields = ["starts_at", "updated_at", "title"]
    ordering = ["starts_at", "pk"]
    lookup_field = "slug"

    def get_queryset(self):
        events = Event.objects.all() if is_staff(self.request) else Event.objects.public()
        return events.select_related("series").prefetch_related(
            "topics",
            Prefetch("event_organizations", queryset=EventOrganization.objects.select_related("organization")),
        )


def _session_prefetch(queryset):
    return queryset.select_related("event", "proposed_by").prefetch_related(
        "topics",
        Prefetch("session_organizations", queryset=SessionOrganization.objects.select_related("organization")),
        Prefetch("participations", queryset=Participation.objects.select_related("person").order_by("order", "pk")),
    )


class SessionViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Sessions. Partners propose sessions for events that accept them, and edit the sessions they co-organise."""

    serializer_class = SessionSerializer
    permission_classes = [CatalogueAccess]
    write_scope = PartnerToken.Scope.SESSIONS_WRITE
    filterset_class = SessionFilter
    search_fields = ["title", "summary"]
    ordering_fields = ["starts_at", "updated_at", "title"]
    ordering = ["starts_at", "pk"]
    http_method_names = ["get", "post", "patch", "put", "head", "options"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return Session.objects.none()
        partner = partner_of(self.request)
        if is_staff(self.request):
            sessions = Session.objects.all()
        elif self.request.method not in ("GET", "HEAD", "OPTIONS"):
            # Writes reach only the partner's own sessions: anything else is a 404, never a leak.
            sessions = Session.objects.co_organised_by(partner.organization)
        elif partner is not None:
            own = Session.objects.co_organised_by(partner.organization).values("pk")
            sessions = Session.objects.filter(Q(pk__in=Session.objects.public().values("pk")) | Q(pk__in=own))
        else:
            sessions = Session.objects.public()
        return _session_prefetch(sessions)

    def _fresh(self, session) -> dict:
        return SessionSerializer(
            _session_prefetch(Session.objects.filter(pk=session.pk)).get(), context=self.get_serializer_context()
        ).data

    @extend_schema(request=SessionProposalSerializer, responses={201: SessionSerializer})
    @idempotent
    def create(self, request, *args, **kwargs):
        """Propose a session. It starts as `proposed`; staff approve it in the back office."""
        data = SessionProposalSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        staff_org = fields.pop("organization", None)
        partner = partner_of(request)
        organization = partner.organization if partner else staff_org
        if organization is None:
            raise ValidationError({"organization": ["Staff must say which organisation proposes the session."]})
        session = services.session_propose(organization=organization, **fields)
        record_write(request, "session.propose", session, _jsonable(data.validated_data))
        return Response(self._fresh(session), status=status.HTTP_201_CREATED)

    @extend_schema(request=SessionUpdateSerializer, responses={200: SessionSerializer})
    def update(self, request, *args, **kwargs):
        """Change a session's text and times (PATCH for some fields, PUT to send them all)."""
        session = self.get_object()
        data = SessionUpdateSerializer(data=request.data, partial=kwargs.get("partial", False))
        data.is_valid(raise_exception=True)
        if not data.validated_data:
            raise ValidationError({"non_field_errors": ["Send at least one field to change."]})
        updated = services.session_update(session=session, **data.validated_data)
        record_write(request, "session.update", updated, _jsonable(data.validated_data))
        return Response(self._fresh(updated))

    @extend_schema(request=SpeakersSerializer, responses={200: SessionSerializer})
    @action(detail=True, methods=["put"], url_path="speakers")
    def speakers(self, request, pk=None):
        """Replace the session's speakers, in order. New people get a profile that is not public until staff
        record their consent."""
        session = self.get_object()
        data = SpeakersSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        specs = []
        for item in data.validated_data["speakers"]:
            person = item.get("person") or person_create(**item["new_person"])
            specs.append(
                services.SpeakerSpec(
                    person=person,
                    role=item["role"],
                    printed_title=item["printed_title"],
                    printed_affiliation=item["printed_affiliation"],
                )
            )
        services.session_set_speakers(session=session, speakers=specs)
        record_write(
            request,
            "session.speakers",
            session,
            {"speakers": [{"person": s.person.slug, "role": s.role, "printed_title": s.printed_title} for s in specs]},
        )
        return Response(self._fresh(session))


class ParticipationViewSet(viewsets.ReadOnlyModelViewSet):
    """Who spoke where, in which role, with their title as printed on the day."""

    serializer_class = ParticipationSerializer
    permission_classes = [CatalogueAccess]
    filterset_class = ParticipationFilter
    ordering = ["session_id", "order", "pk"]

    def get_queryset(self):
        participations = (
            Participation.objects.all()
            if is_staff(self.request)
            else Participation.objects.filter(session__in=Session.objects.public())
        )
        return participations.select_related("person", "session")


class RegistrationViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Delegates a partner registered. Confirmed while seats last, then waitlisted; DELETE cancels and promotes
    the first on the waitlist."""

    serializer_class = RegistrationSerializer
    permission_classes = [PartnerOrStaff]
    write_scope = PartnerToken.Scope.REGISTRATIONS_WRITE
    filterset_class = RegistrationFilter
    ordering = ["-created_at", "-pk"]

    def get_queryset(self):
        registrations = Registration.objects.for_admin()
        partner = partner_of(self.request)
        if partner is not None:
            return registrations.filter(registered_by=partner.organization)
        return registrations

    @extend_schema(request=RegistrationCreateSerializer, responses={201: RegistrationSerializer})
    @idempotent
    def create(self, request, *args, **kwargs):
        data = RegistrationCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        partner = partner_of(request)
        event = data.validated_data["event"]
        registration = services.registration_create(
            event=event,
            session=data.validated_data.get("session"),
            name=data.validated_data["name"],
            email=data.validated_data["email"],
            organization_name=data.validated_data["organization_name"],
            registered_by=partner.organization if partner else None,
        )
        record_write(
            request,
            "registration.create",
            registration,
            {
                "event": event.slug,
                "email": registration.email,
                "status": registration.status,
            },
        )
        return Response(RegistrationSerializer(registration).data, status=status.HTTP_201_CREATED)

    def destroy(self, request, *args, **kwargs):
        """Cancel the registration. The row stays, with status `cancelled`."""
        registration = self.get_object()
        cancelled = services.registration_cancel(registration=registration)
        record_write(request, "registration.cancel", cancelled, {"status": "cancelled"})
        return Response(RegistrationSerializer(cancelled).data, status=status.HTTP_200_OK)
