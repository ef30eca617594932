from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from . import pages, share, views
from .sitemaps import SITEMAPS

# The admin signs in through allauth's login (rate limits, second factor), keeping ?next=.
admin.site.login = secure_admin_login(admin.site.login)

# Machine-read and back-office addresses: one URL each, whatever the visitor's language (the API answers in
# the language its Accept-Language header asks for, see portal.middleware.LanguageMiddleware).
urlpatterns = [
    # Browsers ask for /favicon.ico whatever the page says.
    path("favicon.ico", views.favicon),
    path("robots.txt", views.robots_txt, name="robots-txt"),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("share/site.png", share.site_image, name="share-site-image"),
    path("share/events/<slug:slug>.png", share.event_image, name="share-event-image"),
    path("share/events/<slug:event_slug>/<slug:slug>.png", share.session_image, name="share-session-image"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="django.contrib.sitemaps.views.sitemap"),
    path("i18n/switch/", views.language_switch, name="language-switch"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("portal.api.urls")),
    path("admin/", admin.site.urls),
]

# The public site, once per language: English at /events/…, French at /fr/events/…, Spanish at /es/events/….
# News feeds keep their unprefixed addresses, which is what the pages link to (portal_tags.feed_url); calendar
# files (.ics) are read by people and have an address per language, like pages.
urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("topics/", views.topic_list, name="topic-list"),
    path("privacy/", views.site_page, {"key": "privacy"}, name="page-privacy"),
    path("contact/", views.site_page, {"key": "contact"}, name="page-contact"),
    path("accessibility/", views.site_page, {"key": "accessibility"}, name="page-accessibility"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic-detail"),
    path("events/", include("events.urls")),
    path("accounts/", include("allauth.urls")),
    path("", include("members.urls")),
    path("", include("portal.account_urls")),
    path("organizations/<slug:slug>/", pages.organization_detail, name="organization-detail"),
    path("organizations/<slug:slug>/events.ics", pages.organization_ics, name="organization-ics"),
    path("people/<slug:slug>/", pages.person_detail, name="person-detail"),
    path("", include("publications.urls")),
    prefix_default_language=False,
)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler400 = "portal.errors.bad_request"
handler403 = "portal.errors.permission_denied"
handler404 = "portal.errors.page_not_found"
handler500 = "portal.errors.server_error"
