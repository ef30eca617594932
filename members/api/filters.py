import django_filters
from django_countries import countries

from members.models import ApiWriteLog, House, Membership, Organization, Person
from portal.api.filters import SyncFilterSet, UtcIsoDateTimeFilter


class OrganizationFilter(SyncFilterSet):
    type = django_filters.ChoiceFilter(choices=Organization.Type.choices)
    country = django_filters.ChoiceFilter(choices=countries)
    house = django_filters.CharFilter(method="filter_house", help_text="House slug: active members of it.")

    class Meta:
        model = Organization
        fields = ["type", "country", "house", "updated_since"]

    def filter_house(self, queryset, name, value):
        return queryset.filter(memberships__house__slug=value, memberships__status="active").distinct()


class MembershipFilter(SyncFilterSet):
    house = django_filters.ModelChoiceFilter(queryset=House.objects.all(), to_field_name="slug")
    organization = django_filters.ModelChoiceFilter(queryset=Organization.objects.all(), to_field_name="slug")
    country = django_filters.ChoiceFilter(field_name="organization__country", choices=countries)

    class Meta:
        model = Membership
        fields = ["house", "organization", "country", "updated_since"]


class PersonFilter(SyncFilterSet):
    organization = django_filters.ModelChoiceFilter(
        field_name="affiliations__organization",
        queryset=Organization.objects.all(),
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


class ApiWriteLogFilter(django_filters.FilterSet):
    # Log rows never change, so "updated since" is "recorded since": the same sync loop works on every list.
    updated_since = UtcIsoDateTimeFilter(field_name="created_at", lookup_expr="gte")
    since = UtcIsoDateTimeFilter(field_name="created_at", lookup_expr="gte")
    action = django_filters.CharFilter()

    class Meta:
        model = ApiWriteLog
        fields = ["updated_since", "since", "action"]
