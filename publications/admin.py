from django.contrib import admin

from portal.admin_actions import csv_export_action, service_action
from portal.admin_forms import URL_FIELDS_ASSUME_HTTPS

from . import services
from .models import Publication, PublicationOrganization, PublicationPerson


class PublicationOrganizationInline(admin.TabularInline):
    model = PublicationOrganization
    extra = 0
    autocomplete_fields = ["organization"]


class PublicationPersonInline(admin.TabularInline):
    model = PublicationPerson
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS
    list_display = ["title", "type", "status", "published_on", "language", "featured", "submitted_by"]
    list_filter = ["status", "type", "language", "featured", "topics"]
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
    readonly_fields = ["status"]
    inlines = [PublicationOrganizationInline, PublicationPersonInline]
    actions = [
        service_action(services.publication_publish, description="Publish", argument="publication"),
        service_action(services.publication_unpublish, description="Unpublish", argument="publication"),
        service_action(services.publication_withdraw, description="Withdraw", argument="publication"),
        csv_export_action(
            [
                ("title", lambda p: p.title),
                ("type", lambda p: p.get_type_display()),
                ("status", lambda p: p.status),
                ("published_on", lambda p: p.published_on),
                ("language", lambda p: p.language),
                ("url", lambda p: p.get_absolute_url()),
            ],
            filename="publications",
        ),
    ]
