from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from portal.admin_actions import csv_export_action, service_action
from portal.admin_forms import URL_FIELDS_ASSUME_HTTPS

from . import services
from .models import (
    Affiliation,
    ApiWriteLog,
    House,
    Membership,
    MembershipStatusChange,
    Organization,
    PartnerToken,
    Person,
    User,
)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "email", "first_name", "last_name", "is_staff", "is_active"]


@admin.register(House)
class HouseAdmin(admin.ModelAdmin):
    list_display = ["name", "board_seats", "votes", "dues_apply", "order"]
    list_editable = ["order"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ["house", "status", "started_on", "expires_on", "dues_band", "publicly_listed"]
    # Status moves only through the services (the actions on the membership list).
    readonly_fields = ["status"]
    show_change_link = True


class AffiliationInline(admin.TabularInline):
    model = Affiliation
    extra = 0
    fields = ["organization", "title", "start_date", "end_date", "former"]
    autocomplete_fields = ["organization"]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS
    list_display = ["name", "acronym", "type", "country", "parent", "updated_at"]
    list_filter = ["type", "country", "memberships__house", "memberships__status"]
    list_select_related = ["parent"]
    search_fields = ["name", "acronym"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    inlines = [MembershipInline]
    actions = [
        csv_export_action(
            [
                ("name", lambda o: o.name),
                ("acronym", lambda o: o.acronym),
                ("type", lambda o: o.get_type_display()),
                ("country", lambda o: o.country.code),
                ("parent", lambda o: o.parent.name if o.parent else ""),
                ("website", lambda o: o.website),
            ],
            filename="organisations",
        )
    ]


class MembershipStatusChangeInline(admin.TabularInline):
    model = MembershipStatusChange
    extra = 0
    can_delete = False
    fields = ["changed_at", "from_status", "to_status", "changed_by", "reason"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = [
        "organization",
        "house",
        "status",
        "started_on",
        "expires_on",
        "dues_band",
        "publicly_listed",
    ]
    list_filter = ["status", "house", "dues_band", "publicly_listed"]
    list_select_related = ["organization", "house"]
    search_fields = ["organization__name", "organization__acronym"]
    autocomplete_fields = ["organization"]
    date_hierarchy = "applied_on"
    readonly_fields = ["status", "status_reason"]
    inlines = [MembershipStatusChangeInline]
    actions = [
        service_action(services.membership_approve, description="Approve application", argument="membership"),
        service_action(services.membership_lapse, description="Mark as lapsed", argument="membership"),
        service_action(services.membership_reinstate, description="Reinstate", argument="membership"),
        csv_export_action(
            [
                ("organisation", lambda m: m.organization.name),
                ("house", lambda m: m.house.name),
                ("status", lambda m: m.get_status_display()),
                ("applied_on", lambda m: m.applied_on),
                ("started_on", lambda m: m.started_on),
                ("expires_on", lambda m: m.expires_on),
                ("dues_band", lambda m: m.get_dues_band_display()),
                ("publicly_listed", lambda m: m.publicly_listed),
            ],
            filename="memberships",
        ),
    ]
    # Reject, suspend and withdraw need a reason: they are done on the change page (see change_view).
    change_form_template = "admin/members/membership/change_form.html"

    def get_urls(self):
        from django.urls import path

        return [
            path(
                "<path:object_id>/transition/",
                self.admin_site.admin_view(self.transition_view),
                name="members_membership_transition",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        membership = self.get_object(request, object_id)
        extra_context = extra_context or {}
        if membership is not None:
            extra_context["allowed_transitions"] = [
                (name, name.replace("_", " ").capitalize()) for name in services.allowed_transitions(membership.status)
            ]
        return super().change_view(request, object_id, form_url, extra_context)

    def transition_view(self, request, object_id):
        from django.http import HttpResponseNotAllowed
        from django.shortcuts import redirect

        from portal.errors import DomainError

        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        membership = self.get_object(request, object_id)
        if membership is None or not self.has_change_permission(request, membership):
            return redirect("admin:members_membership_changelist")
        name = request.POST.get("transition", "")
        reason = request.POST.get("reason", "")
        service = {
            "approve": lambda: services.membership_approve(membership=membership, by=request.user),
            "request_information": lambda: services.membership_request_information(
                membership=membership, by=request.user, reason=reason
            ),
            "reject": lambda: services.membership_reject(membership=membership, by=request.user, reason=reason),
            "suspend": lambda: services.membership_suspend(membership=membership, by=request.user, reason=reason),
            "reinstate": lambda: services.membership_reinstate(membership=membership, by=request.user, reason=reason),
            "lapse": lambda: services.membership_lapse(membership=membership, by=request.user, reason=reason),
            "withdraw": lambda: services.membership_withdraw(membership=membership, by=request.user, reason=reason),
        }.get(name)
        if service is None:
            self.message_user(request, "Unknown action.", messages.ERROR)
        else:
            try:
                updated = service()
                self.message_user(request, f"Membership is now {updated.get_status_display().lower()}.")
            except DomainError as exc:
                self.message_user(request, exc.message, messages.ERROR)
        return redirect("admin:members_membership_change", membership.pk)


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["__str__", "honorific", "public_profile", "email", "user", "updated_at"]
    list_filter = ["public_profile"]
    list_select_related = ["user"]
    search_fields = ["given_name", "family_name", "email"]
    prepopulated_fields = {"slug": ["given_name", "family_name"]}
    autocomplete_fields = ["user"]
    inlines = [AffiliationInline]
    actions = [
        csv_export_action(
            [
                ("given_name", lambda p: p.given_name),
                ("family_name", lambda p: p.family_name),
                ("public_profile", lambda p: p.public_profile),
                ("email", lambda p: p.email),
            ],
            filename="people",
        )
    ]


@admin.register(Affiliation)
class AffiliationAdmin(admin.ModelAdmin):
    list_display = ["person", "title", "organization", "former", "start_date", "end_date"]
    list_filter = ["former"]
    list_select_related = ["person", "organization"]
    search_fields = ["person__family_name", "person__given_name", "organization__name", "title"]
    autocomplete_fields = ["person", "organization"]


class PartnerTokenForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(choices=PartnerToken.Scope.choices, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = PartnerToken
        fields = ["organization", "name", "scopes", "expires_at"]


@admin.register(PartnerToken)
class PartnerTokenAdmin(admin.ModelAdmin):
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
            return super().save_model(request, obj, form, change)
        token, secret = services.partner_token_create(
            organization=form.cleaned_data["organization"],
            name=form.cleaned_data["name"],
            scopes=form.cleaned_data["scopes"],
            expires_at=form.cleaned_data.get("expires_at"),
            by=request.user,
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
            services.partner_token_revoke(token=token, by=request.user)
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
