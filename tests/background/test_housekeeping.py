"""Finished task results, and with them the text of delivered emails, are not kept for ever; failures are kept
longer for staff to look at."""

import datetime

import pytest
from django.core.mail import EmailMessage
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from background.mail import deliver_email, message_to_json
from background.tasks import prune_task_results

pytestmark = pytest.mark.django_db


def stored(subject: str, status: str, days_ago: int) -> str:
    result = deliver_email.enqueue(message_to_json(EmailMessage(subject, "Text.", to=["a@example.org"])))
    DBTaskResult.objects.filter(pk=result.id).update(
        status=status, finished_at=timezone.now() - datetime.timedelta(days=days_ago)
    )
    return subject


def test_pruning_keeps_recent_results_and_failures_longer(settings):
    settings.PORTAL_TASK_RESULTS_KEEP_DAYS = 14
    settings.PORTAL_FAILED_TASK_RESULTS_KEEP_DAYS = 90
    keep = [
        stored("sent last week", "SUCCESSFUL", 7),
        stored("failed a month ago", "FAILED", 30),
        stored("waiting", "READY", 400),
    ]
    stored("sent a month ago", "SUCCESSFUL", 30)
    stored("failed half a year ago", "FAILED", 180)

    prune_task_results.call()

    remaining = sorted(r.args_kwargs["args"][0]["subject"] for r in DBTaskResult.objects.all())
    assert remaining == sorted(keep)
