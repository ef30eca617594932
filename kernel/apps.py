from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KernelConfig(AppConfig):
    """The bottom layer: what every app shares (time stamps, topics, errors, markdown, content versions,
    lifecycles and the Viewer). It imports nothing of ours."""

    name = "kernel"
    verbose_name = _("Shared")

    def ready(self):
        from . import content

        content.connect_signals()
