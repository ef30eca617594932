"""The answer of a `can_<verb>(viewer, obj)` predicate: yes, or no with the reason a person can act on.

It is truthy when allowed, so `if can_register(viewer, event):` reads naturally, and a service that must
refuse raises `decision.refusal()` so every surface shows the same sentence.
"""

from dataclasses import dataclass

from .errors import NotPermitted


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str = ""
    field: str | None = None

    def __bool__(self) -> bool:
        return self.allowed

    def refusal(self) -> NotPermitted:
        return NotPermitted(self.reason or "Not permitted.", field=self.field)

    def require(self) -> None:
        if not self.allowed:
            raise self.refusal()


ALLOW = Decision(True)


def allow() -> Decision:
    return ALLOW


def deny(reason: str, *, field: str | None = None) -> Decision:
    return Decision(False, reason, field)
