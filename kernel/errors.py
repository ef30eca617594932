"""Errors raised by services when a rule refuses a write.

Every layer on top turns these into what its user understands: a form error, an admin message, or a JSON
body with the matching HTTP status in the API. They carry no HTTP knowledge beyond that status hint.
"""


class DomainError(Exception):
    """A write refused by a business rule. `status` is the HTTP status the API should answer with."""

    status = 400
    code = "invalid"

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class InvalidTransition(DomainError):
    """A state change that the lifecycle does not allow from the current state."""

    status = 409
    code = "invalid_transition"


class Conflict(DomainError):
    """The write would contradict data that already exists (a duplicate, a full event)."""

    status = 409
    code = "conflict"


class NotPermitted(DomainError):
    status = 403
    code = "permission_denied"
