"""Filters for the public events list (django-filter); the API builds on the same definitions."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from kernel.models import Topic
from members.models import Organization

from .models import Event, Session


class EventFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(
        field_name="starts_at", lookup_expr="year", label=_("Year"), min_value=1900, max_value=2200, decimal_places=0
    )
    type = django_filters.ChoiceFilter(choices=Event.Type.choices, label=_("Type"))
    format = django_filters.ChoiceFilter(choices=Event.Format.choices, label=_("Format"))
    # An event's own topics and those of the sessions in it that the visitor may see.
    topic = django_filters.ModelChoiceFilter(
        field_name="topics",
        queryset=Topic.objects.all(),
        to_field_name="slug",
        label=_("Topic"),
        method="filter_topic",
    )
    country = django_filters.ChoiceFilter(choices=countries, label=_("Country"))
    # A text box with suggestions, not a <select>: a list of every organisation would dominate the page at scale.
    organization = django_filters.CharFilter(
        method="filter_organization",
        label=_("Organisation"),
        widget=forms.TextInput(attrs={"list": "organization-options", "autocomplete": "off"}),
    )

    class Meta:
        model = Event
        fields = ["year", "type", "format", "topic", "country", "organization"]

    @property
    def _viewer(self):
        return self.request.viewer

    def filter_topic(self, queryset, name, value):
        sessions = Session.objects.visible_to(self._viewer).filter(topics=value)
        return queryset.filter(Q(topics=value) | Q(pk__in=sessions.values("event_id"))).distinct()

    def filter_organization(self, queryset, name, value):
        # By acronym, slug or a part of the name, in any case, among the organisations the visitor may see; linked
        # to an event directly (host, partner) or through a session it co-organises that the visitor may see.
        named = Organization.objects.visible_to(self._viewer).named(value).values("pk")
        sessions = Session.objects.visible_to(self._viewer).filter(session_organizations__organization__in=named)
        return queryset.filter(
            Q(event_organizations__organization__in=named) | Q(pk__in=sessions.values("event_id"))
        ).distinct()

    def organization_options(self):
        """The suggestions for the organisation box: organisations the visitor may see."""
        return Organization.objects.visible_to(self._viewer).for_autocomplete()
