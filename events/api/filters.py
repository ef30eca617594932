import django_filters
from django.db.models import Q
from django_countries import countries

from events.models import Event, Participation, Registration, Session
from kernel.api.filters import SyncFilterSet, UtcIsoDateTimeFilter
from kernel.models import Topic
from members.models import Organization
from partners.api.authentication import api_viewer


def visible_events(request):
    # A filter value names only what the caller may see: an unknown and a hidden event answer alike.
    return Event.objects.visible_to(api_viewer(request)) if request is not None else Event.objects.none()


def visible_organizations(request):
    return Organization.objects.visible_to(api_viewer(request)) if request is not None else Organization.objects.none()


class EventFilter(SyncFilterSet):
    starts_after = UtcIsoDateTimeFilter(field_name="starts_at", lookup_expr="gte")
    starts_before = UtcIsoDateTimeFilter(field_name="starts_at", lookup_expr="lt")
    type = django_filters.ChoiceFilter(choices=Event.Type.choices)
    format = django_filters.ChoiceFilter(choices=Event.Format.choices)
    status = django_filters.ChoiceFilter(choices=Event.Status.choices)
    country = django_filters.ChoiceFilter(choices=countries)
    topic = django_filters.ModelChoiceFilter(field_name="topics", queryset=Topic.objects.all(), to_field_name="slug")
    organization = django_filters.CharFilter(
        method="filter_organization", help_text="Organisation slug: hosts, partners and session co-organisers."
    )

    class Meta:
        model = Event
        fields = [
            "starts_after",
            "starts_before",
            "type",
            "format",
            "status",
            "country",
            "topic",
            "organization",
            "updated_since",
        ]

    def filter_organization(self, queryset, name, value):
        organizations = visible_organizations(self.request).filter(slug=value)
        return queryset.filter(
            Q(pk__in=Event.objects.filter(event_organizations__organization__in=organizations).values("pk"))
            | Q(
                pk__in=Session.objects.visible_to(api_viewer(self.request))
                .filter(session_organizations__organization__in=organizations)
                .values("event_id")
            )
        )


class SessionFilter(SyncFilterSet):
    event = django_filters.ModelChoiceFilter(queryset=visible_events, to_field_name="slug")
    starts_after = UtcIsoDateTimeFilter(field_name="starts_at", lookup_expr="gte")
    starts_before = UtcIsoDateTimeFilter(field_name="starts_at", lookup_expr="lt")
    type = django_filters.ChoiceFilter(choices=Session.Type.choices)
    status = django_filters.ChoiceFilter(choices=Session.Status.choices)
    topic = django_filters.ModelChoiceFilter(field_name="topics", queryset=Topic.objects.all(), to_field_name="slug")
    organization = django_filters.ModelChoiceFilter(
        field_name="session_organizations__organization",
        queryset=visible_organizations,
        to_field_name="slug",
        distinct=True,
    )
    country = django_filters.ChoiceFilter(field_name="event__country", choices=countries)

    class Meta:
        model = Session
        fields = [
            "event",
            "starts_after",
            "starts_before",
            "type",
            "status",
            "topic",
            "organization",
            "country",
            "updated_since",
        ]


class ParticipationFilter(SyncFilterSet):
    session = django_filters.NumberFilter(field_name="session_id")
    event = django_filters.ModelChoiceFilter(field_name="session__event", queryset=visible_events, to_field_name="slug")
    role = django_filters.ChoiceFilter(choices=Participation.Role.choices)

    class Meta:
        model = Participation
        fields = ["session", "event", "role", "updated_since"]


class RegistrationFilter(SyncFilterSet):
    event = django_filters.ModelChoiceFilter(queryset=visible_events, to_field_name="slug")
    status = django_filters.ChoiceFilter(choices=Registration.Status.choices)

    class Meta:
        model = Registration
        fields = ["event", "status", "updated_since"]


class TopicFilter(SyncFilterSet):
    kind = django_filters.ChoiceFilter(choices=Topic.Kind.choices)

    class Meta:
        model = Topic
        fields = ["kind", "updated_since"]
