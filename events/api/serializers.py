from django.conf import settings
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from events.models import Event, EventOrganization, Participation, Registration, Session, SessionOrganization
from events.policies import can_see_join_link
from kernel.api.serializers import StrictInputMixin, translations_read_serializer, translations_serializers
from kernel.languages import is_language_code
from kernel.models import Topic
from kernel.translated import translated_fields
from members.models import Organization
from partners.api.authentication import api_viewer


class VisibleSlugRelatedField(serializers.SlugRelatedField):
    """A reference by slug to a row the caller may see: a hidden row answers like an unknown one."""

    def get_queryset(self):
        return super().get_queryset().visible_to(api_viewer(self.context["request"]))


class VisiblePrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    def get_queryset(self):
        return super().get_queryset().visible_to(api_viewer(self.context["request"]))


class EventOrganizationSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    name = serializers.CharField(source="organization.name", read_only=True)

    class Meta:
        model = EventOrganization
        fields = ["organization", "name", "role", "order"]


class SessionOrganizationSerializer(EventOrganizationSerializer):
    class Meta:
        model = SessionOrganization
        fields = ["organization", "name", "role", "order", "accepted"]


class ParticipationSerializer(serializers.ModelSerializer):
    person = serializers.SerializerMethodField()
    name = serializers.CharField(source="person.full_name", read_only=True)
    session = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = Participation
        fields = [
            "id",
            "session",
            "person",
            "name",
            "role",
            "order",
            "printed_title",
            "printed_affiliation",
            "updated_at",
        ]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_person(self, obj) -> str | None:
        # The printed name is public; the link to the person follows the policies (consent), and the
        # session's own co-organisers see whom they put on its programme.
        editable = self.context.get("editable_sessions", ())
        return obj.person.slug if getattr(obj, "person_linkable", False) or obj.session_id in editable else None


EventTranslations = translations_read_serializer("Event", translated_fields(Event))
TopicTranslations = translations_read_serializer("Topic", translated_fields(Topic))


class EventSerializer(serializers.ModelSerializer):
    translations = EventTranslations(source="*", read_only=True)
    series = serializers.CharField(source="series.name", read_only=True, default=None, allow_null=True)
    country = serializers.CharField(source="country.code", read_only=True)
    topics = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    organizations = EventOrganizationSerializer(source="event_organizations", many=True, read_only=True)
    online_url = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = [
            "id",
            "slug",
            "title",
            "series",
            "edition",
            "theme",
            "summary",
            "type",
            "format",
            "venue",
            "room",
            "address",
            "city",
            "translations",
            "country",
            "online_url",
            "starts_at",
            "ends_at",
            "timezone",
            "languages",
            "interpretation",
            "visibility",
            "status",
            "capacity",
            "accepts_partner_sessions",
            "topics",
            "organizations",
            "invented",
            "dates_invented",
            "languages_invented",
            "url",
            "updated_at",
        ]

    def get_online_url(self, obj) -> str:
        # The join link goes to confirmed registrants by email; the API gives it only to whom the policy names.
        return obj.online_url if can_see_join_link(api_viewer(self.context["request"]), obj) else ""

    def get_url(self, obj) -> str:
        return self.context["request"].build_absolute_uri(obj.get_absolute_url())


# The longest text a session's translated fields take, in English and in every translation.
SESSION_TEXT_LENGTHS = {"title": 255, "summary": 5000, "description": 20000}
SessionTranslations, SessionTranslationsInput = translations_serializers(
    "Session", {field: SESSION_TEXT_LENGTHS[field] for field in translated_fields(Session)}
)


