"""The public member directory and the newsletter sign-up. What a visitor may see is asked of the policies
with `request.viewer`. (Organisation and person pages gather every app's rows: they are in portal/pages.py.)

The newsletter sign-up has a double opt-in. It answers the same whatever the address (new, waiting,
subscribed), so the page tells nobody who is on the list; one network address may sign up only a few times an
hour (`NEWSLETTER_RATE`). Following a link from the email shows a button: the change happens on its POST, so
mail scanners that open links change nothing.
"""

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache

from kernel.errors import DomainError

from . import services
from .filters import DirectoryFilter
from .forms import NewsletterForm
from .models import House, Organization

PAGE_SIZE = 30


def organization_list(request):
    viewer = request.viewer
    # ?show=all: every organisation, not only members (a UN agency's page links back here, not to "Members").
    everyone = request.GET.get("show") == "all"
    filterset = DirectoryFilter(
        request.GET or None,
        queryset=Organization.objects.directory(viewer, members_only=not everyone),
        viewer=viewer,
    )
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "members/organization_list.html",
        {
            "filter": filterset,
            "page": page,
            "organizations": page.object_list,
            "houses": House.objects.with_member_counts(viewer),
            "everyone": everyone,
        },
    )


# Sign-ups per network address per hour.
NEWSLETTER_RATE = 10
NEWSLETTER_WINDOW = 60 * 60


def _client_address(request) -> str:
    # Behind N trusted proxies the client is the N-th address from the right of X-Forwarded-For.
    proxies = getattr(settings, "ALLAUTH_TRUSTED_PROXY_COUNT", 0)
    forwarded = [part.strip() for part in request.headers.get("X-Forwarded-For", "").split(",") if part.strip()]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def _over_limit(request) -> bool:
    key = f"newsletter-signup:{_client_address(request)}"
    cache.add(key, 0, NEWSLETTER_WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, NEWSLETTER_WINDOW)
        count = 1
    return count > NEWSLETTER_RATE


@never_cache
def newsletter_subscribe(request):
    form = NewsletterForm(request.POST or None)
    if request.method == "POST":
        if _over_limit(request):
            return render(request, "429.html", status=429)
        if form.is_valid():
            try:
                services.newsletter_subscribe(
                    email=form.cleaned_data["email"],
                    consent=form.cleaned_data["consent"],
                    language=get_language() or settings.LANGUAGE_CODE,
                    by=request.viewer,
                )
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                return redirect("members:newsletter-sent")
    return render(request, "members/newsletter_subscribe.html", {"form": form})


def newsletter_sent(request):
    return render(request, "members/newsletter_sent.html")


def _link_page(request, token, service, template):
    done, error = False, ""
    if request.method == "POST":
        try:
            service(token=token, by=request.viewer)
        except DomainError as exc:
            error = exc.message
        else:
            done = True
    return render(request, template, {"done": done, "error": error}, status=400 if error else 200)


@never_cache
def newsletter_confirm(request, token):
    return _link_page(request, token, services.newsletter_confirm, "members/newsletter_confirm.html")


@never_cache
def newsletter_unsubscribe(request, token):
    return _link_page(request, token, services.newsletter_unsubscribe, "members/newsletter_unsubscribe.html")
