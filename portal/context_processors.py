from django.utils.functional import SimpleLazyObject

from .site import site_identity


def viewer(request):
    """Templates ask `viewer.is_member`, never `user.is_staff` and the like: the policies built it."""
    return {"viewer": getattr(request, "viewer", None)}


def site(request):
    """The organisation's name, logo and colours (portal/site.py), read when a template first asks."""
    return {"site": SimpleLazyObject(lambda: site_identity(getattr(request, "content_version", None)))}
