from django.contrib import admin

from portal.admin_actions import csv_export_action, service_action
from portal.admin_forms import URL_FIELDS_ASSUME_HTTPS

from . import services
from .models import (
    Event,
    EventOrganization,
    EventSeries,
    Participation,
    Registration,
    Session,
    SessionOrganization,
)


@admin.register(EventSeries)
class EventSeriesAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym", "convened_by"]
    list_select_related = ["convened_by"]
    search_fields = ["name", "acronym"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["convened_by"]


class EventOrganizationInline(admin.TabularInline):
    model = EventOrganization
    extra = 0
    autocomplete_fields = ["organization"]


class SessionInline(admin.TabularInline):
    model = Session
    extra = 0
    fields = ["title", "slug", "type", "status", "starts_at", "ends_at", "room"]
    readonly_fields = ["status"]
    prepopulated_fields = {"slug": ["title"]}
    show_change_link = True


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS
    list_display = [
        "title",
        "series",
        "edition",
        "type",
        "format",
        "starts_at",
        "city",
        "status",
        "visibility",
    ]
    list_filter = ["status", "type", "format", "visibility", "country", "topics"]
    list_select_related = ["series"]
    search_fields = ["title", "theme", "venue", "city"]
    date_hierarchy = "starts_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["series", "topics"]
    readonly_fields = ["status"]
    inlines = [EventOrganizationInline, SessionInline]
    actions = [
        service_action(services.event_publish, description="Publish", argument="event"),
        service_action(services.event_unpublish, description="Unpublish", argument="event"),
        service_action(services.event_cancel, description="Cancel", argument="event"),
        csv_export_action(
            [
                ("title", lambda e: e.title),
                ("type", lambda e: e.get_type_display()),
                ("format", lambda e: e.get_format_display()),
                ("starts_at", lambda e: e.starts_at.isoformat()),
                ("ends_at", lambda e: e.ends_at.isoformat()),
                ("timezone", lambda e: e.timezone),
                ("venue", lambda e: e.venue),
                ("city", lambda e: e.city),
                ("country", lambda e: e.country.code),
                ("status", lambda e: e.status),
            ],
            filename="events",
        ),
    ]


class SessionOrganizationInline(admin.TabularInline):
    model = SessionOrganization
    extra = 0
    autocomplete_fields = ["organization"]


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    fields = ["order", "person", "role", "printed_title", "printed_affiliation", "affiliation"]
    autocomplete_fields = ["person", "affiliation"]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["title", "event", "type", "status", "starts_at", "room", "proposed_by"]
    list_filter = ["status", "type", "topics"]
    list_select_related = ["event", "proposed_by"]
    search_fields = ["title", "event__title"]
    date_hierarchy = "starts_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["event", "topics", "proposed_by"]
    readonly_fields = ["status"]
    inlines = [SessionOrganizationInline, ParticipationInline]
    actions = [
        service_action(services.session_approve, description="Approve proposed session", argument="session"),
        service_action(services.session_reject, description="Reject proposed session", argument="session"),
        service_action(services.session_cancel, description="Cancel session", argument="session"),
    ]


@admin.register(Participation)
class ParticipationAdmin(admin.ModelAdmin):
    list_display = ["person", "role", "session", "printed_title", "printed_affiliation", "order"]
    list_filter = ["role"]
    list_select_related = ["person", "session"]
    search_fields = ["person__family_name", "person__given_name", "session__title"]
    autocomplete_fields = ["person", "session", "affiliation"]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "event", "session", "status", "attended", "registered_by", "created_at"]
    list_filter = ["status", "attended", "event"]
    list_select_related = ["event", "session", "registered_by"]
    search_fields = ["name", "email", "organization_name"]
    date_hierarchy = "created_at"
    autocomplete_fields = ["event", "session", "user", "registered_by"]
    readonly_fields = ["status", "cancel_token", "cancelled_at"]
    actions = [
        service_action(services.registration_approve, description="Approve", argument="registration"),
        csv_export_action(
            [
                ("name", lambda r: r.name),
                ("email", lambda r: r.email),
                ("organisation", lambda r: r.organization_name),
                ("event", lambda r: r.event.title),
                ("session", lambda r: r.session.title if r.session else ""),
                ("status", lambda r: r.status),
                ("attended", lambda r: r.attended),
                ("registered_at", lambda r: r.created_at.isoformat()),
            ],
            filename="registrations",
        ),
        "mark_attended",
        "cancel",
    ]

    @admin.action(description="Mark as attended")
    def mark_attended(self, request, queryset):
        from django.contrib import messages

        from portal.errors import DomainError

        for registration in queryset:
            try:
                services.registration_mark_attended(registration=registration)
            except DomainError as exc:
                self.message_user(request, f"{registration}: {exc.message}", messages.ERROR)

    @admin.action(description="Cancel (promotes the waitlist)")
    def cancel(self, request, queryset):
        from django.contrib import messages

        from portal.errors import DomainError

        for registration in queryset:
            try:
                services.registration_cancel(registration=registration)
            except DomainError as exc:
                self.message_user(request, f"{registration}: {exc.message}", messages.ERROR)

    def save_model(self, request, obj, form, change):
        # New registrations made by staff go through the one registration service, so capacity holds.
        if not change:
            created = services.registration_create(
                event=obj.event,
                session=obj.session,
                name=obj.name,
                email=obj.email,
                user=obj.user,
                registered_by=obj.registered_by,
                organization_name=obj.organization_name,
                by_staff=True,
            )
            obj.pk = created.pk
            obj.status = created.status
            obj._state.adding = False
            return
        super().save_model(request, obj, form, change)
