"""Public pages for publications and news. What a visitor may see is asked of publications/policies.py."""

from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from . import policies
from .filters import NewsFilter, PublicationFilter
from .models import Publication, PublicationOrganization

PAGE_SIZE = 20


def _list(request, *, news: bool):
    # Whatever this viewer may see: staff also see drafts, marked as such, as a preview.
    base = Publication.objects.visible_to(request.viewer)
    base = (base.news() if news else base.not_news()).for_list()
    filter_class = NewsFilter if news else PublicationFilter
    filterset = filter_class(request.GET or None, queryset=base)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "publications/publication_list.html",
        {"filter": filterset, "page": page, "publications": page.object_list, "news": news},
    )


def publication_list(request):
    return _list(request, news=False)


def news_list(request):
    return _list(request, news=True)


def _jsonld(request, publication, *, news: bool) -> dict:
    kind = "NewsArticle" if news else ("Report" if publication.type == Publication.Type.REPORT else "Article")
    publishers = [
        r.organization for r in publication.organization_roles if r.role == PublicationOrganization.Role.PUBLISHER
    ]
    authors = [
        r.organization for r in publication.organization_roles if r.role != PublicationOrganization.Role.CONTRIBUTOR
    ]
    return {
        "@context": "https://schema.org",
        "@type": kind,
        "headline": publication.title[:110],
        "name": publication.title,
        "description": publication.summary,
        "datePublished": publication.published_on.isoformat() if publication.published_on else None,
        "inLanguage": publication.language,
        "publisher": [{"@type": "Organization", "name": o.name} for o in publishers],
        "author": [{"@type": "Person", "name": r.person.full_name} for r in publication.person_roles]
        or [{"@type": "Organization", "name": o.name} for o in authors],
        "url": request.build_absolute_uri(publication.get_absolute_url()),
    }


def _detail(request, slug, *, news: bool):
    viewer = request.viewer
    publication = Publication.objects.visible_to(viewer).for_detail_page(viewer).filter(slug=slug).first()
    if publication is None:
        hidden = Publication.objects.filter(slug=slug).first()
        if hidden is not None and policies.is_members_only_for(viewer, hidden):
            # Say what it is and how to get in, without its title.
            return render(request, "publications/members_only.html", {"news": news}, status=403)
        raise Http404("No such publication.")
    if (publication.type == Publication.Type.NEWS_POST) != news:
        raise Http404("No such publication here.")
    return render(
        request,
        "publications/publication_detail.html",
        {
            "publication": publication,
            "news": news,
            "downloadable": policies.can_download(viewer, publication),
            "jsonld": _jsonld(request, publication, news=news),
        },
    )


def publication_detail(request, slug):
    return _detail(request, slug, news=False)


def news_detail(request, slug):
    return _detail(request, slug, news=True)


def publication_download(request, slug):
    """The file of a publication, for whoever may see it; files are never served directly."""
    publication = get_object_or_404(Publication.objects.visible_to(request.viewer), slug=slug)
    if not policies.can_download(request.viewer, publication):
        raise Http404("This publication has no file.")
    return FileResponse(
        publication.file.open("rb"), as_attachment=True, filename=publication.file.name.rsplit("/", 1)[-1]
    )
