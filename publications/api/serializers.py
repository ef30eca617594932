from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from events.api.serializers import NewPersonSerializer
from events.models import Event, Session
from kernel.api.serializers import StrictInputMixin, translations_serializers
from kernel.markdown import render_markdown
from kernel.models import Topic
from kernel.translated import translated_fields
from members.models import Organization, Person
from partners.api.authentication import api_viewer
from publications import policies
from publications.models import Publication, PublicationOrganization, PublicationPerson
from publications.services import Author, NewPerson


class _Visible:
    """A reference to a row the caller may see: a hidden row answers like an unknown one."""

    def get_queryset(self):
        return super().get_queryset().visible_to(api_viewer(self.context["request"]))


class VisibleSlug(_Visible, serializers.SlugRelatedField):
    pass


class VisibleId(_Visible, serializers.PrimaryKeyRelatedField):
    pass


class AuthorSlug(serializers.SlugRelatedField):
    """A person the caller may name as an author (publications/policies.py): one it may see, or a speaker it
    put on its own sessions."""

    def get_queryset(self):
        return policies.people_nameable_as_authors(Person.objects.all(), api_viewer(self.context["request"]))


class AuthorCreditSerializer(StrictInputMixin, serializers.Serializer):
    person = serializers.SlugField(required=False, max_length=200, help_text="An existing person's slug.")
    new_person = NewPersonSerializer(required=False, help_text="An author not yet in the catalogue, by name.")
    printed_affiliation = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=255,
        help_text="Their organisation as the publication prints it.",
    )

    def validate(self, attrs):
        if ("person" in attrs) == ("new_person" in attrs):
            raise serializers.ValidationError("Give exactly one of person and new_person.")
        return attrs


NEW_PERSON_SCHEMA = {
    "type": "object",
    "properties": {
        "honorific": {"type": "string", "maxLength": 50},
        "given_name": {"type": "string", "maxLength": 100},
        "family_name": {"type": "string", "minLength": 1, "maxLength": 100},
    },
    "required": ["family_name"],
    "additionalProperties": False,
}


PRINTED_AFFILIATION_SCHEMA = {
    "type": "string",
    "maxLength": 255,
    "description": "Their organisation as the publication prints it.",
}


@extend_schema_field(
    {
        "oneOf": [
            {"type": "string", "description": "An existing person's slug."},
            {
                "type": "object",
                "properties": {
                    "person": {"type": "string", "pattern": "^[-a-zA-Z0-9_]+$", "maxLength": 200},
                    "printed_affiliation": PRINTED_AFFILIATION_SCHEMA,
                },
                "required": ["person"],
                "additionalProperties": False,
            },
            {
                "type": "object",
                "properties": {"new_person": NEW_PERSON_SCHEMA, "printed_affiliation": PRINTED_AFFILIATION_SCHEMA},
                "required": ["new_person"],
                "additionalProperties": False,
            },
        ]
    }
)
class AuthorField(serializers.Field):
    """An author: a person's slug (AuthorSlug), or an object with `person` (a slug) or `new_person` (someone not
    yet in the catalogue, as a session's speakers are given) and the `printed_affiliation` beside their name."""

    default_error_messages = {
        "kind": 'Expected a person\'s slug or an object with "person" or "new_person".',
    }

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.existing = AuthorSlug(slug_field="slug", queryset=Person.objects.all())

    def bind(self, field_name, parent):
        super().bind(field_name, parent)
        self.existing.bind(field_name="", parent=self)

    def to_internal_value(self, data):
        if isinstance(data, str):
            return self.existing.to_internal_value(data)
        if isinstance(data, dict):
            author = AuthorCreditSerializer(data=data)
            author.is_valid(raise_exception=True)
            given = author.validated_data
            if "person" in given:
                try:
                    person = self.existing.to_internal_value(given["person"])
                except serializers.ValidationError as error:
                    raise serializers.ValidationError({"person": error.detail}) from None
            else:
                person = NewPerson(**given["new_person"])
            return Author(person=person, printed_affiliation=given["printed_affiliation"])
        self.fail("kind")

    def to_representation(self, value):
        return value.slug


class PublicationOrganizationSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    name = serializers.CharField(source="organization.name", read_only=True)

    class Meta:
        model = PublicationOrganization
        fields = ["organization", "name", "role", "order"]


class PublicationPersonSerializer(serializers.ModelSerializer):
    person = serializers.SerializerMethodField()
    name = serializers.CharField(source="person.full_name", read_only=True)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_person(self, obj) -> str | None:
        # The name as printed is public; the link to the person follows their consent (the policies).
        return obj.person.slug if getattr(obj, "person_linkable", False) else None

    class Meta:
        model = PublicationPerson
        fields = ["person", "name", "role", "printed_affiliation", "order"]


