"""Translated content fields (see events/translation.py)."""

from modeltranslation.translator import TranslationOptions, register

from .models import House


@register(House)
class HouseTranslation(TranslationOptions):
    fields = ("name",)
