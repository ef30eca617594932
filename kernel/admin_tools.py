"""Admin machinery shared by every app: writes through services, lifecycle buttons, CSV export.

- `ServiceAdmin`: a ModelAdmin whose saves and deletes (inlines included) go through services, never
  `obj.save()` from the admin. By default the plain-record services of kernel/services.py; an admin names
  its own (`save_service`, `delete_service`, and per inline `save_service`) where writes carry a rule.
- `LifecycleAdmin`: buttons on the change page and list actions drawn from the model's lifecycle table
  (kernel/lifecycle.py), each calling the service bound to the transition, with a reason or date where the
  table says one is needed; and the history of transitions (who, when, why) below the form.
"""

import csv
import datetime
from collections.abc import Callable, Sequence

from django.contrib import admin, messages
from django.contrib.contenttypes.admin import GenericTabularInline
from django.db import models
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.text import capfirst

from .errors import DomainError
from .lifecycle import Lifecycle, Transition
from .models import StatusChange
from .services import record_delete, record_save

# Staff typing "example.org" into a URL field mean https://example.org (Django 6's default too).
URL_FIELDS_ASSUME_HTTPS = {models.URLField: {"assume_scheme": "https"}}


def viewer_of(request):
    """The Viewer the site's middleware attached to the request (staff, in the admin)."""
    return request.viewer


def _report(modeladmin, request, obj, exc: DomainError) -> None:
    modeladmin.message_user(request, f"{obj}: {exc.message}", messages.ERROR)


def _adopt(obj, saved) -> None:
    """A service may create the row itself (an application, a registration): the admin's object takes its
    identity and state so the admin can go on (redirect to it, save its inlines)."""
    if saved is not None and saved is not obj and isinstance(saved, models.Model):
        obj.__dict__.update({k: v for k, v in saved.__dict__.items() if k != "_state"})
        obj._state.adding = False
        obj._state.db = saved._state.db


def checked_form(form_class, validate: Callable | None):
    """The admin form, with the service's own check (`validate(instance)`, raising DomainError) run as part of
    form validation, so a refused edit is a form error beside its field rather than a failed save."""
    if validate is None:
        return form_class

    class Checked(form_class):
        def _post_clean(self):
            super()._post_clean()
            if self.errors:
                return
            try:
                validate(self.instance)
            except DomainError as exc:
                self.add_error(exc.field if exc.field in self.fields else None, exc.message)

    Checked.__name__ = form_class.__name__
    return Checked


class ServiceInlineMixin:
    """Inline rows are written through `save_service` (a service taking instance= and by=) and checked by
    `validate_service` first."""

    save_service: Callable = staticmethod(record_save)
    delete_service: Callable = staticmethod(record_delete)
    validate_service: Callable | None = None

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = checked_form(formset.form, self.validate_service)
        return formset


class ServiceAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS
    # Services take the object under the model's own name (event=, session=); None: plain-record services.
    service_argument: str | None = None
    save_service: Callable | None = None
    delete_service: Callable | None = None
    validate_service: Callable | None = None

    def get_form(self, request, obj=None, change=False, **kwargs):
        return checked_form(super().get_form(request, obj, change=change, **kwargs), self.validate_service)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # A rule that only the save can check (someone else changed the row meanwhile): nothing is saved,
        # and staff read why.
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except DomainError as exc:
            self.message_user(request, exc.message, messages.ERROR)
            return redirect(request.get_full_path())

    def _call(self, service, obj, request):
        if self.service_argument is None or service in (record_save, record_delete):
            return service(instance=obj, by=viewer_of(request))
        return service(**{self.service_argument: obj}, by=viewer_of(request))

    def save_model(self, request, obj, form, change):
        _adopt(obj, self._call(self.save_service or record_save, obj, request))

    def delete_model(self, request, obj):
        self._call(self.delete_service or record_delete, obj, request)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)

    def save_formset(self, request, form, formset, change):
        inline_save = getattr(formset, "save_service", None) or record_save
        inline_delete = getattr(formset, "delete_service", None) or record_delete
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            inline_delete(instance=obj, by=viewer_of(request))
        for obj in instances:
            _adopt(obj, inline_save(instance=obj, by=viewer_of(request)))
        formset.save_m2m()

    def get_formsets_with_inlines(self, request, obj=None):
        for formset, inline in super().get_formsets_with_inlines(request, obj):
            if isinstance(inline, ServiceInlineMixin):
                formset.save_service = staticmethod(inline.save_service)
                formset.delete_service = staticmethod(inline.delete_service)
            yield formset, inline


