"""Periodic tasks without cron: the worker checks every few seconds which schedules are due and enqueues them.

`settings.PORTAL_SCHEDULES` says what runs and how often:

    PORTAL_SCHEDULES = {
        "membership-renewals": {"task": "members.tasks.membership_renewals", "every": timedelta(days=1)},
    }

Each schedule has a `Schedule` row holding its next run. A due row is claimed with `SELECT ... FOR UPDATE SKIP
LOCKED` plus a conditional update of `next_run_at` (which also serialises SQLite), and the task is enqueued in
the same transaction: with the database backend the task row and the new `next_run_at` commit together, so
two workers never enqueue the same run twice and a crash between the two leaves neither. Runs missed while no
worker was up are not replayed one by one: the schedule runs once and keeps its phase.
"""

import datetime
import logging
import threading
from dataclasses import dataclass, field

from django.conf import settings
from django.db import close_old_connections, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import Schedule

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Periodic:
    name: str
    task_path: str
    every: datetime.timedelta
    kwargs: dict = field(default_factory=dict)

    @property
    def task(self):
        return import_string(self.task_path)


def configured() -> dict[str, Periodic]:
    periodics = {}
    for name, spec in settings.PORTAL_SCHEDULES.items():
        every = spec["every"]
        if not isinstance(every, datetime.timedelta) or every <= datetime.timedelta(0):
            raise ValueError(f"Schedule {name!r}: 'every' must be a positive timedelta.")
        periodics[name] = Periodic(name=name, task_path=spec["task"], every=every, kwargs=spec.get("kwargs", {}))
    return periodics


def following_run(previous: datetime.datetime, every: datetime.timedelta, now: datetime.datetime):
    """The first run after `now` on the grid `previous + k * every`: one run for any number missed."""
    missed = (now - previous) // every
    return previous + (missed + 1) * every


def enqueue_due(*, now: datetime.datetime | None = None) -> list[str]:
    """Enqueue every enabled schedule whose time has come; return their names."""
    now = now or timezone.now()
    periodics = configured()
    Schedule.objects.bulk_create([Schedule(name=name, next_run_at=now) for name in periodics], ignore_conflicts=True)
    due = Schedule.objects.filter(name__in=periodics, enabled=True, next_run_at__lte=now).values_list("name", flat=True)
    enqueued = []
    for name in due:
        periodic = periodics[name]
        with transaction.atomic():
            row = (
                Schedule.objects.select_for_update(skip_locked=True)
                .filter(name=name, enabled=True, next_run_at__lte=now)
                .first()
            )
            if row is None:  # another worker holds it or just ran it
                continue
            claimed = Schedule.objects.filter(pk=row.pk, next_run_at=row.next_run_at).update(
                next_run_at=following_run(row.next_run_at, periodic.every, now), last_run_at=now
            )
            if not claimed:
                continue
            result = periodic.task.enqueue(**periodic.kwargs)
            Schedule.objects.filter(pk=row.pk).update(
                last_task_id=str(result.id), last_status=str(result.status), last_finished_at=None
            )
        enqueued.append(name)
        logger.info("Enqueued scheduled task %s (%s)", name, periodic.task_path)
    return enqueued


def record_schedule_outcome(sender, task_result, **kwargs) -> None:
    """task_finished receiver: note on the schedule how its last run ended."""
    Schedule.objects.filter(last_task_id=str(task_result.id)).update(
        last_status=str(task_result.status), last_finished_at=task_result.finished_at or timezone.now()
    )


def schedule_update(*, schedule: Schedule, by=None) -> Schedule:
    """Staff pause or resume a schedule, or move its next run; what it runs and how often is configuration."""
    Schedule.objects.filter(pk=schedule.pk).update(enabled=schedule.enabled, next_run_at=schedule.next_run_at)
    schedule.refresh_from_db()
    return schedule


def schedule_run_now(*, schedule: Schedule, by=None) -> Schedule:
    """Staff: run at the next check. The schedule then keeps this new time of day."""
    Schedule.objects.filter(pk=schedule.pk).update(next_run_at=timezone.now())
    schedule.refresh_from_db()
    return schedule


class SchedulerThread(threading.Thread):
    """Checks for due schedules every `interval` seconds until stopped; one error never ends the loop."""

    def __init__(self, *, interval: float):
        super().__init__(name="scheduler", daemon=True)
        self.interval = interval
        self.stopped = threading.Event()

    def run(self) -> None:
        logger.info("Scheduler started: checking every %s s", self.interval)
        while not self.stopped.is_set():
            close_old_connections()
            try:
                enqueue_due()
            except Exception:  # a locked SQLite file, a lost connection: log it and try at the next check
                logger.exception("Scheduler check failed")
            finally:
                close_old_connections()
            self.stopped.wait(self.interval)

    def stop(self) -> None:
        self.stopped.set()
