"""Public pages and calendar files for events and sessions. What a visitor may see and do is asked of the
policies (events/policies.py, members/policies.py, publications/policies.py) with `request.viewer`."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kernel.errors import DomainError
from kernel.viewer import Viewer
from members.decorators import unverified_email_response

from . import calendars, jsonld, policies, programme, services
from .filters import EventFilter
from .forms import RegistrationForm
from .models import Event, EventSeries, Registration, Session

PAGE_SIZE = 20


def event_list(request):
    past = request.GET.get("when") == "past"
    events = Event.objects.visible_to(request.viewer)
    events = (events.past() if past else events.upcoming()).for_list()
    filterset = EventFilter(request.GET or None, queryset=events, request=request)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "events/event_list.html",
        {"filter": filterset, "page": page, "events": page.object_list, "past": past},
    )


def _members_only_or_404(request, *, event_slug, slug=None):
    """A members-only event's page (or a session's) answers "for members: sign in or apply" to those who may not
    see it, without its title; anything else hidden is simply not found."""
    event = Event.objects.filter(slug=event_slug).first()
    session = Session.objects.filter(event=event, slug=slug).first() if event is not None and slug else None
    found = event is not None and (slug is None or session is not None)
    if found and policies.is_members_only_for(request.viewer, event, session):
        return render(request, "events/members_only.html", status=403)
    raise Http404("No such event.")


def _own_registration(viewer: Viewer, event: Event, session: Session | None = None) -> Registration | None:
    """The signed-in person's live registration for the event (or the session), with its waitlist position."""
    if viewer.user_id is None:
        return None
    return Registration.objects.made_by(viewer).live().for_target(event, session).with_waitlist_position().first()


def event_detail(request, slug):
    viewer = request.viewer
    event = Event.objects.visible_to(viewer).for_event_page().filter(slug=slug).first()
    if event is None:
        return _members_only_or_404(request, event_slug=slug)
    sessions = list(
        Session.objects.visible_to(viewer).filter(event=event).select_related("event").with_programme(viewer)
    )
    return render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "sessions": sessions,
            "registration": policies.can_register(viewer, event),
            "own_registration": _own_registration(viewer, event),
            "calendar": _calendar_links(request, event),
            "map_url": programme.openstreetmap_url(event),
            "now": timezone.now(),
            "jsonld": jsonld.event(request, event, sessions),
        },
    )


def _visible_session(request, event_slug, slug):
    return get_object_or_404(
        Session.objects.visible_to(request.viewer).for_session_page(request.viewer), event__slug=event_slug, slug=slug
    )


def session_detail(request, event_slug, slug):
    viewer = request.viewer
    session = (
        Session.objects.visible_to(viewer).for_session_page(viewer).filter(event__slug=event_slug, slug=slug).first()
    )
    if session is None:
        return _members_only_or_404(request, event_slug=event_slug, slug=slug)
    return render(
        request,
        "events/session_detail.html",
        {
            "session": session,
            "event": session.event,
            "registration": policies.can_register(viewer, session.event, session)
            if session.capacity is not None
            else None,
            "own_registration": _own_registration(viewer, session.event, session)
            if session.capacity is not None
            else None,
            "calendar": _calendar_links(request, session),
            "map_url": programme.openstreetmap_url(session.event),
            "now": timezone.now(),
            "jsonld": jsonld.session(request, session),
        },
    )


def _calendar_links(request, target) -> dict:
    """Ways to put an event (or a session) into a calendar: the .ics file, a webcal: subscription to it, and
    Google's and Outlook's add-event forms."""
    page_url = request.build_absolute_uri(target.get_absolute_url())
    if isinstance(target, Event):
        ics_url = request.build_absolute_uri(reverse("events:event-ics", args=[target.slug]))
    else:
        ics_url = request.build_absolute_uri(reverse("events:session-ics", args=[target.event.slug, target.slug]))
    return {
        "ics": ics_url,
        "webcal": programme.webcal_url(ics_url),
        "google": programme.google_calendar_url(target, page_url),
        "outlook": programme.outlook_calendar_url(target, page_url),
    }


def event_programme(request, slug):
    """The agenda by day and slot (parallel sessions side by side), what runs now and next, starring."""
    viewer = request.viewer
    event = Event.objects.visible_to(viewer).for_event_page().filter(slug=slug).first()
    if event is None:
        return _members_only_or_404(request, event_slug=slug)
    sessions = list(Session.objects.visible_to(viewer).filter(event=event).for_programme(viewer))
    now = timezone.now()
    return render(
        request,
        "events/event_programme.html",
        {
            "event": event,
            "sessions": sessions,
            "days": programme.programme_days(event, sessions),
            "now_next": programme.now_and_next(event, sessions, now=now),
            "now": now,
            "calendar": _calendar_links(request, event),
            "map_url": programme.openstreetmap_url(event),
        },
    )


