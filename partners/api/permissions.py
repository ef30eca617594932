"""API permissions: the scope a request needs, asked of the policies through the caller's Viewer."""

from rest_framework import permissions

from ..policies import can_read_catalogue
from .authentication import api_viewer


def method_exists(request, view) -> bool:
    """Whether the view answers this method at all. Permissions run before DRF looks for the handler: without
    this, a DELETE on a read-only list would be refused as a missing scope (403) or missing token (401) instead
    of the 405 (with its Allow header) that says the resource has no such method, whoever asks."""
    method = request.method.lower()
    return method in view.http_method_names and hasattr(view, method)


class CatalogueAccess(permissions.BasePermission):
    """Reads: anyone (anonymous at a lower rate); a token must carry the `read` scope.

    Writes: staff with their session, or a token carrying the view's `write_scope`. Whether the write is
    allowed on this object is the domain policies' decision, asked by the services.
    """

    message = "This token does not carry the scope this request needs."

    def has_permission(self, request, view):
        if not method_exists(request, view):
            return True  # the view answers 405
        viewer = api_viewer(request)
        if request.method in permissions.SAFE_METHODS:
            if not can_read_catalogue(viewer):
                self.message = "This token does not carry the 'read' scope."
                return False
            return True
        if viewer.is_staff:
            return True
        scope = getattr(view, "write_scope", None)
        if not viewer.is_partner or scope is None:
            self.message = "Writes need a partner token (or a staff session)."
            return False
        if not viewer.has_scope(scope):
            self.message = f"This token does not carry the '{scope}' scope."
            return False
        return True


class PartnerOrStaff(CatalogueAccess):
    """Endpoints about a partner's own data (its registrations, its write log): no anonymous access."""

    def has_permission(self, request, view):
        if not method_exists(request, view):
            return True  # the view answers 405
        viewer = api_viewer(request)
        if not (viewer.is_partner or viewer.is_staff):
            self.message = "Authenticate with a partner token or a staff session."
            return False
        return super().has_permission(request, view)
