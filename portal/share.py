"""Share images: the picture a link preview shows (Open Graph, Twitter cards) for the site, an event or a session.

A 1200x630 PNG drawn here with Pillow in the organisation's name and colours (portal/site.py), the title wrapped
to fit. Each is drawn once per content version and language and kept in the cache, so an edit (or new colours)
draws it afresh; its address never changes. An event's or session's image is served only to a viewer who may
see it (events/policies.py through `visible_to`): a hidden one answers 404 like an unknown one.
"""

import io
from functools import lru_cache
from pathlib import Path

from django.core.cache import cache
from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from PIL import Image, ImageDraw, ImageFont

from events.models import Event, Session
from kernel.content import current_version
from kernel.viewer import Viewer

from .site import site_identity

WIDTH, HEIGHT = 1200, 630
MARGIN = 72
DEFAULT_BRAND = "#0b5563"  # tokens.css --color-brand
WHITE = "#ffffff"
TINT = "#e3f0f1"
# Each version's images are never asked for again once the content changes: let them go after a week.
TIMEOUT = 7 * 24 * 60 * 60
PUBLIC_MAX_AGE = 24 * 60 * 60
PRIVATE_MAX_AGE = 60 * 60
FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/truetype/liberation")]
FONT_FILES = {"bold": ["DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf"], "regular": ["DejaVuSans.ttf"]}


@lru_cache(maxsize=16)
def _font(weight: str, size: int) -> ImageFont.FreeTypeFont:
    for directory in FONT_DIRS:
        for name in FONT_FILES[weight]:
            if (directory / name).exists():
                return ImageFont.truetype(str(directory / name), size)
    # Pillow's own font, when the system has none of ours (it covers Latin scripts).
    return ImageFont.load_default(size=size)


def wrap(text: str, font, width: int, max_lines: int) -> list[str]:
    """`text` in lines no wider than `width` pixels, at most `max_lines`, the last cut with an ellipsis."""
    lines: list[str] = []
    for word in text.split():
        if lines and font.getlength(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and font.getlength(last + " …") > width:
            last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
        lines[-1] = last + " …"
    return lines


def render_png(*, site_name: str, brand: str, title: str, lines: list[str]) -> bytes:
    """The image: the organisation's name on top, the title large and wrapped, then a few short lines."""
    image = Image.new("RGB", (WIDTH, HEIGHT), brand)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, HEIGHT - 16, WIDTH, HEIGHT), fill=TINT)
    draw.text((MARGIN, MARGIN), site_name, font=_font("bold", 34), fill=TINT)
    title_font = _font("bold", 64)
    y = MARGIN + 90
    for line in wrap(title, title_font, WIDTH - 2 * MARGIN, 4):
        draw.text((MARGIN, y), line, font=title_font, fill=WHITE)
        y += 78
    detail_font = _font("regular", 34)
    y = max(y + 24, HEIGHT - MARGIN - 46 * len(lines))
    for line in lines:
        draw.text((MARGIN, y), line, font=detail_font, fill=TINT)
        y += 46
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def _days(start, end, tz) -> str:
    first, last = start.astimezone(tz).date(), end.astimezone(tz).date()
    shown = formats.date_format(first, "DATE_FORMAT")
    return shown if last == first else f"{shown} \u2013 {formats.date_format(last, 'DATE_FORMAT')}"


def _invented(line: str, flag: bool) -> str:
    return f"{line} ({_('Invented for the demo')})" if flag else line


def event_lines(event: Event) -> list[str]:
    place = ", ".join(part for part in (event.venue, event.city) if part)
    return [
        line
        for line in (_invented(_days(event.starts_at, event.ends_at, event.tzinfo), event.when_invented), place)
        if line
    ]


def session_lines(session: Session) -> list[str]:
    event = session.event
    return [event.title, _invented(_days(session.starts_at, session.ends_at, event.tzinfo), session.when_invented)]


def _png_response(request, key: str, draw, public: bool) -> HttpResponse:
    version = getattr(request, "content_version", None)
    version = current_version() if version is None else version
    etag = f'"{key}-{version}-{get_language()}"'
    cache_control = f"public, max-age={PUBLIC_MAX_AGE}" if public else f"private, max-age={PRIVATE_MAX_AGE}"
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponseNotModified()
    else:
        cache_key = f"share-image:{key}:{version}:{get_language()}"
        payload = cache.get(cache_key)
        if payload is None:
            identity = site_identity(version)
            payload = draw(identity.name, identity.colours.get("--color-brand") or DEFAULT_BRAND)
            cache.set(cache_key, payload, TIMEOUT)
        response = HttpResponse(payload, content_type="image/png")
    response["ETag"] = etag
    response["Cache-Control"] = cache_control
    return response


def site_image(request):
    def draw(name, brand):
        return render_png(
            site_name=name,
            brand=brand,
            title=name,
            lines=[_("Members, events and publications of a multi-stakeholder organisation in responsible mining.")],
        )

    return _png_response(request, "site", draw, public=True)


def event_image(request, slug):
    event = Event.objects.visible_to(request.viewer).filter(slug=slug).first()
    if event is None:
        raise Http404
    public = Event.objects.visible_to(Viewer.anonymous()).filter(pk=event.pk).exists()

    def draw(name, brand):
        return render_png(site_name=name, brand=brand, title=event.title, lines=event_lines(event))

    return _png_response(request, f"event-{event.pk}", draw, public)


def session_image(request, event_slug, slug):
    session = (
        Session.objects.visible_to(request.viewer)
        .select_related("event")
        .filter(event__slug=event_slug, slug=slug)
        .first()
    )
    if session is None:
        raise Http404
    public = Session.objects.visible_to(Viewer.anonymous()).filter(pk=session.pk).exists()

    def draw(name, brand):
        return render_png(site_name=name, brand=brand, title=session.title, lines=session_lines(session))

    return _png_response(request, f"session-{session.pk}", draw, public)
