"""Filters for the public events list (django-filter); the API builds on the same definitions."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from kernel.models import Topic

from .models import Event


class EventFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(
        field_name="starts_at", lookup_expr="year", label=_("Year"), min_value=1900, max_value=2200, decimal_places=0
    )
    type = django_filters.ChoiceFilter(choices=Event.Type.choices, label=_("Type"))
    format = django_filters.ChoiceFilter(choices=Event.Format.choices, label=_("Format"))
    topic = django_filters.ModelChoiceFilter(
        field_name="topics", queryset=Topic.objects.all(), to_field_name="slug", label=_("Topic")
    )
    country = django_filters.ChoiceFilter(choices=countries, label=_("Country"))
    # A slug box, not a <select>: a list of every organisation would dominate the page at scale.
    organization = django_filters.CharFilter(method="filter_organization", label=_("Organisation"))

    class Meta:
        model = Event
        fields = ["year", "type", "format", "topic", "country", "organization"]

    def filter_organization(self, queryset, name, value):
        # An organisation is linked to an event directly (host, partner) or through a session it co-organises.
        return queryset.filter(
            Q(event_organizations__organization__slug=value)
            | Q(sessions__session_organizations__organization__slug=value)
        ).distinct()