class SessionSerializer(serializers.ModelSerializer):
    event = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    translations = SessionTranslations(source="*", read_only=True)
    topics = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    organizations = SessionOrganizationSerializer(source="organization_roles", many=True, read_only=True)
    speakers = ParticipationSerializer(source="programme", many=True, read_only=True)
    proposed_by = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Session
        fields = [
            "id",
            "event",
            "slug",
            "title",
            "printed_title",
            "type",
            "status",
            "summary",
            "description",
            "translations",
            "starts_at",
            "ends_at",
            "room",
            "capacity",
            "languages",
            "interpretation",
            "topics",
            "organizations",
            "speakers",
            "proposed_by",
            "invented",
            "time_invented",
            "url",
            "updated_at",
        ]

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_url(self, obj) -> str | None:
        # Only a scheduled session has a public page.
        if obj.status != Session.Status.SCHEDULED:
            return None
        return self.context["request"].build_absolute_uri(obj.get_absolute_url())


LANGUAGE_CODE = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$"


class LanguageCodesField(serializers.ListField):
    """Language codes the portal knows (kernel/languages.py), not merely shaped like one: the unknown ones are
    named in one message."""

    def to_internal_value(self, data):
        codes = super().to_internal_value(data)
        unknown = [code for code in codes if not is_language_code(code)]
        if unknown:
            named = ", ".join(f'"{code}"' for code in unknown)
            raise serializers.ValidationError(
                f"Unknown language code: {named}. Give ISO 639-1 codes such as "
                '"en", "fr" or "es", optionally with a region ("pt-BR").'
            )
        return codes


def _languages(help_text: str):
    return LanguageCodesField(
        child=serializers.RegexField(LANGUAGE_CODE, max_length=12),
        max_length=20,
        required=False,
        help_text=help_text + " ISO 639-1 codes (or the site's languages), optionally with a region: pt-BR.",
    )


class SessionDetailsMixin(serializers.Serializer):
    """What a partner says about its session beyond its text and times."""

    printed_title = serializers.CharField(
        required=False, allow_blank=True, max_length=255, help_text="The title as the printed programme gives it."
    )
    languages = _languages('Language codes spoken, e.g. ["en", "fr"].')
    interpretation = _languages("Languages into which the session is interpreted.")
    capacity = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=100_000, help_text="Seats of its own; null for none."
    )
    topics = serializers.SlugRelatedField(slug_field="slug", queryset=Topic.objects.all(), many=True, required=False)
    translations = SessionTranslationsInput(
        required=False,
        help_text='The French and Spanish of its title, summary and description: {"fr": {"title": "…"}}. The '
        "English stays in the plain fields.",
    )


class SessionProposalSerializer(StrictInputMixin, SessionDetailsMixin):
    representation = SessionSerializer
    staff_only_fields = ("organization",)
    event = VisibleSlugRelatedField(slug_field="slug", queryset=Event.objects.all())
    title = serializers.CharField(max_length=SESSION_TEXT_LENGTHS["title"], help_text="The working title.")
    co_organizers = serializers.ListField(
        child=VisibleSlugRelatedField(slug_field="slug", queryset=Organization.objects.all()),
        required=False,
        max_length=10,
        help_text="Partner organisations co-organising it: each accepts (POST .../accept/) before it is shown.",
    )
    type = serializers.ChoiceField(choices=Session.Type.choices, default=Session.Type.PARTNER_SIDE_SESSION)
    summary = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=SESSION_TEXT_LENGTHS["summary"]
    )
    description = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=SESSION_TEXT_LENGTHS["description"]
    )
    room = serializers.CharField(required=False, allow_blank=True, default="", max_length=255)
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    organization = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Organization.objects.all(),
        required=False,
        help_text="Staff only: the organisation proposing. Partners always propose as themselves.",
    )


class SessionUpdateSerializer(StrictInputMixin, SessionDetailsMixin):
    representation = SessionSerializer
    title = serializers.CharField(max_length=SESSION_TEXT_LENGTHS["title"], required=False)
    summary = serializers.CharField(required=False, allow_blank=True, max_length=SESSION_TEXT_LENGTHS["summary"])
    description = serializers.CharField(
        required=False, allow_blank=True, max_length=SESSION_TEXT_LENGTHS["description"]
    )
    room = serializers.CharField(required=False, allow_blank=True, max_length=255)
    starts_at = serializers.DateTimeField(required=False)
    ends_at = serializers.DateTimeField(required=False)


