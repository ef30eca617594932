"""Create (or reset) the local demo admin account and print how to log in. Development only."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "admin"
PASSWORD = "admin"


class Command(BaseCommand):
    help = "Create the local demo admin account (admin/admin) and print the login. Refuses when DEBUG is off."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Refusing to create a demo admin with a known password when DEBUG is off.")
        User = get_user_model()
        user, created = User.objects.get_or_create(username=USERNAME, defaults={"email": "admin@localhost"})
        user.is_staff = user.is_superuser = user.is_active = True
        user.set_password(PASSWORD)
        user.save()
        self.stdout.write(
            self.style.SUCCESS(f"Admin login: username '{USERNAME}', password '{PASSWORD}'")
            + (" (created)" if created else "")
        )
