from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from . import views
from .changes import ChangesView
from .router import router

app_name = "api"

# The documentation is for reading: never rate-limited, or a reader would be shown a 429 instead of the docs.
UNTHROTTLED = {"throttle_classes": []}

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(**UNTHROTTLED), name="schema"),
    # The split view serves its start-up script as a file, so the Content Security Policy needs no inline script.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema", **UNTHROTTLED), name="docs"),
    path("changelog/", views.changelog, name="changelog"),
    path("changes/", ChangesView.as_view(), name="changes"),
    path("", include(router.urls)),
]
