"""The publications part of the partner API, each as the caller may see it (publications/policies.py)."""

import dataclasses

from django.db.models import Exists, OuterRef, Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from events.models import Event, Session
from kernel.api.conditional import ETagMixin
from kernel.api.location import CreatedLocationMixin
from members.policies import with_person_link
from partners.api.audit import record_write
from partners.api.authentication import api_viewer
from partners.api.caching import AudienceCachedReads
from partners.api.idempotency import idempotent
from partners.api.permissions import CatalogueAccess
from partners.models import PartnerToken
from publications import services
from publications.models import Publication, PublicationOrganization, PublicationPerson

from .filters import PublicationFilter
from .serializers import (
    PublicationFileSerializer,
    PublicationSerializer,
    PublicationSubmitSerializer,
    PublicationUpdateSerializer,
)


class PublicationViewSet(
    AudienceCachedReads,
    ETagMixin,
    CreatedLocationMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Published news, reports and briefs (members-only ones for members); a partner also sees what it
    submitted, whatever its status."""

    serializer_class = PublicationSerializer
    permission_classes = [CatalogueAccess]
    write_scope = PartnerToken.Scope.PUBLICATIONS_SUBMIT
    filterset_class = PublicationFilter
    search_fields = ["title", "summary"]
    ordering_fields = ["published_on", "updated_at", "title"]
    ordering = ["-published_on", "-pk"]
    lookup_field = "slug"
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        viewer = api_viewer(self.request)
        return (
            Publication.objects.visible_to(viewer)
            .annotate(launch_visible=Exists(Session.objects.visible_to(viewer).filter(pk=OuterRef("launched_at_id"))))
            .select_related("translation_of", "submitted_by")
            .prefetch_related(
                "topics",
                Prefetch("related_events", queryset=Event.objects.visible_to(viewer)),
                Prefetch("related_sessions", queryset=Session.objects.visible_to(viewer)),
                Prefetch(
                    "publication_organizations",
                    queryset=PublicationOrganization.objects.select_related("organization"),
                ),
                Prefetch(
                    "publication_people",
                    queryset=with_person_link(PublicationPerson.objects.select_related("person"), viewer),
                ),
            )
        )

    @extend_schema(request=PublicationSubmitSerializer, responses={201: PublicationSerializer})
    @idempotent
    def create(self, request, *args, **kwargs):
        """Submit a publication for review. It stays `in_review` until staff publish it or send it back."""
        data = PublicationSubmitSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        publication = services.publication_submit(by=api_viewer(request), **data.validated_data)
        record_write(request, "publication.submit", publication, {"title": publication.title, "type": publication.type})
        fresh = self.get_queryset().get(pk=publication.pk)
        return self.created(self.get_serializer(fresh).data)

    def _fresh(self, publication) -> dict:
        return self.get_serializer(self.get_queryset().get(pk=publication.pk)).data

    @extend_schema(request=PublicationUpdateSerializer, responses={200: PublicationSerializer})
    def partial_update(self, request, *args, **kwargs):
        """Change your submission before it is published (e.g. after staff returned it with a note), then
        resubmit it."""
        publication = self.get_object()
        data = PublicationUpdateSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        if not data.validated_data:
            raise ValidationError({"non_field_errors": ["Send at least one field to change."]})
        updated = services.publication_update_submission(
            publication=publication, by=api_viewer(request), **data.validated_data
        )
        record_write(request, "publication.update", updated, {k: _plain(v) for k, v in data.validated_data.items()})
        return Response(self._fresh(updated))

    @extend_schema(request=None, responses={200: PublicationSerializer})
    @action(detail=True, methods=["post"], url_path="resubmit")
    def resubmit(self, request, slug=None):
        """Send a publication staff returned back to review."""
        publication = self.get_object()
        resubmitted = services.publication_resubmit(publication=publication, by=api_viewer(request))
        record_write(request, "publication.resubmit", resubmitted, {"status": resubmitted.status})
        return Response(self._fresh(resubmitted))

    @extend_schema(request={"multipart/form-data": PublicationFileSerializer}, responses={200: PublicationSerializer})
    @action(detail=True, methods=["post"], url_path="file", parser_classes=[MultiPartParser])
    def file(self, request, slug=None):
        """Upload the publication's file (multipart/form-data, field `file`)."""
        publication = self.get_object()
        data = PublicationFileSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        upload = data.validated_data["file"]
        attached = services.publication_attach_file(publication=publication, by=api_viewer(request), file=upload)
        record_write(request, "publication.file", attached, {"name": upload.name, "size": upload.size})
        return Response(self._fresh(attached))


def _plain(value):
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, services.NewPerson):
        return {"new_person": dataclasses.asdict(value)}
    if isinstance(value, services.Author):
        # As the partner gave it: the person (a slug, or the new person by name) and the printed affiliation.
        person = _plain(value.person)
        return {
            **(person if isinstance(person, dict) else {"person": person}),
            "printed_affiliation": value.printed_affiliation,
        }
    return getattr(value, "slug", getattr(value, "pk", value))
