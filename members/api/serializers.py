from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kernel.api.serializers import translations_read_serializer
from kernel.translated import translated_fields
from members.models import Affiliation, House, Membership, Organization, Person

HouseTranslations = translations_read_serializer("House", translated_fields(House))
OrganizationTranslations = translations_read_serializer("Organization", translated_fields(Organization))


class OrganizationRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organization
        fields = ["slug", "name", "acronym"]


class HouseSerializer(serializers.ModelSerializer):
    translations = HouseTranslations(source="*", read_only=True)

    class Meta:
        model = House
        fields = ["slug", "name", "translations", "description", "board_seats", "votes", "dues_apply", "updated_at"]


class OrganizationSerializer(serializers.ModelSerializer):
    country = serializers.CharField(source="country.code", read_only=True)
    parent = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    logo = serializers.SerializerMethodField()
    translations = OrganizationTranslations(source="*", read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Organization
        fields = [
            "id",
            "slug",
            "name",
            "acronym",
            "type",
            "country",
            "parent",
            "website",
            "logo",
            "description",
            "translations",
            "url",
            "updated_at",
        ]

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_logo(self, obj) -> str | None:
        return self.context["request"].build_absolute_uri(obj.logo.url) if obj.logo else None

    def get_url(self, obj) -> str:
        return self.context["request"].build_absolute_uri(obj.get_absolute_url())


class MembershipSerializer(serializers.ModelSerializer):
    organization = OrganizationRefSerializer(read_only=True)
    house = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "organization", "house", "status", "started_on", "updated_at"]


class AffiliationSerializer(serializers.ModelSerializer):
    organization = OrganizationRefSerializer(read_only=True)

    class Meta:
        model = Affiliation
        fields = ["organization", "title"]


class PersonSerializer(serializers.ModelSerializer):
    current_affiliations = AffiliationSerializer(many=True, read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Person
        fields = [
            "id",
            "slug",
            "honorific",
            "given_name",
            "family_name",
            "full_name",
            "bio",
            "current_affiliations",
            "url",
            "updated_at",
        ]

    def get_url(self, obj) -> str:
        return self.context["request"].build_absolute_uri(obj.get_absolute_url())
