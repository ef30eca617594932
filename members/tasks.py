"""Membership work the worker runs on a schedule (settings.PORTAL_SCHEDULES); no cron needed."""

from django.conf import settings
from django_tasks import task

from .services import membership_lapse_overdue, membership_send_renewal_reminders


@task()
def membership_renewals() -> dict:
    """Renewal reminders before the dues year ends, then lapsing after the grace period. Safe to run twice."""
    reminded = membership_send_renewal_reminders(days_before=settings.MEMBERSHIP_REMINDER_DAYS)
    lapsed = membership_lapse_overdue(grace_days=settings.MEMBERSHIP_GRACE_DAYS)
    return {"reminded": len(reminded), "lapsed": len(lapsed)}
