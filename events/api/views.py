"""The events part of the partner API. Who may read or write what is asked of events/policies.py (through
the querysets' `visible_to` and `editable_by`, and the services); these views only translate HTTP."""

from django.db.models import Prefetch, Q
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.generics import get_object_or_404  # a malformed id is a 404, as in get_object()
from rest_framework.response import Response

from events import services
from events.models import Event, EventOrganization, Participation, Registration, Session
from kernel.api.conditional import ETagMixin
from kernel.api.location import CreatedLocationMixin
from kernel.models import Topic
from members.models import Person
from partners.api.audit import record_write
from partners.api.authentication import api_viewer
from partners.api.caching import AudienceCachedReads
from partners.api.idempotency import idempotent
from partners.api.permissions import CatalogueAccess, PartnerOrStaff
from partners.api.serializers import ApiWriteLogSerializer
from partners.models import ApiWriteLog, PartnerToken
from partners.policies import write_log_visible_to

from .filters import EventFilter, ParticipationFilter, RegistrationFilter, SessionFilter, TopicFilter
from .serializers import (
    AttendanceSerializer,
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


def _plain(value):
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value.isoformat() if hasattr(value, "isoformat") else getattr(value, "slug", value)


def _jsonable(data: dict) -> dict:
    return {k: _plain(v) for k, v in data.items()}


class TopicViewSet(AudienceCachedReads, viewsets.ReadOnlyModelViewSet):
    """The topic taxonomy shared by events, sessions and publications."""

    queryset = Topic.objects.all()
    serializer_class = TopicSerializer
    permission_classes = [CatalogueAccess]
    filterset_class = TopicFilter
    search_fields = ["name", "identifier"]
    ordering_fields = ["name", "updated_at"]
    ordering = ["name"]
    lookup_field = "slug"


class EventViewSet(AudienceCachedReads, viewsets.ReadOnlyModelViewSet):
    """Events the caller may see: published public events for anyone; members-only ones for members; drafts
    for staff."""

    serializer_class = EventSerializer
    permission_classes = [CatalogueAccess]
    filterset_class = EventFilter
    search_fields = ["title", "theme", "city", "venue"]
    ordering_fields = ["starts_at", "updated_at", "title"]
    ordering = ["starts_at", "pk"]
    lookup_field = "slug"

    @extend_schema(request=AttendanceSerializer, responses={200: RegistrationSerializer(many=True)})
    @action(detail=True, methods=["post"], url_path="attendance")
    def attendance(self, request, slug=None):
        """Staff only: record who attended an event that is over (attendance history). A delegate's own
        registration is marked attended; anyone else is recorded as a confirmed, attended registration."""
        event = self.get_object()
        data = AttendanceSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        delegates = [services.Delegate(**delegate) for delegate in data.validated_data["delegates"]]
        recorded = services.registration_record_attendance(by=api_viewer(request), event=event, delegates=delegates)
        return Response(RegistrationSerializer(recorded, many=True).data)

    def get_queryset(self):
        return (
            Event.objects.visible_to(api_viewer(self.request))
            .select_related("series")
            .prefetch_related(
                "topics",
                Prefetch("event_organizations", queryset=EventOrganization.objects.select_related("organization")),
            )
        )


@extend_schema_view(partial_update=extend_schema(request=SessionUpdateSerializer, responses={200: SessionSerializer}))
class SessionViewSet(
    AudienceCachedReads,
    ETagMixin,
    CreatedLocationMixin,
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
    etag_actions = (*ETagMixin.etag_actions, "speakers")

    def get_queryset(self):
        viewer = api_viewer(self.request)
        sessions = Session.objects.visible_to(viewer)
        if self.request.method not in ("GET", "HEAD", "OPTIONS"):
            # Writes reach only what the caller may edit: anything else is a 404, never a leak.
            sessions = Session.objects.editable_by(viewer)
        if self.action == "log":
            return sessions  # only to know the session is there for this caller
        return sessions.select_related("event", "proposed_by").with_programme(viewer)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if getattr(self, "swagger_fake_view", False):
            return context
        viewer = api_viewer(self.request)
        context["viewer"] = viewer
        if viewer.is_partner:
            context["editable_sessions"] = set(Session.objects.editable_by(viewer).values_list("pk", flat=True))
        return context

    def _fresh(self, session) -> dict:
        viewer = api_viewer(self.request)
        fresh = Session.objects.filter(pk=session.pk).select_related("event", "proposed_by").with_programme(viewer)
        return SessionSerializer(fresh.get(), context=self.get_serializer_context()).data

    @extend_schema(request=SessionProposalSerializer, responses={201: SessionSerializer})
    @idempotent
    def create(self, request, *args, **kwargs):
        """Propose a session. It starts as `proposed`; staff approve it in the back office."""
        data = SessionProposalSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        viewer = api_viewer(request)
        if viewer.is_partner:
            fields.pop("organization", None)
        session = services.session_propose(by=viewer, **fields)
        record_write(request, "session.propose", session, _jsonable(data.validated_data))
        return self.created(self._fresh(session))

    @extend_schema(request=SessionUpdateSerializer, responses={200: SessionSerializer})
    def update(self, request, *args, **kwargs):
        """Change a session's text and times (PATCH for some fields, PUT to send them all)."""
        session = self.get_object()
        data = SessionUpdateSerializer(data=request.data, partial=kwargs.get("partial", False))
        data.is_valid(raise_exception=True)
        if not data.validated_data:
            raise ValidationError({"non_field_errors": ["Send at least one field to change."]})
        updated = services.session_update(session=session, by=api_viewer(request), **data.validated_data)
        record_write(request, "session.update", updated, _jsonable(data.validated_data))
        return Response(self._fresh(updated))

    @extend_schema(request=SpeakersSerializer, responses={200: SessionSerializer})
    @action(detail=True, methods=["put"], url_path="speakers")
    def speakers(self, request, pk=None):
        """Replace the session's speakers, in order. Refer to people by slug (public profiles, or anyone already
        on this programme) or describe new ones; the answer gives every speaker's slug. New people are not
        public until staff record their consent."""
        session = self.get_object()
        viewer = api_viewer(request)
        data = SpeakersSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        items = data.validated_data["speakers"]
        slugs = {item["person"] for item in items if "person" in item}
        ids = {item["person_id"] for item in items if "person_id" in item}
        findable = Person.objects.filter(
            Q(pk__in=Person.objects.visible_to(viewer).values("pk"))
            | Q(pk__in=Participation.objects.filter(session=session).values("person_id"))
        )
        known = {}
        for p in findable.filter(Q(slug__in=slugs) | Q(pk__in=ids)):
            known[p.slug] = known[p.pk] = p
        missing = sorted(slugs - set(known)) + sorted(str(pk) for pk in ids - set(known))
        if missing:
            raise ValidationError({"speakers": [f"Unknown person: {ref}." for ref in missing]})
        specs = [
            services.SpeakerSpec(
                role=item["role"],
                person=known.get(item.get("person", item.get("person_id"))),
                new_person=services.NewPerson(**item["new_person"]) if "new_person" in item else None,
                printed_title=item["printed_title"],
                printed_affiliation=item["printed_affiliation"],
            )
            for item in items
        ]
        participations = services.session_set_speakers(session=session, by=viewer, speakers=specs)
        record_write(
            request,
            "session.speakers",
            session,
            {
                "speakers": [
                    {"person": p.person.slug, "role": p.role, "printed_title": p.printed_title} for p in participations
                ]
            },
        )
        return Response(self._fresh(session))

    @extend_schema(request=None, responses={200: SessionSerializer})
    @action(detail=True, methods=["post"], url_path="accept")
    def accept(self, request, pk=None):
        """Accept to co-organise a session another partner proposed naming your organisation. The session is
        shown once every organisation it names has accepted (and staff approved it)."""
        session = self._invited_or_own()
        accepted = services.session_accept_co_organisation(session=session, by=api_viewer(request))
        record_write(request, "session.accept", accepted, {"organization": api_viewer(request).partner_id})
        return Response(self._fresh(accepted))

    @extend_schema(request=None, responses={200: SessionSerializer})
    @action(detail=True, methods=["post"], url_path="withdraw")
    def withdraw(self, request, pk=None):
        """Withdraw your organisation's proposal before staff decide on it; it is cancelled."""
        session = self._invited_or_own()
        withdrawn = services.session_withdraw(session=session, by=api_viewer(request))
        record_write(request, "session.withdraw", withdrawn, {"status": withdrawn.status})
        return Response(self._fresh(withdrawn))

    def _invited_or_own(self):
        # Accepting and withdrawing are asked of the policies by the services; the session only has to be
        # one the caller can see (anything else is a 404, never a leak).
        viewer = api_viewer(self.request)
        return get_object_or_404(Session.objects.visible_to(viewer).select_related("event"), pk=self.kwargs["pk"])

    @extend_schema(request=None, responses={200: ApiWriteLogSerializer(many=True)})
    @action(detail=True, methods=["get"], url_path="log", permission_classes=[PartnerOrStaff])
    def log(self, request, pk=None):
        """Writes made through the API to this session, newest first: a partner sees its own and, on a session it
        co-organises, those of the other co-organisers (and of staff)."""
        session = self.get_object()
        writes = ApiWriteLog.objects.filter(object_type=Session._meta.model_name, object_id=str(session.pk))
        writes = write_log_visible_to(writes, api_viewer(request)).select_related("organization", "token")
        page = self.paginate_queryset(writes.order_by("-created_at", "-pk"))
        return self.get_paginated_response(ApiWriteLogSerializer(page, many=True).data)


class ParticipationViewSet(AudienceCachedReads, viewsets.ReadOnlyModelViewSet):
    """Who spoke where, in which role, with their title as printed on the day."""

    serializer_class = ParticipationSerializer
    permission_classes = [CatalogueAccess]
    filterset_class = ParticipationFilter
    ordering_fields = ["order", "updated_at"]
    ordering = ["session_id", "order", "pk"]

    def get_queryset(self):
        viewer = api_viewer(self.request)
        return Participation.objects.visible_to(viewer).with_person_link(viewer).select_related("person", "session")


class RegistrationViewSet(
    ETagMixin,
    CreatedLocationMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Delegates a partner registered. Confirmed while seats last, then waitlisted; DELETE cancels and promotes
    the first on the waitlist. A partner sees only the registrations it made."""

    serializer_class = RegistrationSerializer
    permission_classes = [PartnerOrStaff]
    write_scope = PartnerToken.Scope.REGISTRATIONS_WRITE
    filterset_class = RegistrationFilter
    ordering_fields = ["created_at", "updated_at"]
    ordering = ["-created_at", "-pk"]

    def get_queryset(self):
        return Registration.objects.visible_to(api_viewer(self.request)).for_admin()

    @extend_schema(request=RegistrationCreateSerializer, responses={201: RegistrationSerializer})
    @idempotent
    def create(self, request, *args, **kwargs):
        data = RegistrationCreateSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        event = data.validated_data["event"]
        registration = services.registration_create(
            by=api_viewer(request),
            event=event,
            session=data.validated_data.get("session"),
            name=data.validated_data["name"],
            email=data.validated_data["email"],
            organization_name=data.validated_data["organization_name"],
            language=data.validated_data.get("language"),
        )
        record_write(
            request,
            "registration.create",
            registration,
            {"event": event.slug, "email": registration.email, "status": registration.status},
        )
        return self.created(RegistrationSerializer(registration).data)

    @extend_schema(responses={200: RegistrationSerializer})
    def destroy(self, request, *args, **kwargs):
        """Cancel the registration. The row stays, with status `cancelled`, and the answer shows it."""
        registration = self.get_object()
        cancelled = services.registration_cancel(registration=registration, by=api_viewer(request))
        record_write(request, "registration.cancel", cancelled, {"status": cancelled.status})
        return Response(RegistrationSerializer(cancelled).data, status=status.HTTP_200_OK)
