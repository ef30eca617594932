"""Create (or reset) the local demo admin account and print how to log in. Development only."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.demo.load import DEMO_ADMIN, demo_admin_ensure


class Command(BaseCommand):
    help = "Create the local demo admin account (admin/admin) and print the login. Refuses when DEBUG is off."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Refusing to create a demo admin with a known password when DEBUG is off.")
        created = demo_admin_ensure()
        username, password = DEMO_ADMIN
        self.stdout.write(
            self.style.SUCCESS(f"Admin login: username '{username}', password '{password}'")
            + (" (created)" if created else "")
        )
