from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from kernel.admin_tools import LifecycleAdmin, ServiceInlineMixin, csv_export_action

from . import services
from .lifecycles import PUBLICATION
from .models import Publication, PublicationOrganization, PublicationPerson


class PublicationOrganizationInline(ServiceInlineMixin, admin.TabularInline):
    model = PublicationOrganization
    extra = 0
    autocomplete_fields = ["organization"]


class PublicationPersonInline(ServiceInlineMixin, admin.TabularInline):
    model = PublicationPerson
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(Publication)
class PublicationAdmin(LifecycleAdmin, TranslationAdmin):
    lifecycle = PUBLICATION
    service_argument = "publication"
    save_service = staticmethod(services.publication_save)
    validate_service = staticmethod(services.publication_validate)
    list_display = ["title", "type", "status", "published_on", "release", "language", "featured", "submitted_by"]
    list_filter = ["status", "type", "release", "language", "featured", "members_only", "topics"]
    list_select_related = ["submitted_by"]
    search_fields = ["title", "summary"]
    date_hierarchy = "published_on"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = [
        "topics",
        "related_events",
        "related_sessions",
        "launched_at",
        "translation_of",
        "submitted_by",
    ]
    readonly_fields = ["review_note", "released_at"]
    inlines = [PublicationOrganizationInline, PublicationPersonInline]
    actions = [
        csv_export_action(
            [
                ("title", lambda p: p.title),
                ("type", lambda p: p.get_type_display()),
                ("status", lambda p: p.get_status_display()),
                ("published_on", lambda p: p.published_on),
                ("language", lambda p: p.language),
                ("url", lambda p: p.get_absolute_url()),
            ],
            filename="publications",
        ),
    ]
