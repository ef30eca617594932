import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult


@pytest.fixture
def run_tasks(transactional_db):
    """run_tasks(after=None): let time pass (to `after` from now, or until every waiting task is due) and run
    every task that is then due with django-tasks-db's own worker, in batch mode; return the rows it ran.

    Transactional: the worker commits as it goes and checks its connection, as it does in production."""

    def run(after: datetime.timedelta | None = None):
        waiting = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
        if after is None:
            waiting.update(run_after=timezone.now())
        else:
            horizon = timezone.now() + after
            for result in waiting.filter(run_after__lte=horizon):
                result.run_after = timezone.now()
                result.save(update_fields=["run_after"])
        before = set(DBTaskResult.objects.exclude(status=TaskResultStatus.READY).values_list("pk", flat=True))
        call_command(
            "db_worker", batch=True, queue_name="*", interval=0, startup_delay=False, reload=False, verbosity=0
        )
        return list(DBTaskResult.objects.exclude(pk__in=before).exclude(status=TaskResultStatus.READY))

    return run


@pytest.fixture
def queued_email(settings):
    """Email as in production: EMAIL_BACKEND stores tasks, delivered through `settings.PORTAL_EMAIL_DELIVERY_BACKEND`
    (Django's test mailbox unless a test points it at SMTP)."""
    settings.EMAIL_BACKEND = "background.mail.QueuedEmailBackend"
    settings.PORTAL_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return settings
