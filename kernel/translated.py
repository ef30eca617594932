"""Translated content fields (registered in each app's translation.py) in queries.

Reading `obj.title` gives the active language's text or the English original. Queries written with the plain
name (`order_by("name")`) use only the active language's column, which is empty where nothing is translated;
`in_language("name")` orders and compares by what a visitor reads.
"""

from django.conf import settings
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils.translation import get_language
from modeltranslation.translator import translator

from kernel.errors import DomainError

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def active_language() -> str:
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return language if language in LANGUAGE_CODES else settings.LANGUAGE_CODE


def in_language(field: str):
    """The field's text in the active language, else in English, as a query expression."""
    language = active_language()
    if language == settings.LANGUAGE_CODE:
        return F(f"{field}_{language}")
    return Coalesce(f"{field}_{language}", f"{field}_{settings.LANGUAGE_CODE}")


def columns(field: str) -> list[str]:
    """The columns behind a translated field, for `.only()`: reading it may fall back to any language's."""
    return [field, *(f"{field}_{code}" for code in LANGUAGE_CODES)]


# The languages content is translated into, beside the English it is written in.
TRANSLATION_LANGUAGES = [code for code in LANGUAGE_CODES if code != settings.LANGUAGE_CODE]


def translated_fields(model) -> tuple[str, ...]:
    """The model's translated fields (its app's translation.py), in the order the model declares them."""
    registered = translator.get_options_for_model(model).fields
    return tuple(field.name for field in model._meta.get_fields() if field.name in registered)


def stored_translations(obj, fields: tuple[str, ...]) -> dict[str, dict[str, str]]:
    """The French and Spanish stored for `fields`, without falling back to English: "" where none is written."""
    return {code: {field: getattr(obj, f"{field}_{code}") or "" for field in fields} for code in TRANSLATION_LANGUAGES}


def check_translations(translations: dict, fields: tuple[str, ...]) -> None:
    """Refuse a language that is not one content is translated into, or a field that is not translated, naming
    it as `translations.<language>` or `translations.<language>.<field>`."""
    for code, texts in translations.items():
        if code not in TRANSLATION_LANGUAGES:
            raise DomainError(
                f"Translations are in {' and '.join(TRANSLATION_LANGUAGES)}, not {code!r}.",
                field=f"translations.{code}",
            )
        for field in texts:
            if field not in fields:
                raise DomainError(
                    f"{field!r} is not translated; translated fields: {', '.join(fields)}.",
                    field=f"translations.{code}.{field}",
                )


def translation_columns(translations: dict) -> dict[str, str]:
    """The columns `translations` ({"fr": {"title": ...}}) sets, as {"title_fr": ...}. An empty text removes a
    translation: the field then reads in English."""
    return {f"{field}_{code}": text for code, texts in translations.items() for field, text in texts.items()}


def translation_changes(obj, translations: dict) -> dict[str, tuple[str, str]]:
    """The columns `translations` changes on `obj`, each with its stored text and the new one."""
    changes = {}
    for column, text in translation_columns(translations).items():
        old = getattr(obj, column) or ""
        if old != text:
            changes[column] = (old, text)
    return changes
