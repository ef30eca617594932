"""Per-token and anonymous rate limits. Rates are read at request time so settings and tests can change them.

Every answer a limit counted carries where the caller stands (the IETF draft's RateLimit-Limit,
RateLimit-Remaining and RateLimit-Reset headers), so a client can slow down before it meets a 429. Anonymous
reads served by the page cache (portal/cache.py) are not counted, and carry none.
"""

import math
from dataclasses import dataclass

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from .authentication import api_viewer, partner_of


@dataclass(frozen=True)
class RateLimitState:
    limit: int  # requests allowed per window
    remaining: int  # left in the window, this one counted
    reset: int  # seconds until the oldest counted request leaves the window (a request is free again)


class _SettingsRateThrottle(SimpleRateThrottle):
    def get_rate(self):
        return settings.PORTAL_API_RATES[self.scope]

    def allow_request(self, request, view):
        allowed = super().allow_request(request, view)
        if getattr(self, "key", None) is not None:  # this limit counts the caller
            oldest = self.history[-1] if self.history else self.now
            state = RateLimitState(
                limit=self.num_requests,
                remaining=max(self.num_requests - len(self.history), 0),
                reset=max(math.ceil(self.duration - (self.now - oldest)), 0),
            )
            # Read by RateLimitHeaderMiddleware; the Django request outlives DRF's, also through an error.
            request._request.rate_limit = state
        return allowed


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


def rate_limit_headers(state: RateLimitState) -> dict[str, str]:
    return {
        "RateLimit-Limit": str(state.limit),
        "RateLimit-Remaining": str(state.remaining),
        "RateLimit-Reset": str(state.reset),
    }


class RateLimitHeaderMiddleware:
    """Adds the RateLimit headers to every answer a rate limit counted, whatever its status (a 429 too)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        state = getattr(request, "rate_limit", None)
        if state is not None:
            for name, value in rate_limit_headers(state).items():
                response[name] = value
        return response
