"""The change journal: one `ChangeRecord` per write to a row partners sync, so that a changes feed can list what
changed since a point, including what was deleted or became invisible (tombstones).

Like the content version (kernel/content.py) it is bookkeeping, not a rule: the signal handlers below only note
*that* a tracked row (or a row that belongs to one: a session's speakers, an event's organisers) was written,
and how wide its audience was around the write, asking the owning app's `visible_to` (its policies) with the
anonymous Viewer and with a member's. Who may see what is decided at read time, by the same policies.

Domain apps declare what they track (`track(Session, "session")`, `track(Participation, "session",
parent="session_id")`) in their AppConfig.ready(). Services that write in bulk (which sends no signals) call
`record_change(instance)` themselves.
"""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from .viewer import ANONYMOUS, Viewer

# A member of some organisation: sees what members see. The id is never an organisation's.
_MEMBER = Viewer(member_of=frozenset({0}))
_ORDER = {"public": 2, "members": 1, "restricted": 0}

# model -> (kind, attribute holding the id of the tracked row, or None when the model is the tracked row)
_TRACKED: dict[type, tuple[str, str | None]] = {}
# kind -> model of the tracked row
KINDS: dict[str, type] = {}


def track(model, kind: str, *, parent: str | None = None) -> None:
    _TRACKED[model] = (kind, parent)
    if parent is None:
        KINDS[kind] = model
    uid = f"changes-{model._meta.label_lower}"
    post_save.connect(_after_save, sender=model, dispatch_uid=f"{uid}-save")
    pre_delete.connect(_before_delete, sender=model, dispatch_uid=f"{uid}-pre-delete")
    post_delete.connect(_after_delete, sender=model, dispatch_uid=f"{uid}-delete")
    if parent is None:
        pre_save.connect(_before_save, sender=model, dispatch_uid=f"{uid}-pre-save")
        for field in model._meta.many_to_many:
            m2m_changed.connect(_m2m, sender=field.remote_field.through, dispatch_uid=f"{uid}-m2m-{field.name}")


def audience_of(kind: str, object_id: int) -> str:
    """The widest audience the tracked row has now, as its app's policies decide."""
    rows = KINDS[kind]._default_manager.filter(pk=object_id)
    if rows.visible_to(ANONYMOUS).exists():
        return "public"
    if rows.visible_to(_MEMBER).exists():
        return "members"
    return "restricted"


def _widest(*audiences: str | None) -> str:
    return max((a for a in audiences if a), key=_ORDER.__getitem__, default="restricted")


def _subject(instance) -> tuple[str, int | None]:
    kind, parent = _TRACKED[type(instance)]
    return kind, getattr(instance, parent) if parent else instance.pk


def _write(kind: str, object_id: int | None, *, audience: str, created=False, deleted=False) -> None:
    from .models import ChangeRecord

    if object_id is None:
        return
    ChangeRecord.objects.create(kind=kind, object_id=object_id, audience=audience, created=created, deleted=deleted)


def record_change(instance, *, created: bool = False) -> None:
    """Note a write to `instance` (a tracked row or a row that belongs to one) made without signals."""
    kind, object_id = _subject(instance)
    if object_id is not None:
        _write(kind, object_id, audience=audience_of(kind, object_id), created=created)


def _before_save(sender, instance, raw=False, **kwargs):
    # The audience before the write: an unpublished row was public until now, whatever it is after.
    if raw or instance._state.adding or instance.pk is None:
        return
    kind, object_id = _subject(instance)
    instance._change_audience_before = audience_of(kind, object_id)


def _after_save(sender, instance, created=False, raw=False, **kwargs):
    if raw:
        return
    kind, object_id = _subject(instance)
    if object_id is None:
        return
    before = instance.__dict__.pop("_change_audience_before", None)
    # Public before the write is already the widest: no need to ask the policies again (a write's hot path).
    audience = before if before == "public" else _widest(before, audience_of(kind, object_id))
    _write(kind, object_id, audience=audience, created=created and not _parent(sender))


def _parent(model) -> bool:
    return _TRACKED[model][1] is not None


def _before_delete(sender, instance, **kwargs):
    kind, object_id = _subject(instance)
    if object_id is not None:
        instance._change_audience_before = audience_of(kind, object_id)


def _after_delete(sender, instance, **kwargs):
    kind, object_id = _subject(instance)
    before = instance.__dict__.pop("_change_audience_before", None)
    if _parent(sender):
        # A row that belonged to the tracked one: that one changed (unless it is being deleted too).
        if KINDS[kind]._default_manager.filter(pk=object_id).exists():
            _write(kind, object_id, audience=_widest(before, audience_of(kind, object_id)))
        return
    _write(kind, object_id, audience=_widest(before), deleted=True)


def _m2m(sender, instance, action, reverse=False, **kwargs):
    if action.startswith("post_") and not reverse and type(instance) in _TRACKED:
        kind, object_id = _subject(instance)
        _write(kind, object_id, audience=audience_of(kind, object_id))
