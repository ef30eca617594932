import datetime

import django_filters
from django.core.exceptions import ValidationError
from django.utils.dateparse import parse_datetime
from django_filters.fields import IsoDateTimeField
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.filters import OrderingFilter, SearchFilter

NAIVE = "Give the time with its offset from UTC, e.g. 2026-11-01T00:00:00Z."


def _has_offset(value: str) -> bool:
    try:
        parsed = parse_datetime(value.strip())
    except ValueError:
        return False
    return parsed is not None and parsed.tzinfo is not None


class UtcIsoDateTimeField(IsoDateTimeField):
    """ISO 8601 datetimes, normalised to UTC before they reach a query.

    A time without an offset is refused (taken as UTC, it would mean something else than the caller meant).
    PostgreSQL refuses offsets beyond ±15:59 that ISO 8601 allows, and far-past values can overflow when
    converted; all are the client's input errors, so they are form errors (a 400), never a database error.
    """

    def to_python(self, value):
        result = super().to_python(value)
        if result is None:
            return None
        if isinstance(value, str) and not _has_offset(value):
            raise ValidationError(NAIVE, code="invalid")
        try:
            return result.astimezone(datetime.UTC)
        except (OverflowError, ValueError) as exc:
            raise ValidationError("Datetime out of range.", code="invalid") from exc


class UtcIsoDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = UtcIsoDateTimeField


class SyncFilterSet(django_filters.FilterSet):
    """Every list can be synced incrementally: `?updated_since=<ISO 8601 datetime>`."""

    updated_since = UtcIsoDateTimeFilter(field_name="updated_at", lookup_expr="gte")


class StrictOrderingFilter(OrderingFilter):
    """`?ordering=` as the schema documents it: once, a comma-separated list of the fields a list sorts by (each
    may start with "-"). Anything else is a 400 naming the parameter, never silently the default order."""

    def get_ordering(self, request, queryset, view):
        # Given twice, it never reaches here: portal/middleware.py (ApiParametersOnceMiddleware) answers 400.
        given = request.query_params.get(self.ordering_param)
        if not given:
            return self.get_default_ordering(view)
        terms = [term.strip() for term in given.split(",")]
        valid = self.remove_invalid_fields(queryset, terms, view, request)
        if len(valid) != len(terms):
            fields = ", ".join(name for name, _label in self.get_valid_fields(queryset, view, {"request": request}))
            raise ApiValidationError(
                {self.ordering_param: [f"Sort by one or more of: {fields} (with - before a field for descending)."]}
            )
        return valid


class ListSearchFilter(SearchFilter):
    """`?search=` where a list searches (its view's `search_fields`), and documented only there: a list that
    does not search must not promise a parameter it ignores."""

    def get_schema_operation_parameters(self, view):
        return super().get_schema_operation_parameters(view) if getattr(view, "search_fields", None) else []
