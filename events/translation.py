"""Content fields translated per language (django-modeltranslation): `title` reads the visitor's language and
falls back to English, the language content is written in; the admin edits the languages side by side."""

from modeltranslation.translator import TranslationOptions, register

from .models import Event, Session


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ("title", "summary", "description")


@register(Session)
class SessionTranslation(TranslationOptions):
    fields = ("title", "summary")
