"""Organisation and person pages: they gather what an organisation or a person did across every app
(events, sessions, publications), so they live in the site layer. What a visitor may see is asked of each
app's policies with `request.viewer`."""

from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from events import calendars
from events.models import Event, Participation, Session
from events.views import ics_response
from kernel.viewer import Viewer
from members.models import Organization, Person
from publications.models import Publication, PublicationPerson

RELATED_LIMIT = 50


def organization_detail(request, slug):
    viewer = request.viewer
    organization = get_object_or_404(Organization.objects.visible_to(viewer).for_detail_page(viewer), slug=slug)
    events = Event.objects.visible_to(viewer).filter(event_organizations__organization=organization).distinct()
    sessions = (
        Session.objects.visible_to(viewer)
        .filter(session_organizations__organization=organization)
        .select_related("event")
        .distinct()
        .order_by("-starts_at")
    )
    publications = Publication.objects.visible_to(viewer).filter(organizations=organization).distinct().newest_first()
    events = list(events.order_by("-starts_at")[:RELATED_LIMIT])
    return render(
        request,
        "members/organization_detail.html",
        {
            "organization": organization,
            "events": events,
            "has_upcoming": Event.objects.visible_to(Viewer.anonymous()).upcoming().involving(organization).exists(),
            "sessions": list(sessions[:RELATED_LIMIT]),
            "publications": list(publications[:RELATED_LIMIT]),
            "jsonld": {
                "@context": "https://schema.org",
                "@type": "Organization",
                "name": organization.name,
                "alternateName": organization.acronym or None,
                "url": organization.website or request.build_absolute_uri(organization.get_absolute_url()),
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
    participations = list(Participation.objects.visible_to(viewer).filter(person=person).for_person_page())
    authored = list(
        PublicationPerson.objects.filter(
            person=person, publication__in=Publication.objects.visible_to(viewer).values("pk")
        )
        .select_related("publication")
        .order_by("-publication__published_on", "order")
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
                "affiliation": [
                    {"@type": "Organization", "name": a.organization.name} for a in person.current_affiliations
                ],
                "url": request.build_absolute_uri(person.get_absolute_url()),
            },
        },
    )
