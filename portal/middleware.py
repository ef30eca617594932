"""Request guards that apply to every page and endpoint."""

from django.http import HttpResponse, JsonResponse
from django.utils.functional import SimpleLazyObject

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
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": self.message, "code": "invalid"}, status=400)
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
