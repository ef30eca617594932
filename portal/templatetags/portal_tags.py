from django import template
from django.utils.safestring import mark_safe

from portal.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str) -> str:
    # Safe to mark: render_markdown sanitises with an allow-list.
    return mark_safe(render_markdown(text))


@register.filter
def in_zone(value, tz):
    """A datetime in the given zone (an event's own time zone)."""
    return value.astimezone(tz) if value else value
