from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from kernel.admin_tools import LifecycleAdmin, ServiceAdmin, ServiceInlineMixin, csv_export_action, service_action

from . import services
from .lifecycles import EVENT, REGISTRATION, SESSION
from .models import (
    Event,
    EventOrganization,
    EventSeries,
    Participation,
    Registration,
    Session,
    SessionOrganization,
    SessionOutput,
)


@admin.register(EventSeries)
class EventSeriesAdmin(TranslationAdmin, ServiceAdmin):
    list_display = ["name", "acronym", "convened_by"]
    list_select_related = ["convened_by"]
    search_fields = ["name", "acronym"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["convened_by"]


class EventOrganizationInline(ServiceInlineMixin, admin.TabularInline):
    model = EventOrganization
    extra = 0
    autocomplete_fields = ["organization"]


class SessionInline(ServiceInlineMixin, TranslationTabularInline):
    model = Session
    extra = 0
    fields = ["title", "slug", "type", "status", "starts_at", "ends_at", "room"]
    readonly_fields = ["status"]
    prepopulated_fields = {"slug": ["title"]}
    show_change_link = True
    save_service = staticmethod(lambda *, instance, by: services.session_save(session=instance, by=by))
    validate_service = staticmethod(services.session_validate)


@admin.register(Event)
class EventAdmin(LifecycleAdmin, TranslationAdmin):
    lifecycle = EVENT
    service_argument = "event"
    save_service = staticmethod(services.event_save)
    validate_service = staticmethod(services.event_validate)
    list_display = ["title", "series", "edition", "type", "format", "starts_at", "city", "status", "visibility"]
    list_filter = ["status", "type", "format", "visibility", "country", "topics"]
    list_select_related = ["series"]
    search_fields = ["title", "theme", "venue", "city"]
    date_hierarchy = "starts_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["series", "topics"]
    inlines = [EventOrganizationInline, SessionInline]
    actions = [
        csv_export_action(
            [
                ("title", lambda e: e.title),
                ("type", lambda e: e.get_type_display()),
                ("format", lambda e: e.get_format_display()),
                ("starts_at", lambda e: e.starts_at),
                ("ends_at", lambda e: e.ends_at),
                ("timezone", lambda e: e.timezone),
                ("venue", lambda e: e.venue),
                ("city", lambda e: e.city),
                ("country", lambda e: e.country.code),
                ("status", lambda e: e.get_status_display()),
            ],
            filename="events",
        ),
    ]


class SessionOrganizationInline(ServiceInlineMixin, admin.TabularInline):
    model = SessionOrganization
    extra = 0
    autocomplete_fields = ["organization"]


class ParticipationInline(ServiceInlineMixin, TranslationTabularInline):
    # The printed title and affiliation in English, French and Spanish side by side on each speaker's line.
    model = Participation
    extra = 0
    fields = ["order", "person", "role", "printed_title", "printed_affiliation", "affiliation"]
    autocomplete_fields = ["person", "affiliation"]
    save_service = staticmethod(lambda *, instance, by: services.participation_save(participation=instance, by=by))
    validate_service = staticmethod(services.participation_validate)


class SessionOutputInline(ServiceInlineMixin, TranslationTabularInline):
    """Slides, recordings, summaries: plain records without a rule of their own (kernel.services.record_save).
    Their title and text side by side in each language."""

    model = SessionOutput
    extra = 0
    fields = ["order", "kind", "title", "url", "text", "invented"]


@admin.register(Session)
class SessionAdmin(LifecycleAdmin, TranslationAdmin):
    lifecycle = SESSION
    service_argument = "session"
    save_service = staticmethod(services.session_save)
    validate_service = staticmethod(services.session_validate)
    list_display = ["title", "event", "type", "status", "starts_at", "room", "proposed_by"]
    list_filter = ["status", "type", "topics"]
    list_select_related = ["event", "proposed_by"]
    search_fields = ["title", "event__title"]
    date_hierarchy = "starts_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["event", "topics", "proposed_by"]
    inlines = [SessionOrganizationInline, ParticipationInline, SessionOutputInline]


@admin.register(Participation)
class ParticipationAdmin(TranslationAdmin, ServiceAdmin):
    service_argument = "participation"
    save_service = staticmethod(services.participation_save)
    validate_service = staticmethod(services.participation_validate)
    list_display = ["person", "role", "session", "printed_title", "printed_affiliation", "order"]
    list_filter = ["role"]
    list_select_related = ["person", "session"]
    search_fields = ["person__family_name", "person__given_name", "session__title"]
    autocomplete_fields = ["person", "session", "affiliation"]


@admin.register(Registration)
class RegistrationAdmin(LifecycleAdmin):
    lifecycle = REGISTRATION
    service_argument = "registration"
    save_service = staticmethod(services.registration_save)
    list_display = ["name", "email", "event", "session", "status", "attended", "registered_by", "created_at"]
    list_filter = ["status", "attended", "event"]
    list_select_related = ["event", "session", "registered_by"]
    search_fields = ["name", "email", "organization_name"]
    date_hierarchy = "created_at"
    autocomplete_fields = ["event", "session", "user", "registered_by"]
    readonly_fields = ["cancel_token", "cancelled_at"]
    actions = [
        service_action(services.registration_mark_attended, description="Mark as attended", argument="registration"),
        "merge_duplicates",
        csv_export_action(
            [
                ("name", lambda r: r.name),
                ("email", lambda r: r.email),
                ("organisation", lambda r: r.organization_name),
                ("event", lambda r: r.event.title),
                ("session", lambda r: r.session.title if r.session else ""),
                ("status", lambda r: r.get_status_display()),
                ("attended", lambda r: r.attended),
                ("registered_by", lambda r: r.registered_by.short_name if r.registered_by else ""),
                ("registered_at", lambda r: r.created_at),
            ],
            filename="registrations",
        ),
    ]

    def get_readonly_fields(self, request, obj=None):
        fixed = super().get_readonly_fields(request, obj)
        # Who registered whom for what is fixed once made: cancel and register again instead.
        return [*fixed, "event", "session", "user", "registered_by", "attended"] if obj is not None else fixed

    @admin.action(description="Merge duplicates of one address (keeps the earliest seat)", permissions=["change"])
    def merge_duplicates(self, request, queryset):
        from django.contrib import messages

        from kernel.admin_tools import viewer_of
        from kernel.errors import DomainError

        try:
            kept = services.registration_merge(registrations=list(queryset), by=viewer_of(request))
        except DomainError as exc:
            self.message_user(request, exc.message, messages.ERROR)
        else:
            self.message_user(request, f"Merged into {kept}.", messages.SUCCESS)
