"""Input serializers that say what they refuse, instead of dropping it without a word."""

from collections.abc import Mapping

from django.conf.locale import LANG_INFO
from django.utils.dateparse import parse_datetime
from rest_framework import serializers
from rest_framework.serializers import SerializerMetaclass

from kernel.translated import TRANSLATION_LANGUAGES, stored_translations

UNKNOWN = "Unknown field."
READ_ONLY = "This field is read-only."
STAFF_ONLY = "Only staff may set this field."
NAIVE = "Give the time with its offset from UTC, e.g. 2027-05-18T14:00:00+02:00 or 2027-05-18T12:00:00Z."


class StrictInputMixin:
    # Mix into every write serializer of the API (nested ones too), before `serializers.Serializer`.
    #
    # - a key the serializer does not take is a 400 naming it: "This field is read-only." when the resource shows
    # it (a field of `representation`, the serializer the answer uses), else "Unknown field.";
    # - a field named in `staff_only_fields` sent by anyone but staff is a 400, never ignored;
    # - a datetime without an offset is a 400: a naive time would otherwise be taken as UTC.
    #
    # Who is staff is the caller's Viewer (`context["viewer"]`), or the request's user.
    #
    # (Comments, not a docstring: the schema would show a docstring as every input's description.)

    representation: type[serializers.BaseSerializer] | None = None
    staff_only_fields: tuple[str, ...] = ()

    def _caller_is_staff(self) -> bool:
        viewer = self.context.get("viewer")
        if viewer is None:
            viewer = getattr(self.context.get("request"), "user", None)
        return bool(getattr(viewer, "is_staff", False))

    def _input_errors(self, data: Mapping) -> dict[str, list[str]]:
        shown = set(self.representation().fields) if self.representation else set()
        errors: dict[str, list[str]] = {}
        for key in data:
            field = self.fields.get(key) if isinstance(key, str) else None
            if field is None or field.read_only:
                errors[str(key)] = [READ_ONLY if field is not None or key in shown else UNKNOWN]
            elif key in self.staff_only_fields and not self._caller_is_staff():
                errors[key] = [STAFF_ONLY]
            elif (expected := _json_type_error(field, data[key])) is not None:
                errors[key] = [expected]
            elif isinstance(field, serializers.DateTimeField) and isinstance(data[key], str):
                parsed = _parse(data[key])
                if parsed is not None and parsed.tzinfo is None:
                    errors[key] = [NAIVE]
        return errors

    def to_internal_value(self, data):
        errors = self._input_errors(data) if isinstance(data, Mapping) else {}
        try:
            value = super().to_internal_value(data)
        except serializers.ValidationError as exc:
            if not errors or not isinstance(exc.detail, Mapping):
                raise
            raise serializers.ValidationError({**exc.detail, **errors}) from exc
        if errors:
            raise serializers.ValidationError(errors)
        return value


_STRINGS = (
    serializers.CharField,
    serializers.ChoiceField,
    serializers.DateTimeField,
    serializers.DateField,
    serializers.SlugRelatedField,
)


def _json_type_error(field, value) -> str | None:
    """DRF quietly turns 0 into "0" and "1" into 1; the schema promises JSON types, so hold inputs to them."""
    if value is None:
        return None  # allow_null is the field's own check
    if isinstance(field, _STRINGS) and not isinstance(value, str):
        return "Expected a string."
    if isinstance(field, serializers.BooleanField) and not isinstance(value, bool):
        return "Expected true or false."
    if isinstance(field, serializers.IntegerField | serializers.PrimaryKeyRelatedField) and (
        isinstance(value, bool) or not isinstance(value, int)
    ):
        return "Expected an integer."
    return None


def _parse(value: str):
    try:
        return parse_datetime(value.strip())
    except ValueError:
        return None


def _languages() -> str:
    return ", ".join(f"{code}: {LANG_INFO.get(code, {}).get('name', code)}" for code in TRANSLATION_LANGUAGES)


class _StoredTranslations(serializers.Serializer):
    translated: tuple[str, ...] = ()

    def to_representation(self, instance):
        return stored_translations(instance, self.translated)


def translations_read_serializer(name: str, fields: tuple[str, ...]) -> type[serializers.Serializer]:
    """The `translations` a resource whose `fields` are translated is read with: {"fr": {field: text}, "es":
    {...}}, every language and field, "" where nothing is written (no English fallback). Declare it with
    `source="*", read_only=True`; `name` names its schema components."""
    texts = SerializerMetaclass(
        f"{name}Texts",
        (serializers.Serializer,),
        {
            field: serializers.CharField(read_only=True, help_text=f'The {field} written in this language, or "".')
            for field in fields
        },
    )
    read = SerializerMetaclass(
        f"{name}Translations",
        (_StoredTranslations,),
        {"translated": fields, **{code: texts(read_only=True) for code in TRANSLATION_LANGUAGES}},
    )
    read.__doc__ = (
        f"The texts stored in each language content is translated into ({_languages()}), without falling back "
        'to English: "" where none is written. The English is in the plain fields, which read in the language '
        "Accept-Language asks for."
    )
    return read


def translations_serializers(
    name: str, max_lengths: dict[str, int]
) -> tuple[type[serializers.Serializer], type[serializers.Serializer]]:
    """The `translations` object of a resource partners write, whose translated fields are the keys of
    `max_lengths`: the serializer it is read with (`translations_read_serializer`) and the one a write takes (any
    languages and fields, each text at most as long as `max_lengths` says, as the English is; "" removes a
    translation). `name` names their schema components."""
    fields = tuple(max_lengths)
    texts = SerializerMetaclass(
        f"{name}TextsInput",
        (StrictInputMixin, serializers.Serializer),
        {
            field: serializers.CharField(
                required=False,
                allow_blank=True,
                max_length=length,
                help_text=f'The {field} in this language; "" removes its translation (it then reads in English).',
            )
            for field, length in max_lengths.items()
        },
    )
    write = SerializerMetaclass(
        f"{name}TranslationsInput",
        (StrictInputMixin, serializers.Serializer),
        {code: texts(required=False) for code in TRANSLATION_LANGUAGES},
    )
    write.__doc__ = (
        f"French and Spanish beside the English of the plain fields ({_languages()}): only the languages and "
        f"fields given change. Translated fields: {', '.join(fields)}."
    )
    return translations_read_serializer(name, fields), write
