"""Request guards that apply to every page and endpoint."""

from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.middleware.common import CommonMiddleware
from django.utils.functional import SimpleLazyObject
from django.utils.http import escape_leading_slashes

from kernel.api.errors import is_api_request, json_error
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


class ViewerMiddleware:
    """Attach `request.viewer`: who is looking, as the policies of every app understand it.

    Built lazily from the signed-in user (or anonymous) so pages that ask nothing cost nothing. The API
    replaces it with the partner's Viewer when a token authenticates (partners/api/authentication.py).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.viewer = SimpleLazyObject(lambda: viewer_for_user(request.user))
        return self.get_response(request)


class SlashRedirectMiddleware(CommonMiddleware):
    """Django's CommonMiddleware (APPEND_SLASH), except that a write to a path missing its slash is redirected
    with 308, which clients follow with the same method and body; Django's 301 is followed as a GET, and the
    write would be lost without a word (in DEBUG, Django raises instead)."""

    UNSAFE = ("DELETE", "POST", "PUT", "PATCH")

    def get_full_path_with_slash(self, request):
        return escape_leading_slashes(request.get_full_path(force_append_slash=True))

    def process_response(self, request, response):
        if request.method in self.UNSAFE and response.status_code == 404 and self.should_redirect_with_slash(request):
            return HttpResponsePermanentRedirect(self.get_full_path_with_slash(request), preserve_request=True)
        return super().process_response(request, response)
