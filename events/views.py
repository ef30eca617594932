"""Public pages and calendar files for events and sessions."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from members.decorators import unverified_email_response
from portal.errors import DomainError
from publications.models import Publication

from . import calendars, jsonld, services
from .filters import EventFilter
from .forms import RegistrationForm
from .models import Event, Registration, Session

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
            "now": timezone.now(),
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
            "now": timezone.now(),
            "jsonld": jsonld.session(request, session),
        },
    )


def _ics_response(payload: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(payload, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def event_ics(request, slug):
    event = get_object_or_404(Event.objects.visible_to(request.user).for_calendar(), slug=slug)
    return _ics_response(
        calendars.events_calendar(request.build_absolute_uri("/"), [event], name=event.title), f"{slug}.ics"
    )


def session_ics(request, event_slug, slug):
    session = _visible_session(request, event_slug, slug)
    return _ics_response(
        calendars.session_calendar(request.build_absolute_uri("/"), session), f"{event_slug}-{slug}.ics"
    )


def upcoming_ics(request):
    events = Event.objects.public().upcoming().for_calendar()
    return _ics_response(
        calendars.events_calendar(request.build_absolute_uri("/"), events, name="Upcoming events"),
        "upcoming-events.ics",
    )


def _register(request, *, event, session=None):
    if refused := unverified_email_response(request):
        return refused
    initial = {}
    if request.user.is_authenticated:
        person = getattr(request.user, "person", None)
        initial = {"name": person.full_name if person else request.user.get_full_name(), "email": request.user.email}
    form = RegistrationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            registration = services.registration_create(
                event=event,
                session=session,
                user=request.user if request.user.is_authenticated else None,
                **form.cleaned_data,
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(
                request,
                {
                    "confirmed": _("You are registered. A confirmation with the calendar entry is on its way."),
                    "waitlisted": _("The event is full: you are on the waitlist and will be told if a seat frees."),
                    "pending_approval": _("Thank you. The organisers will confirm your registration."),
                }[registration.status],
            )
            return redirect((session or event).get_absolute_url())
    return render(request, "events/register.html", {"form": form, "event": event, "session": session})


def event_register(request, slug):
    event = get_object_or_404(Event.objects.visible_to(request.user), slug=slug)
    return _register(request, event=event)


def session_register(request, event_slug, slug):
    session = _visible_session(request, event_slug, slug)
    if session.capacity is None:
        # Sessions without their own capacity are attended with an event registration.
        return redirect("events:event-register", slug=event_slug)
    return _register(request, event=session.event, session=session)


def registration_cancel(request, token):
    registration = get_object_or_404(Registration.objects.select_related("event", "session"), cancel_token=token)
    if request.method == "POST" and registration.status != Registration.Status.CANCELLED:
        try:
            services.registration_cancel(registration=registration)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Your registration is cancelled."))
        return redirect("events:registration-cancel", token=token)
    return render(request, "events/registration_cancel.html", {"registration": registration})
