"""The members part of the partner API: houses, organisations, the member directory and people, each as the
caller may see them (members/policies.py)."""

from rest_framework import viewsets

from members.models import House, Membership, Organization, Person
from partners.api.authentication import api_viewer
from partners.api.caching import AudienceCachedReads
from partners.api.permissions import CatalogueAccess

from .filters import HouseFilter, MembershipFilter, OrganizationFilter, PersonFilter
from .serializers import HouseSerializer, MembershipSerializer, OrganizationSerializer, PersonSerializer


class HouseViewSet(AudienceCachedReads, viewsets.ReadOnlyModelViewSet):
    """Stakeholder houses."""

    queryset = House.objects.all()
    serializer_class = HouseSerializer
    permission_classes = [CatalogueAccess]
    filterset_class = HouseFilter
    lookup_field = "slug"
    ordering_fields = ["order", "name", "updated_at"]
    ordering = ["order"]


class OrganizationViewSet(AudienceCachedReads, viewsets.ReadOnlyModelViewSet):
    """Organisations: members, partners, speakers' organisations (not applicants nor unlisted members)."""

    serializer_class = OrganizationSerializer
    permission_classes = [CatalogueAccess]
    filterset_class = OrganizationFilter
    search_fields = ["name", "acronym"]
    ordering_fields = ["name", "updated_at"]
    ordering = ["name"]
    lookup_field = "slug"

    def get_queryset(self):
        return Organization.objects.visible_to(api_viewer(self.request)).select_related("parent")


class MembershipViewSet(AudienceCachedReads, viewsets.ReadOnlyModelViewSet):
    """The member directory: active, publicly listed memberships (members see every active one)."""

    serializer_class = MembershipSerializer
    permission_classes = [CatalogueAccess]
    filterset_class = MembershipFilter
    search_fields = ["organization__name", "organization__acronym"]
    ordering_fields = ["started_on", "updated_at"]
    ordering = ["organization__name", "pk"]

    def get_queryset(self):
        return Membership.objects.visible_to(api_viewer(self.request)).in_force().for_admin()


class PersonViewSet(AudienceCachedReads, viewsets.ReadOnlyModelViewSet):
    """People who consented to a public profile. Contact details are never exposed."""

    serializer_class = PersonSerializer
    permission_classes = [CatalogueAccess]
    filterset_class = PersonFilter
    search_fields = ["given_name", "family_name"]
    ordering_fields = ["family_name", "updated_at"]
    ordering = ["family_name", "given_name", "pk"]
    lookup_field = "slug"

    def get_queryset(self):
        viewer = api_viewer(self.request)
        return Person.objects.visible_to(viewer).with_current_affiliations(viewer)
