import datetime

import django_filters
from django.core.exceptions import ValidationError
from django_filters.fields import IsoDateTimeField


class UtcIsoDateTimeField(IsoDateTimeField):
    """ISO 8601 datetimes, normalised to UTC before they reach a query.

    PostgreSQL refuses offsets beyond ±15:59 that ISO 8601 allows, and far-past values can overflow when
    converted; both are the client's input errors, so they are form errors (a 400), never a database error.
    """

    def to_python(self, value):
        result = super().to_python(value)
        if result is None:
            return None
        try:
            return result.astimezone(datetime.UTC)
        except (OverflowError, ValueError) as exc:
            raise ValidationError("Datetime out of range.", code="invalid") from exc


class UtcIsoDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = UtcIsoDateTimeField


class SyncFilterSet(django_filters.FilterSet):
    """Every list can be synced incrementally: `?updated_since=<ISO 8601 datetime>`."""

    updated_since = UtcIsoDateTimeFilter(field_name="updated_at", lookup_expr="gte")
