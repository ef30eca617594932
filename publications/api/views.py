"""The publications part of the partner API, each as the caller may see it (publications/policies.py)."""

from django.db.models import Exists, OuterRef, Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.response import Response

from events.models import Event, Session
from kernel.api.conditional import ETagMixin
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
from .serializers import PublicationSerializer, PublicationSubmitSerializer


class PublicationViewSet(
    AudienceCachedReads,
    ETagMixin,
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
        data = PublicationSubmitSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        publication = services.publication_submit(by=api_viewer(request), **data.validated_data)
        record_write(request, "publication.submit", publication, {"title": publication.title, "type": publication.type})
        fresh = self.get_queryset().get(pk=publication.pk)
        return Response(self.get_serializer(fresh).data, status=status.HTTP_201_CREATED)
