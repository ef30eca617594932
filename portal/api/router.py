"""The one router of the partner API, /api/v1/."""

from rest_framework.routers import DefaultRouter

from events.api.views import EventViewSet, ParticipationViewSet, RegistrationViewSet, SessionViewSet, TopicViewSet
from members.api.views import HouseViewSet, MembershipViewSet, OrganizationViewSet, PersonViewSet
from partners.api.views import ApiWriteLogViewSet
from partners.api.webhook_views import WebhookDeliveryViewSet, WebhookEndpointViewSet
from publications.api.views import PublicationViewSet

router = DefaultRouter()
router.register("organizations", OrganizationViewSet, basename="organization")
router.register("houses", HouseViewSet, basename="house")
router.register("memberships", MembershipViewSet, basename="membership")
router.register("people", PersonViewSet, basename="person")
router.register("topics", TopicViewSet, basename="topic")
router.register("events", EventViewSet, basename="event")
router.register("sessions", SessionViewSet, basename="session")
router.register("participations", ParticipationViewSet, basename="participation")
router.register("registrations", RegistrationViewSet, basename="registration")
router.register("publications", PublicationViewSet, basename="publication")
router.register("log", ApiWriteLogViewSet, basename="log")
router.register("webhooks", WebhookEndpointViewSet, basename="webhook")
router.register(r"webhooks/(?P<endpoint_pk>\d+)/deliveries", WebhookDeliveryViewSet, basename="webhook-delivery")
