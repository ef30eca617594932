from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from kernel.errors import DomainError
from kernel.viewer import Viewer
from members.policies import viewer_for_user

from ..policies import viewer_for_token
from ..services import partner_token_authenticate


def api_viewer(request) -> Viewer:
    """Who is calling the API: a partner's token Viewer, or the Viewer of the signed-in user (staff with a
    session) or of nobody. Built once per request."""
    user = request.user
    if isinstance(user, Viewer):
        return user
    viewer = getattr(request, "_portal_viewer", None)
    if viewer is None:
        viewer = viewer_for_user(user)
        request._portal_viewer = viewer
    return viewer


def partner_of(request) -> Viewer | None:
    viewer = api_viewer(request)
    return viewer if viewer.is_partner else None


class PartnerTokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Bearer <token>`; an invalid, revoked or expired token is a 401, never anonymous.

    So is any other Authorization header (another scheme such as `Token` or `Basic`, or a malformed Bearer): a
    client that sends credentials means to be someone, and answering it as anonymous would hide its mistake
    behind the public data. Only a request without the header reads anonymously.

    The authenticated principal (`request.user`) is the partner organisation's Viewer.
    """

    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1")
        if not header:
            return None
        parts = header.split()
        if len(parts) != 2 or parts[0].lower() != self.keyword.lower():
            raise exceptions.AuthenticationFailed(_("Send the token as: Authorization: Bearer <token>."))
        try:
            token = partner_token_authenticate(parts[1])
        except DomainError as exc:
            raise exceptions.AuthenticationFailed(exc.message) from exc
        viewer = viewer_for_token(token)
        # Pages below the API (the page cache, templates) read request.viewer too.
        request._request.viewer = viewer
        return viewer, token

    def authenticate_header(self, request):
        return f'{self.keyword} realm="api"'


class PartnerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "partners.api.authentication.PartnerTokenAuthentication"
    name = "partnerToken"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "A partner organisation's API token."}