# The longest text a publication's translated fields take, in English and in every translation.
PUBLICATION_TEXT_LENGTHS = {"title": 500, "summary": 5000, "body": 200_000}
PublicationTranslations, PublicationTranslationsInput = translations_serializers(
    "Publication", {field: PUBLICATION_TEXT_LENGTHS[field] for field in translated_fields(Publication)}
)


class PublicationSerializer(serializers.ModelSerializer):
    body_html = serializers.SerializerMethodField()
    translations = PublicationTranslations(source="*", read_only=True)
    topics = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    organizations = PublicationOrganizationSerializer(source="publication_organizations", many=True, read_only=True)
    people = PublicationPersonSerializer(source="publication_people", many=True, read_only=True)
    related_events = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    related_sessions = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    launched_at = serializers.SerializerMethodField()
    translation_of = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    submitted_by = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    file = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Publication
        fields = [
            "id",
            "slug",
            "title",
            "type",
            "status",
            "summary",
            "body",
            "body_html",
            "translations",
            "published_on",
            "language",
            "translation_of",
            "file",
            "external_url",
            "topics",
            "organizations",
            "people",
            "related_events",
            "related_sessions",
            "launched_at",
            "submitted_by",
            "review_note",
            "invented",
            "date_invented",
            "language_invented",
            "url",
            "updated_at",
        ]

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_launched_at(self, obj) -> int | None:
        # The session it was launched at, if the caller may see that session.
        return obj.launched_at_id if getattr(obj, "launch_visible", False) else None

    def get_body_html(self, obj) -> str:
        return render_markdown(obj.body)

    def get_file(self, obj) -> str | None:
        return self.context["request"].build_absolute_uri(obj.get_download_url()) if obj.file else None

    def get_url(self, obj) -> str | None:
        if obj.status != Publication.Status.PUBLISHED:
            return None
        return self.context["request"].build_absolute_uri(obj.get_absolute_url())


class PublicationSubmitSerializer(StrictInputMixin, serializers.Serializer):
    representation = PublicationSerializer

    title = serializers.CharField(max_length=PUBLICATION_TEXT_LENGTHS["title"])
    type = serializers.ChoiceField(choices=[c for c in Publication.Type.choices if c[0] != "news_post"])
    summary = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=PUBLICATION_TEXT_LENGTHS["summary"]
    )
    body = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=PUBLICATION_TEXT_LENGTHS["body"]
    )
    external_url = serializers.URLField(required=False, allow_blank=True, default="", max_length=500)
    language = serializers.ChoiceField(choices=Publication._meta.get_field("language").choices, default="en")
    authors = serializers.ListField(
        child=AuthorField(),
        required=False,
        max_length=50,
        help_text="Its authors, in order: slugs of people in the catalogue, or of speakers you put on your sessions, "
        'or {"new_person": {"family_name", "given_name", "honorific"}} for someone not yet in the catalogue (not '
        "public until staff record their consent; someone of the same name already among its authors is reused). "
        'To print an author\'s organisation beside their name, give an object: {"person": slug, '
        '"printed_affiliation": "…"} or {"new_person": {…}, "printed_affiliation": "…"}.',
    )
    co_publishers = serializers.ListField(
        child=VisibleSlug(slug_field="slug", queryset=Organization.objects.all()),
        required=False,
        max_length=20,
        help_text="Organisations publishing it with yours.",
    )
    topics = serializers.SlugRelatedField(slug_field="slug", queryset=Topic.objects.all(), many=True, required=False)
    event = VisibleSlug(slug_field="slug", queryset=Event.objects.all(), required=False, help_text="Its event.")
    launch_session = VisibleId(
        queryset=Session.objects.all(), required=False, help_text="The session it is launched at (its id)."
    )
    translations = PublicationTranslationsInput(
        required=False,
        help_text='The French and Spanish of its title, summary and body: {"fr": {"title": "…"}}. The English '
        "stays in the plain fields.",
    )


class PublicationUpdateSerializer(PublicationSubmitSerializer):
    """A change to a submission staff have not published: send only what changes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("type")
        for field in self.fields.values():
            field.required = False
            field.default = serializers.empty


class PublicationFileSerializer(StrictInputMixin, serializers.Serializer):
    file = serializers.FileField(
        help_text="PDF, office documents, EPUB, CSV, text or ZIP, at most 50 MB (multipart/form-data)."
    )
