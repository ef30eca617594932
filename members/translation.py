"""Translated content fields (see events/translation.py)."""

from modeltranslation.translator import TranslationOptions, register

from .models import House, Organization


@register(House)
class HouseTranslation(TranslationOptions):
    fields = ("name",)


@register(Organization)
class OrganizationTranslation(TranslationOptions):
    # The name stays as the organisation writes it; what is said about it is translated.
    fields = ("description",)
