"""What partners' webhooks say about publications: what this API's detail view shows."""

from partners.webhooks import register_kind

from .views import PublicationViewSet

register_kind("publications.Publication", PublicationViewSet)
