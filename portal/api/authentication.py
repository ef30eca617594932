from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from members.models import Organization, PartnerToken
from members.services import partner_token_authenticate
from portal.errors import DomainError


@dataclass
class Partner:
    """The principal behind a partner token: an organisation acting through one of its tokens."""

    token: PartnerToken
    organization: Organization
    is_authenticated: bool = True
    is_staff: bool = False
    is_superuser: bool = False
    pk: None = None

    @property
    def is_anonymous(self) -> bool:
        return False

    def has_scope(self, scope: str) -> bool:
        return scope in self.token.scopes


class PartnerTokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Bearer <token>`; an invalid, revoked or expired token is a 401, never anonymous."""

    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1")
        if not header:
            return None
        parts = header.split()
        if parts[0].lower() != self.keyword.lower():
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("Send the token as: Authorization: Bearer <token>."))
        try:
            token = partner_token_authenticate(parts[1])
        except DomainError as exc:
            raise exceptions.AuthenticationFailed(exc.message) from exc
        return Partner(token=token, organization=token.organization), token

    def authenticate_header(self, request):
        return f'{self.keyword} realm="api"'


class PartnerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "portal.api.authentication.PartnerTokenAuthentication"
    name = "partnerToken"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "A partner organisation's API token."}