class NewPersonSerializer(StrictInputMixin, serializers.Serializer):
    honorific = serializers.CharField(required=False, allow_blank=True, default="", max_length=50)
    given_name = serializers.CharField(required=False, allow_blank=True, default="", max_length=100)
    family_name = serializers.CharField(max_length=100)


class SpeakerInputSerializer(StrictInputMixin, serializers.Serializer):
    representation = ParticipationSerializer

    person = serializers.SlugField(
        required=False,
        max_length=200,
        help_text="An existing person's slug (a public profile, or someone already on this session's "
        "programme). Give either this or new_person.",
    )
    person_id = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text="An existing person's id (as the people and changes lists give it), instead of a slug.",
    )
    new_person = NewPersonSerializer(
        required=False,
        help_text="A person not yet in the catalogue. Someone of the same name already on this session's "
        "programme is reused, not created again.",
    )
    role = serializers.ChoiceField(choices=Participation.Role.choices)
    printed_title = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=255,
        help_text="The speaker's title as printed on the day, in English. Sent again unchanged for the same "
        "person and role, it keeps the French and Spanish staff wrote for it.",
    )
    printed_affiliation = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=255,
        help_text="The speaker's organisation as printed on the day, in English; its translations are kept as "
        "printed_title's are.",
    )

    def validate(self, attrs):
        if sum(name in attrs for name in ("person", "person_id", "new_person")) != 1:
            raise serializers.ValidationError("Give exactly one of person, person_id and new_person.")
        return attrs


class SpeakersSerializer(StrictInputMixin, serializers.Serializer):
    speakers = SpeakerInputSerializer(many=True, max_length=100)


class RegistrationSerializer(serializers.ModelSerializer):
    event = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    session = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    registered_by = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)

    class Meta:
        model = Registration
        fields = [
            "id",
            "event",
            "session",
            "name",
            "email",
            "organization_name",
            "status",
            "registered_by",
            "attended",
            "language",
            "created_at",
            "updated_at",
        ]
        extra_kwargs = {
            "language": {
                "help_text": "The language of the emails the registrant receives (confirmation, waitlist, seat "
                "freed), unless they have an account on the site, whose own language is used."
            }
        }


class RegistrationCreateSerializer(StrictInputMixin, serializers.Serializer):
    representation = RegistrationSerializer

    event = VisibleSlugRelatedField(slug_field="slug", queryset=Event.objects.all())
    session = VisiblePrimaryKeyRelatedField(queryset=Session.objects.all(), required=False, allow_null=True)
    name = serializers.CharField(max_length=255)
    email = serializers.EmailField(max_length=254)
    organization_name = serializers.CharField(required=False, allow_blank=True, default="", max_length=255)
    language = serializers.ChoiceField(
        choices=settings.LANGUAGES,
        required=False,
        help_text="The language of the emails the delegate receives (confirmation, waitlist, seat freed): en, fr "
        "or es. Default: your organisation's language (set by the portal's staff). A delegate with an account on "
        "the site is written to in their own account's language.",
    )


class DelegateSerializer(StrictInputMixin, serializers.Serializer):
    name = serializers.CharField(max_length=255)
    email = serializers.EmailField(max_length=254)
    organization_name = serializers.CharField(required=False, allow_blank=True, default="", max_length=255)


class AttendanceSerializer(StrictInputMixin, serializers.Serializer):
    delegates = DelegateSerializer(many=True, max_length=1000, help_text="Who attended.")


class TopicSerializer(serializers.ModelSerializer):
    translations = TopicTranslations(source="*", read_only=True)

    class Meta:
        model = Topic
        fields = ["slug", "name", "translations", "kind", "identifier", "description", "updated_at"]
