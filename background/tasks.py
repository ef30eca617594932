"""Housekeeping of the task store itself, run on a schedule (settings.PORTAL_SCHEDULES)."""

from django.conf import settings
from django.core.management import call_command
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task, task_backends
from django_tasks_db import DatabaseBackend


@task()
def prune_task_results() -> None:
    """Delete finished task results past their keeping time (failures are kept longer, for staff to look at).

    Delivered emails are stored in their task's arguments, so this also limits how long their text is kept.
    Other backends (RQ) keep results by their own rules: nothing to do then.
    """
    if not isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend):
        return
    call_command(
        "prune_db_task_results",
        queue_name="*",
        min_age_days=settings.PORTAL_TASK_RESULTS_KEEP_DAYS,
        failed_min_age_days=settings.PORTAL_FAILED_TASK_RESULTS_KEEP_DAYS,
        verbosity=0,
    )
