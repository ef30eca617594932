import json

from django import template
from django.utils import formats
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from kernel.lifecycle import allows
from kernel.markdown import render_markdown

register = template.Library()

# The characters that could close a <script> element or start an HTML entity inside JSON.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter(name="markdown")
def markdown_filter(text: str) -> str:
    # Safe to mark: render_markdown sanitises with an allow-list.
    return mark_safe(render_markdown(text))


def _prune(value):
    # schema.org consumers prefer absent properties to nulls and empty strings.
    if isinstance(value, dict):
        return {k: _prune(v) for k, v in value.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        return [_prune(v) for v in value]
    return value


@register.filter
def jsonld(data: dict) -> str:
    """A schema.org JSON-LD block, escaped so no value can break out of the script element."""
    payload = json.dumps(_prune(data), ensure_ascii=False, default=str).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))


@register.simple_tag
def local_time(value, tz, fmt="DATETIME_FORMAT"):
    """A <time> element showing `value` in the zone `tz` with its UTC offset, e.g. "… 13:15 (UTC+01:00)"."""
    if value is None:
        return ""
    local = value.astimezone(tz)
    offset = local.strftime("%z")
    offset = f"UTC{offset[:3]}:{offset[3:]}" if offset else "UTC"
    return format_html('<time datetime="{}">{} ({})</time>', local.isoformat(), formats.date_format(local, fmt), offset)


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (for pagination links that keep filters)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return params.urlencode()


@register.filter(name="allows")
def allows_filter(obj, transition: str) -> bool:
    """`{% if registration|allows:"cancel" %}`: what the lifecycle table allows from the row's state."""
    return allows(obj, transition)
