from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from kernel.admin_tools import ServiceAdmin, viewer_of
from kernel.errors import DomainError

from . import services
from .models import (
    TOKEN_DEFAULT_DAYS,
    TOKEN_MAX_DAYS,
    TOKEN_MIN_DAYS,
    ApiWriteLog,
    PartnerToken,
)

ROTATION_OVERLAP_DAYS = 7


class PartnerTokenForm(forms.ModelForm):
    """Issuing a token: its lifetime in days (1 to 730); changing one: its expiry and events."""

    scopes = forms.MultipleChoiceField(choices=PartnerToken.Scope.choices, widget=forms.CheckboxSelectMultiple)
    days = forms.IntegerField(
        label=_("Valid for (days)"),
        min_value=TOKEN_MIN_DAYS,
        max_value=TOKEN_MAX_DAYS,
        initial=TOKEN_DEFAULT_DAYS,
        help_text=_("Every token expires, at most two years after it is issued."),
    )

    class Meta:
        model = PartnerToken
        fields = ["organization", "name", "scopes", "days", "expires_at", "events"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["days"].required = False  # not shown: a token's expiry is changed as a date


@admin.register(PartnerToken)
class PartnerTokenAdmin(ServiceAdmin):
    form = PartnerTokenForm
    list_display = ["name", "organization", "prefix", "scope_list", "expires_at", "revoked", "last_used_at"]
    list_filter = ["revoked", "organization"]
    list_select_related = ["organization"]
    search_fields = ["name", "prefix", "organization__name"]
    autocomplete_fields = ["organization", "events"]
    readonly_fields = ["prefix", "last_used_at", "revoked", "rotated_to", "created_by", "created_at"]
    actions = ["revoke", "rotate"]

    @admin.display(description="scopes")
    def scope_list(self, obj):
        return ", ".join(obj.scopes)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["organization", "name", "scopes", "days", "events"]
        return ["organization", "name", "scopes", "expires_at", "events", *self.readonly_fields]

    def get_readonly_fields(self, request, obj=None):
        # A token's owner and scopes are fixed once issued: revoke it and issue another instead.
        if obj is not None:
            return [*self.readonly_fields, "organization", "scopes", "name"]
        return self.readonly_fields

    def save_model(self, request, obj, form, change):
        if change:
            services.partner_token_update(
                token=obj, by=viewer_of(request), expires_at=obj.expires_at, events=form.cleaned_data["events"]
            )
            return
        token, secret = services.partner_token_create(
            organization=form.cleaned_data["organization"],
            name=form.cleaned_data["name"],
            scopes=form.cleaned_data["scopes"],
            days=form.cleaned_data["days"],
            events=form.cleaned_data["events"],
            by=viewer_of(request),
        )
        obj.pk = token.pk
        obj._state.adding = False
        self.message_user(
            request,
            f"Token created. Copy it now, it will not be shown again: {secret}",
            messages.WARNING,
        )

    @admin.action(description="Revoke selected tokens")
    def revoke(self, request, queryset):
        for token in queryset:
            services.partner_token_revoke(token=token, by=viewer_of(request))
        self.message_user(request, f"{queryset.count()} token(s) revoked.")

    @admin.action(description=f"Rotate selected tokens (the old ones work {ROTATION_OVERLAP_DAYS} more days)")
    def rotate(self, request, queryset):
        for token in queryset.select_related("organization"):
            try:
                _new, secret = services.partner_token_rotate(
                    token=token, overlap_days=ROTATION_OVERLAP_DAYS, by=viewer_of(request)
                )
            except DomainError as exc:
                self.message_user(request, f"{token}: {exc.message}", messages.ERROR)
                continue
            self.message_user(
                request,
                f"{token} rotated; it works until {token.expires_at:%Y-%m-%d %H:%M} UTC. "
                f"Copy the new token now, it will not be shown again: {secret}",
                messages.WARNING,
            )

    def save_related(self, request, form, formsets, change):
        # The token's events are written by the service with the token itself.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)


@admin.register(ApiWriteLog)
class ApiWriteLogAdmin(admin.ModelAdmin):
    list_display = ["created_at", "organization", "token", "user", "action", "object_type", "object_id"]
    list_filter = ["action", "organization"]
    list_select_related = ["organization", "token", "token__organization", "user"]
    date_hierarchy = "created_at"
    search_fields = ["object_id", "organization__name"]
    readonly_fields = ["created_at", "organization", "token", "user", "action", "object_type", "object_id", "changes"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# Webhook endpoints and deliveries have their own module; importing it registers them.
from . import webhook_admin  # noqa: E402, F401
