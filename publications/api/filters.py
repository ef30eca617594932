import django_filters

from kernel.api.filters import SyncFilterSet
from kernel.models import Topic
from members.api.filters import visible_organizations
from publications.models import Publication


class PublicationFilter(SyncFilterSet):
    type = django_filters.ChoiceFilter(choices=Publication.Type.choices)
    status = django_filters.ChoiceFilter(choices=Publication.Status.choices)
    language = django_filters.ChoiceFilter(choices=Publication._meta.get_field("language").choices)
    topic = django_filters.ModelChoiceFilter(field_name="topics", queryset=Topic.objects.all(), to_field_name="slug")
    organization = django_filters.ModelChoiceFilter(
        field_name="organizations", queryset=visible_organizations, to_field_name="slug", distinct=True
    )
    published_after = django_filters.DateFilter(field_name="published_on", lookup_expr="gte")
    published_before = django_filters.DateFilter(field_name="published_on", lookup_expr="lt")

    class Meta:
        model = Publication
        fields = [
            "type",
            "status",
            "language",
            "topic",
            "organization",
            "published_after",
            "published_before",
            "updated_since",
        ]
