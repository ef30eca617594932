from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kernel.api.serializers import StrictInputMixin
from partners.webhook_models import WebhookDelivery, WebhookEndpoint
from partners.webhooks import EVENT_TYPES

EVENT_CHOICES = [(name, str(description)) for name, description in EVENT_TYPES.items()]


class WebhookEndpointSerializer(serializers.ModelSerializer):
    events = serializers.ListField(child=serializers.ChoiceField(choices=EVENT_CHOICES))

    class Meta:
        model = WebhookEndpoint
        fields = [
            "id",
            "url",
            "description",
            "events",
            "enabled",
            "disabled_at",
            "disabled_reason",
            "previous_secret_expires_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class WebhookEndpointCreatedSerializer(WebhookEndpointSerializer):
    secret = serializers.CharField(
        read_only=True, help_text="The signing secret (whsec_...). Shown this once: store it now."
    )

    class Meta(WebhookEndpointSerializer.Meta):
        fields = [*WebhookEndpointSerializer.Meta.fields, "secret"]
        read_only_fields = fields


class WebhookEndpointInputSerializer(StrictInputMixin, serializers.Serializer):
    representation = WebhookEndpointSerializer

    url = serializers.URLField(max_length=500, help_text="https only, at a public address.")
    events = serializers.ListField(
        child=serializers.ChoiceField(choices=EVENT_CHOICES), min_length=1, max_length=len(EVENT_CHOICES) * 2
    )
    description = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class WebhookEndpointUpdateSerializer(WebhookEndpointInputSerializer):
    url = serializers.URLField(max_length=500, required=False, help_text="https only, at a public address.")
    events = serializers.ListField(
        child=serializers.ChoiceField(choices=EVENT_CHOICES),
        min_length=1,
        max_length=len(EVENT_CHOICES) * 2,
        required=False,
    )
    description = serializers.CharField(max_length=200, required=False, allow_blank=True)
    enabled = serializers.BooleanField(
        required=False, help_text="false switches the endpoint off; true switches it on again after it was disabled."
    )


class WebhookSecretSerializer(serializers.Serializer):
    secret = serializers.CharField(help_text="The new signing secret (whsec_...). Shown this once.")
    previous_secret_expires_at = serializers.DateTimeField(
        help_text="Until then deliveries are signed with the previous secret as well."
    )


class WebhookDeliverySerializer(serializers.ModelSerializer):
    endpoint = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = WebhookDelivery
        fields = [
            "id",
            "endpoint",
            "message_id",
            "event_type",
            "object_type",
            "object_id",
            "status",
            "attempts",
            "last_attempt_at",
            "delivered_at",
            "response_status_code",
            "error",
            "created_at",
        ]
        read_only_fields = fields


class WebhookDeliveryDetailSerializer(WebhookDeliverySerializer):
    payload = serializers.SerializerMethodField()

    class Meta(WebhookDeliverySerializer.Meta):
        fields = [*WebhookDeliverySerializer.Meta.fields, "response_body", "payload"]
        read_only_fields = fields

    @extend_schema_field(serializers.DictField())
    def get_payload(self, obj) -> dict:
        return obj.payload
