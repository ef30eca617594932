"""Pages of the API that are not resources: the changelog."""

from django.http import JsonResponse
from django.shortcuts import render

from partners.api import versioning


def _wants_json(request) -> bool:
    if request.GET.get("format") == "json":
        return True
    accept = request.headers.get("Accept", "")
    return "application/json" in accept and "text/html" not in accept


def changelog(request):
    """What changed in v1, newest first, and what is deprecated: HTML for people, JSON for programs
    (`Accept: application/json` or `?format=json`). Never rate-limited."""
    if _wants_json(request):
        return JsonResponse(
            {
                "releases": [
                    {
                        "version": release.version,
                        "date": release.date.isoformat(),
                        "changes": [{"kind": c.kind, "text": c.text} for c in release.changes],
                    }
                    for release in versioning.RELEASES
                ],
                "deprecations": [
                    {
                        "resource": d.resource,
                        "field": d.field,
                        "since": d.since.isoformat(),
                        "sunset": d.sunset.isoformat() if d.sunset else None,
                        "note": d.note,
                    }
                    for d in versioning.DEPRECATIONS
                ],
            }
        )
    response = render(
        request, "api/changelog.html", {"releases": versioning.RELEASES, "deprecations": versioning.DEPRECATIONS}
    )
    response["Vary"] = "Accept"
    return response
