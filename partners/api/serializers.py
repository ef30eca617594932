from rest_framework import serializers

from partners.models import ApiWriteLog


class ApiWriteLogSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    token = serializers.SlugRelatedField(slug_field="prefix", read_only=True, allow_null=True)

    class Meta:
        model = ApiWriteLog
        fields = ["id", "created_at", "organization", "token", "action", "object_type", "object_id", "changes"]
