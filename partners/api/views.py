from rest_framework import viewsets

from partners import policies
from partners.models import ApiWriteLog

from .authentication import api_viewer
from .filters import ApiWriteLogFilter
from .permissions import PartnerOrStaff
from .serializers import ApiWriteLogSerializer


class ApiWriteLogViewSet(viewsets.ReadOnlyModelViewSet):
    """Every write made through the API. A partner sees its own organisation's; staff see all."""

    serializer_class = ApiWriteLogSerializer
    permission_classes = [PartnerOrStaff]
    filterset_class = ApiWriteLogFilter
    ordering_fields = ["created_at"]
    ordering = ["-created_at", "-pk"]

    def get_queryset(self):
        records = ApiWriteLog.objects.select_related("organization", "token")
        return policies.write_log_visible_to(records, api_viewer(self.request))
