import django_filters
from django_countries import countries

from kernel.api.filters import SyncFilterSet
from members import policies
from members.models import House, Membership, Organization, Person
from partners.api.authentication import api_viewer


def visible_organizations(request):
    return Organization.objects.visible_to(api_viewer(request)) if request is not None else Organization.objects.none()


class OrganizationFilter(SyncFilterSet):
    type = django_filters.ChoiceFilter(choices=Organization.Type.choices)
    country = django_filters.ChoiceFilter(choices=countries)
    house = django_filters.CharFilter(method="filter_house", help_text="House slug: its member organisations.")

    class Meta:
        model = Organization
        fields = ["type", "country", "house", "updated_since"]

    def filter_house(self, queryset, name, value):
        memberships = policies.directory_memberships(
            Membership.objects.filter(house__slug=value), api_viewer(self.request)
        )
        return queryset.filter(pk__in=memberships.values("organization_id"))


class MembershipFilter(SyncFilterSet):
    house = django_filters.ModelChoiceFilter(queryset=House.objects.all(), to_field_name="slug")
    organization = django_filters.ModelChoiceFilter(queryset=visible_organizations, to_field_name="slug")
    country = django_filters.ChoiceFilter(field_name="organization__country", choices=countries)

    class Meta:
        model = Membership
        fields = ["house", "organization", "country", "updated_since"]


class PersonFilter(SyncFilterSet):
    organization = django_filters.ModelChoiceFilter(
        field_name="affiliations__organization",
        queryset=visible_organizations,
        to_field_name="slug",
        distinct=True,
    )

    class Meta:
        model = Person
        fields = ["organization", "updated_since"]


class HouseFilter(SyncFilterSet):
    class Meta:
        model = House
        fields = ["updated_since"]
