from django import forms
from django.contrib import admin, messages

from kernel.admin_tools import ServiceAdmin, viewer_of

from . import services
from .models import ApiWriteLog, PartnerToken


class PartnerTokenForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(choices=PartnerToken.Scope.choices, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = PartnerToken
        fields = ["organization", "name", "scopes", "expires_at"]


@admin.register(PartnerToken)
class PartnerTokenAdmin(ServiceAdmin):
    form = PartnerTokenForm
    list_display = ["name", "organization", "prefix", "scope_list", "expires_at", "revoked", "last_used_at"]
    list_filter = ["revoked", "organization"]
    list_select_related = ["organization"]
    search_fields = ["name", "prefix", "organization__name"]
    autocomplete_fields = ["organization"]
    readonly_fields = ["prefix", "last_used_at", "revoked", "created_by", "created_at"]
    actions = ["revoke"]

    @admin.display(description="scopes")
    def scope_list(self, obj):
        return ", ".join(obj.scopes)

    def get_readonly_fields(self, request, obj=None):
        # A token's owner and scopes are fixed once issued: revoke it and issue another instead.
        if obj is not None:
            return [*self.readonly_fields, "organization", "scopes", "name"]
        return self.readonly_fields

    def save_model(self, request, obj, form, change):
        if change:
            services.partner_token_update(token=obj, by=viewer_of(request), expires_at=obj.expires_at)
            return
        token, secret = services.partner_token_create(
            organization=form.cleaned_data["organization"],
            name=form.cleaned_data["name"],
            scopes=form.cleaned_data["scopes"],
            expires_at=form.cleaned_data.get("expires_at"),
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
