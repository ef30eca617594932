"""Staff see and manage every organisation's webhook endpoints and deliveries (imported by partners/admin.py)."""

from django import forms
from django.contrib import admin, messages

from background.admin import TASK_SUMMARIES
from kernel.admin_tools import ServiceAdmin, service_action, viewer_of

from . import webhook_services as services
from .webhook_models import WebhookDelivery, WebhookEndpoint
from .webhooks import EVENT_TYPES

# What a webhook task is about, in the list of background tasks.
TASK_SUMMARIES["partners.webhook_tasks.deliver_webhook"] = lambda args, kwargs: f"webhook delivery #{args[0]}"
TASK_SUMMARIES["partners.webhook_tasks.fan_out_webhook_event"] = lambda args, kwargs: (
    f"{kwargs['event_type']}: {kwargs['model_label']} #{kwargs['object_id']}"
)


class WebhookEndpointForm(forms.ModelForm):
    url = forms.URLField(max_length=500, assume_scheme="https")
    events = forms.MultipleChoiceField(
        choices=[(name, f"{name}: {description}") for name, description in EVENT_TYPES.items()],
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = WebhookEndpoint
        fields = ["organization", "url", "description", "events", "enabled"]


def _enable(*, endpoint, by):
    return services.webhook_endpoint_update(endpoint=endpoint, by=by, enabled=True)


def _disable(*, endpoint, by):
    return services.webhook_endpoint_update(endpoint=endpoint, by=by, enabled=False)


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(ServiceAdmin):
    form = WebhookEndpointForm
    validate_service = staticmethod(services.webhook_endpoint_validate)
    list_display = ["url", "organization", "event_list", "enabled", "disabled_at", "created_at"]
    list_filter = ["enabled", "organization"]
    list_select_related = ["organization"]
    search_fields = ["url", "description", "organization__name"]
    autocomplete_fields = ["organization"]
    readonly_fields = ["previous_secret_expires_at", "disabled_at", "disabled_reason", "created_at", "updated_at"]
    actions = [
        "rotate_secret",
        service_action(_enable, description="Enable again", argument="endpoint"),
        service_action(_disable, description="Disable", argument="endpoint"),
    ]

    @admin.display(description="events")
    def event_list(self, obj):
        return ", ".join(obj.events)

    def get_readonly_fields(self, request, obj=None):
        # An endpoint belongs to its organisation for good: register another one for another organisation.
        return [*self.readonly_fields, "organization"] if obj is not None else self.readonly_fields

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if change:
            services.webhook_endpoint_update(
                endpoint=obj,
                by=viewer_of(request),
                url=data["url"],
                events=data["events"],
                description=data["description"],
                enabled=data["enabled"],
            )
            return
        endpoint, secret = services.webhook_endpoint_create(
            by=viewer_of(request),
            organization=data["organization"],
            url=data["url"],
            events=data["events"],
            description=data["description"],
        )
        obj.pk = endpoint.pk
        obj._state.adding = False
        self.message_user(
            request, f"Endpoint registered. Give its signing secret to the organisation now: {secret}", messages.WARNING
        )

    def delete_model(self, request, obj):
        services.webhook_endpoint_delete(endpoint=obj, by=viewer_of(request))

    @admin.action(description="Rotate the signing secret (the old one still signs for a day)")
    def rotate_secret(self, request, queryset):
        for endpoint in queryset:
            _rotated, secret = services.webhook_endpoint_rotate_secret(endpoint=endpoint, by=viewer_of(request))
            self.message_user(request, f"New signing secret for {endpoint}: {secret}", messages.WARNING)


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    """Read-only: deliveries are made by events; staff can send one again."""

    list_display = [
        "created_at",
        "event_type",
        "endpoint",
        "status",
        "attempts",
        "response_status_code",
        "last_attempt_at",
    ]
    list_filter = ["status", "event_type", "endpoint__organization"]
    list_select_related = ["endpoint", "endpoint__organization"]
    search_fields = ["message_id", "endpoint__url", "object_id"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "endpoint",
        "message_id",
        "event_type",
        "object_type",
        "object_id",
        "status",
        "attempts",
        "round",
        "last_attempt_at",
        "delivered_at",
        "response_status_code",
        "response_body",
        "error",
        "payload",
        "created_at",
    ]
    actions = ["redeliver"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_redeliver_permission(self, request) -> bool:
        return request.user.has_perm("partners.change_webhookendpoint")

    @admin.action(description="Redeliver (from a first attempt)", permissions=["redeliver"])
    def redeliver(self, request, queryset):
        done = 0
        for delivery in queryset.select_related("endpoint"):
            try:
                services.webhook_delivery_redeliver(delivery=delivery, by=viewer_of(request))
                done += 1
            except services.DomainError as exc:
                self.message_user(request, f"{delivery}: {exc.message}", messages.ERROR)
        if done:
            self.message_user(request, f"Redelivery queued: {done}.", messages.SUCCESS)
