"""Issue a partner API token from the command line. The secret is printed once and never stored."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from kernel.errors import DomainError
from members.models import Organization
from partners.models import PartnerToken
from partners.services import partner_token_create


class Command(BaseCommand):
    help = "Create an API token for a partner organisation and print its secret (shown only this once)."

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
        parser.add_argument("--days", type=int, default=None, help="expire after this many days")

    def handle(self, *args, organization, name, scopes, days, **options):
        try:
            org = Organization.objects.get(slug=organization)
        except Organization.DoesNotExist as exc:
            raise CommandError(f"No organisation with slug {organization!r}.") from exc
        expires_at = timezone.now() + datetime.timedelta(days=days) if days else None
        try:
            token, secret = partner_token_create(
                organization=org, name=name, scopes=scopes or ["read"], expires_at=expires_at
            )
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stderr.write(f"Token {token.prefix} for {org.short_name}, scopes: {', '.join(token.scopes)}.")
        self.stderr.write("Copy the secret now; it cannot be shown again:")
        self.stdout.write(secret)
