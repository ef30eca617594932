"""Translated content fields (see events/translation.py)."""

from modeltranslation.translator import TranslationOptions, register

from .models import SitePage


@register(SitePage)
class SitePageTranslation(TranslationOptions):
    fields = ("title", "body")
