from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.demo.bench import BenchDataError, bench_data_generate


class Command(BaseCommand):
    help = "Bulk-generate benchmark data (invented). Use on an empty database."

    def add_arguments(self, parser):
        parser.add_argument("--organizations", type=int, default=2000)
        parser.add_argument("--people", type=int, default=20000)
        parser.add_argument("--events", type=int, default=1000)
        parser.add_argument("--sessions", type=int, default=10000)
        parser.add_argument("--participations", type=int, default=40000)
        parser.add_argument("--publications", type=int, default=10000)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--scale", type=int, default=1, help="Multiply every count (not the flagship's).")
        parser.add_argument("--credentials", type=Path, help="Write the member's login and the token here.")

    def handle(self, *args, **options):
        keys = ("organizations", "people", "events", "sessions", "participations", "publications", "seed")
        try:
            summary = bench_data_generate(
                **{key: options[key] for key in keys}, scale=options["scale"], credentials=options["credentials"]
            )
        except BenchDataError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(summary))
