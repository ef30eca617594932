import json
from urllib.parse import urlsplit

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import formats
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import override

from events import policies as event_policies
from events.models import Event
from kernel.invented import invented_note
from kernel.lifecycle import allows
from kernel.markdown import render_markdown
from kernel.roles import roles_by
from portal.middleware import UNPREFIXED_PATHS
from portal.site import last_known_identity

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
    """A <time> element showing `value` in the zone `tz` with its UTC offset, e.g. "… 13:15 (UTC+01:00)"; on a
    page that asks for it (templates/includes/local_times_attrs.html) a script adds the visitor's own time."""
    if value is None:
        return ""
    local = value.astimezone(tz)
    offset = local.strftime("%z")
    offset = f"UTC{offset[:3]}:{offset[3:]}" if offset else "UTC"
    return format_html(
        '<time datetime="{}" data-zone-time>{} ({})</time>', local.isoformat(), formats.date_format(local, fmt), offset
    )


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


@register.simple_tag(takes_context=True)
def organisation_name(context) -> str:
    """The organisation's name for page titles, the header and the footer.

    What staff set in the site settings, else the PORTAL_ORGANISATION_NAME setting, else a neutral description
    in the visitor's language rather than a made-up name (portal/site.py). Without the `site` context (the 500
    page, rendered with no request), the last name read, so that page never touches the database.
    """
    site = context.get("site") or last_known_identity()
    return site.name


@register.simple_tag(takes_context=True)
def nav_current(context, url_name: str) -> str:
    """` aria-current="page"` on the link to the page being shown, ` aria-current="true"` on the link to the
    section it belongs to (an event page under Events), nothing otherwise."""
    request = context.get("request")
    if request is None:
        return ""
    url = reverse(url_name)
    if request.path == url:
        return mark_safe(' aria-current="page"')
    if url != "/" and request.path.startswith(url):
        return mark_safe(' aria-current="true"')
    return ""


@register.simple_tag
def local_date_range(start, end, tz):
    """The days an event covers in its own zone: "18 May 2027", or both dates joined by an en dash when it
    spans several days. Dates only, so no UTC offset (an offset beside a date without a time says nothing)."""
    if start is None:
        return ""
    first = start.astimezone(tz).date()
    last = end.astimezone(tz).date() if end is not None else first
    shown = format_html('<time datetime="{}">{}</time>', first.isoformat(), formats.date_format(first, "DATE_FORMAT"))
    if last != first:
        shown = format_html(
            '{} \u2013 <time datetime="{}">{}</time>', shown, last.isoformat(), formats.date_format(last, "DATE_FORMAT")
        )
    return shown


@register.filter
def event_flags(event, ends_at=None) -> dict:
    """What marks an event (or a session, by its own end): cancelled, members only, ended, invented for the demo."""
    flags = {
        "cancelled": event.status == Event.Status.CANCELLED,
        "members_only": event.visibility == Event.Visibility.MEMBERS,
        "ended": ends_at is not None and event_policies.has_ended(ends_at),
        "invented": event.invented,
    }
    flags["any"] = any(flags.values())
    return flags


@register.filter(name="roles_by")
def roles_by_filter(rows, attribute: str):
    """`{% for speaker in session.programme|roles_by:"person" %}`: each person (or organisation, session) once,
    with `speaker.label` naming all their roles (kernel/roles.py)."""
    return roles_by(rows or [], attribute)


@register.filter(name="invented_note")
def invented_note_filter(obj) -> str:
    """ "Invented for the demo: the dates and times." for an event, session or publication, or ""."""
    return invented_note(obj.invented_facts)


@register.filter
def url_host(url: str) -> str:
    """ "globalbattery.org" for "https://www.globalbattery.org/...": where a link leads, said beside it."""
    host = urlsplit(url or "").hostname or ""
    return host.removeprefix("www.")


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """`<link rel="alternate" hreflang>` for the page in each language, and x-default (the unprefixed English).

    Only pages of the language-prefixed site have alternates; a page with a query string keeps it.
    """
    request = context.get("request")
    if request is None or getattr(request, "resolver_match", None) is None:
        return ""
    urls = _translated_urls(request)
    if not urls:
        return ""
    links = [format_html('<link rel="alternate" hreflang="{}" href="{}">', code, url) for code, url in urls]
    links.append(
        format_html('<link rel="alternate" hreflang="x-default" href="{}">', dict(urls)[settings.LANGUAGE_CODE])
    )
    return mark_safe("\n  ".join(links))


def _translated_urls(request):
    if request.path_info.startswith(UNPREFIXED_PATHS):
        return []
    path = request.get_full_path()
    return [(code, request.build_absolute_uri(translate_url(path, code))) for code, _name in settings.LANGUAGES]


@register.simple_tag
def feed_url(name, *args):
    """A news feed's one address, never language-prefixed (portal/middleware.py); calendar files have one per
    language, like pages: `{% url %}`."""
    with override(settings.LANGUAGE_CODE):
        return reverse(name, args=args)


@register.filter
def yesno_selected(value, selected):
    """A facet link's value: the facet's own value, or "" (drop the filter) when it is the selected one."""
    return "" if selected else value


@register.filter
def initials(name: str) -> str:
    """ "EW" for "Erica Westenberg", "UNEP" for an acronym: what an avatar shows when there is no picture."""
    words = [word for word in str(name or "").replace("-", " ").split() if word[:1].isalpha()]
    if len(words) == 1 and words[0].isupper() and len(words[0]) <= 5:
        return words[0]
    letters = [word[0].upper() for word in words]
    return "".join(letters[:1] + letters[-1:]) if len(letters) > 1 else "".join(letters)


class CaptureNode(template.Node):
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist, name, silent=False):
        self.nodelist, self.name, self.silent = nodelist, name, silent

    def render(self, context):
        output = self.nodelist.render(context)
        context[self.name] = mark_safe(" ".join(output.split()))
        return "" if self.silent else output


@register.tag
def capture(parser, token):
    """`{% capture as page_title %}{% block title %}…{% endblock %}{% endcapture %}`: renders its content where it
    stands and keeps it (whitespace collapsed) for later in the same template: the sharing tags repeat a page's
    title and description without each page saying them twice. With `silent`, it only keeps it (values for the
    sharing tags that are not themselves shown where they are chosen)."""
    bits = token.split_contents()
    silent = bits[-1] == "silent"
    if silent:
        bits = bits[:-1]
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("Usage: {% capture as name [silent] %}…{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2], silent=silent)


@register.simple_tag(takes_context=True)
def absolute_url(context, path: str = "") -> str:
    """The page's own address (`{% absolute_url %}`: without its query, but for the page number of a list), or
    `path` on this site, absolute: for canonical links and the sharing tags, which must name whole addresses."""
    request = context.get("request")
    if request is None:
        return str(path or "/")
    if path:
        return request.build_absolute_uri(str(path))
    # Filters and sorting are the same page; a later page of a list is a page of its own.
    page = request.GET.get("page", "")
    own = request.path + (f"?page={page}" if page.isdigit() and page != "1" else "")
    return request.build_absolute_uri(own)
