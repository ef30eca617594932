"""Create (or reset) the local demo admin account and print how to sign in. Development only."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from members.services import account_email_confirm

USERNAME = "admin"
EMAIL = "admin@example.org"
PASSWORD = "admin"


class Command(BaseCommand):
    help = "Create the local demo admin account (admin@example.org / admin) and print how to sign in. DEBUG only."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Refusing to create a demo admin with a known password when DEBUG is off.")
        User = get_user_model()
        user, created = User.objects.get_or_create(username=USERNAME, defaults={"email": EMAIL})
        user.email = EMAIL
        user.is_staff = user.is_superuser = user.is_active = True
        user.set_password(PASSWORD)
        user.save()
        # Sign-in needs a confirmed address; this one is invented for the demo and receives no mail.
        account_email_confirm(user=user)
        self.stdout.write(
            self.style.SUCCESS(f"Admin sign-in: email '{EMAIL}', password '{PASSWORD}'")
            + (" (created)" if created else "")
        )
        self.stdout.write(
            "Two-factor authentication is skipped for staff while DEBUG is on (the admin shows a banner); "
            "in production the admin asks staff to set it up first. To try it here, sign in and add an "
            "authenticator app at /accounts/2fa/."
        )
