from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .admin_tools import ServiceAdmin
from .models import StatusChange, Topic


@admin.register(Topic)
class TopicAdmin(TranslationAdmin, ServiceAdmin):
    list_display = ["name", "kind", "identifier", "updated_at"]
    list_filter = ["kind"]
    search_fields = ["name", "identifier"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(StatusChange)
class StatusChangeAdmin(admin.ModelAdmin):
    """Every lifecycle step across the portal, for audits: read-only."""

    list_display = ["changed_at", "content_type", "object_id", "transition", "from_state", "to_state", "actor"]
    list_filter = ["content_type", "transition"]
    list_select_related = ["content_type"]
    search_fields = ["object_id", "actor", "reason"]
    date_hierarchy = "changed_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
