"""Content versions: numbers in the database that go up whenever what a page shows changes.

- The content version goes up whenever public content changes. Every cache of public content (the page cache,
  cached fragments, API responses) keys on it, so a change is seen at once by every app server whatever cache
  each uses. Saving or deleting a catalogue row bumps it (the signals below); services that write with bulk
  operations, which send no signals, call `content_changed()`.
- The personal version goes up whenever something a signed-in person's own pages show changes without
  changing the catalogue: a registration (theirs, or anyone's that moves a waitlist), their account, their
  email addresses. Pages cached for one signed-in person key on both.

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
# Rows a signed-in person's pages show about them (registration state and waitlist position, their name, whether
# their email address is verified): writing one empties the signed-in people's page caches, not the public one.
PERSONAL = {"events.registration", "members.user", "account.emailaddress"}
CONTENT, PERSONAL_ROW = 1, 2
# Our own apps; third-party models (sessions, admin log, ...) never change public content.
CATALOGUE_APPS = {"kernel", "members", "events", "publications", "partners", "portal"}


def _bump(row: int) -> None:
    from .models import ContentVersion

    updated = ContentVersion.objects.filter(pk=row).update(version=F("version") + 1)
    if not updated:
        # The very first change: the row starts at 1, so it differs from the 0 read before it existed.
        ContentVersion.objects.get_or_create(pk=row, defaults={"version": 1})


def content_changed() -> None:
    _bump(CONTENT)


def personal_changed() -> None:
    _bump(PERSONAL_ROW)


def current_version() -> int:
    from .models import ContentVersion

    return ContentVersion.objects.filter(pk=CONTENT).values_list("version", flat=True).first() or 0


def current_versions() -> tuple[int, int]:
    """The content version and the personal version, in one read."""
    from .models import ContentVersion

    found = dict(ContentVersion.objects.filter(pk__in=(CONTENT, PERSONAL_ROW)).values_list("pk", "version"))
    return found.get(CONTENT, 0), found.get(PERSONAL_ROW, 0)


def _on_write(sender, **kwargs):
    content_changed()


def _on_personal_write(sender, **kwargs):
    personal_changed()


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
        if label in PERSONAL:
            post_save.connect(_on_personal_write, sender=model, dispatch_uid=f"personal-save-{label}")
            post_delete.connect(_on_personal_write, sender=model, dispatch_uid=f"personal-delete-{label}")
    m2m_changed.connect(_on_m2m, dispatch_uid="content-m2m")