MAX_AGENDA_SESSIONS = 200


def agenda_ics(request, slug):
    """A visitor's own agenda: the sessions they starred (`?sessions=1,2,3`), those of them they may see."""
    event = get_object_or_404(Event.objects.visible_to(request.viewer), slug=slug)
    raw = [part.strip() for part in request.GET.get("sessions", "").split(",") if part.strip()]
    if not raw or len(raw) > MAX_AGENDA_SESSIONS or not all(part.isdigit() and len(part) < 10 for part in raw):
        return HttpResponseBadRequest(
            _("Give the sessions as numbers separated by commas, e.g. ?sessions=1,2,3."),
            content_type="text/plain; charset=utf-8",
        )
    sessions = (
        Session.objects.visible_to(request.viewer)
        .filter(event=event, pk__in={int(part) for part in raw})
        .select_related("event")
        .with_programme(request.viewer)
        .order_by("starts_at", "pk")
    )
    name = _("My agenda: %(title)s") % {"title": event.title}
    return ics_response(
        calendars.sessions_calendar(request.build_absolute_uri("/"), sessions, name=name), f"{slug}-agenda.ics"
    )


def series_detail(request, slug):
    """A series' archive: every edition the visitor may see, latest first."""
    series = get_object_or_404(EventSeries.objects.select_related("convened_by"), slug=slug)
    events = Event.objects.visible_to(request.viewer).filter(series=series).for_list().order_by("-starts_at", "-pk")
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "events/series_detail.html", {"series": series, "page": page, "events": page.object_list})


def ics_response(payload: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(payload, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def event_ics(request, slug):
    event = get_object_or_404(Event.objects.visible_to(request.viewer).for_calendar(request.viewer), slug=slug)
    return ics_response(
        calendars.events_calendar(request.build_absolute_uri("/"), [event], name=event.title), f"{slug}.ics"
    )


def session_ics(request, event_slug, slug):
    session = _visible_session(request, event_slug, slug)
    return ics_response(
        calendars.session_calendar(request.build_absolute_uri("/"), session), f"{event_slug}-{slug}.ics"
    )


def upcoming_ics(request):
    # A subscription feed is fetched by calendar clients without a session: what anyone may see.
    anonymous = Viewer.anonymous()
    events = Event.objects.visible_to(anonymous).upcoming().for_calendar(anonymous)
    return ics_response(
        calendars.events_calendar(request.build_absolute_uri("/"), events, name=_("Upcoming events")),
        "upcoming-events.ics",
    )


_REGISTERED = {
    Registration.Status.CONFIRMED: gettext_lazy(
        "You are registered. A confirmation with the calendar entry is on its way."
    ),
    Registration.Status.WAITLISTED: gettext_lazy(
        "The event is full: you are on the waitlist and will be told if a seat frees."
    ),
    Registration.Status.PENDING_APPROVAL: gettext_lazy("Thank you. The organisers will confirm your registration."),
}


def _register(request, *, event, session=None):
    if refused := unverified_email_response(request):
        return refused
    viewer = request.viewer
    initial = {}
    if viewer.user_id is not None:
        person = getattr(request.user, "person", None)
        initial = {"name": person.full_name if person else request.user.get_full_name(), "email": request.user.email}
    form = RegistrationForm(request.POST or None, initial=initial)
    decision = policies.can_register(viewer, event, session)
    if request.method == "POST" and form.is_valid():
        try:
            registration = services.registration_create(by=viewer, event=event, session=session, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, str(_REGISTERED[registration.status]))
            return redirect((session or event).get_absolute_url())
    return render(
        request,
        "events/register.html",
        {
            "form": form,
            "event": event,
            "session": session,
            "registration": decision,
            "own_registration": _own_registration(viewer, event, session),
        },
    )


def event_register(request, slug):
    event = Event.objects.visible_to(request.viewer).filter(slug=slug).first()
    if event is None:
        return _members_only_or_404(request, event_slug=slug)
    return _register(request, event=event)


def session_register(request, event_slug, slug):
    session = _visible_session(request, event_slug, slug)
    if session.capacity is None:
        # Sessions without their own seats are attended with an event registration.
        return redirect("events:event-register", slug=event_slug)
    return _register(request, event=session.event, session=session)


def registration_cancel(request, token):
    """The link in the registrant's email: holding it proves the registration is theirs."""
    registration = get_object_or_404(Registration.objects.select_related("event", "session"), cancel_token=token)
    if request.method == "POST":
        try:
            services.registration_cancel(registration=registration, by=request.viewer, by_link=True)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Your registration is cancelled."))
        return redirect("events:registration-cancel", token=token)
    return render(request, "events/registration_cancel.html", {"registration": registration})
