import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from events.models import Session
from kernel.models import Topic
from members.models import Organization

from .models import Publication


class PublicationFilter(django_filters.FilterSet):
    type = django_filters.ChoiceFilter(
        choices=[c for c in Publication.Type.choices if c[0] != Publication.Type.NEWS_POST], label=_("Type")
    )
    # A publication's own topics and those of the session it was launched at, if the visitor may see it (as the
    # events list's topic filter takes its sessions' topics).
    topic = django_filters.ModelChoiceFilter(
        field_name="topics", queryset=Topic.objects.all(), to_field_name="slug", label=_("Topic"), method="filter_topic"
    )
    year = django_filters.NumberFilter(
        field_name="published_on", lookup_expr="year", label=_("Year"), min_value=1900, max_value=2200, decimal_places=0
    )
    organization = django_filters.CharFilter(
        method="filter_organization",
        label=_("Organisation"),
        widget=forms.TextInput(attrs={"list": "organization-options", "autocomplete": "off"}),
    )

    class Meta:
        model = Publication
        fields = ["type", "topic", "year", "organization"]

    def filter_topic(self, queryset, name, value):
        sessions = Session.objects.visible_to(self.request.viewer).filter(topics=value)
        return queryset.filter(Q(topics=value) | Q(launched_at__in=sessions.values("pk"))).distinct()

    def filter_organization(self, queryset, name, value):
        # By acronym, slug or a part of the name, in any case, among the organisations the visitor may see.
        named = Organization.objects.visible_to(self.request.viewer).named(value).values("pk")
        return queryset.filter(publication_organizations__organization__in=named).distinct()

    def organization_options(self):
        """The suggestions for the organisation box: organisations the visitor may see."""
        return Organization.objects.visible_to(self.request.viewer).for_autocomplete()


class NewsFilter(PublicationFilter):
    type = None

    class Meta(PublicationFilter.Meta):
        fields = ["topic", "year", "organization"]
