"""Content fields translated per language (django-modeltranslation): `title` reads the visitor's language and
falls back to English, the language content is written in; the admin edits the languages side by side."""

from modeltranslation.translator import TranslationOptions, register

from .models import Event, EventSeries, Participation, Session, SessionOutput


@register(Event)
class EventTranslation(TranslationOptions):
    # The city too: a place name reads in the page's language ("Genève, Suisse"), as the country name does.
    fields = ("title", "theme", "summary", "description", "city")


@register(Session)
class SessionTranslation(TranslationOptions):
    fields = ("title", "summary", "description")


@register(EventSeries)
class EventSeriesTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Participation)
class ParticipationTranslation(TranslationOptions):
    # A speaker's title and affiliation as printed on the day, in each language the programme is read in.
    fields = ("printed_title", "printed_affiliation")


@register(SessionOutput)
class SessionOutputTranslation(TranslationOptions):
    # A recording's or a summary's title and a summary written on the site, read in the page's language.
    fields = ("title", "text")
