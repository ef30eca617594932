"""Membership housekeeping by hand: renewal reminders, then lapsing after the grace period.

The worker already runs this daily on its schedule (members.tasks.membership_renewals, settings.PORTAL_SCHEDULES);
the command is for running it at once, or with other limits. Running it twice changes nothing more.
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from members.services import membership_lapse_overdue, membership_send_renewal_reminders


class Command(BaseCommand):
    help = "Send renewal reminders before expiry and lapse memberships past the grace period."

    def add_arguments(self, parser):
        parser.add_argument("--days-before", type=int, default=settings.MEMBERSHIP_REMINDER_DAYS)
        parser.add_argument("--grace-days", type=int, default=settings.MEMBERSHIP_GRACE_DAYS)

    def handle(self, *args, days_before, grace_days, **options):
        reminded = membership_send_renewal_reminders(days_before=days_before)
        lapsed = membership_lapse_overdue(grace_days=grace_days)
        self.stdout.write(f"Reminders sent: {len(reminded)}. Memberships lapsed: {len(lapsed)}.")
