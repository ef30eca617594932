from django.db.models import Prefetch, Q
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.response import Response

from members.models import PartnerToken
from portal.api.audit import record_write
from portal.api.idempotency import idempotent
from portal.api.permissions import CatalogueAccess, is_staff, partner_of
from publications import services
from publications.models import Publication, PublicationOrganization, PublicationPerson

from .filters import PublicationFilter
from .serializers import PublicationSerializer, PublicationSubmitSerializer


class PublicationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """Published news, reports and briefs; a partner also sees what it submitted, whatever its status."""

    serializer_class = PublicationSerializer
    permission_classes = [CatalogueAccess]
    write_scope = PartnerToken.Scope.PUBLICATIONS_SUBMIT
    filterset_class = PublicationFilter
    search_fields = ["title", "summary"]
    ordering_fields = ["published_on", "updated_at", "title"]
    ordering = ["-published_on", "-pk"]
    lookup_field = "slug"

    def get_queryset(self):
        partner = partner_of(self.request)
        if is_staff(self.request):
            publications = Publication.objects.all()
        elif partner is not None:
            publications = Publication.objects.filter(Q(status="published") | Q(submitted_by=partner.organization))
        else:
            publications = Publication.objects.published()
        return publications.select_related("translation_of", "submitted_by").prefetch_related(
            "topics",
            "related_events",
            "related_sessions",
            Prefetch(
                "publication_organizations", queryset=PublicationOrganization.objects.select_related("organization")
            ),
            Prefetch("publication_people", queryset=PublicationPerson.objects.select_related("person")),
        )

    @extend_schema(request=PublicationSubmitSerializer, responses={201: PublicationSerializer})
    @idempotent
    def create(self, request, *args, **kwargs):
        """Submit a publication for review. It stays `in_review` until staff publish it or send it back."""
        data = PublicationSubmitSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        partner = partner_of(request)
        organization = partner.organization if partner else None
        if organization is None:
            from rest_framework.exceptions import ValidationError

            raise ValidationError({"non_field_errors": ["Publications are submitted with a partner token."]})
        publication = services.publication_submit(organization=organization, **data.validated_data)
        record_write(request, "publication.submit", publication, {"title": publication.title, "type": publication.type})
        fresh = self.get_queryset().get(pk=publication.pk)
        return Response(self.get_serializer(fresh).data, status=status.HTTP_201_CREATED)
