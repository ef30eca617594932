"""Public pages for the member directory, organisations and people."""

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from events import calendars
from events.models import Event, Participation, Session
from publications.models import Publication, PublicationPerson

from .filters import DirectoryFilter
from .models import House, Organization, Person

PAGE_SIZE = 30


def organization_list(request):
    filterset = DirectoryFilter(request.GET or None, queryset=Organization.objects.directory())
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "members/organization_list.html",
        {
            "filter": filterset,
            "page": page,
            "organizations": page.object_list,
            "houses": House.objects.with_member_counts(),
        },
    )


def organization_detail(request, slug):
    organization = get_object_or_404(Organization.objects.for_detail_page(), slug=slug)
    events = Event.objects.visible_to(request.user).filter(event_organizations__organization=organization)
    sessions = (
        Session.objects.visible_to(request.user)
        .filter(session_organizations__organization=organization)
        .select_related("event")
        .distinct()
        .order_by("-starts_at")
    )
    publications = (
        Publication.objects.published().filter(organizations=organization).distinct().order_by("-published_on")
    )
    return render(
        request,
        "members/organization_detail.html",
        {
            "organization": organization,
            "events": list(events.distinct().order_by("-starts_at")[:50]),
            "sessions": list(sessions[:50]),
            "publications": list(publications[:50]),
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
    organization = get_object_or_404(Organization, slug=slug)
    events = (
        Event.objects.public()
        .upcoming()
        .filter(pk__in=Event.objects.filter(event_organizations__organization=organization).values("pk"))
        .for_calendar()
    )
    payload = calendars.events_calendar(
        request.build_absolute_uri("/"), events, name=f"Events with {organization.short_name}"
    )
    response = HttpResponse(payload, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slug}-events.ics"'
    return response


def person_detail(request, slug):
    person = get_object_or_404(Person.objects.visible_to(request.user).with_current_affiliations(), slug=slug)
    participations = list(Participation.objects.public().filter(person=person).for_person_page())
    authored = list(
        PublicationPerson.objects.filter(person=person, publication__status="published")
        .select_related("publication")
        .order_by("-publication__published_on")
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
