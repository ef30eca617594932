"""The OpenAPI schema says what the server does: every operation documents its error answers (one reusable
`Error` component), the scope it needs (`x-scopes` and its description), whether anonymous callers may use it,
and the headers it reads and answers (Idempotency-Key, ETag, If-None-Match, If-Match, Location, Retry-After and
the RateLimit headers)."""

import re

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers

from kernel.api.conditional import ETagMixin
from kernel.api.serializers import StrictInputMixin

from .permissions import CatalogueAccess, PartnerOrStaff


class ErrorSerializer(serializers.Serializer):
    """Every error of the API, whatever its status."""

    detail = serializers.CharField(help_text="A message for people.")
    code = serializers.CharField(help_text="A stable code for programs, e.g. invalid, not_found, throttled.")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Messages by field (nested fields as a.0.b); empty when the error is not about a field.",
    )


ERRORS = {
    400: "Invalid input: unknown, read-only or staff-only fields, a bad filter, a time without offset, bad JSON "
    "(or a key given twice in one object).",
    401: "The token is missing (where one is needed), unknown, revoked or expired, or the Authorization header "
    "is not `Bearer <token>`.",
    403: "The token does not carry the scope this operation needs, or the rules refuse the action.",
    404: "No such resource, or not one the caller may see.",
    406: "The Accept header asks for something other than JSON.",
    409: "The write conflicts with existing data or the resource's state, or an Idempotency-Key was reused.",
    412: "If-Match is no longer the resource's ETag: read it again.",
    413: "The body is larger than 5 MB.",
    415: "The body is not JSON.",
    429: "Too many requests: wait for Retry-After seconds (RateLimit-Remaining is 0).",
}
WRITES = ("POST", "PUT", "PATCH", "DELETE")
RATE_LIMIT_HEADERS = (
    ("RateLimit-Limit", "Requests allowed in the rate limit's window (per token, or per address when anonymous)."),
    ("RateLimit-Remaining", "Requests left in the window, this one counted."),
    ("RateLimit-Reset", "Seconds until a counted request leaves the window."),
)


