from django.db import models


class Schedule(models.Model):
    """One periodic task: when it runs next and how its last run went.

    What runs and how often is configured in `settings.PORTAL_SCHEDULES`; this row only keeps the state, so any
    number of workers can share it. Staff may pause a schedule, or move its next run (a daily schedule keeps the
    time of day it is moved to).
    """

    name = models.SlugField(max_length=100, unique=True)
    enabled = models.BooleanField(default=True, help_text="Paused schedules are skipped until enabled again.")
    next_run_at = models.DateTimeField(help_text="The worker enqueues the task at the first check after this time.")
    last_run_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_task_id = models.CharField(max_length=64, blank=True, editable=False)
    last_status = models.CharField(max_length=20, blank=True, editable=False)
    last_finished_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
