def viewer(request):
    """Templates ask `viewer.is_member`, never `user.is_staff` and the like: the policies built it."""
    return {"viewer": getattr(request, "viewer", None)}
