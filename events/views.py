"""Public pages and calendar files for events and sessions."""

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from publications.models import Publication

from . import calendars, jsonld
from .filters import EventFilter
from .models import Event, Session

PAGE_SIZE = 20


def event_list(request):
    past = request.GET.get("when") == "past"
    events = Event.objects.visible_to(request.user)
    events = (events.past() if past else events.upcoming()).for_list()
    filterset = EventFilter(request.GET or None, queryset=events)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "events/event_list.html",
        {"filter": filterset, "page": page, "events": page.object_list, "past": past},
    )


def _related_publications(*, event=None, session=None):
    publications = Publication.objects.published()
    if session is not None:
        related = Q(related_sessions=session) | Q(launched_at=session)
    else:
        related = Q(related_events=event) | Q(related_sessions__event=event) | Q(launched_at__event=event)
    ids = publications.filter(related).values("pk")
    return Publication.objects.filter(pk__in=ids).only("title", "slug", "type", "published_on", "summary")


def event_detail(request, slug):
    event = get_object_or_404(Event.objects.visible_to(request.user).for_event_page(), slug=slug)
    sessions = Session.objects.visible_to(request.user).filter(event=event).select_related("event").with_programme()
    sessions = list(sessions)
    publications = list(_related_publications(event=event))
    return render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "sessions": sessions,
            "publications": publications,
            "jsonld": jsonld.event(request, event, sessions),
        },
    )


def _visible_session(request, event_slug, slug):
    return get_object_or_404(
        Session.objects.visible_to(request.user).for_session_page(), event__slug=event_slug, slug=slug
    )


def session_detail(request, event_slug, slug):
    session = _visible_session(request, event_slug, slug)
    publications = list(_related_publications(session=session))
    return render(
        request,
        "events/session_detail.html",
        {
            "session": session,
            "event": session.event,
            "publications": publications,
            "jsonld": jsonld.session(request, session),
        },
    )


def _ics_response(payload: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(payload, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def event_ics(request, slug):
    event = get_object_or_404(Event.objects.visible_to(request.user).for_calendar(), slug=slug)
    return _ics_response(calendars.events_calendar(request, [event], name=event.title), f"{slug}.ics")


def session_ics(request, event_slug, slug):
    session = _visible_session(request, event_slug, slug)
    return _ics_response(calendars.session_calendar(request, session), f"{event_slug}-{slug}.ics")


def upcoming_ics(request):
    events = Event.objects.public().upcoming().for_calendar()
    return _ics_response(calendars.events_calendar(request, events, name="Upcoming events"), "upcoming-events.ics")
