from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    """Partner organisations over the API: tokens, the write log, idempotency, webhooks (above the domain apps)."""

    name = "partners"
    verbose_name = _("Partner API")

    def ready(self):
        from kernel import events

        from . import webhooks

        # Each domain app's api/webhooks.py says which of its API views shows the objects its events are about.
        autodiscover_modules("api.webhooks")
        events.subscribe(webhooks.on_domain_event)
