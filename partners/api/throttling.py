"""Per-token and anonymous rate limits. Rates are read at request time so settings and tests can change them."""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from .authentication import api_viewer, partner_of


class _SettingsRateThrottle(SimpleRateThrottle):
    def get_rate(self):
        return settings.PORTAL_API_RATES[self.scope]


class PartnerTokenThrottle(_SettingsRateThrottle):
    scope = "partner"

    def get_cache_key(self, request, view):
        partner = partner_of(request)
        if partner is None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": partner.token_prefix}


class AnonymousThrottle(_SettingsRateThrottle):
    scope = "anonymous"

    def get_cache_key(self, request, view):
        if api_viewer(request).is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
