"""Site-wide pages: home, search, topics, the privacy, contact and accessibility pages, and the health checks."""

from django.conf import settings
from django.db import connection
from django.http import HttpResponse, HttpResponsePermanentRedirect, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.templatetags.static import static
from django.urls import reverse, translate_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache

from events.models import Event, Session
from kernel.models import Topic
from kernel.translated import in_language
from publications.models import Publication

from .models import SitePage
from .search import site_search


def home(request):
    return render(
        request,
        "home.html",
        {
            "upcoming": list(Event.objects.visible_to(request.viewer).upcoming().for_list()[:6]),
            "news": list(Publication.objects.visible_to(request.viewer).news().newest_first()[:5]),
            "featured": list(Publication.objects.visible_to(request.viewer).featured().not_news().newest_first()[:4]),
        },
    )


def search(request):
    results = site_search(
        request.GET.get("q", ""),
        viewer=request.viewer,
        kind=request.GET.get("kind", ""),
        year=request.GET.get("year"),
        topic=request.GET.get("topic", ""),
    )
    return render(request, "search.html", {"results": results, "query": results.query})


def topic_list(request):
    return render(
        request, "topic_list.html", {"topics": list(Topic.objects.all().order_by("-kind", in_language("name")))}
    )


def topic_detail(request, slug):
    topic = get_object_or_404(Topic, slug=slug)
    return render(
        request,
        "topic_detail.html",
        {
            "topic": topic,
            "events": list(Event.objects.visible_to(request.viewer).filter(topics=topic).order_by("-starts_at")[:50]),
            "sessions": list(
                Session.objects.visible_to(request.viewer).filter(topics=topic).select_related("event")[:50]
            ),
            "publications": list(
                Publication.objects.visible_to(request.viewer).filter(topics=topic).newest_first()[:50]
            ),
        },
    )


def language_switch(request):
    """Set the interface language from a plain GET link or form, then go back to where the visitor was.

    A preference cookie needs no CSRF token, which keeps pages free of per-visitor tokens so they can be
    cached (portal/cache.py). Django's POST set_language view stays available at /i18n/setlang/.
    """
    language = request.GET.get("language", "")
    next_url = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    if language not in dict(settings.LANGUAGES):
        return HttpResponseRedirect(next_url)
    response = HttpResponseRedirect(translate_url(next_url, language))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE or request.is_secure(),
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE or "Lax",
    )
    return response


# Addresses with one URL whatever the language (portal/urls.py) and those of the public site, which also live
# under each language's prefix (/fr/accounts/, /es/search/…): robots.txt names them in every language.
ROBOTS_UNPREFIXED_DISALLOW = ("/admin/", "/api/", "/i18n/")
ROBOTS_PREFIXED_DISALLOW = (
    "/accounts/",
    "/members/",
    "/membership/",
    "/search/",
    # Addresses carrying someone's token: a confirmation or cancel link, never a page to list.
    "/newsletter/confirm/",
    "/newsletter/unsubscribe/",
    "/events/registrations/",
)


def robots_txt(request):
    """Crawlers may read the public site; accounts, the members' area, the admin, the API, search results and
    token links are not for them, in any language. The sitemap is named by its absolute URL, as the robots.txt
    standard asks."""
    prefixes = [""] + [f"/{code}" for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
    lines = [
        "User-agent: *",
        *(f"Disallow: {path}" for path in ROBOTS_UNPREFIXED_DISALLOW),
        *(f"Disallow: {prefix}{path}" for prefix in prefixes for path in ROBOTS_PREFIXED_DISALLOW),
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('django.contrib.sitemaps.views.sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def favicon(request):
    # Resolved per request: the hashed static name exists only once collectstatic has run.
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


@never_cache
def healthz(request):
    """Liveness: the process answers. Touches nothing else, so it is also the benchmark's baseline."""
    return HttpResponse("ok", content_type="text/plain")


@never_cache
def readyz(request):
    """Readiness: the database answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any database failure means not ready
        return JsonResponse({"status": "unavailable", "database": str(exc.__class__.__name__)}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def site_page(request, key):
    """The privacy notice, the contact page or the accessibility statement, as staff wrote it in the admin."""
    page = get_object_or_404(SitePage, key=key)
    return render(request, "site_page.html", {"page": page})
