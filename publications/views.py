"""Public pages for publications and news."""

from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from .filters import NewsFilter, PublicationFilter
from .models import Publication

PAGE_SIZE = 20


def _list(request, *, news: bool):
    base = Publication.objects.visible_to(request.user).published()
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


def _detail(request, slug, *, news: bool):
    publication = get_object_or_404(Publication.objects.visible_to(request.user).for_detail_page(), slug=slug)
    if (publication.type == Publication.Type.NEWS_POST) != news:
        raise Http404("No such publication here.")
    kind = "NewsArticle" if news else ("Report" if publication.type == Publication.Type.REPORT else "Article")
    return render(
        request,
        "publications/publication_detail.html",
        {
            "publication": publication,
            "news": news,
            "jsonld": {
                "@context": "https://schema.org",
                "@type": kind,
                "headline": publication.title[:110],
                "name": publication.title,
                "description": publication.summary,
                "datePublished": publication.published_on.isoformat() if publication.published_on else None,
                "inLanguage": publication.language,
                "publisher": [
                    {"@type": "Organization", "name": r.organization.name}
                    for r in publication.organization_roles
                    if r.role == "publisher"
                ],
                "author": [{"@type": "Person", "name": r.person.full_name} for r in publication.person_roles]
                or [
                    {"@type": "Organization", "name": r.organization.name}
                    for r in publication.organization_roles
                    if r.role in ("publisher", "author")
                ],
                "url": request.build_absolute_uri(publication.get_absolute_url()),
            },
        },
    )


def publication_detail(request, slug):
    return _detail(request, slug, news=False)


def news_detail(request, slug):
    return _detail(request, slug, news=True)


def publication_download(request, slug):
    """The file of a publication, for whoever may see it; files are never served directly."""
    publication = get_object_or_404(Publication.objects.downloadable_by(request.user), slug=slug)
    if not publication.file:
        raise Http404("This publication has no file.")
    return FileResponse(
        publication.file.open("rb"), as_attachment=True, filename=publication.file.name.rsplit("/", 1)[-1]
    )
