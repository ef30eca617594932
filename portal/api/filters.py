import django_filters


class SyncFilterSet(django_filters.FilterSet):
    """Every list can be synced incrementally: `?updated_since=<ISO 8601 datetime>`."""

    updated_since = django_filters.IsoDateTimeFilter(field_name="updated_at", lookup_expr="gte")
