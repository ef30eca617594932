"""Retries with exponential backoff for tasks on Django's Tasks framework.

The framework runs a task result once. A task made with `retrying_task` that raises is enqueued again, as a new
task result `backoff.delay(attempt)` later, with `attempt` one higher. The failed attempt is recorded as failed
with `RetryScheduled` as its exception (the original error is its cause, in the traceback), so the admin can tell
"failed, will be retried" from "gave up". After the last attempt, or at once on `PermanentFailure`, the task's own
exception is recorded and `on_give_up` runs.

Any kind of background work that must survive a remote party being down uses this: email delivery today,
webhook deliveries next (first retry within a minute, then doubling up to a cap over a day or more).
"""

import datetime
import functools
import inspect
import logging
import random
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)


class RetryScheduled(Exception):
    """This attempt failed and another one is enqueued; the cause is the attempt's own error."""


class PermanentFailure(Exception):
    """Raised by a task when retrying cannot help (a recipient the mail server refuses for good)."""


@dataclass(frozen=True)
class Backoff:
    """Delays between attempts: `first`, then multiplied by `factor` after each failure, never above `cap`."""

    first: datetime.timedelta
    cap: datetime.timedelta
    max_attempts: int
    factor: float = 2.0
    # Each delay is moved by up to this share either way, so tasks that failed together do not retry together.
    jitter: float = 0.1

    def __post_init__(self):
        if self.max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        if self.first <= datetime.timedelta(0) or self.cap < self.first:
            raise ValueError("first must be positive and cap at least first")
        if self.factor < 1 or not 0 <= self.jitter < 1:
            raise ValueError("factor must be at least 1 and jitter in [0, 1)")

    def base_delay(self, attempt: int) -> datetime.timedelta:
        """The delay after failed attempt number `attempt` (1-based), before jitter."""
        seconds = self.first.total_seconds() * self.factor ** (attempt - 1)
        return min(self.cap, datetime.timedelta(seconds=seconds))

    def delay(self, attempt: int) -> datetime.timedelta:
        base = self.base_delay(attempt).total_seconds()
        return datetime.timedelta(seconds=base + random.uniform(-1, 1) * self.jitter * base)

    def delays(self) -> list[datetime.timedelta]:
        """Every delay of a task that fails each time, before jitter: one fewer than the attempts."""
        return [self.base_delay(attempt) for attempt in range(1, self.max_attempts)]

    @property
    def span(self) -> datetime.timedelta:
        """How long after the first attempt the last one runs, before jitter."""
        return sum(self.delays(), datetime.timedelta(0))


# Task path -> its backoff, so the admin can show "attempt 3 of 32" for any retrying task.
BACKOFFS: dict[str, Backoff] = {}


def retrying_task(*, backoff: Backoff, on_give_up: Callable[..., None] | None = None, **task_options):
    """Like `django_tasks.task`, but failed attempts are enqueued again with `backoff`.

    The decorated function may take an `attempt` keyword to learn which attempt it is (1 for the first).
    `on_give_up(error, *args, **kwargs)` runs once, in the worker, when the task stops retrying. Arguments must
    be JSON, as for every task; the reserved keyword `attempt` is added to them.
    """

    def decorate(func: Callable) -> object:
        takes_attempt = "attempt" in inspect.signature(func).parameters

        @functools.wraps(func)
        def run(*args, attempt: int = 1, **kwargs):
            try:
                return func(*args, **kwargs, **({"attempt": attempt} if takes_attempt else {}))
            except PermanentFailure as error:
                _give_up(on_give_up, error, args, kwargs)
                raise
            except Exception as error:
                if attempt >= backoff.max_attempts:
                    _give_up(on_give_up, error, args, kwargs)
                    raise
                run_after = timezone.now() + backoff.delay(attempt)
                # The next attempt is stored before this one is marked failed: a worker that dies in between
                # leaves a retry behind, never nothing.
                the_task.using(run_after=run_after).enqueue(*args, attempt=attempt + 1, **kwargs)
                raise RetryScheduled(
                    f"Attempt {attempt} of {backoff.max_attempts} failed ({type(error).__name__}: {error}); "
                    f"attempt {attempt + 1} runs after {run_after:%Y-%m-%d %H:%M:%S %Z}."
                ) from error

        the_task = task(**task_options)(run)
        BACKOFFS[the_task.module_path] = backoff
        return the_task

    return decorate


def _give_up(on_give_up, error, args, kwargs) -> None:
    logger.error("Task gave up: %s: %s", type(error).__name__, error)
    if on_give_up is None:
        return
    try:
        on_give_up(error, *args, **kwargs)
    except Exception:  # the task's own error is the one to record; this one goes to the log
        logger.exception("on_give_up failed")
