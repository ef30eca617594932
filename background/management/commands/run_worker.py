"""The background worker: runs queued tasks (django-tasks-db's worker) and enqueues due periodic tasks.

    python manage.py run_worker                    # all queues, with the scheduler
    python manage.py run_worker --queue-name email # a worker for email only
    python manage.py run_worker --scheduler-only   # with another backend (RQ), beside that backend's workers

Any number of workers may run, on any hosts: tasks are claimed with row locks, and a schedule's run is claimed
once (background/schedules.py). SIGTERM or Ctrl-C finishes the running task, then stops.
"""

import signal

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks_db import DatabaseBackend

from background.schedules import SchedulerThread


class Command(BaseCommand):
    help = "Run queued tasks and enqueue periodic ones when due. Stops cleanly on SIGTERM or Ctrl-C."

    def add_arguments(self, parser):
        parser.add_argument("--queue-name", default="*", help="Queues to run, comma-separated ('*': all).")
        parser.add_argument("--interval", type=float, default=1.0, help="Seconds between polls when idle.")
        parser.add_argument(
            "--scheduler-interval",
            type=float,
            default=settings.PORTAL_SCHEDULER_INTERVAL,
            help="Seconds between checks for due schedules.",
        )
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument("--no-scheduler", action="store_true", help="Run tasks only.")
        mode.add_argument("--scheduler-only", action="store_true", help="Enqueue due schedules only.")

    def handle(self, *, queue_name, interval, scheduler_interval, no_scheduler, scheduler_only, verbosity, **options):
        scheduler = None if no_scheduler else SchedulerThread(interval=scheduler_interval)
        if scheduler_only:
            self._run_scheduler_alone(scheduler)
            return
        backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
        if not isinstance(backend, DatabaseBackend):
            raise CommandError(
                f"The task backend is {type(backend).__name__}: run its own workers, "
                "and this command with --scheduler-only for the schedules."
            )
        if scheduler is not None:
            scheduler.start()
        try:
            call_command(
                "db_worker",
                queue_name=queue_name,
                interval=interval,
                reload=False,
                verbosity=verbosity,
                stdout=self.stdout,
                stderr=self.stderr,
            )
        finally:
            if scheduler is not None:
                scheduler.stop()
                # Let a check in progress commit or roll back rather than be cut off at exit.
                scheduler.join(timeout=10)

    def _run_scheduler_alone(self, scheduler: SchedulerThread) -> None:
        def stop(signum, frame):
            scheduler.stop()

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        scheduler.run()  # in this thread, until a signal stops it
