"""Request guards that apply to every page and endpoint."""

import json

from django.conf import settings
from django.http import HttpResponse, HttpResponsePermanentRedirect, HttpResponseRedirect, JsonResponse
from django.middleware.common import CommonMiddleware
from django.middleware.locale import LocaleMiddleware
from django.urls import is_valid_path
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.functional import SimpleLazyObject
from django.utils.http import escape_leading_slashes

from kernel.api.errors import error_body, is_api_request, json_error
from members.policies import viewer_for_user


class RejectNullBytesMiddleware:
    """Answer 400 to a query string holding a NUL byte.

    PostgreSQL text cannot hold NUL, so such input would otherwise surface as a database error (a 500) in
    whichever filter or search first passes it on. No legitimate client sends one.
    """

    message = "The request contains a NUL byte, which is never valid here."

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in v for v in values) for key, values in request.GET.lists()
        ):
            if is_api_request(request):
                return json_error(400, "invalid", self.message)
            return HttpResponse(self.message, status=400, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


class ApiParametersOnceMiddleware:
    """Answer 400 to an API request giving a query parameter more than once, naming it.

    Every query parameter of the API takes one value (the schema documents none as a list): given twice, which
    one counts would be a guess, so the request is refused rather than the last value taken silently.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_api_request(request):
            repeated = sorted(key for key, values in request.GET.lists() if len(values) > 1)
            if repeated:
                return JsonResponse(
                    error_body(
                        "A query parameter is given more than once.",
                        "invalid",
                        {key: ["Give this parameter once."] for key in repeated},
                    ),
                    status=400,
                )
        return self.get_response(request)


class ViewerMiddleware:
    """Attach `request.viewer`: who is looking, as the policies of every app understand it.

    Built lazily from the signed-in user (or anonymous) so pages that ask nothing cost nothing. The API
    replaces it with the partner's Viewer when a token authenticates (partners/api/authentication.py).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The page cache (portal/cache.py) reads the content versions before it asks who is looking; with them,
        # the viewer's facts come from the shared cache.
        request.viewer = SimpleLazyObject(
            lambda: viewer_for_user(request.user, versions=getattr(request, "content_versions", None))
        )
        return self.get_response(request)


# Addresses outside the language-prefixed site (portal/urls.py): they speak the language the request asks for
# (the preference cookie, then Accept-Language), as the whole site did before pages had prefixes.
UNPREFIXED_PATHS = (
    "/api/",
    "/admin/",
    "/i18n/",
    "/static/",
    "/media/",
    "/sitemap.xml",
    "/robots.txt",
    "/healthz",
    "/readyz",
    "/favicon.ico",
)
# News feeds have one address each, the unprefixed one; /fr/news/feed/rss/ redirects there.
FEED_SUFFIXES = ("/feed/rss/", "/feed/atom/")
# Calendar files are read by people: /fr/…/event.ics is the French file, /events/…/event.ics the English one.
CALENDAR_SUFFIX = ".ics"


def strip_language_prefix(path: str) -> str:
    """`/fr/events/` -> `/events/`; a path without a language prefix comes back as it was."""
    language = translation.get_language_from_path(path)
    if language and language != settings.LANGUAGE_CODE:
        return path[len(language) + 1 :] or "/"
    return path


class LanguageMiddleware(LocaleMiddleware):
    """The language of a request: the URL's prefix on the public site (`/fr/…`, `/es/…`, English unprefixed).

    - Machine-read and back-office addresses (UNPREFIXED_PATHS) follow the preference cookie, then
      Accept-Language: the API reads in the language a partner asks for (translated titles and summaries),
      and writes in English, the language content is written in.
    - An unprefixed page asked for by a visitor whose preference cookie names another language (set by the
      language switcher) redirects to that language's address, so a link to /events/ keeps a French
      visitor in French; crawlers, which send no cookie, always get English there.
    - A prefixed feed address redirects to its one unprefixed address. Calendar files (.ics) have an address
      per language, like pages, and are never redirected: a calendar app sends no cookie, and a subscription
      keeps the language it was made in.
    """

    def process_request(self, request):
        path = request.path_info
        if path.startswith(UNPREFIXED_PATHS):
            language = translation.get_language_from_request(request, check_path=False)
            if path.startswith("/api/") and request.method not in ("GET", "HEAD", "OPTIONS"):
                # Partners write content in its original language, English: an assignment to `title` while
                # French is active would fill only the French translation (<app>/translation.py).
                language = settings.LANGUAGE_CODE
            translation.activate(language)
            request.LANGUAGE_CODE = translation.get_language()
            return None
        unprefixed = strip_language_prefix(path)
        if unprefixed != path and unprefixed.endswith(FEED_SUFFIXES):
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(unprefixed + (f"?{query}" if query else ""))
        super().process_request(request)
        preferred = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if (
            request.method in ("GET", "HEAD")
            and unprefixed == path
            and not path.endswith((*FEED_SUFFIXES, CALENDAR_SUFFIX))
            and preferred != settings.LANGUAGE_CODE
            and preferred in dict(settings.LANGUAGES)
        ):
            target = f"/{preferred}{path}"
            with translation.override(preferred):  # a prefix matches only while its language is active
                valid = is_valid_path(target, getattr(request, "urlconf", None))
            if valid:
                query = request.META.get("QUERY_STRING", "")
                response = HttpResponseRedirect(target + (f"?{query}" if query else ""))
                patch_vary_headers(response, ("Cookie",))
                return response
        return None

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if not request.path_info.startswith(UNPREFIXED_PATHS) and strip_language_prefix(request.path_info) == (
            request.path_info
        ):
            patch_vary_headers(response, ("Cookie",))
        return response


class SlashRedirectMiddleware(CommonMiddleware):
    """Django's CommonMiddleware (APPEND_SLASH), except that a write to a path missing its slash is redirected
    with 308, which clients follow with the same method and body; Django's 301 is followed as a GET, and the
    write would be lost without a word (in DEBUG, Django raises instead)."""

    UNSAFE = ("DELETE", "POST", "PUT", "PATCH")

    def get_full_path_with_slash(self, request):
        return escape_leading_slashes(request.get_full_path(force_append_slash=True))

    def process_response(self, request, response):
        if request.method in self.UNSAFE and response.status_code == 404 and self.should_redirect_with_slash(request):
            redirect = HttpResponsePermanentRedirect(self.get_full_path_with_slash(request), preserve_request=True)
        else:
            redirect = super().process_response(request, response)
            if redirect is response:
                return response
        if is_api_request(request):
            return _json_redirect(request, redirect)
        return redirect


def _json_redirect(request, redirect: HttpResponse) -> HttpResponse:
    """An API client reads JSON, also in a redirect: the error body's fields, and where to send the request."""
    location = request.build_absolute_uri(redirect["Location"])
    body = {
        "detail": f"This address ends with a slash: send the same request to {location}.",
        "code": "redirect",
        "errors": {},
        "location": location,
    }
    redirect.content = json.dumps(body)
    redirect["Content-Type"] = "application/json"
    return redirect
