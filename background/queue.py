"""Enqueue tasks when the surrounding transaction commits, so nothing runs for a write that rolled back."""

import functools

from django.db import transaction


def enqueue_on_commit(task, /, *args, using: str | None = None, **kwargs) -> None:
    """`task.enqueue(*args, **kwargs)` once the current transaction commits (at once outside one).

    A failure to enqueue after the commit is logged by Django with its traceback and does not stop the other
    commit callbacks (robust), so one broken enqueue cannot swallow the next email.
    """
    transaction.on_commit(functools.partial(task.enqueue, *args, **kwargs), using=using, robust=True)
