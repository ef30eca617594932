from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The project and site layer: settings, URLs, home, search, sitemaps, accounts across apps, demo data."""

    name = "portal"
    verbose_name = "Portal"
