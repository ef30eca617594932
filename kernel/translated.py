"""Translated content fields (registered in each app's translation.py) in queries.

Reading `obj.title` gives the active language's text or the English original. Queries written with the plain
name (`order_by("name")`) use only the active language's column, which is empty where nothing is translated;
`in_language("name")` orders and compares by what a visitor reads.
"""

from django.conf import settings
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils.translation import get_language

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
