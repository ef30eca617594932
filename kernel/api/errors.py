"""One error format for the whole API: {"detail": message, "code": code, "errors": {field: [messages]}}."""

import re

from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.http import Http404, JsonResponse
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from kernel.errors import DomainError

API_PREFIX = "/api/"


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "The resource has changed since you read it (If-Match does not match its ETag): read it again."
    default_code = "precondition_failed"


class PreconditionRequired(exceptions.APIException):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_detail = "This request needs an If-Match header with the ETag you read."
    default_code = "precondition_required"


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large."
    default_code = "payload_too_large"


def error_body(detail: str, code: str, errors: dict | None = None) -> dict:
    return {"detail": detail, "code": code, "errors": errors or {}}


def is_api_request(request) -> bool:
    return request.path.startswith(API_PREFIX)


def json_error(status_code: int, code: str, detail: str) -> JsonResponse:
    """The error body for answers Django gives before (or instead of) a view of the API."""
    return JsonResponse(error_body(detail, code), status=status_code)


def django_error_for_api(exception, status_code: int) -> JsonResponse:
    """What an API path answers when Django itself refuses the request: unknown path, bad Host, oversized
    body, a server error."""
    if isinstance(exception, RequestDataTooBig):
        return json_error(413, PayloadTooLarge.default_code, str(PayloadTooLarge.default_detail))
    if status_code == 404:
        return json_error(404, "not_found", "Not found.")
    if status_code == 403:
        return json_error(403, "permission_denied", "You do not have permission to perform this action.")
    if status_code == 400:
        return json_error(400, "bad_request", "Bad request.")
    return json_error(500, "server_error", "A server error occurred.")


# DRF's messages for a value of the wrong kind name Python's types ("got type \"str\"", "received dict"); the
# client sent JSON, so they are said in JSON's words.
_JSON_KINDS = {
    "str": "a string",
    "int": "a number",
    "float": "a number",
    "bool": "true or false",
    "dict": "an object",
    "list": "an array",
    "NoneType": "null",
}
_TYPE_MESSAGES = (
    (re.compile(r'^Expected a list of items but got type "(\w+)"\.$'), "Expected an array, got {kind}."),
    (re.compile(r'^Expected a dictionary of items but got type "(\w+)"\.$'), "Expected an object, got {kind}."),
    (re.compile(r"^Invalid data\. Expected a dictionary, but got (\w+)\.$"), "Expected an object, got {kind}."),
    (re.compile(r"^Incorrect type\. Expected pk value, received (\w+)\.$"), "Expected an integer id, got {kind}."),
)


def _in_json_words(message: str) -> str:
    for pattern, wording in _TYPE_MESSAGES:
        match = pattern.match(message)
        if match:
            return wording.format(kind=_JSON_KINDS.get(match.group(1), "another kind of value"))
    return message


def _flatten(detail) -> dict[str, list[str]]:
    if isinstance(detail, dict):
        out: dict[str, list[str]] = {}
        for field, value in detail.items():
            if isinstance(value, dict | list) and value and isinstance(value, dict):
                for sub, messages in _flatten(value).items():
                    out[f"{field}.{sub}"] = messages
            elif isinstance(value, list):
                flat = []
                for index, item in enumerate(value):
                    if isinstance(item, dict):
                        for sub, messages in _flatten(item).items():
                            out[f"{field}.{index}.{sub}"] = messages
                    else:
                        flat.append(_in_json_words(str(item)))
                if flat:
                    out[field] = flat
            else:
                out[field] = [_in_json_words(str(value))]
        return out
    if isinstance(detail, list):
        return {"non_field_errors": [_in_json_words(str(item)) for item in detail]}
    return {}


def exception_handler(exc, context):
    if isinstance(exc, DomainError):
        errors = {exc.field: [exc.message]} if exc.field else {}
        return Response({"detail": exc.message, "code": exc.code, "errors": errors}, status=exc.status)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, RequestDataTooBig):
        exc = PayloadTooLarge()
    elif isinstance(exc, SuspiciousOperation):
        exc = exceptions.ParseError("Bad request.")
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        errors = _flatten(exc.detail)
        first = next(iter(errors.values()), ["Invalid input."])[0]
        response.data = {"detail": first, "code": "invalid", "errors": errors}
    else:
        detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
        code = getattr(detail, "code", None) or getattr(exc, "default_code", "error")
        # A parse error may name what it is about (kernel.api.parsers.DuplicateKey names the key).
        response.data = {"detail": str(detail), "code": code, "errors": getattr(exc, "errors", None) or {}}
    if response.status_code == status.HTTP_429_TOO_MANY_REQUESTS and "Retry-After" not in response:
        response["Retry-After"] = "60"
    return response
