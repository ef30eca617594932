"""Lifecycles as tables: each state machine is declared once and read by services, admin and API.

An app declares its lifecycle in `<app>/lifecycles.py`:

    MEMBERSHIP = Lifecycle("members.Membership", [
        Transition("approve", _("Approve"), sources={S.APPLIED, S.PENDING}, targets={S.ACTIVE}),
        ...
    ])

and binds each transition to the service that performs it, in `<app>/services.py`:

    @MEMBERSHIP.performs("approve")
    def membership_approve(*, membership, by, ...): ...

The service calls `MEMBERSHIP.perform(...)`, which locks the row and applies the transition: it refuses a
transition the table does not allow from the current state, changes the state and records who did it and when
(`kernel.StatusChange`).
The admin draws its buttons and list actions from the same table; the API refuses what the table refuses.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from .errors import InvalidTransition
from .viewer import Viewer


@dataclass
class Transition:
    name: str
    label: Any
    sources: frozenset[str]
    targets: frozenset[str]
    # What staff give in the admin for this transition, by the service's argument name: "reason" (required
    # text), "<name>_on" (an optional date, e.g. "expires_on").
    needs: tuple[str, ...] = ()
    # Shown as an admin button and list action; False for transitions the system or the owner performs.
    staff_action: bool = True
    service: Callable | None = field(default=None, repr=False)

    def __post_init__(self):
        self.sources = frozenset(self.sources)
        self.targets = frozenset(self.targets)

    @property
    def target(self) -> str:
        """The single state this transition leads to (most lead to one; see `targets` for the others)."""
        (only,) = self.targets
        return only


REGISTRY: dict[str, Lifecycle] = {}


def lifecycle_for(obj: models.Model) -> Lifecycle:
    return REGISTRY[obj._meta.label]


def allows(obj: models.Model, name: str) -> bool:
    """Whether `obj`'s lifecycle allows transition `name` from its current state (for pages and buttons)."""
    lifecycle = lifecycle_for(obj)
    return getattr(obj, lifecycle.field_name) in lifecycle[name].sources


class Lifecycle:
    def __init__(self, model_label: str, transitions: Iterable[Transition], *, field_name: str = "status"):
        self.model_label = model_label
        self.field_name = field_name
        self.transitions = {t.name: t for t in transitions}
        REGISTRY[model_label] = self

    def __getitem__(self, name: str) -> Transition:
        return self.transitions[name]

    def __iter__(self):
        return iter(self.transitions.values())

    def performs(self, name: str) -> Callable[[Callable], Callable]:
        """Bind a service function to the transition it performs."""

        def bind(service: Callable) -> Callable:
            self.transitions[name].service = service
            return service

        return bind

    def allowed(self, state: str, *, staff_only: bool = False) -> list[Transition]:
        """Transitions open from `state`, in the order the table declares them."""
        return [t for t in self if state in t.sources and (t.staff_action or not staff_only)]

    def check(self, name: str, obj: models.Model) -> Transition:
        transition = self.transitions[name]
        state = getattr(obj, self.field_name)
        if state not in transition.sources:
            display = getattr(obj, f"get_{self.field_name}_display")()
            noun = str(obj._meta.verbose_name)
            article = "an" if noun[:1] in "aeiou" else "a"
            raise InvalidTransition(
                f"Cannot {transition.name.replace('_', ' ')} {article} {noun} that is {display.lower()}.",
                field=self.field_name,
            )
        return transition

    def apply(
        self,
        name: str,
        obj: models.Model,
        *,
        by: Viewer | None,
        target: str | None = None,
        reason: str = "",
        changes: dict | None = None,
    ) -> models.Model:
        """Move `obj` (already locked by the caller) along transition `name`, save it and record the change.

        `target` chooses among the transition's targets when it has several (a registration approved into a
        seat or onto the waitlist).
        """
        transition = self.check(name, obj)
        target = target or transition.target
        if target not in transition.targets:
            raise InvalidTransition(f"{transition.name} cannot lead to {target}.", field=self.field_name)
        previous = getattr(obj, self.field_name)
        setattr(obj, self.field_name, target)
        for attribute, value in (changes or {}).items():
            setattr(obj, attribute, value)
        obj.save()
        record(obj, transition=name, from_state=previous, to_state=target, by=by, reason=reason)
        return obj

    def perform(
        self,
        name: str,
        obj: models.Model,
        *,
        by: Viewer | None,
        reason: str = "",
        changes: dict | None = None,
        related: Iterable[str] = (),
        then: Callable[[models.Model, str], None] | None = None,
    ) -> models.Model:
        """Lock `obj`'s row, move it along transition `name`, then call `then(locked, previous_state)` in the
        same transaction (to notify or announce): the one way a service carries out a transition.

        The transition is checked against the locked row, so two people acting at once cannot both move it.
        """
        with transaction.atomic():
            rows = type(obj)._default_manager.select_for_update(of=("self",))
            locked = rows.select_related(*related).get(pk=obj.pk) if related else rows.get(pk=obj.pk)
            previous = getattr(locked, self.field_name)
            self.apply(name, locked, by=by, reason=reason, changes=changes)
            if then is not None:
                then(locked, previous)
        return locked

    def start(self, obj: models.Model, *, by: Viewer | None, reason: str = "") -> None:
        """Record the first state of a row just created by a service, under the transition that creates rows
        in that state (apply, propose, register, submit), or "create" for rows staff make directly."""
        state = getattr(obj, self.field_name)
        name = next((t.name for t in self if not t.sources and state in t.targets), "create")
        record(obj, transition=name, from_state="", to_state=state, by=by, reason=reason)


def record(obj: models.Model, *, transition: str, from_state: str, to_state: str, by: Viewer | None, reason: str):
    from .models import StatusChange

    actor = "system" if by is None else (by.actor or "visitor")
    return StatusChange.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        transition=transition,
        from_state=from_state,
        to_state=to_state,
        changed_by=by.user if by is not None and by.user_id else None,
        actor=actor,
        reason=reason,
    )
