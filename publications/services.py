"""Writes that carry a rule for publications: the editorial lifecycle and partner submissions."""

from django.db import transaction
from django.utils import timezone

from members.models import Organization
from portal.errors import DomainError, InvalidTransition
from portal.slugs import unique_slug

from .models import Publication, PublicationOrganization

P = Publication.Status


def _transition(*, publication: Publication, sources: set[str], target: str, verb: str, changes=None):
    with transaction.atomic():
        locked = Publication.objects.select_for_update().get(pk=publication.pk)
        if locked.status not in sources:
            raise InvalidTransition(f"Cannot {verb} a publication that is {locked.get_status_display().lower()}.")
        locked.status = target
        for field, value in (changes or {}).items():
            setattr(locked, field, value)
        locked.save()
    return locked


def publication_publish(*, publication: Publication, by=None) -> Publication:
    return _transition(
        publication=publication,
        sources={P.DRAFT, P.IN_REVIEW, P.WITHDRAWN},
        target=P.PUBLISHED,
        verb="publish",
        changes={"published_on": publication.published_on or timezone.localdate()},
    )


def publication_unpublish(*, publication: Publication, by=None) -> Publication:
    return _transition(publication=publication, sources={P.PUBLISHED}, target=P.DRAFT, verb="unpublish")


def publication_withdraw(*, publication: Publication, by=None) -> Publication:
    return _transition(publication=publication, sources={P.PUBLISHED}, target=P.WITHDRAWN, verb="withdraw")


def publication_return_to_submitter(*, publication: Publication, by=None, note: str) -> Publication:
    """Staff send a submission back with a note; the partner can edit and resubmit."""
    if not note.strip():
        raise DomainError("A note is required when returning a submission.", field="review_note")
    return _transition(
        publication=publication,
        sources={P.IN_REVIEW},
        target=P.DRAFT,
        verb="return",
        changes={"review_note": note.strip()},
    )


def publication_submit(
    *,
    organization: Organization,
    title: str,
    type: str,
    summary: str = "",
    body: str = "",
    external_url: str = "",
    language: str = "en",
) -> Publication:
    """A partner submits a publication; it waits `in_review` until staff publish or return it."""
    if type not in Publication.Type.values:
        raise DomainError(f"Unknown publication type {type!r}.", field="type")
    if not title.strip():
        raise DomainError("A title is required.", field="title")
    with transaction.atomic():
        publication = Publication.objects.create(
            title=title.strip(),
            slug=unique_slug(title, taken=Publication.objects.all(), fallback="publication"),
            type=type,
            status=P.IN_REVIEW,
            summary=summary,
            body=body,
            external_url=external_url,
            language=language,
            submitted_by=organization,
        )
        PublicationOrganization.objects.create(
            publication=publication, organization=organization, role=PublicationOrganization.Role.PUBLISHER
        )
    return publication


def publication_resubmit(*, publication: Publication) -> Publication:
    return _transition(publication=publication, sources={P.DRAFT}, target=P.IN_REVIEW, verb="resubmit")
