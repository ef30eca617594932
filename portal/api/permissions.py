from rest_framework import permissions

from .authentication import Partner


def partner_of(request) -> Partner | None:
    return request.user if isinstance(request.user, Partner) else None


def is_staff(request) -> bool:
    return bool(getattr(request.user, "is_staff", False)) and not isinstance(request.user, Partner)


class CatalogueAccess(permissions.BasePermission):
    """Reads: anyone (anonymous at a lower rate); a token must carry the `read` scope.

    Writes: staff with their session, or a token carrying the view's `write_scope`.
    """

    message = "This token does not carry the scope this request needs."

    def has_permission(self, request, view):
        partner = partner_of(request)
        if request.method in permissions.SAFE_METHODS:
            return partner is None or partner.has_scope("read")
        if is_staff(request):
            return True
        scope = getattr(view, "write_scope", None)
        if partner is None:
            return False
        if scope is None:
            return False
        if not partner.has_scope(scope):
            self.message = f"This token does not carry the '{scope}' scope."
            return False
        return True


class PartnerOrStaff(permissions.BasePermission):
    """Endpoints about a partner's own data (its registrations, its write log): no anonymous access."""

    message = "Authenticate with a partner token or a staff session."

    def has_permission(self, request, view):
        partner = partner_of(request)
        if partner is not None:
            scope = getattr(view, "write_scope", None) if request.method not in permissions.SAFE_METHODS else "read"
            if scope and not partner.has_scope(scope):
                self.message = f"This token does not carry the '{scope}' scope."
                return False
            return True
        return is_staff(request)
