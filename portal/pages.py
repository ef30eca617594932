"""Organisation and person pages: they gather what an organisation or a person did across every app
(events, sessions, publications), so they live in the site layer. What a visitor may see is asked of each
app's policies with `request.viewer`."""

from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from events import calendars
from events.models import Event, EventOrganization, Participation, Session, SessionOrganization
from events.views import ics_response
from kernel.roles import roles_by
from kernel.viewer import Viewer
from members.models import Organization, Person
from publications.models import Publication, PublicationOrganization, PublicationPerson

RELATED_LIMIT = 50


def organization_detail(request, slug):
    viewer = request.viewer
    organization = get_object_or_404(Organization.objects.visible_to(viewer).for_detail_page(viewer), slug=slug)
    # Each event, session and publication once, with every role the organisation had in it (as on their pages).
    event_roles = (
        EventOrganization.objects.filter(organization=organization, event__in=Event.objects.visible_to(viewer))
        .select_related("event")
        .order_by("-event__starts_at", "event_id", "order", "pk")
    )
    session_roles = (
        SessionOrganization.objects.filter(organization=organization, session__in=Session.objects.visible_to(viewer))
        .select_related("session", "session__event")
        .order_by("-session__starts_at", "session_id", "order", "pk")
    )
    publication_roles = (
        PublicationOrganization.objects.filter(
            organization=organization, publication__in=Publication.objects.visible_to(viewer)
        )
        .select_related("publication")
        .order_by("-publication__published_on", "-publication_id", "order", "pk")
    )
    speakers = Participation.objects.visible_to(viewer).by_people_of(organization, viewer)
    return render(
        request,
        "members/organization_detail.html",
        {
            "organization": organization,
            "events": roles_by(event_roles[:RELATED_LIMIT], "event"),
            "has_upcoming": Event.objects.visible_to(Viewer.anonymous()).upcoming().involving(organization).exists(),
            "sessions": roles_by(session_roles[:RELATED_LIMIT], "session"),
            "speaker_sessions": roles_by(speakers[:RELATED_LIMIT], "session"),
            "publications": roles_by(publication_roles[:RELATED_LIMIT], "publication"),
            "jsonld": {
                "@context": "https://schema.org",
                "@type": "Organization",
                "name": organization.name,
                "alternateName": organization.acronym or None,
                "url": organization.website or request.build_absolute_uri(organization.get_absolute_url()),
                "logo": request.build_absolute_uri(organization.logo.url) if organization.logo else None,
                "parentOrganization": {"@type": "Organization", "name": organization.parent.name}
                if organization.parent
                else None,
            },
        },
    )


def organization_ics(request, slug):
    # A subscription feed is fetched by calendar clients without a session: what anyone may see.
    anonymous = Viewer.anonymous()
    organization = get_object_or_404(Organization.objects.visible_to(anonymous), slug=slug)
    events = Event.objects.visible_to(anonymous).upcoming().involving(organization).for_calendar(anonymous)
    payload = calendars.events_calendar(
        request.build_absolute_uri("/"),
        events,
        name=_("Events with %(organisation)s") % {"organisation": organization.short_name},
    )
    return ics_response(payload, f"{slug}-events.ics")


def person_detail(request, slug):
    viewer = request.viewer
    person = get_object_or_404(Person.objects.visible_to(viewer).with_current_affiliations(viewer), slug=slug)
    # Each session and publication once, with all the person's roles in it.
    participations = roles_by(
        Participation.objects.visible_to(viewer).filter(person=person).for_person_page(), "session"
    )
    authored = roles_by(
        PublicationPerson.objects.filter(
            person=person, publication__in=Publication.objects.visible_to(viewer).values("pk")
        )
        .select_related("publication")
        .order_by("-publication__published_on", "publication_id", "order"),
        "publication",
    )
    return render(
        request,
        "members/person_detail.html",
        {
            "person": person,
            "participations": participations,
            "authored": authored,
            "jsonld": {
                "@context": "https://schema.org",
                "@type": "Person",
                "name": person.full_name,
                "honorificPrefix": person.honorific or None,
                "image": request.build_absolute_uri(person.photo.url) if person.photo else None,
                "sameAs": [url for url in (person.website, person.profile_url) if url] or None,
                "affiliation": [
                    {"@type": "Organization", "name": a.organization.name} for a in person.current_affiliations
                ],
                "url": request.build_absolute_uri(person.get_absolute_url()),
            },
        },
    )
