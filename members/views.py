"""The public member directory. What a visitor may see is asked of the policies with `request.viewer`.
(Organisation and person pages gather every app's rows: they are in portal/pages.py.)"""

from django.core.paginator import Paginator
from django.shortcuts import render

from .filters import DirectoryFilter
from .models import House, Organization

PAGE_SIZE = 30


def organization_list(request):
    viewer = request.viewer
    filterset = DirectoryFilter(request.GET or None, queryset=Organization.objects.directory(viewer), viewer=viewer)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "members/organization_list.html",
        {
            "filter": filterset,
            "page": page,
            "organizations": page.object_list,
            "houses": House.objects.with_member_counts(viewer),
        },
    )
