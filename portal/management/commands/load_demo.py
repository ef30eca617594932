from django.core.management.base import BaseCommand

from portal.demo.load import demo_load


class Command(BaseCommand):
    help = "Load the demo data (a news post and what it mentions, plus invented members). Idempotent."

    def handle(self, *args, **options):
        self.stdout.write(self.style.SUCCESS(demo_load()))
