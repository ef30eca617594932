"""Content versions: one number in the database that goes up whenever public content changes.

Every cache of public content (the page cache, cached fragments, API responses) keys on it, so a change is
seen at once by every app server whatever cache each uses. Saving or deleting a catalogue row bumps it (the
signals below); services that write with bulk operations, which send no signals, call `content_changed()`.
No business rule lives in these signal handlers: they only invalidate.
"""

from django.apps import apps
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save

# Rows that never appear on a public page or in the public API: writing them must not empty the caches.
NOT_PUBLIC = {
    "events.registration",
    "partners.apiwritelog",
    "partners.idempotencyrecord",
    "partners.partnertoken",
    "partners.webhookendpoint",
    "partners.webhookdelivery",
    "members.user",
    "members.signin",
    "members.newslettersubscription",
    "kernel.contentversion",
    "kernel.changerecord",
    "kernel.statuschange",
}
# Our own apps; third-party models (sessions, admin log, ...) never change public content.
CATALOGUE_APPS = {"kernel", "members", "events", "publications", "partners", "portal"}


def content_changed() -> None:
    from .models import ContentVersion

    updated = ContentVersion.objects.filter(pk=1).update(version=F("version") + 1)
    if not updated:
        # The very first change: the row starts at 1, so it differs from the 0 read before it existed.
        ContentVersion.objects.get_or_create(pk=1, defaults={"version": 1})


def current_version() -> int:
    from .models import ContentVersion

    return ContentVersion.objects.filter(pk=1).values_list("version", flat=True).first() or 0


def _on_write(sender, **kwargs):
    content_changed()


def _on_m2m(sender, **kwargs):
    # `sender` is the through model: only our own relations (event topics, ...), not e.g. group permissions.
    if sender._meta.app_label in CATALOGUE_APPS and kwargs.get("action", "").startswith("post_"):
        content_changed()


def connect_signals() -> None:
    for model in apps.get_models():
        label = model._meta.label_lower
        if model._meta.app_label in CATALOGUE_APPS and label not in NOT_PUBLIC:
            post_save.connect(_on_write, sender=model, dispatch_uid=f"content-save-{label}")
            post_delete.connect(_on_write, sender=model, dispatch_uid=f"content-delete-{label}")
    m2m_changed.connect(_on_m2m, dispatch_uid="content-m2m")