class StatusChangeInline(GenericTabularInline):
    """Every transition of this row: when, from which state to which, who did it and why."""

    model = StatusChange
    ct_field = "content_type"
    ct_fk_field = "object_id"
    extra = 0
    can_delete = False
    fields = ["changed_at", "transition", "from_state", "to_state", "actor", "reason"]
    readonly_fields = fields
    verbose_name_plural = "history"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


def _input_value(request, need: str):
    raw = request.POST.get(need, "").strip()
    if need.endswith("_on"):
        if not raw:
            return None
        value = parse_date(raw)
        if value is None:
            raise DomainError(f"{raw!r} is not a date (YYYY-MM-DD).", field=need)
        return value
    return raw


def transition_action(lifecycle: Lifecycle, transition: Transition, argument: str) -> Callable:
    """A list action performing `transition` on each selected row through its service."""

    @admin.action(description=f"{transition.label}", permissions=["change"])
    def action(modeladmin, request, queryset):
        done = 0
        for obj in queryset:
            try:
                transition.service(**{argument: obj}, by=viewer_of(request))
                done += 1
            except DomainError as exc:
                _report(modeladmin, request, obj, exc)
        if done:
            modeladmin.message_user(request, f"{transition.label}: {done} done.", messages.SUCCESS)

    action.__name__ = f"transition_{transition.name}"
    return action


class LifecycleAdmin(ServiceAdmin):
    """Buttons and list actions from the lifecycle table; the status field itself is never edited."""

    lifecycle: Lifecycle
    change_form_template = "admin/lifecycle_change_form.html"

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), self.lifecycle.field_name]

    def get_inlines(self, request, obj):
        inlines = list(super().get_inlines(request, obj))
        return [*inlines, StatusChangeInline] if obj is not None else inlines

    def get_actions(self, request):
        actions = super().get_actions(request)
        for transition in self.lifecycle:
            if transition.staff_action and not transition.needs:
                action = transition_action(self.lifecycle, transition, self.service_argument)
                actions[action.__name__] = (action, action.__name__, action.short_description)
        return actions

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/transition/<slug:name>/",
                self.admin_site.admin_view(self.transition_view),
                name="{}_{}_transition".format(*info),
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        extra_context = extra_context or {}
        if obj is not None and self.has_change_permission(request, obj):
            state = getattr(obj, self.lifecycle.field_name)
            info = self.opts.app_label, self.opts.model_name
            extra_context["transitions"] = [
                {
                    "transition": t,
                    "url": reverse("admin:{}_{}_transition".format(*info), args=[obj.pk, t.name]),
                    "needs_reason": "reason" in t.needs,
                    # (field, its name as the model gives it): the label reads in the admin's language.
                    "date_inputs": [
                        (n, capfirst(self.opts.get_field(n).verbose_name)) for n in t.needs if n.endswith("_on")
                    ],
                }
                for t in self.lifecycle.allowed(state, staff_only=True)
            ]
        return super().change_view(request, object_id, form_url, extra_context)

    def transition_view(self, request, object_id, name):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = self.get_object(request, object_id)
        if obj is None or not self.has_change_permission(request, obj):
            return redirect(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
        transition = self.lifecycle.transitions.get(name)
        if transition is None or not transition.staff_action:
            self.message_user(request, "There is no such step for this record.", messages.ERROR)
        else:
            try:
                inputs = {need: _input_value(request, need) for need in transition.needs}
                inputs = {k: v for k, v in inputs.items() if v is not None}
                updated = transition.service(**{self.service_argument: obj}, by=viewer_of(request), **inputs)
                display = getattr(updated, f"get_{self.lifecycle.field_name}_display")()
                self.message_user(request, f"{transition.label}: now {display.lower()}.", messages.SUCCESS)
            except DomainError as exc:
                self.message_user(request, exc.message, messages.ERROR)
        return redirect(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", obj.pk)


def service_action(service: Callable, *, description: str, argument: str, **fixed) -> Callable:
    """An admin action that calls `service(<argument>=obj, by=viewer, **fixed)` for each row.

    Rows the rule refuses are reported one by one; the others still go through.
    """

    @admin.action(description=description)
    def action(modeladmin, request, queryset):
        done = 0
        for obj in queryset:
            try:
                service(**{argument: obj}, by=viewer_of(request), **fixed)
                done += 1
            except DomainError as exc:
                _report(modeladmin, request, obj, exc)
        if done:
            modeladmin.message_user(request, f"{description}: {done} done.", messages.SUCCESS)

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
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    text = "" if value is None else str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
