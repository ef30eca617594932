"""Whole-page caching, for anonymous visitors and for each signed-in person, invalidated whenever what the page
shows changes.

Anonymous visitors share one entry per page under (content version, host, language, Accept, path with query).
Saving or deleting any catalogue row bumps the content version (kernel/content.py), so the next request renders
afresh on every app server. Only requests with no session or messages cookie (and, for the API, no Authorization
header) are served from it, and only 200 responses that set no cookie are stored, so nothing personal (a CSRF
token, a flash message) can leak from one visitor to another.

A signed-in person's pages are cached for that person only, under the viewer's audience key (`Viewer.cache_key`,
which the viewer layer defines as what distinguishes one viewer's view from another's), the content version and
the personal version (bumped by registrations, accounts and email addresses: registration state and waitlist
positions, names, verified addresses). The CSRF token of a stored page is replaced by a placeholder and a fresh
one is put in on each hit; a page that shows a flash message is neither served from nor stored in the cache.

Entries also expire after PORTAL_PAGE_CACHE_SECONDS, which bounds how stale time-dependent lists ("upcoming",
"now and next") can get. API reads with a token are cached per audience inside the API (partners/api/caching.py).
"""

import hashlib
import re

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token

from kernel.content import current_versions

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
API_PREFIX = "/api/"
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
# Headers a view sets that a hit must answer with too (a calendar file's name, a page's Link or robots header);
# those of the middleware around this one are added again on the way out.
STORED_HEADERS = ("Content-Type", "Content-Disposition", "Content-Language", "Link", "X-Robots-Tag", "Cache-Control")
CSRF_FIELD = re.compile(rb'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]+(")')
CSRF_PLACEHOLDER = b"\x00csrf\x00"


def _cacheable_request(request) -> bool:
    if request.method not in ("GET", "HEAD") or settings.PORTAL_PAGE_CACHE_SECONDS <= 0:
        return False
    # /fr/events/ is cached like /events/ (under its own key: the key holds the full path and the language).
    path = strip_language_prefix(request.path)
    if "HTTP_AUTHORIZATION" in request.META and path.startswith(API_PREFIX):
        # The API answers a token with that partner's view (cached per audience in partners/api/caching.py).
        # Pages never read tokens: with one and no cookie, a page is the one anyone gets.
        return False
    return (path == "/" or path.startswith(CACHED_PREFIXES)) and not any(part in path for part in NEVER_CACHED)


def _is_anonymous(request) -> bool:
    return not any(name in request.COOKIES for name in PRIVATE_COOKIES)


def _key(request, audience: str, versions: str) -> str:
    digest = hashlib.sha256(f"{request.get_host()}{request.get_full_path()}".encode()).hexdigest()
    accept = hashlib.md5(request.headers.get("Accept", "")[:100].encode()).hexdigest()
    return f"page:{versions}:{audience}:{getattr(request, 'LANGUAGE_CODE', '')}:{accept}:{digest}"


def _has_messages(request) -> bool:
    storage = getattr(request, "_messages", None)
    return storage is not None and (storage.used or len(storage) > 0)


def _storable(response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "no-store" not in response.get("Cache-Control", "")
    )


def _stored(response) -> dict:
    if hasattr(response, "render") and not getattr(response, "is_rendered", True):
        response.render()
    return {
        "content": CSRF_FIELD.sub(rb"\1" + CSRF_PLACEHOLDER + rb"\2", response.content),
        "headers": {name: response[name] for name in STORED_HEADERS if name in response},
    }


def _replayed(request, entry: dict) -> HttpResponse:
    content = entry["content"]
    if CSRF_PLACEHOLDER in content:
        content = content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
    response = HttpResponse(content)
    for name, value in entry["headers"].items():
        response[name] = value
    response["X-Page-Cache"] = "hit"
    return response


class PageCacheMiddleware:
    """Innermost middleware: on a hit every other middleware still runs, so headers stay what they would be."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        content_version, personal_version = current_versions()
        # Read once per request: the site's name and colours (portal/site.py) are cached under it too.
        request.content_version = content_version
        # And who is looking is read under both (members/policies.py: viewer_for_user).
        request.content_versions = (content_version, personal_version)
        if _is_anonymous(request):
            return self._serve(request, _key(request, "anonymous", str(content_version)), personal=False)
        if not request.user.is_authenticated or _has_messages(request):
            # A session without a sign-in (a language choice, a form's state) or a page about to show a flash
            # message: rendered for this request alone.
            return self.get_response(request)
        versions = f"{content_version}.{personal_version}"
        return self._serve(request, _key(request, request.viewer.cache_key, versions), personal=True)

    def _serve(self, request, key: str, *, personal: bool):
        hit = cache.get(key)
        if hit is not None:
            return _replayed(request, hit)
        response = self.get_response(request)
        # A page for everyone never says "private"; one for a signed-in person may (it is stored for them alone),
        # unless it showed a flash message while rendering.
        shared_ok = personal or "private" not in response.get("Cache-Control", "")
        if _storable(response) and shared_ok and not (personal and _has_messages(request)):
            cache.set(key, _stored(response), settings.PORTAL_PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response
