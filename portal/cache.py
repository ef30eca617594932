"""Whole-page caching for anonymous visitors, invalidated whenever public content changes.

A page is cached under (content version, language, path with query). Saving or deleting any catalogue row
bumps the content version (kernel/content.py), so the next request renders afresh on every app server.
Entries also expire after PORTAL_PAGE_CACHE_SECONDS, which bounds how stale time-dependent lists ("upcoming") can get.

Only anonymous requests are served from the cache: no session or messages cookie, no Authorization header.
Only 200 responses that set no cookie are stored, so nothing personal (a CSRF token, a flash message) can
leak from one visitor to another.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

from kernel.content import current_version

from .middleware import strip_language_prefix

CACHED_PREFIXES = (
    "/events/",
    "/organizations/",
    "/people/",
    "/publications/",
    "/news/",
    "/search/",
    "/topics/",
    "/api/v1/",
)
NEVER_CACHED = (
    "/register/",
    "/events/registrations/",
    "/api/v1/registrations",
    "/api/v1/log",
    "/api/v1/changes",
    "/api/v1/docs",
    "/api/v1/schema",
)
PRIVATE_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")


def _cacheable_request(request) -> bool:
    if request.method not in ("GET", "HEAD") or settings.PORTAL_PAGE_CACHE_SECONDS <= 0:
        return False
    # /fr/events/ is cached like /events/ (under its own key: the key holds the full path and the language).
    path = strip_language_prefix(request.path)
    if not (path == "/" or path.startswith(CACHED_PREFIXES)) or any(part in path for part in NEVER_CACHED):
        return False
    anonymous = "HTTP_AUTHORIZATION" not in request.META and not any(
        name in request.COOKIES for name in PRIVATE_COOKIES
    )
    return anonymous


def _key(request, version: int) -> str:
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    accept = request.headers.get("Accept", "")[:100]
    return f"page:{version}:{getattr(request, 'LANGUAGE_CODE', '')}:{hashlib.md5(accept.encode()).hexdigest()}:{digest}"


class AnonymousPageCacheMiddleware:
    """Innermost middleware: on a hit every other middleware still runs, so headers stay what they would be."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        version = current_version()
        # Read once per request: the site's name and colours (portal/site.py) are cached under it too.
        request.content_version = version
        key = _key(request, version)
        hit = cache.get(key)
        if hit is not None:
            content, content_type = hit
            response = HttpResponse(content, content_type=content_type)
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in response.get("Cache-Control", "")
        ):
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
            cache.set(key, (response.content, response["Content-Type"]), settings.PORTAL_PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response
