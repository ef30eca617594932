"""Partners' webhooks over the API: their endpoints (/api/v1/webhooks/) and each endpoint's deliveries
(/api/v1/webhooks/{id}/deliveries/). Who may manage which is asked of partners/policies.py; every write goes
through partners/webhook_services.py."""

import django_filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from kernel.api.conditional import ETagMixin
from kernel.api.location import CreatedLocationMixin
from partners import policies, webhook_services
from partners.webhook_models import WebhookDelivery, WebhookEndpoint
from partners.webhooks import EVENT_TYPES

from .audit import record_write
from .authentication import api_viewer
from .idempotency import idempotent
from .permissions import method_exists
from .webhook_serializers import (
    WebhookDeliveryDetailSerializer,
    WebhookDeliverySerializer,
    WebhookEndpointCreatedSerializer,
    WebhookEndpointInputSerializer,
    WebhookEndpointSerializer,
    WebhookEndpointUpdateSerializer,
    WebhookSecretSerializer,
)


class WebhookAccess(permissions.BasePermission):
    """A token with the `webhooks:manage` scope (its organisation's endpoints), or staff with a session."""

    message = "This token does not carry the 'webhooks:manage' scope."

    def has_permission(self, request, view):
        if not method_exists(request, view):
            return True  # the view answers 405
        decision = policies.can_manage_webhooks(api_viewer(request))
        if not decision:
            self.message = decision.reason
        return bool(decision)


def _visible_endpoints(request):
    return policies.webhook_endpoints_visible_to(WebhookEndpoint.objects.all(), api_viewer(request))


class WebhookEndpointViewSet(
    ETagMixin,
    CreatedLocationMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    (
        """Where the portal sends your organisation's events, signed per Standard Webhooks (webhook-id,
    webhook-timestamp, webhook-signature headers; verify with any Standard Webhooks library and your secret).
    Event types: """
        + ", ".join(EVENT_TYPES)
        + "."
    )

    serializer_class = WebhookEndpointSerializer
    permission_classes = [WebhookAccess]
    schema_scope = "webhooks:manage"
    ordering_fields = ["created_at"]
    ordering = ["pk"]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    etag_actions = ("retrieve", "partial_update")  # a new endpoint's answer also carries its secret

    def get_queryset(self):
        return _visible_endpoints(self.request)

    @extend_schema(request=WebhookEndpointInputSerializer, responses={201: WebhookEndpointCreatedSerializer})
    @idempotent
    def create(self, request, *args, **kwargs):
        """Register an endpoint. The answer carries its signing secret, this once."""
        data = WebhookEndpointInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        endpoint, secret = webhook_services.webhook_endpoint_create(by=api_viewer(request), **data.validated_data)
        record_write(request, "webhook.create", endpoint, {"url": endpoint.url, "events": endpoint.events})
        body = WebhookEndpointCreatedSerializer(endpoint).data
        body["secret"] = secret
        return self.created(body)

    @extend_schema(request=WebhookEndpointUpdateSerializer, responses={200: WebhookEndpointSerializer})
    def partial_update(self, request, *args, **kwargs):
        """Change the URL, the events or the description; `enabled` switches the endpoint off or on again."""
        endpoint = self.get_object()
        data = WebhookEndpointUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        if not data.validated_data:
            raise ValidationError({"non_field_errors": ["Send at least one field to change."]})
        updated = webhook_services.webhook_endpoint_update(
            endpoint=endpoint, by=api_viewer(request), **data.validated_data
        )
        record_write(request, "webhook.update", updated, dict(data.validated_data))
        return Response(WebhookEndpointSerializer(updated).data)

    def destroy(self, request, *args, **kwargs):
        """Delete the endpoint and its deliveries."""
        endpoint = self.get_object()
        record_write(request, "webhook.delete", endpoint, {"url": endpoint.url})
        webhook_services.webhook_endpoint_delete(endpoint=endpoint, by=api_viewer(request))
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=None, responses={200: WebhookSecretSerializer})
    @action(detail=True, methods=["post"], url_path="rotate-secret")
    def rotate_secret(self, request, pk=None):
        """A new signing secret, shown this once. Deliveries are signed with the previous one as well until
        `previous_secret_expires_at`, so your receiver can switch without missing one."""
        endpoint = self.get_object()
        rotated, secret = webhook_services.webhook_endpoint_rotate_secret(endpoint=endpoint, by=api_viewer(request))
        record_write(request, "webhook.rotate_secret", rotated, {})
        return Response({"secret": secret, "previous_secret_expires_at": rotated.previous_secret_expires_at})


class WebhookDeliveryFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=WebhookDelivery.Status.choices)
    event_type = django_filters.ChoiceFilter(choices=[(name, name) for name in EVENT_TYPES])

    class Meta:
        model = WebhookDelivery
        fields = ["status", "event_type"]


ENDPOINT = OpenApiParameter("endpoint_pk", OpenApiTypes.INT, OpenApiParameter.PATH, description="The endpoint's id.")


@extend_schema_view(list=extend_schema(parameters=[ENDPOINT]), retrieve=extend_schema(parameters=[ENDPOINT]))
class WebhookDeliveryViewSet(viewsets.ReadOnlyModelViewSet):
    """What was sent to one endpoint, newest first: status, attempts, the receiver's last answer; redeliver any."""

    permission_classes = [WebhookAccess]
    schema_scope = "webhooks:manage"
    filterset_class = WebhookDeliveryFilter
    ordering_fields = ["created_at"]
    ordering = ["-created_at", "-pk"]

    def get_serializer_class(self):
        return WebhookDeliveryDetailSerializer if self.action != "list" else WebhookDeliverySerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return WebhookDelivery.objects.none()
        endpoint = _visible_endpoints(self.request).filter(pk=self.kwargs["endpoint_pk"]).first()
        if endpoint is None:
            raise NotFound("No such webhook endpoint.")
        return WebhookDelivery.objects.filter(endpoint=endpoint).select_related("endpoint")

    @extend_schema(request=None, parameters=[ENDPOINT], responses={202: WebhookDeliveryDetailSerializer})
    @action(detail=True, methods=["post"])
    def redeliver(self, request, endpoint_pk=None, pk=None):
        """Send the delivery again, from a first attempt, with the same webhook-id."""
        delivery = self.get_object()
        again = webhook_services.webhook_delivery_redeliver(delivery=delivery, by=api_viewer(request))
        record_write(request, "webhook.redeliver", again, {"message_id": again.message_id})
        return Response(WebhookDeliveryDetailSerializer(again).data, status=status.HTTP_202_ACCEPTED)
