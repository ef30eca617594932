"""Admin action helpers shared by every app: run a service per row, export rows as CSV."""

import csv
from collections.abc import Callable, Sequence

from django.contrib import admin, messages
from django.http import HttpResponse
from django.utils import timezone

from .errors import DomainError


def service_action(service: Callable, *, description: str, argument: str, **fixed) -> Callable:
    """An admin action that calls `service(<argument>=obj, by=request.user, **fixed)` for each row.

    Rows the rule refuses are reported one by one; the others still go through.
    """

    @admin.action(description=description)
    def action(modeladmin, request, queryset):
        done, refused = 0, []
        for obj in queryset:
            try:
                service(**{argument: obj}, by=request.user, **fixed)
                done += 1
            except DomainError as exc:
                refused.append(f"{obj}: {exc.message}")
        if done:
            modeladmin.message_user(request, f"{description}: {done} done.", messages.SUCCESS)
        for line in refused:
            modeladmin.message_user(request, line, messages.ERROR)

    action.__name__ = f"{service.__name__}_action"
    return action


def csv_export_action(columns: Sequence[tuple[str, Callable]], *, filename: str) -> Callable:
    """An admin action that writes the selected rows as CSV, one column per (header, getter)."""

    @admin.action(description="Export selected as CSV")
    def export_csv(modeladmin, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        stamp = timezone.now().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="{filename}-{stamp}.csv"'
        writer = csv.writer(response)
        writer.writerow([header for header, _getter in columns])
        for obj in queryset:
            writer.writerow([_csv_safe(getter(obj)) for _header, getter in columns])
        return response

    return export_csv


def _csv_safe(value) -> str:
    # Spreadsheet formula injection: a cell starting with = + - @ would run as a formula when opened.
    text = "" if value is None else str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
