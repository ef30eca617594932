import django_filters
from django.db.models import Q
from django_countries import countries

from events.models import Event, Participation, Registration, Session
from members.models import Organization
from portal.api.filters import SyncFilterSet, UtcIsoDateTimeFilter
from portal.models import Topic


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
        return queryset.filter(
            Q(event_organizations__organization__slug=value)
            | Q(sessions__session_organizations__organization__slug=value)
        ).distinct()


class SessionFilter(SyncFilterSet):
    event = django_filters.ModelChoiceFilter(queryset=Event.objects.all(), to_field_name="slug")
    starts_after = UtcIsoDateTimeFilter(field_name="starts_at", lookup_expr="gte")
    starts_before = UtcIsoDateTimeFilter(field_name="starts_at", lookup_expr="lt")
    type = django_filters.ChoiceFilter(choices=Session.Type.choices)
    status = django_filters.ChoiceFilter(choices=Session.Status.choices)
    topic = django_filters.ModelChoiceFilter(field_name="topics", queryset=Topic.objects.all(), to_field_name="slug")
    organization = django_filters.ModelChoiceFilter(
        field_name="session_organizations__organization",
        queryset=Organization.objects.all(),
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
    event = django_filters.ModelChoiceFilter(
        field_name="session__event", queryset=Event.objects.all(), to_field_name="slug"
    )
    role = django_filters.ChoiceFilter(choices=Participation.Role.choices)

    class Meta:
        model = Participation
        fields = ["session", "event", "role", "updated_since"]


class RegistrationFilter(SyncFilterSet):
    event = django_filters.ModelChoiceFilter(queryset=Event.objects.all(), to_field_name="slug")
    status = django_filters.ChoiceFilter(choices=Registration.Status.choices)

    class Meta:
        model = Registration
        fields = ["event", "status", "updated_since"]


class TopicFilter(SyncFilterSet):
    kind = django_filters.ChoiceFilter(choices=Topic.Kind.choices)

    class Meta:
        model = Topic
        fields = ["kind", "updated_since"]