class PortalAutoSchema(AutoSchema):
    def _is_detail(self) -> bool:
        """Under a path parameter: an unknown or hidden one is a 404."""
        return "{" in self.path

    def _get_parameters(self):
        parameters = super()._get_parameters()
        for parameter in parameters:
            if parameter["in"] == "query" and not parameter.get("required"):
                # As OpenAPI defines it: an empty value is taken as the parameter not given.
                parameter["allowEmptyValue"] = True
        return parameters

    def _action_handler(self):
        return getattr(self.view, getattr(self.view, "action", None) or "", None)

    def _uses_etag(self) -> bool:
        return isinstance(self.view, ETagMixin) and getattr(self.view, "action", None) in self.view.etag_actions

    def _scope(self) -> str | None:
        scope = getattr(self.view, "schema_scope", None)
        if scope:
            return scope
        if self.method in WRITES:
            return getattr(self.view, "write_scope", None)
        return "read"

    def _anonymous_allowed(self) -> bool:
        permissions = self.view.get_permissions()
        return (
            self.method == "GET"
            and any(isinstance(p, CatalogueAccess) for p in permissions)
            and not any(isinstance(p, PartnerOrStaff) for p in permissions)
        )

    def get_auth(self):
        auths = super().get_auth()
        if self._anonymous_allowed() and {} not in auths:
            auths.append({})
        return auths

    def get_description(self):
        description = super().get_description()
        notes = []
        scope = self._scope()
        if scope:
            notes.append(f"Token scope: `{scope}` (or a staff session).")
        if self._anonymous_allowed():
            notes.append("Anonymous callers may use it too, at a lower rate.")
        return "\n\n".join(filter(None, [description, *notes]))

    def get_extensions(self):
        extensions = super().get_extensions()
        scope = self._scope()
        if scope:
            extensions = {**extensions, "x-scopes": [scope]}
        return extensions

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        if self.method == "GET":
            parameters.append(
                OpenApiParameter(
                    "If-None-Match",
                    OpenApiTypes.STR,
                    OpenApiParameter.HEADER,
                    description="An ETag you hold: answered 304 without a body while it is still current.",
                )
            )
            parameters.append(
                OpenApiParameter(
                    "ETag", OpenApiTypes.STR, OpenApiParameter.HEADER, response=[200], description="The answer's ETag."
                )
            )
        if self.method in ("PUT", "PATCH", "DELETE") and isinstance(self.view, ETagMixin):
            parameters.append(
                OpenApiParameter(
                    "If-Match",
                    OpenApiTypes.STR,
                    OpenApiParameter.HEADER,
                    description="The ETag you read: a write to a resource that changed since is refused with 412. "
                    "Without it the write is accepted.",
                )
            )
        if self.method in WRITES and self._uses_etag():
            parameters.append(
                OpenApiParameter(
                    "ETag",
                    OpenApiTypes.STR,
                    OpenApiParameter.HEADER,
                    response=[200, 201],
                    description="The resource's ETag after the write.",
                )
            )
        if self.method == "POST" and getattr(self.view, "action", None) == "create":
            parameters.append(
                OpenApiParameter(
                    "Location",
                    OpenApiTypes.URI,
                    OpenApiParameter.HEADER,
                    response=[201],
                    description="The created object's URL.",
                )
            )
        if self.method == "POST" and getattr(self._action_handler(), "idempotent", False):
            parameters.append(
                OpenApiParameter(
                    "Idempotency-Key",
                    OpenApiTypes.STR,
                    OpenApiParameter.HEADER,
                    description="Any unique string (at most 255 printable characters): a retried request with "
                    "the same key and body answers the first answer again, without doing the work twice.",
                )
            )
        if self.view.get_throttles():
            parameters += [
                OpenApiParameter(name, OpenApiTypes.INT, OpenApiParameter.HEADER, response=True, description=text)
                for name, text in RATE_LIMIT_HEADERS
            ]
        parameters.append(
            OpenApiParameter(
                "Retry-After",
                OpenApiTypes.INT,
                OpenApiParameter.HEADER,
                response=[429],
                required=True,
                description="Seconds to wait before the next request.",
            )
        )
        return parameters

    def _error_codes(self) -> list[int]:
        codes = [401, 403, 406, 429]
        if self._is_detail():
            codes.append(404)
        if self.method == "GET" and (not self._is_detail() or self._is_list_view()):
            codes.append(400)  # a bad filter, ordering or page (a list under a detail path too: a session's log)
        if self.method in WRITES:
            codes += [400, 404, 409, 413, 415]
            if self.method != "POST" and isinstance(self.view, ETagMixin):
                codes.append(412)
        return sorted(set(codes))

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if self.method == "GET":
            responses.setdefault("304", {"description": "Not modified: the If-None-Match ETag is still current."})
        for code in self._error_codes():
            if str(code) not in responses:
                response = self._get_response_for_code(ErrorSerializer, str(code), direction=direction)
                response["description"] = ERRORS[code]
                responses[str(code)] = response
        return responses

    def _map_basic_serializer(self, serializer, direction):
        schema = super()._map_basic_serializer(serializer, direction)
        if direction == "request" and isinstance(serializer, StrictInputMixin):
            schema["additionalProperties"] = False  # an unknown field is a 400
        return schema


_PATH_PARAMETER = re.compile(r"\{(\w+)\}")


def add_links(result, generator, request, public):
    """OpenAPI links from each create (a POST answering 201) to the operations on what it created: the created
    object's `id` (or `slug`) fills the path parameter of its detail path and of the actions below it. Clients and
    stateful tests (schemathesis) follow them from a create to its reads and writes."""
    paths = result.get("paths", {})
    for list_path, item in paths.items():
        created = item.get("post", {}).get("responses", {}).get("201")
        if created is None:
            continue
        links = {}
        for path, operations in paths.items():
            parameters = _PATH_PARAMETER.findall(path)
            if len(parameters) != 1 or not path.startswith(f"{list_path}{{{parameters[0]}}}/"):
                continue
            parameter = parameters[0]
            field = "id" if parameter in ("id", "pk") or parameter.endswith("_pk") else parameter
            for method, operation in operations.items():
                if isinstance(operation, dict) and "operationId" in operation:
                    links[operation["operationId"]] = {
                        "operationId": operation["operationId"],
                        "parameters": {parameter: f"$response.body#/{field}"},
                        "description": f"The created object's `{field}` is `{parameter}` of {method.upper()} {path}.",
                    }
        if links:
            created["links"] = dict(sorted(links.items()))
    return result
