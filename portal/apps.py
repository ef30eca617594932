from django.apps import AppConfig, apps
from django.db.models.signals import m2m_changed, post_delete, post_save

# Rows that never appear on a public page or in the public API: writing them must not empty the page cache.
NOT_PUBLIC = {
    "events.registration",
    "members.apiwritelog",
    "members.idempotencyrecord",
    "members.partnertoken",
    "members.membershipstatuschange",
    "members.user",
    "portal.contentversion",
}


PUBLIC_APPS = {"portal", "members", "events", "publications"}


def _content_changed(sender, **kwargs):
    # Cache invalidation only; no business rule lives here. Imported late: apps load before models.
    from .cache import content_changed

    content_changed()


def _m2m_changed(sender, **kwargs):
    # `sender` is the through model: only our own relations (event topics, …), not e.g. group permissions.
    if sender._meta.app_label in PUBLIC_APPS and kwargs.get("action", "").startswith("post_"):
        _content_changed(sender)


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portal"

    def ready(self):
        for model in apps.get_models():
            label = model._meta.label_lower
            if model._meta.app_label in PUBLIC_APPS and label not in NOT_PUBLIC:
                post_save.connect(_content_changed, sender=model, dispatch_uid=f"content-save-{label}")
                post_delete.connect(_content_changed, sender=model, dispatch_uid=f"content-delete-{label}")
        m2m_changed.connect(_m2m_changed, dispatch_uid="content-m2m")
