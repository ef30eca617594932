import django_filters

from kernel.api.filters import UtcIsoDateTimeFilter
from partners.models import ApiWriteLog


class ApiWriteLogFilter(django_filters.FilterSet):
    # Log rows never change, so "updated since" is "recorded since": the same sync loop works on every list.
    updated_since = UtcIsoDateTimeFilter(field_name="created_at", lookup_expr="gte")
    since = UtcIsoDateTimeFilter(field_name="created_at", lookup_expr="gte")
    action = django_filters.CharFilter()

    class Meta:
        model = ApiWriteLog
        fields = ["updated_since", "since", "action"]
