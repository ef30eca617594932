from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    """Partner organisations over the API: tokens, the write log, idempotency (above the domain apps)."""

    name = "partners"
    verbose_name = _("Partner API")
