"""Create (or reset) the local demo admin account and print how to sign in. Development only."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.demo.load import DEMO_ADMIN, demo_admin_ensure


class Command(BaseCommand):
    help = "Create the local demo admin account and print how to sign in. Refuses when DEBUG is off."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Refusing to create a demo admin with a known password when DEBUG is off.")
        created = demo_admin_ensure()
        self.stdout.write(
            self.style.SUCCESS(f"Admin sign-in: email '{DEMO_ADMIN['email']}', password '{DEMO_ADMIN['password']}'")
            + (" (created)" if created else "")
        )
        self.stdout.write(
            "Two-factor authentication is skipped for staff while DEBUG is on (the admin shows a banner); "
            "in production the admin asks staff to set it up first. To try it here, sign in and add an "
            "authenticator app at /accounts/2fa/."
        )
