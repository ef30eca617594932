"""Issue a partner API token from the command line, or rotate one. The secret is printed once and never stored."""

from django.core.management.base import BaseCommand, CommandError

from events.models import Event
from kernel.errors import DomainError
from members.models import Organization
from partners.models import ROTATION_MAX_OVERLAP_DAYS, TOKEN_DEFAULT_DAYS, TOKEN_MAX_DAYS, PartnerToken
from partners.services import partner_token_create, partner_token_rotate


class Command(BaseCommand):
    help = (
        "Create an API token for a partner organisation and print its secret (shown only this once); "
        "with --rotate PREFIX, issue the successor of that token instead."
    )

    def add_arguments(self, parser):
        parser.add_argument("organization", help="the organisation's slug, e.g. unep")
        parser.add_argument("--name", default="API token")
        parser.add_argument(
            "--scope",
            action="append",
            dest="scopes",
            choices=PartnerToken.Scope.values,
            help="repeat for several; default: read",
        )
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=f"expire after this many days, 1 to {TOKEN_MAX_DAYS} (default {TOKEN_DEFAULT_DAYS}; "
            "when rotating, as long as the old token was issued for)",
        )
        parser.add_argument(
            "--event",
            action="append",
            dest="events",
            default=[],
            help="limit the token to this event (slug); repeat for several",
        )
        parser.add_argument("--rotate", metavar="PREFIX", help="rotate the organisation's token with this prefix")
        parser.add_argument(
            "--overlap-days",
            type=int,
            default=7,
            help=f"with --rotate: how long the old token keeps working, 0 to {ROTATION_MAX_OVERLAP_DAYS} (default 7)",
        )

    def handle(self, *args, organization, name, scopes, days, events, rotate, overlap_days, **options):
        try:
            org = Organization.objects.get(slug=organization)
        except Organization.DoesNotExist as exc:
            raise CommandError(f"No organisation with slug {organization!r}.") from exc
        try:
            if rotate:
                old = PartnerToken.objects.filter(organization=org, prefix=rotate).first()
                if old is None:
                    raise CommandError(f"{org.short_name} has no token with prefix {rotate!r}.")
                token, secret = partner_token_rotate(token=old, overlap_days=overlap_days, days=days)
                self.stderr.write(f"Token {old.prefix} works until {old.expires_at:%Y-%m-%d %H:%M} UTC.")
            else:
                found = list(Event.objects.filter(slug__in=events))
                unknown = sorted(set(events) - {e.slug for e in found})
                if unknown:
                    raise CommandError(f"No event with slug {', '.join(unknown)}.")
                token, secret = partner_token_create(
                    organization=org, name=name, scopes=scopes or ["read"], days=days, events=found
                )
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stderr.write(
            f"Token {token.prefix} for {org.short_name}, scopes: {', '.join(token.scopes)}, "
            f"expires {token.expires_at:%Y-%m-%d %H:%M} UTC."
        )
        self.stderr.write("Copy the secret now; it cannot be shown again:")
        self.stdout.write(secret)
