"""ETags on the API's resources, and `If-Match` for safe concurrent edits.

The ETag is a digest of the resource's representation as the caller receives it, so the same value comes back
on a read (`GET`, where `If-None-Match` answers 304 through Django's ConditionalGetMiddleware) and is checked
again before a write: a `PATCH`, `PUT` or `DELETE` with an `If-Match` that is no longer the resource's ETag is
refused with 412 before anything changes. A write without `If-Match` is accepted (simple clients) and, like
every read and write of the resource, answers its new ETag.
"""

import hashlib
import json

from rest_framework.utils.encoders import JSONEncoder

from .errors import PreconditionFailed

WRITES = ("PUT", "PATCH", "DELETE")


def etag_of(data) -> str:
    text = json.dumps(data, cls=JSONEncoder, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return '"' + hashlib.sha256(text.encode()).hexdigest()[:40] + '"'


def if_match_allows(header: str, current: str) -> bool:
    """RFC 9110 If-Match: `*` or a list of strong entity tags, one of which must be the current one."""
    tags = [tag.strip() for tag in header.split(",")]
    return "*" in tags or current in tags


class ETagMixin:
    """Mix into a viewset before DRF's generic classes. `etag_actions` are the actions whose answer is the
    resource's representation (the body a `GET` of it gives); their answers carry its ETag."""

    etag_actions: tuple[str, ...] = ("retrieve", "update", "partial_update", "destroy", "create")

    def representation(self, obj) -> dict:
        """The resource as a `GET` of it answers this caller."""
        return self.get_serializer(obj).data

    def get_object(self):
        obj = super().get_object()
        header = self.request.headers.get("If-Match")
        if header and self.request.method in WRITES and not if_match_allows(header, etag_of(self.representation(obj))):
            raise PreconditionFailed()
        return obj

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        data = getattr(response, "data", None)
        if (
            getattr(self, "action", None) in self.etag_actions
            and response.status_code in (200, 201)
            and isinstance(data, dict)
            and set(data) != {"detail", "code", "errors"}
        ):
            response["ETag"] = etag_of(data)
        return response
