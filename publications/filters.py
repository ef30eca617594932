import django_filters
from django.utils.translation import gettext_lazy as _

from kernel.models import Topic

from .models import Publication


class PublicationFilter(django_filters.FilterSet):
    type = django_filters.ChoiceFilter(
        choices=[c for c in Publication.Type.choices if c[0] != Publication.Type.NEWS_POST], label=_("Type")
    )
    topic = django_filters.ModelChoiceFilter(
        field_name="topics", queryset=Topic.objects.all(), to_field_name="slug", label=_("Topic")
    )
    year = django_filters.NumberFilter(
        field_name="published_on", lookup_expr="year", label=_("Year"), min_value=1900, max_value=2200, decimal_places=0
    )
    organization = django_filters.CharFilter(field_name="organizations__slug", label=_("Organisation"), distinct=True)

    class Meta:
        model = Publication
        fields = ["type", "topic", "year", "organization"]


class NewsFilter(PublicationFilter):
    type = None

    class Meta(PublicationFilter.Meta):
        fields = ["topic", "year", "organization"]
