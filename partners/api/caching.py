"""API reads cached per audience: partners' tokens, staff and signed-in people, not only anonymous callers.

Anonymous reads are served whole by the page cache (portal/cache.py) before they reach the API. Everyone else
may see more than the public (a partner its own proposals and the sessions it co-organises, a member
members-only content), so what they are served is cached under `Viewer.cache_key`, which the viewer layer
defines as what distinguishes one viewer's view of the catalogue from another's: two viewers with the same key
see the same data, so one audience is never served another's. Every entry is also keyed on the content
version, which every catalogue write bumps, so a change shows at once on every app server.

The cache sits inside the view, after authentication, permissions and rate limits have run: a hit still counts
against the token's rate limit, and a revoked or expired token is refused at once. It holds the response's
data, not its bytes, so each request is still rendered in the format it asks for.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language
from rest_framework.response import Response

from kernel.content import current_version

from .authentication import api_viewer


def _key(request, version: int) -> str:
    viewer = api_viewer(request)
    # The host too: links in the data are absolute.
    path = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    return f"api:{version}:{viewer.cache_key}:{get_language()}:{path}"


class AudienceCachedReads:
    """Mixin for read viewsets: `list` and `retrieve` answered from the cache for signed-in audiences."""

    def list(self, request, *args, **kwargs):
        return self._cached(request, super().list, *args, **kwargs)

    def retrieve(self, request, *args, **kwargs):
        return self._cached(request, super().retrieve, *args, **kwargs)

    def _cached(self, request, read, *args, **kwargs):
        if api_viewer(request).is_anonymous or settings.PORTAL_PAGE_CACHE_SECONDS <= 0:
            return read(request, *args, **kwargs)
        key = _key(request, current_version())
        hit = cache.get(key)
        if hit is not None:
            response = Response(hit)
            response["X-Audience-Cache"] = "hit"
            return response
        response = read(request, *args, **kwargs)
        if response.status_code == 200:
            cache.set(key, response.data, settings.PORTAL_PAGE_CACHE_SECONDS)
            response["X-Audience-Cache"] = "miss"
        return response
