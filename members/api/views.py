from rest_framework import viewsets

from members.models import ApiWriteLog, House, Membership, Organization, Person
from portal.api.permissions import CatalogueAccess, PartnerOrStaff, is_staff, partner_of

from .filters import ApiWriteLogFilter, HouseFilter, MembershipFilter, OrganizationFilter, PersonFilter
from .serializers import (
    ApiWriteLogSerializer,
    HouseSerializer,
    MembershipSerializer,
    OrganizationSerializer,
    PersonSerializer,
)


class HouseViewSet(viewsets.ReadOnlyModelViewSet):
    """Stakeholder houses."""

    queryset = House.objects.all()
    serializer_class = HouseSerializer
    permission_classes = [CatalogueAccess]
    filterset_class = HouseFilter
    lookup_field = "slug"
    ordering_fields = ["order", "name", "updated_at"]
    ordering = ["order"]


class OrganizationViewSet(viewsets.ReadOnlyModelViewSet):
    """Organisations: members, partners, speakers' organisations."""

    queryset = Organization.objects.select_related("parent")
    serializer_class = OrganizationSerializer
    permission_classes = [CatalogueAccess]
    filterset_class = OrganizationFilter
    search_fields = ["name", "acronym"]
    ordering_fields = ["name", "updated_at"]
    ordering = ["name"]
    lookup_field = "slug"


class MembershipViewSet(viewsets.ReadOnlyModelViewSet):
    """The public member directory: active, publicly listed memberships."""

    queryset = Membership.objects.listed().select_related("organization", "house")
    serializer_class = MembershipSerializer
    permission_classes = [CatalogueAccess]
    filterset_class = MembershipFilter
    search_fields = ["organization__name", "organization__acronym"]
    ordering_fields = ["started_on", "updated_at"]
    ordering = ["organization__name", "pk"]


class PersonViewSet(viewsets.ReadOnlyModelViewSet):
    """People who consented to a public profile. Contact details are never exposed."""

    serializer_class = PersonSerializer
    permission_classes = [CatalogueAccess]
    filterset_class = PersonFilter
    search_fields = ["given_name", "family_name"]
    ordering_fields = ["family_name", "updated_at"]
    ordering = ["family_name", "given_name", "pk"]
    lookup_field = "slug"

    def get_queryset(self):
        return Person.objects.public().with_current_affiliations()


class ApiWriteLogViewSet(viewsets.ReadOnlyModelViewSet):
    """Every write made through the API. A partner sees its own organisation's; staff see all."""

    serializer_class = ApiWriteLogSerializer
    permission_classes = [PartnerOrStaff]
    filterset_class = ApiWriteLogFilter
    ordering = ["-created_at", "-pk"]

    def get_queryset(self):
        records = ApiWriteLog.objects.select_related("organization", "token")
        partner = partner_of(self.request)
        if partner is not None:
            return records.filter(organization=partner.organization)
        return records if is_staff(self.request) else records.none()
