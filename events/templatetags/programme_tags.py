from django import template
from django.utils import formats
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def zone_time(value, tz):
    """A time of day in the event's zone, e.g. "13:15", as a <time> carrying the exact moment: the programme's
    script adds the visitor's own time beside it; without the script the event's time stands alone."""
    local = value.astimezone(tz)
    return format_html(
        '<time datetime="{}" data-zone-time>{}</time>', local.isoformat(), formats.time_format(local, "TIME_FORMAT")
    )


@register.filter
def get_item(mapping, key):
    """`{{ launched|get_item:session.pk }}`: one entry of a dictionary built for the whole page."""
    return (mapping or {}).get(key)
