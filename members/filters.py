import django_filters
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from .models import House, Organization


class DirectoryFilter(django_filters.FilterSet):
    house = django_filters.ModelChoiceFilter(
        field_name="memberships__house",
        queryset=House.objects.all(),
        to_field_name="slug",
        label=_("House"),
        method="filter_house",
    )
    country = django_filters.ChoiceFilter(choices=countries, label=_("Country"))
    type = django_filters.ChoiceFilter(choices=Organization.Type.choices, label=_("Type"))

    class Meta:
        model = Organization
        fields = ["house", "country", "type"]

    def filter_house(self, queryset, name, value):
        return queryset.filter(
            memberships__house=value, memberships__status="active", memberships__publicly_listed=True
        ).distinct()
