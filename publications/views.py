"""Public pages for publications and news. What a visitor may see is asked of publications/policies.py."""

from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from kernel.invented import invented_note
from kernel.roles import roles_by

from . import policies
from .filters import NewsFilter, PublicationFilter
from .models import Publication, PublicationOrganization, PublicationPerson

PAGE_SIZE = 20


def _list(request, *, news: bool):
    # Whatever this viewer may see: staff also see drafts, marked as such, as a preview.
    base = Publication.objects.visible_to(request.viewer)
    base = (base.news() if news else base.not_news()).for_list()
    filter_class = NewsFilter if news else PublicationFilter
    filterset = filter_class(request.GET or None, queryset=base, request=request)
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
    OrgRole, PersonRole = PublicationOrganization.Role, PublicationPerson.Role

    def organisations(*roles):
        rows = [r for r in publication.organization_roles if r.role in roles]
        return [{"@type": "Organization", "name": group.subject.name} for group in roles_by(rows, "organization")]

    def people(*roles):
        rows = [r for r in publication.person_roles if r.role in roles]
        return [
            {"@type": "Person", "name": group.subject.full_name}
            | (
                {"affiliation": {"@type": "Organization", "name": group.printed_affiliation}}
                if group.printed_affiliation
                else {}
            )
            for group in roles_by(rows, "person")
        ]

    # Who launched or presented it is said on the page; schema.org has no such property, so it is left out here.
    return {
        "@context": "https://schema.org",
        "@type": kind,
        "headline": publication.title[:110],
        "name": publication.title,
        "description": " ".join(p for p in (publication.summary, invented_note(publication.invented_facts)) if p),
        "datePublished": publication.published_on.isoformat() if publication.published_on else None,
        "inLanguage": publication.language,
        "publisher": organisations(OrgRole.PUBLISHER),
        "author": people(PersonRole.AUTHOR) or organisations(OrgRole.AUTHOR, OrgRole.PUBLISHER),
        "contributor": people(PersonRole.CONTRIBUTOR) + organisations(OrgRole.CONTRIBUTOR),
        "url": request.build_absolute_uri(publication.get_absolute_url()),
    }


def _credits(publication) -> dict:
    """Who made it (each organisation and person once, with all their roles) and, apart, who launched it."""
    launch_roles = (PublicationOrganization.Role.LAUNCHER, PublicationPerson.Role.LAUNCHER)
    return {
        "organisations": roles_by(
            [r for r in publication.organization_roles if r.role not in launch_roles], "organization"
        ),
        "people": roles_by([r for r in publication.person_roles if r.role not in launch_roles], "person"),
        "launched_by_organisations": [r.organization for r in publication.organization_roles if r.role in launch_roles],
        "launched_by_people": [r for r in publication.person_roles if r.role in launch_roles],
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
            "credits": _credits(publication),
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
