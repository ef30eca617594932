import django_filters
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from . import policies
from .models import House, Membership, Organization


class DirectoryFilter(django_filters.FilterSet):
    house = django_filters.ModelChoiceFilter(
        queryset=House.objects.all(), to_field_name="slug", label=_("House"), method="filter_house"
    )
    country = django_filters.ChoiceFilter(choices=countries, label=_("Country"))
    type = django_filters.ChoiceFilter(choices=Organization.Type.choices, label=_("Type"))

    class Meta:
        model = Organization
        fields = ["house", "country", "type"]

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        self.viewer = viewer

    def filter_house(self, queryset, name, value):
        # Members of the house as this viewer may see them (the directory's own rule, from the policies).
        memberships = policies.directory_memberships(Membership.objects.filter(house=value), self.viewer)
        return queryset.filter(pk__in=memberships.values("organization_id"))
