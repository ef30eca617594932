from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse
from modeltranslation.admin import TranslationAdmin

from kernel.admin_tools import ServiceAdmin

from . import services
from .models import SitePage, SiteSettings


@admin.register(SiteSettings)
class SiteSettingsAdmin(ServiceAdmin):
    """One record: the list opens it (or the form to create it); it cannot be deleted, only emptied."""

    service_argument = "site_settings"
    save_service = staticmethod(services.site_settings_save)
    validate_service = staticmethod(services.site_settings_validate)
    fields = ["organisation_name", "logo", "brand_colour", "brand_colour_strong"]

    # The sidebar asks every admin page for "may add?": answering it without a query keeps the admin's pages at
    # their query budget; a second record is refused where it would be made, in add_view.
    def add_view(self, request, form_url="", extra_context=None):
        if SiteSettings.objects.exists():
            return redirect(reverse("admin:portal_sitesettings_change", args=[1]))
        return super().add_view(request, form_url, extra_context)

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        if SiteSettings.objects.filter(pk=1).exists():
            return redirect(reverse("admin:portal_sitesettings_change", args=[1]))
        return redirect(reverse("admin:portal_sitesettings_add"))


@admin.register(SitePage)
class SitePageAdmin(TranslationAdmin, ServiceAdmin):
    """The privacy notice, contact page and accessibility statement: always these three, edited, never removed."""

    list_display = ["title", "key", "updated_at"]
    fields = ["key", "title", "body"]

    def get_readonly_fields(self, request, obj=None):
        return ["key"] if obj is not None else []

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
