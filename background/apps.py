from django.apps import AppConfig


class BackgroundConfig(AppConfig):
    """Work done outside the request: the email queue, retries with backoff and periodic schedules."""

    name = "background"
    verbose_name = "Background work"

    def ready(self):
        from django_tasks.signals import task_finished

        from .schedules import record_schedule_outcome

        # Bookkeeping only: the schedule list shows how the last run of each schedule ended.
        task_finished.connect(record_schedule_outcome, dispatch_uid="background.record_schedule_outcome")
