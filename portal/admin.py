from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse

from kernel.admin_tools import ServiceAdmin

from . import services
from .models import SiteSettings


@admin.register(SiteSettings)
class SiteSettingsAdmin(ServiceAdmin):
    """One record: the list opens it (or the form to create it); it cannot be deleted, only emptied."""

    service_argument = "site_settings"
    save_service = staticmethod(services.site_settings_save)
    validate_service = staticmethod(services.site_settings_validate)
    fields = ["organisation_name", "logo", "brand_colour", "brand_colour_strong"]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not SiteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        if SiteSettings.objects.filter(pk=1).exists():
            return redirect(reverse("admin:portal_sitesettings_change", args=[1]))
        return redirect(reverse("admin:portal_sitesettings_add"))
