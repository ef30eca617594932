"""`Idempotency-Key` on POST: the first answer is stored and replayed for the same key and the same request.

The record is claimed before the work starts, so a second request racing the first with the same key gets a
409 instead of doing the work twice; the same key with a different body is a 409 too.
"""

import hashlib
import json

from rest_framework import status
from rest_framework.response import Response

from ..services import idempotency_claim, idempotency_complete, idempotency_release
from .authentication import api_viewer

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 255


def _owner(request) -> str | None:
    viewer = api_viewer(request)
    if viewer.is_partner:
        return f"token:{viewer.token_id}"
    if viewer.user_id is not None:
        return f"user:{viewer.user_id}"
    return None


def _fingerprint(request) -> str:
    body = json.dumps(request.data, sort_keys=True, default=str)
    return hashlib.sha256(f"{request.method} {request.path}\n{body}".encode()).hexdigest()


def idempotent(handler):
    """Wrap a viewset's `create` so it honours Idempotency-Key."""

    def wrapper(self, request, *args, **kwargs):
        key = request.headers.get(HEADER)
        owner = _owner(request)
        if not key or owner is None:
            return handler(self, request, *args, **kwargs)
        if len(key) > MAX_KEY_LENGTH or not key.isprintable():
            return Response(
                {
                    "detail": f"{HEADER} must be printable and at most {MAX_KEY_LENGTH} characters.",
                    "code": "invalid",
                    "errors": {},
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
        fingerprint = _fingerprint(request)
        record, existing = idempotency_claim(owner=owner, key=key, fingerprint=fingerprint)
        if existing is not None:
            if existing.fingerprint != fingerprint:
                return Response(
                    {
                        "detail": f"This {HEADER} was already used for a different request.",
                        "code": "conflict",
                        "errors": {},
                    },
                    status=status.HTTP_409_CONFLICT,
                )
            if existing.status_code is None:
                return Response(
                    {
                        "detail": f"A request with this {HEADER} is still being processed.",
                        "code": "conflict",
                        "errors": {},
                    },
                    status=status.HTTP_409_CONFLICT,
                )
            response = Response(existing.response_body, status=existing.status_code)
            response["Idempotent-Replayed"] = "true"
            if existing.status_code == status.HTTP_201_CREATED and hasattr(self, "created_location"):
                # Not stored with the answer: it follows from the body, as it did the first time.
                response["Location"] = self.created_location(existing.response_body)
            return response
        try:
            response = handler(self, request, *args, **kwargs)
        except Exception:
            idempotency_release(record=record)  # let the client retry with the same key after a failure
            raise
        idempotency_complete(record=record, status_code=response.status_code, body=response.data)
        return response

    wrapper.idempotent = True  # read by the schema (partners/api/schema.py)
    wrapper.__name__ = handler.__name__
    wrapper.__doc__ = handler.__doc__
    return wrapper
